"""SLA timers on a real server, with SLAs of seconds configured (no minute-long sleeps)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from temporalio.client import Client

from agents.contracts import CaseStatus, DecisionAction, Priority, Role
from cx.errors import DecisionRejectedError
from tests.workflows.harness import Harness, decision, eventually
from workflows import client as svc
from workflows.case_workflow import SLA_ACTOR
from workflows.contracts import SENIOR_QUEUE

pytestmark = pytest.mark.integration


def seconds(value: float) -> dict[str, float]:
    return {p.value: value for p in Priority}


async def test_breach_escalates_raises_priority_and_shows_as_overdue(
    client: Client, tmp_path: Path
) -> None:
    h = Harness(client, tmp_path, sla_seconds=seconds(1), final_seconds=seconds(60))
    async with h.worker():
        case_id = await h.submit("Refund [human]")
        pending = await h.waiting(case_id)

        async def breached() -> bool:
            task = (await svc.view_case(client, case_id)).task
            return task is not None and task.breached

        await eventually(breached)
        task = (await svc.view_case(client, case_id)).task
        assert task is not None
        assert (task.queue, task.priority) == (SENIOR_QUEUE, Priority.P1)

        async def in_overdue_senior_inbox() -> bool:
            rows = await svc.list_approvals(
                client, queue=SENIOR_QUEUE, priority="P1", overdue_at=datetime.now(UTC)
            )
            return case_id in [r.case_id for r in rows]

        await eventually(in_overdue_senior_inbox)
        with pytest.raises(DecisionRejectedError, match="senior queue"):
            await svc.decide(client, case_id, decision(pending))
        await svc.decide(client, case_id, decision(pending, actor="sol", role=Role.SENIOR_APPROVER))
        result = await svc.case_result(client, case_id)
    assert result.status is CaseStatus.DELIVERED
    system, human = result.history
    assert (system.decision.actor, system.decision.action) == (SLA_ACTOR, DecisionAction.ESCALATE)
    assert "priority P2 -> P1" in system.decision.reason
    assert system.decision.decided_at is not None
    assert human.decision.actor == "sol"


async def test_final_deadline_denies_and_sends_nothing(client: Client, tmp_path: Path) -> None:
    h = Harness(client, tmp_path, sla_seconds=seconds(1), final_seconds=seconds(2))
    async with h.worker():
        case_id = await h.submit("Nobody answers [human]")
        result = await svc.case_result(client, case_id)
    assert result.status is CaseStatus.TIMED_OUT
    assert [(e.decision.actor, e.decision.action) for e in result.history] == [
        (SLA_ACTOR, DecisionAction.ESCALATE),
        (SLA_ACTOR, DecisionAction.REJECT),
    ]
    assert result.decision == result.history[-1].decision
    assert h.outbox.for_case(case_id) == []


async def test_final_deadline_can_park_in_the_senior_queue_instead(
    client: Client, tmp_path: Path
) -> None:
    h = Harness(
        client,
        tmp_path,
        sla_seconds=seconds(1),
        final_seconds=seconds(2),
        on_final_deadline="escalate",
    )
    async with h.worker():
        case_id = await h.submit("Nobody answers [human]")
        pending = await h.waiting(case_id)

        async def parked() -> bool:
            task = (await svc.view_case(client, case_id)).task
            return task is not None and task.parked

        await eventually(parked)
        view = await svc.view_case(client, case_id)
        assert view.status is CaseStatus.AWAITING_APPROVAL
        assert h.outbox.for_case(case_id) == []
        assert [e.decision.action for e in view.history] == [DecisionAction.ESCALATE] * 2
        admin = decision(pending, actor="ada-admin", role=Role.ADMIN)
        assert (await svc.decide(client, case_id, admin)).status is CaseStatus.DELIVERED
