"""The audit trail of a case, derived from the workflow (its query or its result).

Nothing here is stored separately: a running case answers the ``view`` query, a
closed one is read from its recorded result, so the trail cannot drift from what
happened. The export adds what a reviewer needs to check binding: the unified diff of
every edit and whether the delivered text's hash equals the approved one.
"""

from __future__ import annotations

import difflib
from datetime import datetime

from pydantic import Field
from temporalio.client import Client, WorkflowExecutionStatus

from agents.contracts import CaseStatus, Contract, DecisionAction, Delivery, Priority, Role
from cx.telemetry.attributes import MEMO_TRACE_ID
from workflows.client import case_result, describe_case, view_case
from workflows.contracts import AuditEntry


class AuditRecord(Contract):
    """One decision as exported: who, in what role, when, what, why, and the text change."""

    at: datetime | None
    actor: str
    role: Role
    action: DecisionAction
    reason: str
    draft_version: int
    draft_sha256: str
    binding_sha256: str
    queue: str
    priority: Priority
    assignee: str | None = None
    rewrite: bool = False
    # For an edit: the approver's text, its diff against the shown draft, and its verdict.
    text_after: str | None = None
    diff: list[str] = Field(default_factory=list)
    findings: list[str] = Field(default_factory=list)


class AuditTrail(Contract):
    """Everything decided on a case, and the proof of what was sent."""

    case_id: str
    status: CaseStatus
    records: list[AuditRecord]
    delivery: Delivery | None = None
    # True when the delivered text's SHA-256 is the one the last approval named.
    delivered_matches_approval: bool | None = None
    # The case's OpenTelemetry trace ("" when it was submitted with tracing off).
    trace_id: str = ""


def record_of(entry: AuditEntry) -> AuditRecord:
    """The export form of one workflow history entry."""
    d = entry.decision
    diff: list[str] = []
    if d.action is DecisionAction.EDIT and d.text is not None:
        diff = list(
            difflib.unified_diff(
                entry.before_text.splitlines(),
                d.text.splitlines(),
                f"draft v{d.draft_version}",
                f"edited by {d.actor}",
                lineterm="",
            )
        )
    return AuditRecord(
        at=d.decided_at,
        actor=d.actor,
        role=d.role,
        action=d.action,
        reason=d.reason,
        draft_version=d.draft_version,
        draft_sha256=d.draft_sha256,
        binding_sha256=d.binding_sha256,
        queue=entry.queue,
        priority=entry.priority,
        assignee=d.assignee,
        rewrite=d.rewrite,
        text_after=d.text,
        diff=diff,
        findings=[f"{f.severity.value}:{f.rule_id}" for f in d.review.findings] if d.review else [],
    )


def build_trail(
    case_id: str, status: CaseStatus, history: list[AuditEntry], delivery: Delivery | None
) -> AuditTrail:
    """The trail from the workflow's history entries and its delivery."""
    approvals = [
        e.decision
        for e in history
        if e.decision.action in (DecisionAction.APPROVE, DecisionAction.EDIT)
    ]
    matches = None
    if delivery is not None and approvals:
        matches = delivery.text_sha256 == approvals[-1].approved_sha256
    return AuditTrail(
        case_id=case_id,
        status=status,
        records=[record_of(e) for e in history],
        delivery=delivery,
        delivered_matches_approval=matches,
    )


async def fetch_trail(client: Client, case_id: str) -> AuditTrail:
    """A case's trail: from its result when closed, from the live query when running."""
    described = await describe_case(client, case_id)
    trace_id = str(await described.memo_value(MEMO_TRACE_ID, default=""))
    if described.status == WorkflowExecutionStatus.RUNNING:
        view = await view_case(client, case_id)
        trail = build_trail(case_id, view.status, view.history, None)
    else:
        result = await case_result(client, case_id)
        trail = build_trail(case_id, result.status, result.history, result.delivery)
    return trail.model_copy(update={"trace_id": trace_id})
