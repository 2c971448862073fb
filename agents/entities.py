"""Entity extraction with character offsets, so replies and reviewers can point at the words.

Patterns run most-specific first and each claims its characters: a card number is never
also read as a phone number, and an order id is never also a flight number. Card numbers
are Luhn-checked and stored masked (``************1111``) because the interpretation is
kept in workflow history, which must not hold a full card number.
"""

from __future__ import annotations

import re

from agents.contracts import Entity, EntityKind
from agents.money import MONEY_RE, parse_money
from agents.patterns import Claimed

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
DATE_RE = re.compile(
    rf"\b(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\b(?:,?\s+\d{{4}})?"
    rf"|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?"
    r"|today|tonight|tomorrow|yesterday"
    r"|(?:next\s+|this\s+|last\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
    re.IGNORECASE,
)
_PATTERNS: list[tuple[EntityKind, re.Pattern[str]]] = [
    ("email", re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")),
    ("card_number", re.compile(r"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])")),
    ("order_id", re.compile(r"\b[A-Z]{2}-\d{5,8}\b")),
    ("amount", MONEY_RE),
    ("date", DATE_RE),
    ("flight_number", re.compile(r"\b(?!USD|EUR|GBP)[A-Z]{2}\s?\d{2,4}\b(?!-)")),
    ("booking_ref", re.compile(r"\b(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{6}\b")),
    ("phone", re.compile(r"(?<![\w+])\+?\d[\d ().-]{6,17}\d(?!\w)")),
]


def luhn_ok(digits: str) -> bool:
    """True when ``digits`` passes the Luhn checksum that every payment card number carries."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def _normalize(kind: EntityKind, raw: str) -> str | None:
    """Canonical value for an entity, or None when the match is not really one."""
    digits = re.sub(r"\D", "", raw)
    if kind == "card_number":
        return "*" * (len(digits) - 4) + digits[-4:] if luhn_ok(digits) else None
    if kind == "phone":
        return raw.strip() if 7 <= len(digits) <= 15 else None
    if kind == "amount":
        value = parse_money(raw)
        return f"{value:.2f}" if value is not None else None
    if kind == "flight_number":
        return raw.replace(" ", "")
    return raw


def extract_entities(text: str) -> list[Entity]:
    """Find entities in ``text``, in reading order, none overlapping another."""
    claimed = Claimed(text)
    found: list[Entity] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if claimed.overlaps(start, end):
                continue
            value = _normalize(kind, match.group(0))
            if value is None:
                continue
            claimed.take(start, end)
            found.append(Entity(kind=kind, value=value, start=start, end=end))
    return sorted(found, key=lambda e: e.start)
