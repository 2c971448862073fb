"""Goodwill and refund offers: only for an unhappy experience, inside what is left of the cap."""

from __future__ import annotations

from decimal import Decimal

from agents.contracts import Offer
from agents.interpreter import interpret
from agents.policy import load_policy
from agents.writing.offers import already_given, plan_offers
from tests.agents.agent_fixtures import CANCEL, GOODWILL, KeywordClassifier, make_case


def _offers(message: str, **overrides: object) -> list[Offer]:
    case = make_case(message, **overrides)
    interp = interpret(case, KeywordClassifier())
    return plan_offers(case, interp, [CANCEL, GOODWILL], load_policy()).offers


def test_unhappy_complaint_gets_the_tier_cap() -> None:
    offers = _offers("This is unacceptable, the worst service. I want to make a complaint.")
    assert [o.amount for o in offers] == [Decimal("50")]


def test_a_question_about_vouchers_is_not_a_complaint_to_compensate() -> None:
    assert _offers("Quick complaint question: how long are vouchers valid for?") == []


def test_voucher_already_given_counts_toward_the_cap() -> None:
    assert already_given(make_case("The $50 voucher you offered is an insult.")) == Decimal("50")
    offers = _offers(
        "The $50 voucher you offered is unacceptable, worst complaint handling ever.",
        customer={"tier": "platinum"},
    )
    assert [o.amount for o in offers] == [Decimal("200")]


def test_a_voucher_noted_in_the_crm_or_thanked_for_counts_once() -> None:
    note = {"history": ["May 18: goodwill voucher 25.00 issued, complaint CMP-1"]}
    thanks = "Thanks for the $25 voucher, but it doesn't cover it."
    assert already_given(make_case(thanks)) == Decimal("25")
    assert already_given(make_case("Could you add more?", customer=note)) == Decimal("25")
    # The message and the note describe the same voucher: counted once, not twice.
    assert already_given(make_case(thanks, customer=note)) == Decimal("25")
    assert already_given(make_case("Where is my voucher?")) == Decimal("0")


def test_threats_leave_goodwill_to_a_person() -> None:
    assert _offers("Worst service ever, my lawyer will hear about this complaint.") == []


def test_refund_already_under_way_is_tracked_not_offered_again() -> None:
    context = {"kind": "flight", "reference": "JA4K7Q", "amount": "318.00", "status": "cancelled"}
    asked = "My flight was cancelled and I asked for a refund last week, where is my refund?"
    assert _offers(asked, context=context) == []
    fresh = _offers("My flight was cancelled, I want a refund please.", context=context)
    assert [o.amount for o in fresh] == [Decimal("318.00")]


def test_asking_for_news_of_a_refund_tracks_it_instead_of_offering_it_again() -> None:
    context = {"kind": "flight", "reference": "JA4K7Q", "amount": "318.00", "status": "cancelled"}
    assert _offers("Hi, any news on the refund for my cancelled flight?", context=context) == []


def test_a_refund_asked_for_days_ago_is_tracked_not_requested_again() -> None:
    context = {"kind": "flight", "reference": "JA4K7Q", "amount": "318.00", "status": "cancelled"}
    chase = "When will the refund for my cancelled flight arrive? Asked for it Monday."
    assert _offers(chase, context=context) == []


def test_harm_or_a_bank_dispute_leaves_goodwill_to_a_person() -> None:
    assert _offers("Worst complaint ever: the charger caught fire and burnt my hand.") == []
    assert _offers("Unacceptable complaint handling, I have asked my bank to reverse it.") == []
