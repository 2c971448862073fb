"""What the case workflow takes, returns and exposes to queries and approvers."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field

from agents.contracts import (
    ApprovalDecision,
    ApprovalRequest,
    CaseInput,
    CaseStatus,
    Contract,
    Delivery,
    Draft,
    Interpretation,
    Priority,
    Retrieval,
    Review,
    RiskDecision,
)

DEFAULT_QUEUE = "approvals"
SENIOR_QUEUE = "senior"


def _hours(p1: float, p2: float, p3: float, p4: float) -> dict[Priority, float]:
    return {Priority.P1: p1 * 3600, Priority.P2: p2 * 3600, Priority.P3: p3 * 3600,
            Priority.P4: p4 * 3600}  # fmt: skip


class ApprovalPolicy(Contract):
    """How long a case may wait for a human, and what happens when nobody decides.

    It travels into the workflow with each case (a snapshot of the settings at submit
    time), so a later config change never rewrites the rules of a case already waiting.
    """

    # Respond-by per priority; on breach the case goes to the senior queue, priority up.
    sla_seconds: dict[Priority, float] = Field(default_factory=lambda: _hours(1, 4, 24, 72))
    # Final deadline per priority, from the moment the case started waiting.
    final_seconds: dict[Priority, float] = Field(default_factory=lambda: _hours(8, 24, 72, 168))
    # At the final deadline: close without sending (deny) or park in the senior queue.
    on_final_deadline: Literal["deny", "escalate"] = "deny"
    # The operator who submitted a case may not approve, edit or reject it.
    separation_of_duties: bool = True

    def sla_for(self, priority: Priority) -> float:
        """Respond-by seconds for ``priority`` (a missing tier falls back to the strictest)."""
        return self.sla_seconds.get(priority, min(self.sla_seconds.values(), default=3600))

    def final_for(self, priority: Priority) -> float:
        """Final-deadline seconds for ``priority``, never shorter than its SLA."""
        final = self.final_seconds.get(priority, max(self.final_seconds.values(), default=0))
        return max(final, self.sla_for(priority))


class CaseWorkflowInput(Contract):
    """The workflow's one input: the case and the approval rules it is held to."""

    case: CaseInput
    policy: ApprovalPolicy = Field(default_factory=ApprovalPolicy)


class AuditEntry(Contract):
    """One decision in a case's history, with the text it was about."""

    decision: ApprovalDecision
    # The draft text the decision was about (``decision.text`` holds an edit's new text).
    before_text: str
    queue: str
    priority: Priority


class ApprovalTask(Contract):
    """The approver's task as the workflow holds it: who, which queue, by when, history."""

    request: ApprovalRequest
    queue: str = DEFAULT_QUEUE
    priority: Priority
    assignee: str | None = None
    waiting_since: datetime
    sla_due: datetime
    final_due: datetime
    # The respond-by SLA passed (escalated once, priority raised).
    breached: bool = False
    # The final deadline passed with ``on_final_deadline: escalate``: waits, no more timers.
    parked: bool = False


class EditCheck(Contract):
    """Input of the edit-check activity: an approver's text as a draft, in its case."""

    case: CaseInput
    interpretation: Interpretation
    retrieval: Retrieval
    draft: Draft


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
    # Every decision on the case in order (escalations and reassignments included).
    history: list[AuditEntry] = Field(default_factory=list)


class CaseView(Contract):
    """A live look at a case (the ``view`` query): status, what waits, what happened."""

    case_id: str
    status: CaseStatus
    pending: ApprovalRequest | None = None
    task: ApprovalTask | None = None
    decision: ApprovalDecision | None = None
    history: list[AuditEntry] = Field(default_factory=list)
    result: CaseResult | None = None


class DecisionReceipt(Contract):
    """Returned to an approver once their decision has taken effect."""

    case_id: str
    action: str
    draft_version: int
    status: CaseStatus
    # After a rewrite: the new draft now waiting for approval.
    pending_version: int | None = None
    queue: str = DEFAULT_QUEUE
    assignee: str | None = None
