"""The interpreter: calibrated intent, urgency with reasons, and the amount asked for."""

from __future__ import annotations

from decimal import Decimal

from agents.contracts import Channel, Emotion, Retrieval, RiskSignal, Urgency
from agents.interpreter import interpret, second_ask
from agents.patterns import PERSON_INTENT
from agents.ports import IntentScore
from agents.writer import write_draft
from tests.agents.agent_fixtures import (
    FixedClassifier,
    KeywordClassifier,
    make_case,
    passage,
)


def test_clear_winner_gets_full_confidence() -> None:
    clf = FixedClassifier([("flight_delay", 0.8), ("missed_connection", 0.5)])
    result = interpret(make_case("My flight is delayed."), clf)
    assert (result.intent, result.intent_confidence, result.secondary_intents) == (
        "flight_delay",
        0.999,
        [],
    )


def test_weak_best_match_scales_confidence_down() -> None:
    clf = FixedClassifier([("complaint", 0.44), ("refund_request", 0.2)])
    result = interpret(make_case("Not happy."), clf)
    assert (result.intent, result.intent_confidence) == ("complaint", 0.798)


def test_close_runner_up_lowers_confidence_and_becomes_secondary() -> None:
    clf = FixedClassifier([("refund_request", 0.6), ("billing_dispute", 0.58), ("complaint", 0.4)])
    result = interpret(make_case("I was charged twice, refund it."), clf)
    assert result.intent == "refund_request"
    # softmax over (0.6, 0.58, 0.4) at temperature 0.04
    assert result.intent_confidence == 0.62
    assert result.secondary_intents == ["billing_dispute"]


def test_weak_match_falls_back_to_general_question() -> None:
    result = interpret(make_case("Do you sell gift cards?"), FixedClassifier([("complaint", 0.2)]))
    assert (result.intent, result.intent_confidence) == ("general_question", 0.2)
    assert result.urgency is Urgency.LOW


def test_boarding_soon_is_critical_with_reason(classifier: KeywordClassifier) -> None:
    case = make_case("Boarding in 20 minutes and my bag is missing, I'm so worried!")
    result = interpret(case, classifier)
    assert result.urgency is Urgency.CRITICAL
    assert result.urgency_reasons == ["Boarding in 20 minutes"]
    assert result.emotion is Emotion.ANXIETY


def test_repeat_contact_and_tomorrow_are_high(classifier: KeywordClassifier) -> None:
    case = make_case("Third time I contact you: my flight tomorrow was cancelled.")
    result = interpret(case, classifier)
    assert result.urgency is Urgency.HIGH
    assert result.urgency_reasons == ["Third time", "flight tomorrow"]


def test_requested_amount_and_risks(classifier: KeywordClassifier) -> None:
    case = make_case("I paid $640 for two seats. I want a refund of $320 or I will sue you.")
    result = interpret(case, classifier)
    assert result.requested_amount == Decimal("320.00")
    assert result.risk_signals == {RiskSignal.LEGAL_THREAT}
    assert [e.value for e in result.entities] == ["640.00", "320.00"]


def test_amount_without_request_is_not_requested(classifier: KeywordClassifier) -> None:
    result = interpret(make_case("My order of $45 shipped on Monday, where is it?"), classifier)
    assert result.requested_amount is None


def test_threats_read_as_anger_but_grief_stays_grief(classifier: KeywordClassifier) -> None:
    threat = interpret(
        make_case("Refund me by Friday or I'm going straight to the press."), classifier
    )
    assert (threat.emotion, threat.emotion_intensity >= 0.7) == (Emotion.ANGER, True)
    grief = interpret(
        make_case("My father passed away; I will sue if you charge a fee."), classifier
    )
    assert grief.emotion is Emotion.SADNESS


def test_a_claim_or_costs_to_cover_count_as_money_asked_for() -> None:
    claim = make_case("My suitcase never turned up, so I'm claiming $1,240.00 for what was in it.")
    assert interpret(claim, KeywordClassifier()).requested_amount == Decimal("1240.00")
    cover = make_case("Will you cover the $780 hotel I had to book?")
    assert interpret(cover, KeywordClassifier()).requested_amount == Decimal("780")


class _ProbabilityClassifier:
    """Ranks with model probabilities, like the trained intent index."""

    def __init__(self, ranked: list[tuple[str, float, float]]) -> None:
        self.ranked = [IntentScore(intent=i, score=s, probability=p) for i, s, p in ranked]

    def rank(self, text: str, k: int = 5) -> list[IntentScore]:
        return self.ranked[:k]


def test_a_likely_request_for_a_person_is_kept_as_a_second_ask() -> None:
    message = "The mirror is too big. I'd rather someone from your side sorted this one."
    likely = _ProbabilityClassifier(
        [("return_request", 0.6, 0.7), ("human_agent_request", 0.45, 0.25)]
    )
    assert interpret(make_case(message), likely).secondary_intents == ["human_agent_request"]
    unlikely = _ProbabilityClassifier(
        [("return_request", 0.6, 0.9), ("human_agent_request", 0.45, 0.05)]
    )
    assert interpret(make_case(message), unlikely).secondary_intents == []


def _asked(intent: str, ask: float | None, line: str | None = None) -> IntentScore:
    return IntentScore(
        intent=intent, score=0.6, probability=0.1, ask_probability=ask, product_line=line
    )


def test_a_second_question_in_its_own_sentence_is_a_second_ask() -> None:
    case = make_case("JM-571233 is late. Can you send JM-571290 to my office instead?")
    ranked = [
        _asked("delivery_delay", 0.9, "retail"),
        _asked("order_change_or_cancel", 0.93, "retail"),
        _asked("return_request", 0.5, "retail"),
    ]
    assert second_ask(ranked, "delivery_delay", case) == "order_change_or_cancel"
    # Read weakly, of the other business, or a request for a person: not a second ask.
    assert second_ask([_asked("return_request", 0.6, "retail")], "delivery_delay", case) is None
    assert second_ask([_asked("flight_delay", 0.95, "airline")], "delivery_delay", case) is None
    assert second_ask([_asked(PERSON_INTENT, 0.99)], "delivery_delay", case) is None


def test_the_reply_answers_the_second_ask_from_its_own_rules() -> None:
    message = "My order JM-571233 is late. Also, can you change the address on my other order?"
    case = make_case(
        message, context={"kind": "order", "reference": "JM-571233"}, channel=Channel.CHAT
    )
    late = passage(
        "late#1",
        "We refund the shipping fee when an order is 5 days late. Late orders show their"
        " latest tracking status under Orders.",
        "delivery",
    )
    change = passage(
        "change#1", "You can change the delivery address on an order until it ships.", "orders"
    )
    interp = interpret(case, KeywordClassifier()).model_copy(
        update={"intent": "delivery_delay", "second_ask": "order_change_or_cancel"}
    )
    draft = write_draft(case, interp, Retrieval(query=message, passages=[late, change]), version=1)
    assert "About changing your order: You can change the delivery address" in draft.text
    assert "change#1" in draft.citations


def test_a_calm_message_from_someone_grieving_or_at_risk_is_not_read_as_calm(
    classifier: KeywordClassifier,
) -> None:
    grief = interpret(make_case("Since we scattered his ashes I haven't flown. Tier?"), classifier)
    assert grief.emotion is Emotion.SADNESS
    scare = interpret(
        make_case("The charger got hot and gave off smoke. Order JM-100200."), classifier
    )
    assert scare.emotion is Emotion.ANXIETY
