"""A scripted approver for eval runs: decides like a careful reviewer with a fixed rule.

It approves a draft the policy checker passed and rejects one with blocking findings,
so oversight metrics measure the system (did a human get asked? was exactly the approved
text sent?) rather than the approver's mood.
"""

from __future__ import annotations

from agents.contracts import ApprovalDecision, ApprovalRequest, DecisionAction, Role, Severity

ACTOR = "qa-scripted-approver"


def decide(request: ApprovalRequest) -> ApprovalDecision:
    """Approve clean drafts; reject drafts with blocking policy findings, saying why."""
    blocking = [f.rule_id for f in request.findings if f.severity is Severity.BLOCK]
    action = DecisionAction.REJECT if blocking else DecisionAction.APPROVE
    reason = f"Unresolved policy findings: {', '.join(blocking)}" if blocking else "Checked"
    return ApprovalDecision(
        action=action,
        actor=ACTOR,
        role=Role.APPROVER,
        reason=reason,
        draft_version=request.draft_version,
        draft_sha256=request.draft_sha256,
        binding_sha256=request.binding_sha256,
    )
