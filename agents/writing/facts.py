"""Factual spans (money, percentages, durations, dates) and their comparable keys.

The writer and the policy checker share this module so they agree on what counts as a
fact: the writer only keeps sentences whose facts are grounded, and the checker blocks
any fact that no cited passage or case detail states. Keys normalize surface forms, so
"$1,200.50", "USD 1200.50" and "1200.50 dollars" are the same fact, and "3-5 business
days" equals "3 to 5 business days".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from agents.entities import DATE_RE
from agents.money import MONEY_RE, parse_money
from agents.patterns import Claimed

_WORD_NUMS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fourteen": 14,
    "thirty": 30,
}
_N = r"\d+(?:\.\d+)?|" + "|".join(_WORD_NUMS)
_DURATION_RE = re.compile(
    rf"(?<![\w$.,])({_N})(?:\s?(?:-|–|to)\s?({_N}))?\s+(?:(business|working|calendar)\s+)?"
    r"(minute|hour|day|week|month|year)s?\b",
    re.I,
)
_PERCENT_RE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s?(?:%|percent\b)", re.I)

FactKey = tuple[str, ...]


@dataclass(frozen=True)
class Fact:
    """One factual span in a text and the key it is compared by."""

    key: FactKey
    start: int
    end: int
    text: str


def _num(token: str) -> str:
    value = _WORD_NUMS.get(token.lower())
    return str(value) if value is not None else str(Decimal(token).normalize())


def _duration(m: re.Match[str]) -> FactKey:
    low = _num(m.group(1))
    high = _num(m.group(2)) if m.group(2) else low
    qualifier = (m.group(3) or "").lower().replace("working", "business")
    return ("duration", low, high, qualifier, m.group(4).lower())


def _money(m: re.Match[str]) -> FactKey:
    value = parse_money(m.group(0)) or Decimal(0)
    return ("money", f"{value:.2f}")


def facts_in(text: str) -> list[Fact]:
    """Every factual span in ``text``, in reading order, none overlapping another."""
    found: list[Fact] = []
    claimed = Claimed(text)
    extractors = (
        (MONEY_RE, _money),
        (_PERCENT_RE, lambda m: ("percent", _num(m.group(1)))),
        (_DURATION_RE, _duration),
        (DATE_RE, lambda m: ("date", " ".join(m.group(0).lower().split()))),
    )
    for pattern, key_of in extractors:
        for m in pattern.finditer(text):
            if claimed.overlaps(*m.span()):
                continue
            claimed.take(*m.span())
            found.append(Fact(key=key_of(m), start=m.start(), end=m.end(), text=m.group(0)))
    return sorted(found, key=lambda f: f.start)


def fact_keys(texts: list[str]) -> set[FactKey]:
    """All fact keys stated anywhere in ``texts`` (the grounding sources)."""
    return {f.key for text in texts for f in facts_in(text)}


def money_text(amount: Decimal) -> str:
    """Format an amount the way the knowledge base writes it ("$50", "$1,200.50")."""
    return f"${amount:,.0f}" if amount == amount.to_integral_value() else f"${amount:,.2f}"
