"""CaseWorkflow on a real Temporal dev server, through the real LangGraph plugin."""

from __future__ import annotations

from pathlib import Path

import pytest
from temporalio.client import Client

from agents.contracts import ApprovalDecision, CaseStatus, DecisionAction, Role
from cx.errors import CaseNotFoundError, DecisionRejectedError
from tests.workflows.harness import Harness, decision, eventually, wait_for_status
from workflows import client as svc

pytestmark = pytest.mark.integration


@pytest.fixture
def h(client: Client, tmp_path: Path) -> Harness:
    return Harness(client, tmp_path)


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
        pending = await h.waiting(case_id)
        assert h.outbox.for_case(case_id) == []

        async def listed() -> bool:
            return case_id in [r.case_id for r in await svc.list_approvals(h.client)]

        await eventually(listed)
        assert pending.reasons == ["scripted: human review requested"]
        assert (pending.message, pending.customer_name) == (
            "I want $900 back [human]",
            "Ada Lovelace",
        )
        assert pending.submitted_by == "op-olga"
        receipt = await svc.decide(h.client, case_id, decision(pending))
        assert receipt.status is CaseStatus.DELIVERED
        with pytest.raises(
            DecisionRejectedError,
            match=r"already closed \(status: delivered\), already decided: approve by ben",
        ):
            await svc.decide(h.client, case_id, decision(pending))
        result = await svc.case_result(h.client, case_id)
    assert result.decision is not None and result.decision.actor == "ben"
    assert result.decision.decided_at is not None
    assert result.decision.binding_sha256 == pending.binding_sha256
    sent = h.outbox.for_case(case_id)
    assert [d.text_sha256 for d in sent] == [pending.draft_sha256]
    assert [e.decision.action for e in result.history] == [DecisionAction.APPROVE]


async def test_rejected_case_is_not_delivered(h: Harness) -> None:
    async with h.worker():
        case_id = await h.submit("Refund me now [human]")
        pending = await h.waiting(case_id)
        reject = decision(pending, DecisionAction.REJECT, reason="Calling the customer")
        receipt = await svc.decide(h.client, case_id, reject)
        result = await svc.case_result(h.client, case_id)
    assert receipt.status is CaseStatus.REJECTED
    assert result.status is CaseStatus.REJECTED
    assert h.outbox.for_case(case_id) == []


async def test_wrong_role_stale_version_and_missing_reason_are_refused(h: Harness) -> None:
    async with h.worker():
        case_id = await h.submit("Please check [human]")
        pending = await h.waiting(case_id)
        with pytest.raises(DecisionRejectedError, match="Role 'operator' cannot decide"):
            await svc.decide(h.client, case_id, decision(pending, role=Role.OPERATOR))
        stale = ApprovalDecision(
            action=DecisionAction.APPROVE, actor="ben", draft_version=7, binding_sha256="x"
        )
        with pytest.raises(DecisionRejectedError, match="draft v7, but case .* waits on draft v1"):
            await svc.decide(h.client, case_id, stale)
        with pytest.raises(DecisionRejectedError, match="needs a reason"):
            await svc.decide(h.client, case_id, decision(pending, DecisionAction.REJECT))
        assert (await svc.view_case(h.client, case_id)).status is CaseStatus.AWAITING_APPROVAL
        await svc.decide(h.client, case_id, decision(pending))
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
        pending = await h.waiting(case_id)
        receipt = await svc.decide(h.client, case_id, decision(pending))
    assert receipt.status is CaseStatus.DELIVERED
    assert len(h.outbox.for_case(case_id)) == 1


async def test_revisions_are_bounded_then_a_human_decides(h: Harness) -> None:
    async with h.worker():
        case_id = await h.submit("Findings never go away [revise]")
        pending = await h.waiting(case_id, version=3)
    assert pending.draft_version == 3
    assert [c for c in h.backend.calls if c.startswith("draft")] == [
        "draft:v1:fixes=0",
        "draft:v2:fixes=1",
        "draft:v3:fixes=1",
    ]


async def test_unknown_case_id_is_reported(h: Harness) -> None:
    with pytest.raises(CaseNotFoundError, match="No case with id 'case-nope'"):
        await svc.view_case(h.client, "case-nope")
