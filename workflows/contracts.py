"""What the case workflow returns and exposes to queries and approvers."""

from __future__ import annotations

from agents.contracts import (
    ApprovalDecision,
    ApprovalRequest,
    CaseStatus,
    Contract,
    Delivery,
    Draft,
    Interpretation,
    Retrieval,
    Review,
    RiskDecision,
)


class CaseResult(Contract):
    """The outcome of a case: every agent's final output, the decision and the delivery.

    It is the workflow's result, so it is also the end of the case's audit trail: QA's
    oversight scores read the decision and delivery from here, never from the graph's
    own claims.
    """

    case_id: str
    status: CaseStatus
    interpretation: Interpretation
    retrieval: Retrieval
    draft: Draft
    review: Review
    risk: RiskDecision
    drafts_written: int
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
