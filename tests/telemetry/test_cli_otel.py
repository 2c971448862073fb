"""``cx dev --otel`` / ``cx worker --otel``: the exporter flag, validated like the config."""

from __future__ import annotations

import pytest

from cx.cli.stack import _with_otel
from cx.errors import ConfigError
from cx.settings import Settings


def test_otel_flag_overrides_the_configured_exporter() -> None:
    cfg = Settings(telemetry={"exporter": "otlp-grpc", "json_logs": True})
    chosen = _with_otel(cfg, "console").telemetry
    assert (chosen.exporter, chosen.json_logs) == ("console", True)
    assert _with_otel(cfg, "").telemetry.exporter == "otlp-grpc"


def test_unknown_exporter_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="--otel must be none, console, otlp-grpc or otlp-http"):
        _with_otel(Settings(), "jaeger")
