"""Money as customers write it: "$412.60", "USD 75", "$1.2k", "2 grand", "eighteen hundred bucks".

The gate compares what a customer claims against the refund and voucher caps, so an amount
read wrongly is a routing error: "$2k" read as two dollars sends a $2,000 claim to auto
delivery. One pattern finds money in any of these forms and one parser turns each into a
number, shared by entity extraction, the writer's facts and the policy checker.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?"
# Number words customers write; money, hours of delay and counts of rooms all read them.
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
# Alternation over the words, longest first ("seventeen" before "seven").
NUMBER_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_UNITS = {"a": 1, **NUMBER_WORDS}
_SCALES = {"hundred": 100, "thousand": 1000, "grand": 1000, "k": 1000}
_WORD = "|".join(sorted(_UNITS, key=len, reverse=True))
# "two thousand five hundred", "eighteen hundred", "a grand", "twenty-five hundred"
_WORDS = (
    rf"(?:{_WORD})(?:[ -](?:{_WORD}))?"
    rf"(?:\s+(?:hundred|thousand)(?:\s+(?:and\s+)?(?:{_WORD})(?:[ -](?:{_WORD}))?)?)+"
)
_NOUN = r"(?:dollars|bucks|USD)\b"
# "a grand gesture" and "a grand total" are not a thousand dollars.
_NOT_ADJECTIVE = r"(?!\s+(?:total|gesture|scheme|opening|tour|piano|prix|canyon|old|slam|plan))"
MONEY_RE = re.compile(
    rf"(?:US\$|\$|£|€|\bUSD\s?)\s?(?:{_NUM})(?:\s?k\b|\s+grand\b)?"
    rf"|(?<![\w.,])(?:{_NUM})(?:\s?k|\s+grand)?\s?{_NOUN}"
    rf"|(?<![\w.,$£€])(?:{_NUM})\s+grand\b{_NOT_ADJECTIVE}"
    rf"|\b{_WORDS}\s+{_NOUN}"
    rf"|\b(?:{_WORD})(?:[ -](?:{_WORD}))?\s+grand\b{_NOT_ADJECTIVE}",
    re.IGNORECASE,
)


# "bump it up to a hundred altogether", "round it up to 200": the total the customer wants,
# often written without a currency.
RAISED_TO = re.compile(
    rf"\b(?:bump\w*|round\w*|mak\w+|top\w*|increas\w*|rais\w*|up)\s+(?:it |that |this )?"
    rf"(?:up )?to\s+((?:\$\s?)?(?:{_NUM})|(?:a |one )?(?:{_WORD})?\s*(?:hundred|thousand)"
    rf"|a grand)\b(?!\s*(?:hours?|days?|weeks?|months?|years?|times|percent|%|points|kg))",
    re.IGNORECASE,
)


def raised_to(text: str) -> Decimal | None:
    """The total a customer asks goodwill to be raised to, when they name one."""
    match = RAISED_TO.search(text)
    return parse_money(match.group(1)) if match else None


def _words_value(text: str) -> Decimal | None:
    """Read "eighteen hundred", "two thousand five hundred", "a grand" as a number."""
    total, current = 0, 0
    for token in re.findall(r"[a-z]+", text.lower()):
        if token in _UNITS:
            current += _UNITS[token]
        elif token in _SCALES:
            scale = _SCALES[token]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
    value = total + current
    return Decimal(value) if value else None


def parse_money(text: str) -> Decimal | None:
    """The number in a money expression ("$1,200.50", "$1.2k", "2 grand", "a grand")."""
    match = re.search(_NUM, text)
    if match is None:
        return _words_value(text)
    try:
        value = Decimal(match.group(0).replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the regex only admits valid numbers
        return None
    tail = text[match.end() :].lower()
    if re.match(r"\s?k\b|\s+grand\b", tail):
        value *= 1000
    return value
