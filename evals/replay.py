"""Replay real past cases through the current graph and compare with what happened then.

Inputs come from the server itself: the first event of each finished ``CaseWorkflow``
holds the ``CaseInput`` the operator submitted (inside ``CaseWorkflowInput``), and the
workflow's result holds what the system did. Nothing is sent: the current graph runs
in-process against a throwaway outbox, with the scripted approver answering any approval.
"""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Sequence
from pathlib import Path

from temporalio.api.common.v1 import Payload
from temporalio.client import Client

from agents.contracts import CaseInput, Contract
from agents.graph import AgentServices
from evals.runner import compile_case_graph, run_in_graph
from workflows.case_workflow import CaseWorkflow
from workflows.contracts import CaseResult, CaseWorkflowInput
from workflows.delivery import Outbox

_FINISHED = 'WorkflowType = "CaseWorkflow" AND ExecutionStatus = "Completed"'


class ReplayRow(Contract):
    """One past case: then versus now."""

    case_id: str
    route_then: str
    route_now: str
    intent_then: str
    intent_now: str
    status_then: str
    status_now: str
    text_changed: bool

    @property
    def route_changed(self) -> bool:
        """A different decision about whether a human must approve."""
        return self.route_then != self.route_now

    @property
    def lost_oversight(self) -> bool:
        """Went to a human then, would go out automatically now: the regression that matters."""
        return self.route_then == "human" and self.route_now == "auto"


async def past_cases(client: Client, *, limit: int) -> list[tuple[CaseInput, CaseResult]]:
    """Finished cases on the server, newest first, as (input, result) pairs."""
    pairs: list[tuple[CaseInput, CaseResult]] = []
    async for wf in client.list_workflows(_FINISHED, limit=limit):
        handle = client.get_workflow_handle_for(CaseWorkflow.run, wf.id, run_id=wf.run_id)
        history = await handle.fetch_history()
        started = history.events[0].workflow_execution_started_event_attributes
        pairs.append((await _case_input(client, started.input.payloads), await handle.result()))
    return pairs


async def _case_input(client: Client, payloads: Sequence[Payload]) -> CaseInput:
    """The submitted case from a workflow's input.

    Cases started before approval policies existed took ``(case, timeout)``; newer ones
    take one ``CaseWorkflowInput``. Both stay replayable.
    """
    if len(payloads) == 2:
        old = await client.data_converter.decode(payloads, [CaseInput, float])
        return CaseInput.model_validate(old[0])
    [new] = await client.data_converter.decode(payloads, [CaseWorkflowInput])
    return CaseWorkflowInput.model_validate(new).case


async def replay(
    pairs: list[tuple[CaseInput, CaseResult]], services: AgentServices
) -> list[ReplayRow]:
    """Run each past input through the current graph and compare the outcomes."""
    with tempfile.TemporaryDirectory(prefix="cx-replay-") as tmp:
        isolated = dataclasses.replace(services, deliverer=Outbox(Path(tmp) / "outbox.sqlite3"))
        app = compile_case_graph(isolated)
        rows = []
        for case, then in pairs:
            now = await run_in_graph(app, case, f"replay-{then.case_id}")
            rows.append(_compare(then, now))
    return rows


def _compare(then: CaseResult, now: CaseResult) -> ReplayRow:
    return ReplayRow(
        case_id=then.case_id,
        route_then=then.risk.route.value,
        route_now=now.risk.route.value,
        intent_then=then.interpretation.intent,
        intent_now=now.interpretation.intent,
        status_then=then.status.value,
        status_now=now.status.value,
        text_changed=then.draft.sha256 != now.draft.sha256,
    )
