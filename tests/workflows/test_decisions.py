"""The approver's decision matrix on a real server: edit, reject, escalate, reassign, races."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from temporalio.client import Client

from agents.contracts import ApprovalDecision, CaseStatus, DecisionAction, Role
from cx.errors import CaseNotFoundError, DecisionRejectedError
from tests.workflows.harness import Harness, decision
from workflows import client as svc
from workflows.contracts import SENIOR_QUEUE, DecisionReceipt

pytestmark = pytest.mark.integration

EDITED = "Dear Ada, we refunded $90 today. An AI assistant drafted this reply."


@pytest.fixture
def h(client: Client, tmp_path: Path) -> Harness:
    return Harness(client, tmp_path)


async def test_edit_is_checked_then_exactly_the_edited_text_is_sent(h: Harness) -> None:
    async with h.worker():
        case_id = await h.submit("Refund [human]")
        pending = await h.waiting(case_id)
        receipt = await svc.decide(
            h.client, case_id, decision(pending, DecisionAction.EDIT, text=EDITED)
        )
        result = await svc.case_result(h.client, case_id)
    assert receipt.status is CaseStatus.DELIVERED
    assert [d.text for d in h.outbox.for_case(case_id)] == [EDITED]
    assert (result.draft.version, result.draft.text) == (2, EDITED)
    assert result.review.draft_version == 2 and result.review.findings == []
    [entry] = result.history
    assert entry.before_text == "Dear Ada Lovelace, v1." and entry.decision.text == EDITED
    assert entry.decision.review == result.review
    assert entry.decision.approved_sha256 == h.outbox.for_case(case_id)[0].text_sha256


async def test_edit_with_a_hard_violation_or_empty_text_changes_nothing(h: Harness) -> None:
    async with h.worker():
        case_id = await h.submit("Refund [human]")
        pending = await h.waiting(case_id)
        bad = decision(pending, DecisionAction.EDIT, text="You get $5000 [violation]")
        with pytest.raises(DecisionRejectedError, match=r"violates policy \(offer.cap: over"):
            await svc.decide(h.client, case_id, bad)
        with pytest.raises(DecisionRejectedError, match="edited text is empty"):
            await svc.decide(h.client, case_id, decision(pending, DecisionAction.EDIT, text=" "))
        view = await svc.view_case(h.client, case_id)
        assert view.pending == pending and view.history == []
        await svc.decide(h.client, case_id, decision(pending))
    assert [d.text for d in h.outbox.for_case(case_id)] == ["Dear Ada Lovelace, v1."]


async def test_edit_with_soft_findings_needs_an_override_reason(h: Harness) -> None:
    text = "Refunded. [warn]"
    async with h.worker():
        case_id = await h.submit("Refund [human]")
        pending = await h.waiting(case_id)
        with pytest.raises(DecisionRejectedError, match=r"warnings \(tone.curt\); give an"):
            await svc.decide(h.client, case_id, decision(pending, DecisionAction.EDIT, text=text))
        edit = decision(pending, DecisionAction.EDIT, text=text, reason="Customer asked: brief")
        await svc.decide(h.client, case_id, edit)
        result = await svc.case_result(h.client, case_id)
    assert [d.text for d in h.outbox.for_case(case_id)] == [text]
    assert result.decision is not None and result.decision.reason == "Customer asked: brief"
    assert [f.rule_id for f in result.review.findings] == ["tone.curt"]


async def test_reject_with_rewrite_sends_instructions_to_the_writer(h: Harness) -> None:
    async with h.worker():
        case_id = await h.submit("Refund [human]")
        first = await h.waiting(case_id)
        rewrite = decision(first, DecisionAction.REJECT, reason="Mention the voucher", rewrite=True)
        receipt = await svc.decide(h.client, case_id, rewrite)
        assert (receipt.status, receipt.pending_version) == (CaseStatus.AWAITING_APPROVAL, 2)
        second = await h.waiting(case_id, version=2)
        with pytest.raises(DecisionRejectedError, match="draft v1, but case .* waits on draft v2"):
            await svc.decide(h.client, case_id, decision(first))
        await svc.decide(h.client, case_id, decision(second))
        result = await svc.case_result(h.client, case_id)
    assert h.backend.instructions == ["Mention the voucher"]
    assert second.binding_sha256 != first.binding_sha256
    assert [d.text for d in h.outbox.for_case(case_id)] == ["Dear Ada Lovelace, v2."]
    assert [(e.decision.action, e.decision.draft_version) for e in result.history] == [
        (DecisionAction.REJECT, 1),
        (DecisionAction.APPROVE, 2),
    ]


async def test_reject_closes_by_default(h: Harness) -> None:
    async with h.worker():
        case_id = await h.submit("Refund [human]")
        pending = await h.waiting(case_id)
        reject = decision(pending, DecisionAction.REJECT, reason="Calling her")
        receipt = await svc.decide(h.client, case_id, reject)
    assert receipt.status is CaseStatus.REJECTED and receipt.pending_version is None
    assert h.outbox.for_case(case_id) == [] and h.backend.instructions == []


async def test_escalation_moves_the_case_to_seniors_only(h: Harness) -> None:
    async with h.worker():
        case_id = await h.submit("Refund [human]")
        pending = await h.waiting(case_id)
        with pytest.raises(DecisionRejectedError, match="escalation needs a reason"):
            await svc.decide(h.client, case_id, decision(pending, DecisionAction.ESCALATE))
        up = decision(pending, DecisionAction.ESCALATE, reason="Legal wording")
        receipt = await svc.decide(h.client, case_id, up)
        assert (receipt.status, receipt.queue) == (CaseStatus.AWAITING_APPROVAL, SENIOR_QUEUE)
        with pytest.raises(DecisionRejectedError, match="in the senior queue; a senior"):
            await svc.decide(h.client, case_id, decision(pending))
        senior = decision(pending, actor="sol", role=Role.SENIOR_APPROVER)
        assert (await svc.decide(h.client, case_id, senior)).status is CaseStatus.DELIVERED
        result = await svc.case_result(h.client, case_id)
    assert [(e.decision.actor, e.queue) for e in result.history] == [
        ("ben", "approvals"),
        ("sol", SENIOR_QUEUE),
    ]


async def test_reassigned_case_is_decided_by_the_assignee(h: Harness) -> None:
    async with h.worker():
        case_id = await h.submit("Refund [human]")
        pending = await h.waiting(case_id)
        moved = decision(pending, DecisionAction.REASSIGN, assignee="cleo", reason="billing")
        assert (await svc.decide(h.client, case_id, moved)).assignee == "cleo"
        with pytest.raises(DecisionRejectedError, match="assigned to cleo"):
            await svc.decide(h.client, case_id, decision(pending))
        await svc.decide(h.client, case_id, decision(pending, actor="cleo"))
    assert len(h.outbox.for_case(case_id)) == 1


async def test_two_approvers_at_once_first_writer_wins(h: Harness) -> None:
    async with h.worker():
        case_id = await h.submit("Refund [human]")
        pending = await h.waiting(case_id)
        ben = decision(pending)
        cleo = decision(pending, DecisionAction.REJECT, actor="cleo", reason="No")
        outcomes = await asyncio.gather(
            svc.decide(h.client, case_id, ben),
            svc.decide(h.client, case_id, cleo),
            return_exceptions=True,
        )
        result = await svc.case_result(h.client, case_id)
    wins = [o for o in outcomes if isinstance(o, DecisionReceipt)]
    losses = [o for o in outcomes if isinstance(o, DecisionRejectedError)]
    assert (len(wins), len(losses)) == (1, 1), outcomes
    winner = result.history[0].decision
    assert len(result.history) == 1 and wins[0].action == winner.action.value
    # Whether the loser arrives while the case runs or after it closed, it is told who won.
    assert f"already decided: {winner.action.value} by {winner.actor}" in str(losses[0])
    delivered = len(h.outbox.for_case(case_id))
    assert delivered == (1 if winner.action is DecisionAction.APPROVE else 0)


async def test_stale_or_missing_binding_is_refused(h: Harness) -> None:
    async with h.worker():
        case_id = await h.submit("Refund [human]")
        pending = await h.waiting(case_id)
        forged = decision(pending).model_copy(update={"binding_sha256": "0" * 64})
        with pytest.raises(DecisionRejectedError, match="text or verdict changed"):
            await svc.decide(h.client, case_id, forged)
        unbound = decision(pending).model_copy(update={"binding_sha256": ""})
        with pytest.raises(DecisionRejectedError, match="must name the exact draft"):
            await svc.decide(h.client, case_id, unbound)
        assert (await svc.view_case(h.client, case_id)).history == []
        await svc.decide(h.client, case_id, decision(pending))


async def test_submitter_cannot_approve_their_own_case(client: Client, tmp_path: Path) -> None:
    strict, lax = Harness(client, tmp_path / "a"), Harness(client, tmp_path / "b",
                                                           separation_of_duties=False)  # fmt: skip
    async with strict.worker(), lax.worker():
        mine = await strict.submit("Refund [human]", operator="ben")
        pending = await strict.waiting(mine)
        with pytest.raises(
            DecisionRejectedError, match=r"ben submitted case .* \(separation of duties\)"
        ):
            await svc.decide(client, mine, decision(pending))
        await svc.decide(client, mine, decision(pending, actor="cleo"))
        allowed = await lax.submit("Refund [human]", operator="ben")
        receipt = await svc.decide(client, allowed, decision(await lax.waiting(allowed)))
    assert receipt.status is CaseStatus.DELIVERED


async def test_a_rewrite_comes_back_to_a_human_even_if_the_gate_would_not_ask(
    h: Harness,
) -> None:
    async with h.worker():
        case_id = await h.submit("Check this [first-human]")
        first = await h.waiting(case_id)
        rewrite = decision(first, DecisionAction.REJECT, reason="Warmer, please", rewrite=True)
        await svc.decide(h.client, case_id, rewrite)
        second = await h.waiting(case_id, version=2)
        assert h.outbox.for_case(case_id) == []
        await svc.decide(h.client, case_id, decision(second))
    assert [d.draft_version for d in h.outbox.for_case(case_id)] == [2]


async def test_deciding_an_unknown_case_says_so(h: Harness) -> None:
    stray = ApprovalDecision(
        action=DecisionAction.APPROVE, actor="ben", draft_version=1, binding_sha256="x"
    )
    with pytest.raises(CaseNotFoundError, match="No case with id 'case-nope'"):
        await svc.decide(h.client, "case-nope", stray)
