"""Turning the graph's final JSON state into a typed ``CaseResult`` (pure, replay-safe)."""

from __future__ import annotations

from typing import Any

from agents.contracts import (
    ApprovalDecision,
    CaseStatus,
    Delivery,
    Draft,
    Interpretation,
    Review,
    RiskDecision,
)
from workflows.contracts import CaseResult


def result_from_state(case_id: str, state: dict[str, Any], *, timed_out: bool) -> CaseResult:
    """Summarize a finished graph run."""
    draft = Draft.model_validate(state["draft"])
    risk = RiskDecision.model_validate(state["risk"])
    interpretation = Interpretation.model_validate(state["interpretation"])
    delivered = state.get("outcome") == "delivered"
    if delivered:
        status = CaseStatus.DELIVERED
    else:
        status = CaseStatus.TIMED_OUT if timed_out else CaseStatus.REJECTED
    raw_decision = state.get("decision")
    raw_delivery = state.get("delivery")
    return CaseResult(
        case_id=case_id,
        status=status,
        intent=interpretation.intent,
        emotion=interpretation.emotion.value,
        route=risk.route,
        priority=risk.priority,
        reasons=risk.reasons,
        draft_version=draft.version,
        drafts_written=int(state.get("drafts_written", draft.version)),
        text=draft.text,
        citations=draft.citations,
        findings=Review.model_validate(state["review"]).findings,
        decision=ApprovalDecision.model_validate(raw_decision) if raw_decision else None,
        delivery=Delivery.model_validate(raw_delivery) if raw_delivery else None,
    )
