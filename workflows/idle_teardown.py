"""Keep a stopping worker from printing tracebacks about workflows it never evicted.

Temporal's Core does not evict *idle* cached workflows when a worker shuts down
(temporalio/sdk-python PR #1849). A case waiting for an approver is exactly such a
workflow, so after Ctrl-C its suspended coroutine is left for the garbage collector.
Closing it runs the LangGraph plugin's ``finally`` block, which calls
``workflow.info()`` outside the workflow's event loop; Python then prints "Exception
ignored in: <coroutine ... run_workflow>" with a traceback for every waiting case.

Nothing is lost: the workflow's history is on the server and the next worker replays
it. The traceback would only make an operator think something broke. This hook drops
exactly that error, from exactly that kind of coroutine, and passes everything else on.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable
from typing import Any

from temporalio import workflow

_NOT_IN_WORKFLOW_LOOP: type[BaseException] = getattr(
    workflow, "_NotInWorkflowEventLoopError", RuntimeError
)

UnraisableHook = Callable[[Any], object]


def is_idle_workflow_teardown(unraisable: Any) -> bool:
    """True for the plugin's cleanup failing in a workflow coroutine closed by GC."""
    return (
        isinstance(unraisable.exc_value, _NOT_IN_WORKFLOW_LOOP)
        and isinstance(unraisable.object, types.CoroutineType)
        and unraisable.object.__qualname__.endswith("run_workflow")
    )


def quiet_hook(previous: UnraisableHook) -> UnraisableHook:
    """An unraisable hook that drops idle-workflow teardown noise, else calls ``previous``."""

    def hook(unraisable: Any) -> None:
        if not is_idle_workflow_teardown(unraisable):
            previous(unraisable)

    hook.quiets_idle_workflow_teardown = True  # type: ignore[attr-defined]
    return hook


def install() -> None:
    """Install the hook for this process, once (calling it again changes nothing)."""
    if not getattr(sys.unraisablehook, "quiets_idle_workflow_teardown", False):
        sys.unraisablehook = quiet_hook(sys.unraisablehook)
