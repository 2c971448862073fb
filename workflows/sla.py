"""SLA arithmetic for approval tasks: pure functions of the task, the policy and a time.

The workflow passes ``workflow.now()`` in; nothing here reads a clock, so the same
history always replays to the same deadlines.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from agents.contracts import ApprovalRequest, Priority
from workflows.contracts import SENIOR_QUEUE, ApprovalPolicy, ApprovalTask

_HIGHER = {Priority.P4: Priority.P3, Priority.P3: Priority.P2, Priority.P2: Priority.P1}


def raise_priority(priority: Priority) -> Priority:
    """One step more urgent (P1 stays P1)."""
    return _HIGHER.get(priority, Priority.P1)


def open_task(
    request: ApprovalRequest, policy: ApprovalPolicy, now: datetime, previous: ApprovalTask | None
) -> ApprovalTask:
    """The task for a new pending draft.

    A redrafted case keeps its queue, assignee, priority and deadlines: the customer has
    been waiting since the first draft, so a rewrite must not reset the clock.
    """
    if previous is not None:
        return previous.model_copy(update={"request": request})
    return ApprovalTask(
        request=request,
        priority=request.priority,
        waiting_since=now,
        sla_due=now + timedelta(seconds=policy.sla_for(request.priority)),
        final_due=now + timedelta(seconds=policy.final_for(request.priority)),
    )


def next_due(task: ApprovalTask) -> datetime | None:
    """When the workflow must next act on its own, or None once parked."""
    if task.parked:
        return None
    return task.final_due if task.breached else min(task.sla_due, task.final_due)


def breach(task: ApprovalTask) -> ApprovalTask:
    """The respond-by SLA passed: senior queue, one step more urgent."""
    return task.model_copy(
        update={"breached": True, "queue": SENIOR_QUEUE, "priority": raise_priority(task.priority)}
    )


def park(task: ApprovalTask) -> ApprovalTask:
    """The final deadline passed and policy says escalate: senior queue, no more timers."""
    return task.model_copy(
        update={"breached": True, "parked": True, "queue": SENIOR_QUEUE, "priority": Priority.P1}
    )
