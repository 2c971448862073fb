"""CaseWorkflow on a real Temporal dev server, through the real LangGraph plugin."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from temporalio.client import Client
from temporalio.worker import Worker

from agents.contracts import (
    ApprovalDecision,
    CaseInput,
    CaseStatus,
    CustomerProfile,
    DecisionAction,
    Role,
)
from agents.graph import AgentServices
from cx.errors import CaseNotFoundError, DecisionRejectedError
from cx.settings import Settings
from tests.workflows.scripted import ScriptedBackend, StaticRetriever
from workflows import client as svc
from workflows.delivery import Outbox
from workflows.worker import build_worker

pytestmark = pytest.mark.integration


class Harness:
    """One test's worker, outbox and settings on a unique task queue."""

    def __init__(self, client: Client, tmp_path: Path) -> None:
        self.client = client
        self.queue = f"test-{uuid.uuid4().hex[:8]}"
        self.settings = Settings(data_dir=tmp_path, temporal={"task_queue": self.queue})
        self.outbox = Outbox(self.settings.outbox_path)
        self.backend = ScriptedBackend()

    def worker(self) -> Worker:
        services = AgentServices(
            backend=self.backend, retriever=StaticRetriever(), deliverer=self.outbox
        )
        return build_worker(self.client, self.queue, services)

    def case(self, message: str) -> CaseInput:
        return CaseInput(
            message=message,
            customer=CustomerProfile(
                customer_id="c-1", name="Ada Lovelace", email="ada@example.com"
            ),
            idempotency_key=uuid.uuid4().hex,
        )

    async def submit(self, message: str) -> str:
        return (await svc.submit_case(self.client, self.case(message), self.settings)).case_id


@pytest.fixture
def h(client: Client, tmp_path: Path) -> Harness:
    return Harness(client, tmp_path)


async def eventually(check: Callable[[], Awaitable[bool]], seconds: float = 10) -> None:
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


def approve(h_version: int, sha: str, role: Role = Role.APPROVER) -> ApprovalDecision:
    return ApprovalDecision(
        action=DecisionAction.APPROVE,
        actor="ben",
        role=role,
        draft_version=h_version,
        draft_sha256=sha,
    )


async def test_auto_case_is_delivered_once(h: Harness) -> None:
    async with h.worker():
        case_id = await h.submit("Where is my refund?")
        result = await svc.case_result(h.client, case_id)
    assert result.status is CaseStatus.DELIVERED
    assert result.decision is None
    assert [d.text for d in h.outbox.for_case(case_id)] == ["Dear Ada Lovelace, v1."]


async def test_human_case_waits_then_approval_delivers_exactly_once(h: Harness) -> None:
    async with h.worker():
        case_id = await h.submit("I want $900 back [human]")
        await wait_for_status(h, case_id, CaseStatus.AWAITING_APPROVAL)
        assert h.outbox.for_case(case_id) == []

        async def listed() -> bool:
            return case_id in [r.case_id for r in await svc.list_approvals(h.client)]

        await eventually(listed)
        pending = (await svc.view_case(h.client, case_id)).pending
        assert pending is not None
        assert pending.reasons == ["scripted: human review requested"]
        receipt = await svc.decide(h.client, case_id, approve(1, pending.draft_sha256))
        assert receipt.status is CaseStatus.DELIVERED
        with pytest.raises(DecisionRejectedError, match=r"already closed \(status: delivered\)"):
            await svc.decide(h.client, case_id, approve(1, pending.draft_sha256))
        result = await svc.case_result(h.client, case_id)
    assert result.decision is not None and result.decision.actor == "ben"
    assert len(h.outbox.for_case(case_id)) == 1


