"""Record the case workflow histories that ``test_replay`` replays on every CI run.

Run ``.venv/bin/python -m tests.workflows.record_histories`` after a deliberate,
versioned change to the workflow (and say so in the commit); never to make a failing
replay pass by accident. It runs four paths on a throwaway dev server with the scripted
backend: auto-delivered, approved, rejected, and revised-then-approved.
"""

from __future__ import annotations

import asyncio
import tempfile
import uuid
from pathlib import Path

from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment

from agents.contracts import ApprovalDecision, CaseInput, CustomerProfile, DecisionAction
from agents.graph import AgentServices
from cx.devstack import temporal_binary
from cx.settings import Settings
from tests.workflows.scripted import ScriptedBackend, StaticRetriever
from workflows import client as svc
from workflows import search_attributes as sa
from workflows.delivery import Outbox
from workflows.worker import build_worker

HISTORIES = Path(__file__).resolve().parent / "histories"
PATHS = {
    "auto-delivered": ("Where is my parcel?", None),
    "approved": ("Refund $900 please [human]", DecisionAction.APPROVE),
    "rejected": ("Refund $900 please [human]", DecisionAction.REJECT),
    "revised-then-approved": ("Needs work [revise]", DecisionAction.APPROVE),
}


async def _run_path(client: Client, settings: Settings, name: str) -> str:
    message, action = PATHS[name]
    case = CaseInput(
        message=message,
        customer=CustomerProfile(customer_id="c-1", name="Ada Lovelace", email="ada@example.com"),
        idempotency_key=f"{name}-{uuid.uuid4().hex[:6]}",
    )
    case_id = (await svc.submit_case(client, case, settings)).case_id
    if action is not None:
        while (view := await svc.view_case(client, case_id)).pending is None:
            await asyncio.sleep(0.1)
        decision = ApprovalDecision(
            action=action,
            actor="recorder",
            reason="recorded path",
            draft_version=view.pending.draft_version,
            draft_sha256=view.pending.draft_sha256,
        )
        await svc.decide(client, case_id, decision)
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
        settings = Settings(data_dir=Path(tmp), temporal={"task_queue": "record"})
        services = AgentServices(
            backend=ScriptedBackend(),
            retriever=StaticRetriever(),
            deliverer=Outbox(settings.outbox_path),
        )
        async with env, build_worker(env.client, "record", services):
            for name in PATHS:
                text = await _run_path(env.client, settings, name)
                (HISTORIES / f"{name}.json").write_text(text, encoding="utf-8")
                print(f"recorded {name}")


if __name__ == "__main__":
    asyncio.run(main())
