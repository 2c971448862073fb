"""The delay policy applied to the flight: how late, why, for how many, and what it earns."""

from __future__ import annotations

from decimal import Decimal

import pytest

from agents.contracts import Draft, Emotion, Offer
from agents.interpreter import interpret
from agents.policy import load_policy, review
from agents.writer import write_draft
from agents.writing.delay import delay_credit
from agents.writing.tone import stakes_note
from tests.agents.agent_fixtures import DELAY, DELAY_CREDIT, KeywordClassifier, make_case, retrieval


def _flight(status: str, description: str = "JA 431 Atlanta to Boston, 1 adult") -> dict:
    return {"kind": "flight", "reference": "MB8Z1T", "status": status, "description": description}


@pytest.mark.parametrize(
    ("message", "status", "per_passenger"),
    [
        ("JA 431 arrived 7 hours late because of a crew shortage.", "", "200"),
        ("We landed 3.5 hours late, they said it was a technical fault.", "", "100"),
        ("The flight was seven hours late, what will you do?", "arrived 7h late, crew", "200"),
        ("My flight was 4 hours late.", "arrived 4h late, technical", "100"),
    ],
)
def test_a_late_arrival_for_a_reason_of_ours_earns_the_band_the_policy_gives(
    message: str, status: str, per_passenger: str
) -> None:
    case = make_case(message, context=_flight(status))
    credit = delay_credit(case, [DELAY, DELAY_CREDIT])
    assert credit is not None and credit.per_passenger == Decimal(per_passenger)


@pytest.mark.parametrize(
    ("message", "status"),
    [
        ("Our flight arrived 5 hours late because of the snowstorm.", "arrived 5h late, weather"),
        ("We landed 7 hours late and nobody told us why.", "arrived 7h late"),
        ("Still at the gate, delayed 4 hours now because of a crew shortage.", "delayed"),
        ("It arrived 2 hours late, a technical fault.", "arrived 2h late, technical"),
    ],
)
def test_no_credit_when_the_cause_is_not_ours_unknown_still_under_way_or_too_short(
    message: str, status: str
) -> None:
    assert delay_credit(make_case(message, context=_flight(status)), [DELAY_CREDIT]) is None


def test_the_reply_applies_the_policy_for_every_passenger_and_passes_the_checker() -> None:
    case = make_case(
        "JA 431 was delayed and landed 7 hours late because of a crew shortage, two of us.",
        context=_flight("arrived 7h late, crew shortage", "JA 431 Atlanta to Boston, 2 adults"),
    )
    interp = interpret(case, KeywordClassifier())
    ret = retrieval(DELAY, DELAY_CREDIT)
    draft = write_draft(case, interp, ret, version=1)
    assert draft.offers == [
        Offer(kind="delay_credit", amount=Decimal("400"), basis_chunk_id="flight-delays#3")
    ]
    assert "each of the 2 passengers on your booking qualifies for $200 in travel credit" in (
        draft.text
    )
    assert "over 6 hours late" in draft.text
    assert review(case, interp, draft, ret, load_policy()).blocking == []


def test_delay_credit_above_the_per_passenger_cap_is_blocked() -> None:
    case = make_case("late", context=_flight("arrived 7h late, crew"))
    interp = interpret(case, KeywordClassifier())
    draft = Draft(
        version=1,
        text="You qualify for $300 in travel credit.",
        citations=["flight-delays#3"],
        offers=[Offer(kind="delay_credit", amount=Decimal("300"))],
    )
    verdict = review(case, interp, draft, retrieval(DELAY_CREDIT), load_policy())
    rules = {f.rule_id for f in verdict.findings}
    assert "offer.delay_credit_cap" in rules


def test_credit_already_received_is_not_offered_again() -> None:
    case = make_case(
        "Got the $200 credit for last week's 8-hour delay, thanks! How do I use it?",
        context=_flight("arrived 8h late, crew shortage, credit issued"),
    )
    draft = write_draft(
        case, interp := interpret(case, KeywordClassifier()), retrieval(DELAY_CREDIT), version=1
    )
    assert interp.intent == "flight_delay" and draft.offers == []


@pytest.mark.parametrize(
    ("message", "note"),
    [
        (
            "My flight was delayed and I missed a dinner I'd planned for months.",
            "missing the dinner you had planned",
        ),
        ("The delay made me miss my meeting.", "missing your meeting"),
        ("Flight delayed, I will miss my job interview.", "puts your job interview at risk"),
        ("Flight delayed, I missed my daughters graduation!", "missing your daughter's graduation"),
        ("The order is late and it's for my son's birthday on Saturday.", "your son's birthday"),
    ],
)
def test_the_reply_names_what_the_delay_cost_the_customer(message: str, note: str) -> None:
    case = make_case(message)
    interp = interpret(case, KeywordClassifier())
    assert note in stakes_note(case, interp)


def test_no_stakes_note_beside_grief() -> None:
    case = make_case("My order is late and it was for my dad's funeral, he died last week.")
    interp = interpret(case, KeywordClassifier())
    assert interp.emotion is Emotion.SADNESS or interp.risks
    assert stakes_note(case, interp) == ""
