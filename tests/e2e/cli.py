"""Run ``cx`` in-process and capture what a user would see."""

from __future__ import annotations

from dataclasses import dataclass

from typer.testing import CliRunner

from cx.cli.main import app


@dataclass
class Outcome:
    """Exit code and combined output of one ``cx`` invocation."""

    code: int
    out: str


def cx(*args: str) -> Outcome:
    """Invoke ``cx ARGS`` like a shell would."""
    result = CliRunner().invoke(app, list(args))
    return Outcome(result.exit_code, result.output)
