"""Record the case workflow histories that ``test_replay`` replays on every CI run.

Run ``.venv/bin/python -m tests.workflows.record_histories`` after a deliberate,
versioned change to the workflow (and say so in the commit); never to make a failing
replay pass by accident. It runs every decision path on a throwaway dev server with the
scripted backend: auto-delivered, approved, rejected, revised-then-approved, edited,
rewritten-then-approved, escalated-then-approved, reassigned-then-approved and
sla-breached-then-approved (with a one-second SLA).
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path
from typing import Any

from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment

from agents.contracts import DecisionAction, Priority, Role
from agents.graph import AgentServices
from cx.devstack import temporal_binary
from cx.settings import Settings
from tests.workflows.harness import decision, make_case
from tests.workflows.scripted import ScriptedBackend, StaticRetriever
from workflows import client as svc
from workflows import search_attributes as sa
from workflows.delivery import Outbox
from workflows.worker import build_worker

HISTORIES = Path(__file__).resolve().parent / "histories"
Step = tuple[DecisionAction, dict[str, Any]]
APPROVE: Step = (DecisionAction.APPROVE, {})
PATHS: dict[str, tuple[str, list[Step]]] = {
    "auto-delivered": ("Where is my parcel?", []),
    "approved": ("Refund $900 please [human]", [APPROVE]),
    "rejected": ("Refund $900 please [human]", [(DecisionAction.REJECT, {"reason": "call"})]),
    "revised-then-approved": ("Needs work [revise]", [APPROVE]),
    "edited": ("Refund [human]", [(DecisionAction.EDIT, {"text": "Dear Ada, done."})]),
    "rewritten-then-approved": (
        "Refund [human]",
        [(DecisionAction.REJECT, {"reason": "Shorter", "rewrite": True}), APPROVE],
    ),
    "escalated-then-approved": (
        "Refund [human]",
        [
            (DecisionAction.ESCALATE, {"reason": "legal"}),
            (DecisionAction.APPROVE, {"role": Role.SENIOR_APPROVER}),
        ],
    ),
    "reassigned-then-approved": (
        "Refund [human]",
        [(DecisionAction.REASSIGN, {"assignee": "ben"}), APPROVE],
    ),
    "sla-breached-then-approved": (
        "Refund [human] [slow]",
        [(DecisionAction.APPROVE, {"role": Role.SENIOR_APPROVER})],
    ),
}


async def _pending_after(client: Client, case_id: str, history_len: int) -> Any:
    """The pending request once ``history_len`` decisions are recorded and a draft waits."""
    while True:
        view = await svc.view_case(client, case_id)
        if view.pending is not None and len(view.history) >= history_len:
            return view.pending
        await asyncio.sleep(0.1)


async def _run_path(client: Client, settings: Settings, name: str) -> str:
    message, steps = PATHS[name]
    case_id = (await svc.submit_case(client, make_case(message), settings)).case_id
    # The slow path waits for the SLA breach (one system decision) before deciding.
    done = 1 if "[slow]" in message else 0
    for action, fields in steps:
        pending = await _pending_after(client, case_id, done)
        await svc.decide(client, case_id, decision(pending, action, **fields))
        done += 1
    await svc.case_result(client, case_id)
    history = await client.get_workflow_handle(case_id).fetch_history()
    return history.to_json()


async def main() -> None:
    env = await WorkflowEnvironment.start_local(
        dev_server_existing_path=temporal_binary(),
        data_converter=pydantic_data_converter,
        search_attributes=sa.ALL,
        ui=False,
    )
    with tempfile.TemporaryDirectory() as tmp:
        normal = Settings(data_dir=Path(tmp), temporal={"task_queue": "record"})
        slow = normal.model_copy(
            update={
                "approvals": normal.approvals.model_copy(
                    update={"sla_seconds": {p: 1.0 for p in Priority}}
                )
            }
        )
        services = AgentServices(
            backend=ScriptedBackend(),
            retriever=StaticRetriever(),
            deliverer=Outbox(normal.outbox_path),
        )
        async with env, build_worker(env.client, "record", services):
            for name, (message, _) in PATHS.items():
                settings = slow if "[slow]" in message else normal
                text = await _run_path(env.client, settings, name)
                (HISTORIES / f"{name}.json").write_text(text, encoding="utf-8")
                print(f"recorded {name}")


if __name__ == "__main__":
    asyncio.run(main())
