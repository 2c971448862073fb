"""Hand-made eval records for scorer tests: one good reply and deliberate failures."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from agents.contracts import (
    ApprovalDecision,
    CaseInput,
    CaseStatus,
    Channel,
    CustomerProfile,
    DecisionAction,
    Delivery,
    Draft,
    Emotion,
    Entity,
    Finding,
    Interpretation,
    Offer,
    Passage,
    Priority,
    Retrieval,
    Review,
    RiskDecision,
    Route,
    Severity,
    Urgency,
)
from evals.contracts import EvalCase, Expectation, ExpectedEntity, ExpectedSection
from evals.results import CaseRecord

PASSAGE = Passage(
    chunk_id="flight-cancellations#refund#0",
    doc_id="flight-cancellations",
    title="Flight cancellations",
    section="Choosing a refund instead of a new flight",
    text="If Juniper Air cancels your flight you can choose a full refund, "
    "processed within 7 business days.",
    score=0.7,
)
GOOD_TEXT = (
    "Dear Marcus,\n\nI'm so sorry your flight JA4K7Q was cancelled, and I understand why you are "
    "upset. You can choose a full refund, processed within 7 business days.\n\nThis reply was "
    "prepared with the help of our AI assistant and checked against our policies. You can ask "
    "for a member of our team at any time.\n\nKind regards,\nJuniper Customer Care"
)


def eval_case(route: Route = Route.AUTO, **expect: Any) -> EvalCase:
    labels: dict[str, Any] = {
        "intent": "flight_cancellation",
        "emotion": Emotion.ANGER,
        "entities": [ExpectedEntity(kind="booking_ref", value="JA4K7Q")],
        "must_state": ["7 business days"],
        "must_cite": [
            ExpectedSection(
                doc_id="flight-cancellations", section="Choosing a refund instead of a new flight"
            )
        ],
        "must_not_say": ["guarantee"],
        "route": route,
        "route_reason": "routine" if route is Route.AUTO else "legal threat",
        "max_compensation": Decimal("318"),
    }
    labels.update(expect)
    return EvalCase(
        id="t-1",
        split="dev",
        case=CaseInput(
            message="My flight JA4K7Q was cancelled at the gate. Unacceptable!",
            channel=Channel.EMAIL,
            customer=CustomerProfile(customer_id="c-1", name="Marcus Webb"),
            context={"kind": "flight", "reference": "JA4K7Q"},
            idempotency_key="t-1",
        ),
        expect=Expectation(**labels),
    )


def record(
    text: str = GOOD_TEXT,
    *,
    route: Route = Route.AUTO,
    expected_route: Route = Route.AUTO,
    decision: ApprovalDecision | None = None,
    delivered_text: str | None = None,
    findings: list[Finding] | None = None,
    intent: str = "flight_cancellation",
    offers: list[Offer] | None = None,
) -> CaseRecord:
    draft = Draft(version=1, text=text, citations=[PASSAGE.chunk_id], offers=offers or [])
    delivery = None
    if delivered_text is not None:
        delivery = Delivery(
            case_id="case-t-1", draft_version=1, channel=Channel.EMAIL, recipient="m@example.com",
            text=delivered_text, text_sha256="", delivered_at="2026-11-23T00:00:00+00:00",
        )  # fmt: skip
    return CaseRecord(
        eval_case=eval_case(expected_route),
        status=CaseStatus.DELIVERED if delivery else CaseStatus.REJECTED,
        interpretation=Interpretation(
            intent=intent,
            intent_confidence=0.9,
            emotion=Emotion.ANGER,
            emotion_intensity=0.8,
            sentiment=-0.7,
            urgency=Urgency.HIGH,
            entities=[Entity(kind="booking_ref", value="JA4K7Q", start=8, end=14)],
        ),
        retrieval=Retrieval(query="q", passages=[PASSAGE]),
        draft=draft,
        review=Review(draft_version=1, passed=not findings, findings=findings or []),
        risk=RiskDecision(
            route=route, priority=Priority.P2 if route is Route.HUMAN else Priority.P4
        ),
        decision=decision,
        delivery=delivery,
    )


def approval(
    text: str, action: DecisionAction = DecisionAction.APPROVE, reason: str = "ok"
) -> ApprovalDecision:
    import hashlib

    return ApprovalDecision(
        action=action, actor="dana", reason=reason, draft_version=1,
        draft_sha256=hashlib.sha256(text.encode()).hexdigest(),
        decided_at=datetime(2026, 11, 23, 19, 0, tzinfo=UTC),
    )  # fmt: skip


BLOCK = Finding(rule_id="grounding.ungrounded", severity=Severity.BLOCK, message="x")
