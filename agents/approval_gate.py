"""The human-approval gate: builds the approver's task, applies the decision to the state.

It runs inside the workflow (``execute_in: workflow``), so it is pure: no I/O, no
clock. LangGraph re-runs an interrupted node from its start on resume, so nothing here
has side effects before ``interrupt()``; what the decision changes is returned as a
partial state update, which is how an edit becomes the draft that is delivered.
"""

from __future__ import annotations

from typing import Any

from langgraph.types import interrupt

from agents.contracts import (
    ApprovalDecision,
    ApprovalRequest,
    CaseInput,
    DecisionAction,
    Draft,
    Finding,
    Interpretation,
    Retrieval,
    Review,
    RiskDecision,
    Route,
    Severity,
    content_binding,
)
from agents.state import CaseState

INSTRUCTIONS_RULE = "approver.instructions"


def build_request(state: CaseState) -> ApprovalRequest:
    """Everything an approver needs to decide, from the graph state."""
    case = CaseInput.model_validate(state["case"])
    draft = Draft.model_validate(state["draft"])
    interp = Interpretation.model_validate(state["interpretation"])
    review = Review.model_validate(state["review"])
    risk = RiskDecision.model_validate(state["risk"])
    cited = set(draft.citations)
    passages = Retrieval.model_validate(state["retrieval"]).passages
    return ApprovalRequest(
        case_id=state["case_id"],
        draft_version=draft.version,
        draft_text=draft.text,
        draft_sha256=draft.sha256,
        binding_sha256=content_binding(draft.text, review),
        policy_passed=review.passed,
        priority=risk.priority,
        reasons=risk.reasons,
        intent=interp.intent,
        emotion=interp.emotion,
        urgency=interp.urgency,
        risks=interp.risks,
        amount_at_stake=risk.amount_at_stake,
        findings=review.findings,
        citations=draft.citations,
        passages=[p for p in passages if p.chunk_id in cited],
        subject=case.subject,
        message=case.message,
        customer_name=case.customer.name,
        tier=case.customer.tier,
        channel=case.channel,
        submitted_by=case.operator_id,
        revision_notes=draft.revision_notes,
        backend_notes=[*interp.backend_notes, *draft.backend_notes],
    )


def gate(state: CaseState) -> dict[str, Any]:
    """Auto-route or pause for a human; then apply what the human decided."""
    risk = RiskDecision.model_validate(state["risk"])
    if risk.route is Route.AUTO and not state.get("human_review"):
        return {"decision": None}
    answer = interrupt(build_request(state).model_dump(mode="json"))
    decision = ApprovalDecision.model_validate(answer)
    update: dict[str, Any] = {"decision": decision.model_dump(mode="json")}
    if decision.action is DecisionAction.EDIT:
        update.update(_edited(state, decision))
    elif decision.action is DecisionAction.REJECT and decision.rewrite:
        # The rewritten draft comes back to a human, whatever the risk gate then says.
        update.update(instructions=decision.reason, human_review=True)
    return update


def _edited(state: CaseState, decision: ApprovalDecision) -> dict[str, Any]:
    """The approver's text becomes the next draft version, with its own verdict."""
    if decision.text is None or decision.review is None:
        raise ValueError("An edit decision must carry its text and the checker's verdict.")
    shown = Draft.model_validate(state["draft"])
    draft = edited_draft(shown, decision.text, decision.actor)
    return {
        "draft": draft.model_dump(mode="json"),
        "review": decision.review.model_dump(mode="json"),
        "drafts_written": draft.version,
    }


def edited_draft(shown: Draft, text: str, actor: str) -> Draft:
    """The draft an approver's edit produces (same citations and offers, new text)."""
    return Draft(
        version=shown.version + 1,
        text=text,
        citations=shown.citations,
        offers=shown.offers,
        discloses_ai=shown.discloses_ai,
        revision_notes=[f"edited by {actor}"],
    )


def instruction_findings(state: CaseState) -> list[Finding]:
    """An approver's rewrite instructions, as a finding the writer must address."""
    text = state.get("instructions") or ""
    if not text:
        return []
    return [
        Finding(
            rule_id=INSTRUCTIONS_RULE,
            severity=Severity.WARN,
            message=text,
            fix_hint=text,
        )
    ]


async def after_gate(state: CaseState) -> str:
    """Approved, edited or auto-approved drafts are delivered; rejections close or rewrite."""
    raw = state.get("decision")
    if raw is None:
        return "deliver"
    decision = ApprovalDecision.model_validate(raw)
    if decision.action in (DecisionAction.APPROVE, DecisionAction.EDIT):
        return "deliver"
    return "draft" if decision.rewrite else "close"
