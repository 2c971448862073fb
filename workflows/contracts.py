"""What the case workflow returns and exposes to queries and approvers."""

from __future__ import annotations

from pydantic import Field

from agents.contracts import (
    ApprovalDecision,
    ApprovalRequest,
    CaseStatus,
    Contract,
    Delivery,
    Finding,
    Priority,
    Route,
)


class CaseResult(Contract):
    """The outcome of a case, as the workflow's result and the end of its audit trail."""

    case_id: str
    status: CaseStatus
    intent: str = ""
    emotion: str = ""
    route: Route | None = None
    priority: Priority | None = None
    reasons: list[str] = Field(default_factory=list)
    draft_version: int = 0
    drafts_written: int = 0
    text: str = ""
    citations: list[str] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    decision: ApprovalDecision | None = None
    delivery: Delivery | None = None


class CaseView(Contract):
    """A live look at a case (the ``view`` query): status, what waits, what happened."""

    case_id: str
    status: CaseStatus
    pending: ApprovalRequest | None = None
    decision: ApprovalDecision | None = None
    result: CaseResult | None = None


class DecisionReceipt(Contract):
    """Returned to an approver once their decision has taken effect."""

    case_id: str
    action: str
    draft_version: int
    status: CaseStatus
