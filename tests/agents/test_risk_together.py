"""Risks read from two cues anywhere in a message, and idioms that only sound like hardship."""

from __future__ import annotations

import pytest

from agents.contracts import RiskSignal
from tests.agents.agent_fixtures import risks_in


@pytest.mark.parametrize(
    "message",
    [
        # An essential medicine the customer cannot reach (labeling guideline 7).
        "The suitcase never showed up in Tucson. Both EpiPens for my son are packed in it.",
        "Luggage delayed on the Denver leg. Sadly my heart medication was inside, sorry.",
        "I'm on my last insulin cartridge and the case is still in Chicago.",
        "My inhaler is in the holdall you mislaid. Can you chase it tonight?",
        "Still no bag after two days. I'm diabetic, the insulin was in there, one vial left.",
        "Daily tablets for my epilepsy went in the checked bag, which went to Seattle.",
    ],
)
def test_medicine_out_of_reach_is_safety(message: str) -> None:
    assert RiskSignal.SAFETY in risks_in(message)


@pytest.mark.parametrize(
    "message",
    [
        "I edit the weekly money page at the Western Gazette. My readers would love this one.",
        "As a travel correspondent I have flown with you for years. I'll write this up unless "
        "I hear back by Friday.",
        "I'm a radio presenter and this is going on air tomorrow morning.",
        "I write for the Daily Observer, so expect to see what happened in print.",
    ],
)
def test_press_role_with_a_story_about_this_is_a_media_threat(message: str) -> None:
    assert RiskSignal.MEDIA_THREAT in risks_in(message)


def test_a_story_threat_without_a_role_needs_no_role() -> None:
    message = "Honestly this is going straight into next week's piece."
    assert RiskSignal.MEDIA_THREAT in risks_in(message)


@pytest.mark.parametrize(
    "message",
    [
        # Medicine talk with nothing out of reach: a routine travel question.
        "I'm type 1 and flying next week. Can my insulin pens go in my hand luggage?",
        "Do I need a letter for my insulin? My bag is packed and ready.",
        "My bag is in my hand and my inhaler is in my pocket, where do I check in?",
        # A writer with no story about this case.
        "I'm a journalist flying to a trade show next week. When does check-in open?",
        "I write a weekly gardening column. Can I bring seed packets in my carry-on?",
        "My parcel went to the courier depot. I work for the local courier myself, funnily.",
        # Idioms that only sound like hardship.
        "I can't afford any hiccups on Saturday: my first match is at 9am.",
        "Please confirm the seat, I can't afford to miss this connection.",
        "We can't afford another delay like last time, so is the flight on time?",
        # A dispute that is no card dispute, an illness that is minor, tight time, a relative
        # writing formally, a firm date.
        "We had a dispute with the hotel about the $120.50 bill, but that's sorted now.",
        "I was diagnosed with a sprained ankle last year, all fine. Can I get an aisle seat?",
        "The connection time is tight at 45 minutes, is that allowed?",
        "My daughter is writing this formally on my behalf. Where is order JM-100200?",
        "Please give me a firm date for the delivery of JM-100201.",
    ],
)
def test_look_alikes_stay_quiet(message: str) -> None:
    assert risks_in(message) == {}


def test_hardship_still_counts() -> None:
    assert RiskSignal.VULNERABLE_CUSTOMER in risks_in("I can't afford this right now.")


def test_evidence_quotes_the_medicine_clause() -> None:
    evidence = risks_in("Bag lost in Phoenix. My insulin pens were in there, one pen left.")
    assert "insulin" in evidence[RiskSignal.SAFETY]


@pytest.mark.parametrize(
    ("message", "signal"),
    [
        # An amount with pence or cents does not end the sentence it sits in.
        ("Fine, I'll dispute the £45.99 delivery fee with my credit card.", RiskSignal.CHARGEBACK),
        ("I disputed the $310.40 hotel charge with the bank on Monday.", RiskSignal.CHARGEBACK),
        # A serious illness named or under treatment, and money trouble said plainly.
        (
            "I've just been diagnosed with MS and can't face the trip.",
            RiskSignal.VULNERABLE_CUSTOMER,
        ),
        ("I start radiotherapy on Monday so I can't fly.", RiskSignal.VULNERABLE_CUSTOMER),
        (
            "Money's going to be really tight until I'm back at work.",
            RiskSignal.VULNERABLE_CUSTOMER,
        ),
        # A law firm offering to write formally for the customer.
        (
            "My uncle is a partner at a practice in Leeds and offered to send a formal letter on "
            "our behalf.",
            RiskSignal.LEGAL_THREAT,
        ),
    ],
)
def test_more_everyday_phrasings(message: str, signal: RiskSignal) -> None:
    assert signal in risks_in(message)
