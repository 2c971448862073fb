"""One typed settings object for every process (CLI, worker, dev stack, tests).

Values come, lowest priority first, from defaults, an optional YAML file (``cx.yaml`` in
the working directory or the path in ``CX_CONFIG``), then environment variables with the
``CX_`` prefix and ``__`` for nesting (``CX_TEMPORAL__ADDRESS=host:7233``).

Settings are built in ``main()`` of each entry point and passed down, never at import
time: the Temporal workflow sandbox re-imports modules, and a settings object built at
import would read the environment inside workflow code.
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, Field, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

from cx.errors import ConfigError


class TemporalSettings(BaseModel):
    """Where the Temporal server is and how this project uses it."""

    address: str = "127.0.0.1:7233"
    namespace: str = "default"
    task_queue: str = "cx-cases"
    tls: bool = False
    ui_port: int = 8233
    # SLA for an approval before the safe default applies (never an automatic send).
    approval_timeout_seconds: float = Field(default=24 * 3600, gt=0)


class ChromaSettings(BaseModel):
    """Embedded (a folder under the data dir) or a Chroma server over HTTP."""

    mode: Literal["embedded", "server"] = "embedded"
    host: str = "127.0.0.1"
    port: int = 8000
    collection: str = "cx_kb"


class EmbedderSettings(BaseModel):
    """Which embedding model turns text into vectors (see ``knowledge.embedder``)."""

    name: str = "default"


class KnowledgeSettings(BaseModel):
    """Your own intent taxonomy or risk exemplars instead of the sample company's."""

    taxonomy_path: Path | None = None
    risks_path: Path | None = None


class ReasoningSettings(BaseModel):
    """The brain behind the agents: ``local`` (deterministic, offline) or an LLM.

    ``backend`` is ``local`` or a LangChain ``init_chat_model`` string such as
    ``openai:gpt-4o-mini`` or ``ollama:llama3.1``.
    """

    backend: str = "local"
    max_revisions: int = Field(default=2, ge=0, le=5)


class RiskSettings(BaseModel):
    """Thresholds for the human-approval gate (conservative by default)."""

    auto_refund_cap: Decimal = Decimal("500")
    min_intent_confidence: float = Field(default=0.45, ge=0, le=1)
    # Also detect risk signals by meaning (knowledge/taxonomy/risks.yaml), not only keywords.
    semantic_detection: bool = True
    always_human_signals: list[str] = Field(
        default_factory=lambda: [
            "legal_threat",
            "safety",
            "vulnerable_customer",
            "chargeback",
            "prompt_injection",
        ]
    )


class LimitSettings(BaseModel):
    """Input limits: a case bigger than this is refused at the door with a clear error."""

    max_message_chars: int = Field(default=20_000, gt=0)


class Settings(BaseSettings):
    """Everything configurable about cx, in one place."""

    model_config = SettingsConfigDict(env_prefix="CX_", env_nested_delimiter="__", extra="forbid")

    data_dir: Path = Path("data")
    temporal: TemporalSettings = Field(default_factory=TemporalSettings)
    chroma: ChromaSettings = Field(default_factory=ChromaSettings)
    embedder: EmbedderSettings = Field(default_factory=EmbedderSettings)
    knowledge: KnowledgeSettings = Field(default_factory=KnowledgeSettings)
    reasoning: ReasoningSettings = Field(default_factory=ReasoningSettings)
    risk: RiskSettings = Field(default_factory=RiskSettings)
    limits: LimitSettings = Field(default_factory=LimitSettings)

    @field_validator("data_dir")
    @classmethod
    def _absolute(cls, value: Path) -> Path:
        return value.expanduser().resolve()

    @property
    def outbox_path(self) -> Path:
        """SQLite file of delivered messages (the idempotent outbox)."""
        return self.data_dir / "outbox.sqlite3"

    @property
    def chroma_path(self) -> Path:
        """Folder of the embedded Chroma database."""
        return self.data_dir / "chroma"

    @property
    def temporal_db_path(self) -> Path:
        """SQLite file that makes the embedded Temporal dev server persistent."""
        return self.data_dir / "temporal.sqlite3"

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Env beats the YAML file, which beats defaults; explicit arguments beat all."""
        return (init_settings, env_settings, _YamlFileSource(settings_cls))


class _YamlFileSource(PydanticBaseSettingsSource):
    """Reads ``CX_CONFIG`` or ``./cx.yaml`` when present."""

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        explicit = os.environ.get("CX_CONFIG")
        path = Path(explicit) if explicit else Path("cx.yaml")
        if not path.exists():
            if explicit:
                raise ConfigError(f"CX_CONFIG points to {path}, which does not exist.")
            return {}
        try:
            loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise ConfigError(f"{path} is not valid YAML: {exc}") from exc
        if not isinstance(loaded, dict):
            raise ConfigError(
                f"{path} must hold a mapping of settings, not {type(loaded).__name__}."
            )
        return loaded


def load_settings(**overrides: Any) -> Settings:
    """Build the settings, turning validation errors into a fix-it ``ConfigError``."""
    from pydantic import ValidationError

    try:
        return Settings(**overrides)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(
            f"Invalid setting {where}: {first['msg']}. "
            "Fix it in cx.yaml or the matching CX_ environment variable."
        ) from exc
