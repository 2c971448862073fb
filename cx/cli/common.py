"""Shared CLI plumbing: consoles, settings, and turning ``CxError`` into one red line."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, NoReturn, TypeVar

import typer
from rich.console import Console

from cx.errors import CxError
from cx.settings import Settings, load_settings

T = TypeVar("T")

console = Console()
err_console = Console(stderr=True)


def fail(error: CxError) -> NoReturn:
    """Print ``error`` on one line and exit with its code."""
    err_console.print(f"[bold red]error:[/] {error}", highlight=False, soft_wrap=True)
    raise typer.Exit(error.exit_code)


def settings() -> Settings:
    """The settings for this invocation (env, ``cx.yaml``), or a clear config error."""
    try:
        return load_settings()
    except CxError as exc:
        fail(exc)


def run(coro: Coroutine[Any, Any, T]) -> T:
    """Run an async service call, reporting ``CxError``s the cx way."""
    try:
        return asyncio.run(coro)
    except CxError as exc:
        fail(exc)
