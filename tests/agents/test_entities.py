"""Entity extraction: exact offsets, normalized values, and look-alikes that must not match."""

from __future__ import annotations

from agents.entities import extract_entities, luhn_ok


def _found(text: str) -> list[tuple[str, str, int, int]]:
    return [(e.kind, e.value, e.start, e.end) for e in extract_entities(text)]


def test_booking_flight_order_with_offsets() -> None:
    text = "Booking JA4K7Q on JA 482, order JM-100482."
    assert _found(text) == [
        ("booking_ref", "JA4K7Q", 8, 14),
        ("flight_number", "JA482", 18, 24),
        ("order_id", "JM-100482", 32, 41),
    ]


def test_amounts_in_three_notations() -> None:
    text = "I paid $1,200.50, then 300 dollars, then USD 75."
    assert _found(text) == [
        ("amount", "1200.50", 7, 16),
        ("amount", "300.00", 23, 34),
        ("amount", "75.00", 41, 47),
    ]


def test_contact_details_and_dates() -> None:
    text = "Mail ana@example.com or call +1 415 555 0100 before 12 May 2026 or tomorrow."
    assert _found(text) == [
        ("email", "ana@example.com", 5, 20),
        ("phone", "+1 415 555 0100", 29, 44),
        ("date", "12 May 2026", 52, 63),
        ("date", "tomorrow", 67, 75),
    ]


def test_card_number_is_luhn_checked_and_masked() -> None:
    valid = "my card 4111 1111 1111 1111 was charged"
    assert _found(valid) == [("card_number", "************1111", 8, 27)]
    invalid = "my card 4111 1111 1111 1112 was charged"
    assert [e.kind for e in extract_entities(invalid)] != ["card_number"]
    assert luhn_ok("4111111111111111") is True
    assert luhn_ok("4111111111111112") is False


def test_shouted_words_are_not_booking_refs() -> None:
    assert _found("REFUND NOW, PLEASE") == []
