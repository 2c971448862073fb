"""Turning the graph's final JSON state into a typed ``CaseResult`` (pure, replay-safe)."""

from __future__ import annotations

from typing import Any

from agents.contracts import CaseStatus, Draft
from workflows.contracts import AuditEntry, CaseResult


def result_from_state(
    case_id: str,
    state: dict[str, Any],
    *,
    timed_out: bool,
    history: list[AuditEntry] | None = None,
) -> CaseResult:
    """Summarize a finished graph run (``history``: the workflow's decisions, in order)."""
    if state.get("outcome") == "delivered":
        status = CaseStatus.DELIVERED
    else:
        status = CaseStatus.TIMED_OUT if timed_out else CaseStatus.REJECTED
    draft = Draft.model_validate(state["draft"])
    return CaseResult.model_validate(
        {
            "case_id": case_id,
            "status": status,
            "interpretation": state["interpretation"],
            "retrieval": state["retrieval"],
            "draft": draft,
            "review": state["review"],
            "risk": state["risk"],
            "drafts_written": int(state.get("drafts_written", draft.version)),
            "decision": state.get("decision"),
            "delivery": state.get("delivery"),
            "history": history or [],
        }
    )
