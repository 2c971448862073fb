"""The shutdown hook drops only the plugin's idle-workflow teardown error."""

from __future__ import annotations

import sys
from types import SimpleNamespace
from typing import Any

import pytest
from temporalio import workflow

from workflows import idle_teardown


async def run_workflow() -> None:
    """Named like the SDK's coroutine that the garbage collector closes."""


async def send_reply() -> None:
    """Any other coroutine."""


def _unraisable(exc: BaseException, coroutine_fn: Any) -> SimpleNamespace:
    coroutine = coroutine_fn()
    coroutine.close()
    return SimpleNamespace(exc_value=exc, object=coroutine, exc_type=type(exc))


def _seen_by_previous(unraisable: SimpleNamespace) -> list[Any]:
    seen: list[Any] = []
    idle_teardown.quiet_hook(seen.append)(unraisable)
    return seen


def test_drops_the_plugin_teardown_error_from_a_workflow_coroutine() -> None:
    error = workflow._NotInWorkflowEventLoopError("Not in workflow event loop")
    assert _seen_by_previous(_unraisable(error, run_workflow)) == []


@pytest.mark.parametrize(
    ("error", "coroutine_fn"),
    [
        (RuntimeError("coroutine ignored GeneratorExit"), run_workflow),
        (workflow._NotInWorkflowEventLoopError("Not in workflow event loop"), send_reply),
        (ValueError("a real bug"), send_reply),
    ],
)
def test_passes_every_other_unraisable_on(error: BaseException, coroutine_fn: Any) -> None:
    unraisable = _unraisable(error, coroutine_fn)
    assert _seen_by_previous(unraisable) == [unraisable]


def test_install_wraps_the_hook_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "unraisablehook", sys.__unraisablehook__)
    idle_teardown.install()
    first = sys.unraisablehook
    idle_teardown.install()
    assert sys.unraisablehook is first
    assert first is not sys.__unraisablehook__
