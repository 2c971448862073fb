"""Money as customers write it, and what a claim adds up to: the inputs of the refund cap."""

from __future__ import annotations

from decimal import Decimal

import pytest

from agents.entities import extract_entities
from agents.interpreter import claimed_total
from agents.money import MONEY_RE, parse_money
from agents.vouchers import already_given
from tests.agents.agent_fixtures import make_case


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("$412.60", "412.60"),
        ("USD 75", "75"),
        ("300 dollars", "300"),
        ("$1,800", "1800"),
        ("$1.2k", "1200"),
        ("$2k", "2000"),
        ("3k dollars", "3000"),
        ("2 grand", "2000"),
        ("a grand", "1000"),
        ("900 bucks", "900"),
        ("eighteen hundred bucks", "1800"),
        ("two thousand five hundred dollars", "2500"),
        ("twenty-five hundred dollars", "2500"),
        ("£600", "600"),
    ],
)
def test_money_is_read_in_the_forms_customers_write(text: str, value: str) -> None:
    match = MONEY_RE.search(f"it cost me {text} in the end")
    assert match is not None and match.group(0) == text
    assert parse_money(match.group(0)) == Decimal(value)


@pytest.mark.parametrize(
    "text",
    ["a grand total of nothing", "what a grand gesture", "I waited two hours", "the k value"],
)
def test_words_that_only_look_like_money_are_not_money(text: str) -> None:
    assert MONEY_RE.search(text) is None


def test_an_itemised_claim_adds_up_and_a_stated_total_wins() -> None:
    items = "My bag had a laptop $380, a camera $260 and clothes worth about $200."
    assert claimed_total(items, extract_entities(items)) == Decimal("840")
    stated = "The hotel was $180 and the taxi $45, total $225."
    assert claimed_total(stated, extract_entities(stated)) == Decimal("225")
    one = "My order JM-100482 for $89 is late."
    assert claimed_total(one, extract_entities(one)) is None
    # The same figure twice is one charge named twice, not two charges.
    rooms = "I booked two rooms at the airport hotel at $289 a room, and the taxis came to $64."
    assert claimed_total(rooms, extract_entities(rooms)) == Decimal("642")
    fares = "The fare was $214 each for three of us, please refund it."
    assert claimed_total(fares, extract_entities(fares)) == Decimal("642")
    worth = "It had my suits and shoes, so we're talking roughly two grand of stuff."
    assert claimed_total(worth, extract_entities(worth)) == Decimal("2000")
    fare = "I paid $600 for this flight and it was late."
    assert claimed_total(fare, extract_entities(fare)) is None
    twice = "I paid $300 for the flight and was charged $300 again."
    assert claimed_total(twice, extract_entities(twice)) is None


@pytest.mark.parametrize(
    ("message", "history", "given"),
    [
        ("Got the $30 voucher, thank you.", [], "30"),
        ("I want a $200 voucher on top of the $25 one you gave me.", [], "25"),
        ("You already sent me a $40 e-voucher last month and now this.", [], "40"),
        ("Could you do more?", ["Oct 2: issued $60 travel credit as a gesture (CMP-1)"], "60"),
        ("Could you do more?", ["Apr 20: goodwill voucher 50.00 issued for a complaint"], "50.00"),
        ("I was promised a $50 voucher and never got it.", [], "0"),
        ("Could you do more?", ["Oct 3: customer requested 100.00 voucher, declined"], "0"),
        ("Could you do more?", ["May 2: refund 300.00 issued"], "0"),
        ("I think a $300 voucher is fair after this mess.", [], "0"),
        ("I got the $120 credit for the seats, thanks. I'd like $50 more.", [], "120"),
        ("I see a $120 credit on my card statement now.", [], "0"),
        # A voucher for another booking is another case: it does not use up this cap.
        ("Could you do more?", ["Feb 9: goodwill voucher 150.00 issued (seat, JA 2019)"], "0"),
        # ...unless the note is plainly about the same thing.
        (
            "I am writing again: the special meals were missing on both legs.",
            ["Jun 1: goodwill voucher 150.00 issued (special meals missing, booking UK9C5T)"],
            "150.00",
        ),
    ],
)
def test_goodwill_already_received_is_read_from_the_message_and_crm_notes(
    message: str, history: list[str], given: str
) -> None:
    case = make_case(message, customer={"history": history})
    assert already_given(case) == Decimal(given)
