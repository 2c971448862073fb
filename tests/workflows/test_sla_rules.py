"""SLA arithmetic without a server: deadlines per priority, breach, park, rewrite clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from agents.contracts import ApprovalRequest, Emotion, Priority
from workflows import sla
from workflows.contracts import DEFAULT_QUEUE, SENIOR_QUEUE, ApprovalPolicy

T0 = datetime(2026, 11, 23, 19, 0, tzinfo=UTC)
POLICY = ApprovalPolicy(
    sla_seconds={Priority.P1: 60, Priority.P3: 600},
    final_seconds={Priority.P1: 30, Priority.P3: 3600},
)


def request(version: int = 1, priority: Priority = Priority.P3) -> ApprovalRequest:
    return ApprovalRequest(
        case_id="case-1",
        draft_version=version,
        draft_text=f"v{version}",
        draft_sha256="s",
        priority=priority,
        reasons=[],
        intent="refund",
        emotion=Emotion.NEUTRAL,
    )


def test_deadlines_follow_the_priority_and_final_is_never_before_the_sla() -> None:
    task = sla.open_task(request(), POLICY, T0, None)
    assert (task.sla_due, task.final_due) == (T0 + timedelta(seconds=600), T0 + timedelta(hours=1))
    urgent = sla.open_task(request(priority=Priority.P1), POLICY, T0, None)
    assert urgent.final_due == urgent.sla_due == T0 + timedelta(seconds=60)
    # P2 is not configured: the strictest SLA given applies, never none.
    assert POLICY.sla_for(Priority.P2) == 60


def test_breach_moves_to_seniors_and_raises_priority_once_then_final_is_next() -> None:
    task = sla.open_task(request(), POLICY, T0, None)
    assert sla.next_due(task) == task.sla_due
    breached = sla.breach(task)
    assert (breached.queue, breached.priority, breached.breached) == (
        SENIOR_QUEUE,
        Priority.P2,
        True,
    )
    assert sla.next_due(breached) == task.final_due
    assert sla.next_due(sla.park(breached)) is None
    assert [sla.raise_priority(p) for p in Priority] == [
        Priority.P1,
        Priority.P1,
        Priority.P2,
        Priority.P3,
    ]


def test_a_redraft_keeps_the_clock_queue_and_priority() -> None:
    first = sla.breach(sla.open_task(request(), POLICY, T0, None))
    later = sla.open_task(request(version=2), POLICY, T0 + timedelta(minutes=30), first)
    assert later.request.draft_version == 2
    assert (later.sla_due, later.queue, later.priority) == (
        first.sla_due,
        first.queue,
        first.priority,
    )
    assert sla.open_task(request(), POLICY, T0, None).queue == DEFAULT_QUEUE
