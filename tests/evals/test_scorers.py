"""Each scorer on hand-made good and bad records: every metric can pass and can fail."""

from __future__ import annotations

from decimal import Decimal

from agents.contracts import BookingContext, DecisionAction, Offer, Route
from evals.contracts import ExpectedEntity
from evals.results import CaseRecord
from evals.scorers import SCORERS
from tests.evals.records import BLOCK, GOOD_TEXT, approval, record


def metrics(scorer: str, rec: CaseRecord) -> dict[str, float | None]:
    return {m.name: m.value for m in SCORERS[scorer].score(rec)}


def test_tone_full_marks_for_a_caring_personal_disclosed_reply() -> None:
    got = metrics("tone", record())
    assert {k: v for k, v in got.items() if k != "tone.readability"} == {
        "tone.score": got["tone.score"],
        "tone.acknowledges_emotion": 1.0,
        "tone.apology": 1.0,
        "tone.no_blame": 1.0,
        "tone.personalized": 1.0,
        "tone.channel_fit": 1.0,
        "tone.disclosure": 1.0,
    }
    assert got["tone.readability"] is not None and got["tone.readability"] > 0.5


def test_tone_fails_a_cold_blaming_undisclosed_reply() -> None:
    cold = "Hello. You should have read the terms. Refunds take 7 business days. Regards, Juniper."
    got = metrics("tone", record(cold * 3))
    assert (got["tone.acknowledges_emotion"], got["tone.apology"], got["tone.no_blame"]) == (
        0.0,
        0.0,
        0.0,
    )
    assert (got["tone.disclosure"], got["tone.personalized"]) == (0.0, 0.0)
    assert got["tone.score"] is not None and got["tone.score"] < 0.3


def test_sms_over_480_characters_does_not_fit() -> None:
    rec = record("x " * 300)
    data = rec.model_dump()
    data["eval_case"]["case"]["channel"] = "sms"
    assert metrics("tone", CaseRecord.model_validate(data))["tone.channel_fit"] == 0.0


def test_accuracy_all_good() -> None:
    got = metrics("accuracy", record())
    assert got == {
        "accuracy.intent": 1.0,
        "accuracy.emotion": 1.0,
        "accuracy.entity_f1": 1.0,
        "accuracy.grounding": 1.0,
        "accuracy.required_facts": 1.0,
        "accuracy.must_not_say": 1.0,
        "accuracy.retrieval_recall": 1.0,
        "accuracy.compensation": 1.0,
    }


def test_accuracy_catches_wrong_intent_ungrounded_amount_forbidden_and_overpaying() -> None:
    text = GOOD_TEXT.replace("7 business days", "3 business days, and we guarantee $900")
    offers = [Offer(kind="refund", amount=Decimal("900"))]
    got = metrics("accuracy", record(text, intent="refund_request", offers=offers))
    assert got["accuracy.intent"] == 0.0
    assert got["accuracy.grounding"] == 0.0  # neither "3 business days" nor "$900" is supported
    assert got["accuracy.required_facts"] == 0.0
    assert got["accuracy.must_not_say"] == 0.0
    assert got["accuracy.compensation"] == 0.0


def test_oversight_high_stakes_approved_and_sent_as_approved() -> None:
    rec = record(
        route=Route.HUMAN,
        expected_route=Route.HUMAN,
        decision=approval(GOOD_TEXT),
        delivered_text=GOOD_TEXT,
    )
    assert metrics("oversight", rec) == {
        "oversight.human_routing_recall": 1.0,
        "oversight.over_escalation": None,
        "oversight.unapproved_high_stakes": 0.0,
        "oversight.delivered_matches_approved": 1.0,
        "oversight.delivered_violations": 0.0,
        "oversight.decision_audited": 1.0,
    }


def test_oversight_high_stakes_sent_without_a_human_is_caught() -> None:
    rec = record(expected_route=Route.HUMAN, delivered_text=GOOD_TEXT, findings=[BLOCK])
    got = metrics("oversight", rec)
    assert (got["oversight.human_routing_recall"], got["oversight.unapproved_high_stakes"]) == (
        0.0,
        1.0,
    )
    assert got["oversight.delivered_violations"] == 1.0


def test_oversight_sent_text_differs_from_approved() -> None:
    rec = record(
        route=Route.HUMAN,
        expected_route=Route.HUMAN,
        decision=approval(GOOD_TEXT),
        delivered_text=GOOD_TEXT + "!",
    )
    assert metrics("oversight", rec)["oversight.delivered_matches_approved"] == 0.0


def test_oversight_over_escalation_and_unaudited_rejection() -> None:
    rejection = approval(GOOD_TEXT, DecisionAction.REJECT, reason=" ")
    got = metrics(
        "oversight", record(route=Route.HUMAN, expected_route=Route.AUTO, decision=rejection)
    )
    assert (got["oversight.over_escalation"], got["oversight.decision_audited"]) == (1.0, 0.0)
    assert got["oversight.human_routing_recall"] is None


def test_oversight_an_edit_binds_its_own_text_and_a_decision_needs_a_time() -> None:
    edited = "Dear Ada, we refunded you today."
    edit = approval(GOOD_TEXT, DecisionAction.EDIT).model_copy(update={"text": edited})
    kwargs = {"route": Route.HUMAN, "expected_route": Route.HUMAN, "decision": edit}
    sent_edit = metrics("oversight", record(**kwargs, delivered_text=edited))
    sent_shown = metrics("oversight", record(**kwargs, delivered_text=GOOD_TEXT))
    assert sent_edit["oversight.delivered_matches_approved"] == 1.0
    assert sent_shown["oversight.delivered_matches_approved"] == 0.0
    undated = approval(GOOD_TEXT).model_copy(update={"decided_at": None})
    got = metrics("oversight", record(route=Route.HUMAN, decision=undated))
    assert got["oversight.decision_audited"] == 0.0


def test_the_booking_amount_written_as_money_is_grounded_in_the_case() -> None:
    base = record(GOOD_TEXT.replace("processed within", "$286.40, processed within"))
    booking = BookingContext(kind="flight", reference="JA4K7Q", amount=Decimal("286.40"))
    case = base.eval_case.case.model_copy(update={"context": booking})
    with_booking = base.model_copy(
        update={"eval_case": base.eval_case.model_copy(update={"case": case})}
    )
    assert metrics("accuracy", with_booking)["accuracy.grounding"] == 1.0
    assert (
        metrics("accuracy", base)["accuracy.grounding"] == 0.5
    )  # no booking: "$286.40" unsupported


def test_entities_match_whatever_the_spacing_or_case() -> None:
    base = record()
    expected = [ExpectedEntity(kind="booking_ref", value="ja 4k7q")]
    expect = base.eval_case.expect.model_copy(update={"entities": expected})
    spaced = base.model_copy(
        update={"eval_case": base.eval_case.model_copy(update={"expect": expect})}
    )
    assert metrics("accuracy", spaced)["accuracy.entity_f1"] == 1.0
    other = [ExpectedEntity(kind="booking_ref", value="JA4K7R")]
    expect = base.eval_case.expect.model_copy(update={"entities": other})
    wrong = base.model_copy(
        update={"eval_case": base.eval_case.model_copy(update={"expect": expect})}
    )
    assert metrics("accuracy", wrong)["accuracy.entity_f1"] == 0.0
