"""Prompts are files (``prompts/*.md``), so they are reviewed and versioned like policy.

Placeholders are ``$name`` (``string.Template``); a placeholder the code does not fill,
or a missing file, is a ``ConfigError`` when the backend is built, not mid-case.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from string import Template

from cx.errors import ConfigError

BUNDLED_PROMPTS = Path(__file__).with_name("prompts")
PROMPT_NAMES = ("system", "interpret", "draft", "revise")


@dataclass(frozen=True)
class Prompts:
    """The four templates every LLM backend uses."""

    system: Template
    interpret: Template
    draft: Template
    revise: Template

    @classmethod
    def load(cls, folder: Path | None = None) -> Prompts:
        """Read the templates from ``folder`` (the bundled ones by default)."""
        source = folder or BUNDLED_PROMPTS
        templates: dict[str, Template] = {}
        for name in PROMPT_NAMES:
            path = source / f"{name}.md"
            try:
                templates[name] = Template(path.read_text(encoding="utf-8"))
            except OSError as exc:
                raise ConfigError(
                    f"Prompt file {path} cannot be read ({exc.strerror}); "
                    f"reasoning.prompts_dir needs {', '.join(n + '.md' for n in PROMPT_NAMES)}."
                ) from exc
            if not templates[name].is_valid():
                raise ConfigError(f"Prompt file {path} has a malformed $placeholder.")
        return cls(**templates)


def render(template: Template, **values: object) -> str:
    """Fill every placeholder; a template asking for an unknown one is a config error."""
    try:
        return template.substitute({k: str(v) for k, v in values.items()})
    except KeyError as exc:
        raise ConfigError(
            f"A prompt uses the placeholder ${exc.args[0]}, which the backend does not provide."
        ) from exc
