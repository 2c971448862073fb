"""Confidence from a trained model's probabilities, gated by how close the message is at all."""

from __future__ import annotations

import pytest

from agents.interpreter import (
    ADEQUATE_SCORE,
    FALLBACK_INTENT,
    WEAK_SCORE,
    calibrate,
    out_of_scope,
    weigh_by_context,
)
from agents.ports import IntentScore
from tests.agents.agent_fixtures import make_case


def _score(intent: str, cosine: float, probability: float) -> IntentScore:
    return IntentScore(intent=intent, score=cosine, probability=probability)


def test_model_probability_ranks_and_sets_confidence() -> None:
    ranked = [_score("return_request", 0.58, 0.9), _score("refund_request", 0.61, 0.1)]
    intent, confidence, _ = calibrate(ranked)
    assert intent == "return_request"  # the model's pick, even with a lower cosine
    assert confidence == pytest.approx(0.9)


def test_a_confident_model_on_a_message_like_no_intent_is_not_trusted() -> None:
    ranked = [_score("flight_delay", WEAK_SCORE - 0.05, 0.95)]
    intent, confidence, _ = calibrate(ranked)
    assert (intent, confidence <= 0.3) == (FALLBACK_INTENT, True)


def test_middling_similarity_scales_the_probability_down() -> None:
    cosine = (WEAK_SCORE + ADEQUATE_SCORE) / 2
    _, confidence, _ = calibrate([_score("lost_parcel", cosine, 0.8)])
    assert confidence == pytest.approx(round(0.8 * cosine / ADEQUATE_SCORE, 3))


def test_an_off_topic_reading_reports_the_fallback_intent_and_its_scope() -> None:
    ranked = [_score("off_topic", 0.7, 0.8), _score("flight_delay", 0.68, 0.1)]
    intent, _, secondary = calibrate(ranked)
    assert (intent, out_of_scope(ranked)) == (FALLBACK_INTENT, "off_topic")
    assert secondary == ["flight_delay"]
    assert out_of_scope(list(reversed(ranked))) is None


def test_out_of_scope_classes_are_never_secondary_intents() -> None:
    ranked = [_score("lost_parcel", 0.7, 0.6), _score("unclear", 0.69, 0.3)]
    assert calibrate(ranked)[2] == []


def test_the_booking_on_the_case_weighs_down_the_other_business() -> None:
    ranked = [
        IntentScore(intent="lost_parcel", score=0.6, probability=0.5, product_line="retail"),
        IntentScore(intent="baggage_issue", score=0.6, probability=0.4, product_line="airline"),
        IntentScore(intent="complaint", score=0.5, probability=0.1),
    ]
    flight = make_case("My bag never showed up.", context={"kind": "flight", "reference": "JA4K7Q"})
    weighed = weigh_by_context(ranked, flight)
    assert [s.intent for s in weighed] == ["baggage_issue", "complaint", "lost_parcel"]
    assert sum(s.probability or 0 for s in weighed) == pytest.approx(1.0)
    # No booking named: the model's reading stands.
    assert weigh_by_context(ranked, make_case("My bag never showed up.")) == ranked


def test_confidence_keeps_the_stronger_reading_of_the_chosen_intent() -> None:
    blended = IntentScore(intent="lost_parcel", score=0.6, probability=0.5, message_probability=0.8)
    _, confidence, _ = calibrate([blended, _score("delivery_delay", 0.5, 0.5)])
    assert confidence == pytest.approx(0.8)
