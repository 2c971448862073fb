"""A per-test harness: a worker on a unique task queue, an outbox, and decision helpers."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from temporalio.client import Client
from temporalio.worker import Worker

from agents.contracts import (
    ApprovalDecision,
    ApprovalRequest,
    CaseInput,
    CaseStatus,
    CustomerProfile,
    DecisionAction,
    Role,
)
from agents.graph import AgentServices
from agents.ports import Deliverer
from cx.settings import Settings
from cx.telemetry import Telemetry
from tests.workflows.scripted import ScriptedBackend, StaticRetriever
from workflows import client as svc
from workflows.delivery import Outbox
from workflows.worker import build_worker


class Harness:
    """One test's worker, outbox and settings on a unique task queue.

    ``deliverer`` (the outbox by default) and ``telemetry`` (the process's by default) are
    what a variant swaps, e.g. the telemetry tests' ``TracedHarness``.
    """

    def __init__(self, client: Client, tmp_path: Path, **approvals: Any) -> None:
        self.client = client
        self.queue = f"test-{uuid.uuid4().hex[:8]}"
        self.settings = Settings(
            data_dir=tmp_path, temporal={"task_queue": self.queue}, approvals=approvals
        )
        self.outbox = Outbox(self.settings.outbox_path)
        self.deliverer: Deliverer = self.outbox
        self.telemetry: Telemetry | None = None
        self.backend = ScriptedBackend()

    def worker(self) -> Worker:
        services = AgentServices(
            backend=self.backend, retriever=StaticRetriever(), deliverer=self.deliverer
        )
        return build_worker(self.client, self.queue, services, self.telemetry)

    def case(self, message: str, operator: str = "op-olga") -> CaseInput:
        return make_case(message, operator)

    async def submit(self, message: str, operator: str = "op-olga") -> str:
        case = self.case(message, operator)
        return (await svc.submit_case(self.client, case, self.settings)).case_id

    async def waiting(self, case_id: str, version: int = 1) -> ApprovalRequest:
        """Wait until ``case_id`` waits for approval of draft ``version``; return the request."""

        async def ready() -> bool:
            view = await svc.view_case(self.client, case_id)
            return view.pending is not None and view.pending.draft_version == version

        await eventually(ready)
        pending = (await svc.view_case(self.client, case_id)).pending
        assert pending is not None
        return pending


def make_case(message: str, operator: str = "op-olga") -> CaseInput:
    """A case for Ada with a fresh idempotency key; markers in ``message`` pick the path."""
    return CaseInput(
        message=message,
        customer=CustomerProfile(customer_id="c-1", name="Ada Lovelace", email="ada@example.com"),
        operator_id=operator,
        idempotency_key=uuid.uuid4().hex,
    )


async def eventually(check: Callable[[], Awaitable[bool]], seconds: float = 15) -> None:
    """Poll ``check`` until true: visibility and status queries are eventually consistent."""
    for _ in range(int(seconds / 0.1)):
        if await check():
            return
        await asyncio.sleep(0.1)
    raise AssertionError("condition not met in time")


async def wait_for_status(h: Harness, case_id: str, status: CaseStatus) -> None:
    async def reached() -> bool:
        return (await svc.view_case(h.client, case_id)).status is status

    await eventually(reached)


def decision(
    request: ApprovalRequest,
    action: DecisionAction = DecisionAction.APPROVE,
    *,
    actor: str = "ben",
    role: Role = Role.APPROVER,
    **fields: Any,
) -> ApprovalDecision:
    """A decision about exactly the draft ``request`` shows (version and binding)."""
    return ApprovalDecision(
        action=action,
        actor=actor,
        role=role,
        draft_version=request.draft_version,
        draft_sha256=request.draft_sha256,
        binding_sha256=request.binding_sha256,
        **fields,
    )