async def test_rejected_case_is_not_delivered(h: Harness) -> None:
    async with h.worker():
        case_id = await h.submit("Refund me now [human]")
        await wait_for_status(h, case_id, CaseStatus.AWAITING_APPROVAL)
        reject = ApprovalDecision(
            action=DecisionAction.REJECT,
            actor="ben",
            reason="Calling the customer",
            draft_version=1,
        )
        receipt = await svc.decide(h.client, case_id, reject)
        result = await svc.case_result(h.client, case_id)
    assert receipt.status is CaseStatus.REJECTED
    assert result.status is CaseStatus.REJECTED
    assert h.outbox.for_case(case_id) == []


async def test_wrong_role_stale_version_and_missing_reason_are_refused(h: Harness) -> None:
    async with h.worker():
        case_id = await h.submit("Please check [human]")
        await wait_for_status(h, case_id, CaseStatus.AWAITING_APPROVAL)
        with pytest.raises(DecisionRejectedError, match="Role 'operator' cannot decide"):
            await svc.decide(h.client, case_id, approve(1, "", role=Role.OPERATOR))
        with pytest.raises(DecisionRejectedError, match="draft v7, but case .* waits on draft v1"):
            await svc.decide(h.client, case_id, approve(7, ""))
        with pytest.raises(DecisionRejectedError, match="needs a reason"):
            await svc.decide(
                h.client,
                case_id,
                ApprovalDecision(action=DecisionAction.REJECT, actor="ben", draft_version=1),
            )
        assert (await svc.view_case(h.client, case_id)).status is CaseStatus.AWAITING_APPROVAL
        await svc.decide(h.client, case_id, approve(1, ""))
    assert len(h.outbox.for_case(case_id)) == 1


async def test_duplicate_submit_returns_the_existing_case(h: Harness) -> None:
    case = h.case("Where is my parcel?")
    async with h.worker():
        first = await svc.submit_case(h.client, case, h.settings)
        await svc.case_result(h.client, first.case_id)
        second = await svc.submit_case(h.client, case, h.settings)
    assert (first.already_existed, second.already_existed) == (False, True)
    assert second.case_id == first.case_id
    assert h.backend.calls.count("interpret") == 1


async def test_worker_restart_while_waiting_then_approval_completes(h: Harness) -> None:
    async with h.worker():
        case_id = await h.submit("Big refund [human]")
        await wait_for_status(h, case_id, CaseStatus.AWAITING_APPROVAL)
    # No worker now: the case survives in the server. A new worker process picks it up.
    async with h.worker():
        pending = (await svc.view_case(h.client, case_id)).pending
        assert pending is not None
        receipt = await svc.decide(h.client, case_id, approve(1, pending.draft_sha256))
    assert receipt.status is CaseStatus.DELIVERED
    assert len(h.outbox.for_case(case_id)) == 1


async def test_revisions_are_bounded_then_a_human_decides(h: Harness) -> None:
    async with h.worker():
        case_id = await h.submit("Findings never go away [revise]")
        await wait_for_status(h, case_id, CaseStatus.AWAITING_APPROVAL)
        pending = (await svc.view_case(h.client, case_id)).pending
    assert pending is not None and pending.draft_version == 3
    assert [c for c in h.backend.calls if c.startswith("draft")] == [
        "draft:v1:fixes=0",
        "draft:v2:fixes=1",
        "draft:v3:fixes=1",
    ]


async def test_no_decision_within_sla_sends_nothing(h: Harness) -> None:
    h.settings = Settings(
        data_dir=h.settings.data_dir,
        temporal={"task_queue": h.queue, "approval_timeout_seconds": 1},
    )
    async with h.worker():
        case_id = await h.submit("Nobody answers [human]")
        result = await svc.case_result(h.client, case_id)
    assert result.status is CaseStatus.TIMED_OUT
    assert result.decision is not None and result.decision.actor == "system-sla"
    assert h.outbox.for_case(case_id) == []


async def test_unknown_case_id_is_reported(h: Harness) -> None:
    with pytest.raises(CaseNotFoundError, match="No case with id 'case-nope'"):
        await svc.view_case(h.client, "case-nope")
