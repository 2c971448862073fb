"""Hand-made cases, a keyword intent classifier and realistic policy passages for agent tests.

Named uniquely (not ``helpers``) because test folders have no ``__init__.py``: a package
here would be imported as ``agents.*`` and shadow the real ``agents`` package.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from agents.contracts import (
    BookingContext,
    CaseInput,
    Channel,
    CustomerProfile,
    Emotion,
    Interpretation,
    Passage,
    Retrieval,
    RiskEvidence,
    RiskSignal,
    Urgency,
)
from agents.entities import extract_entities
from agents.ports import IntentScore
from agents.risk_signals import detect_risks

_KEYWORDS: dict[str, tuple[str, ...]] = {
    "flight_cancellation": ("cancelled", "canceled", "cancellation"),
    "flight_delay": ("delay", "delayed", "late departure"),
    "refund_request": ("refund", "money back"),
    "delivery_delay": ("order", "delivery", "arrived", "where is"),
    "complaint": ("complaint", "unacceptable", "worst"),
    "baggage_issue": ("bag", "luggage", "suitcase"),
}


class KeywordClassifier:
    """Implements ``IntentClassifier`` by counting keywords: enough to drive the interpreter."""

    def rank(self, text: str, k: int = 5) -> list[IntentScore]:
        low = text.lower()
        first = {
            i: min((low.find(w) for w in ws if w in low), default=len(low))
            for i, ws in _KEYWORDS.items()
        }
        lead = min(first, key=lambda i: (first[i], i))  # the intent mentioned first leads
        scores = [
            IntentScore(
                intent=intent,
                score=min(0.95, 0.3 + 0.2 * sum(w in low for w in words) + 0.1 * (intent == lead)),
            )
            for intent, words in _KEYWORDS.items()
        ]
        return sorted(scores, key=lambda s: (-s.score, s.intent))[:k]


class FixedClassifier:
    """Returns the scores it was given, to test confidence calibration exactly."""

    def __init__(self, scores: list[tuple[str, float]]) -> None:
        self.scores = [IntentScore(intent=i, score=s) for i, s in scores]

    def rank(self, text: str, k: int = 5) -> list[IntentScore]:
        return self.scores[:k]


def passage(chunk_id: str, text: str, area: str) -> Passage:
    return Passage(
        chunk_id=chunk_id,
        doc_id=chunk_id.split("#")[0],
        title=area,
        section=area,
        text=text,
        score=0.8,
        policy_area=area,
    )


CANCEL = passage(
    "flight-cancellations#2",
    "If Juniper Air cancels your flight and you would rather not travel, "
    "you can choose a full refund. The money goes back to the original payment method, and "
    "Juniper Air processes it within 7 business days of your request.",
    "cancellations",
)
REBOOK = passage(
    "flight-cancellations#3",
    "When your Juniper Air flight is cancelled and you want to keep "
    "travelling, we rebook you free of charge on the next available Juniper Air flight to your "
    "destination. No change fee applies and there is no fare difference to pay.",
    "cancellations",
)
DELAY = passage(
    "flight-delays#1",
    "When a Juniper Air flight is delayed by 3 hours or more, every passenger "
    "on that flight receives a meal voucher of $15 per passenger. The voucher can be used at "
    "participating food outlets in the airport.",
    "delays",
)
DELAY_CREDIT = passage(
    "flight-delays#3",
    "After a delay that was within Juniper Air's control, such as a crew "
    "shortage or a technical fault, we offer compensation as travel credit based on how late you "
    "arrived:\n\n- $100 in travel credit for delays of 3 to 6 hours\n- $200 in travel credit for "
    "delays over 6 hours",
    "delays",
)
REFUNDS = passage(
    "refunds-policy#2",
    "Juniper Group refund times depend on what is being refunded. Once we "
    "have issued the refund, your bank or card provider may need a few extra days to show it on "
    "your statement.",
    "refunds",
)
GOODWILL = passage(
    "goodwill-vouchers#2",
    "The maximum goodwill voucher per case depends on the customer's "
    "Juniper Circle tier:\n\n- standard: up to $50\n- silver: up to $75\n- gold: up to $150\n"
    "- platinum: up to $250",
    "compensation",
)
SHIPPING = passage(
    "delivery-shipping#1",
    "Standard delivery takes 3-5 business days from dispatch. If your "
    "order arrives more than 5 business days late, we refund the shipping fee.",
    "delivery",
)


def interpretation(intent: str, *signals: RiskSignal, **overrides: Any) -> Interpretation:
    """A frustrated, confident reading of ``intent`` with these risk signals raised."""
    fields: dict[str, Any] = dict(
        intent=intent,
        intent_confidence=0.9,
        emotion=Emotion.FRUSTRATION,
        emotion_intensity=0.5,
        sentiment=-0.4,
        urgency=Urgency.NORMAL,
        risks=[RiskEvidence(signal=s, evidence="said so") for s in signals],
    )
    return Interpretation(**(fields | overrides))


def retrieval(*passages: Passage, relevant: bool = True) -> Retrieval:
    return Retrieval(query="q", passages=list(passages), relevant=relevant)


def make_case(message: str, **overrides: Any) -> CaseInput:
    """A case for Ana Lima (standard tier) unless overridden."""
    customer = dict(
        customer_id="C-1", name="Ana Lima", email="ana@example.com", phone="+1 415 555 0100"
    )
    customer.update(overrides.pop("customer", {}))
    context = overrides.pop("context", None)
    return CaseInput(
        message=message,
        channel=overrides.pop("channel", Channel.EMAIL),
        customer=CustomerProfile(**customer),
        context=BookingContext(**context) if context else None,
        idempotency_key=overrides.pop("key", "case-1"),
        **overrides,
    )


FLIGHT = {
    "kind": "flight",
    "reference": "JA4K7Q",
    "amount": Decimal("200"),
    "description": "JA 482 Lisbon to Boston",
}


def risks_in(message: str) -> dict[RiskSignal, str]:
    """The risk signals the rules find in ``message`` (on a plain case), with evidence."""
    case = make_case(message)
    return {r.signal: r.evidence for r in detect_risks(case, extract_entities(message))}
