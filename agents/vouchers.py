"""Goodwill the customer already received on this case, which counts toward the tier cap.

The labeling guideline (ambiguity 4) and the voucher policy agree: the cap is per case, so a
voucher already given is subtracted before anything more is offered, and an ask that would
take the total above the cap goes to a supervisor. The writer, the interpreter (an amount
the customer says they *received* is not an amount they ask for) and the gate share this.
"""

from __future__ import annotations

import re
from decimal import Decimal

from agents.contracts import CaseInput
from agents.entities import extract_entities
from agents.money import MONEY_RE, parse_money

# Goodwill words: a "refund" or a bare "credit" to a card is not goodwill.
_GOODWILL_WORD = re.compile(
    r"\b(?:e-?)?vouchers?\b|\bgoodwill\b|\bgesture\b|\bgift ?cards?\b|\btravel credits?\b"
    r"|\b(?:store|account|voucher) credit\b|\bcompensation\b"
    # "the $120 credit", but not a refund showing as a credit on a card statement
    r"|\$\s?\d[\d,]*(?:\.\d{2})? (?:\w+ )?credit\b(?! (?:on|to|back to) (?:my|the|your)"
    r" (?:card|statement|bank|account))",
    re.I,
)
# Said of goodwill that already reached the customer ("you gave me", "I got", "thanks for").
_RECEIVED = re.compile(
    r"\b(?:you (?:already |kindly )?(?:offered|gave|sent|issued|provided|credited)"
    r"|(?:i|we)(?:'ve| have)? (?:already )?(?:got|gotten|received|accepted|had|used)"
    r"|(?:was|were|been|got) (?:already )?(?:given|offered|sent|issued|credited|awarded)"
    r"|^\s*got|\bgot (?:the|your|a|my|that)|thanks?(?: you)? for"
    r"|already (?:have|had|got|received)|last time|earlier|previous\w*"
    r"|issued|credited|awarded|applied)\b",
    re.I,
)
# An ask, a refusal or a promise: the amount was not received.
_NOT_RECEIVED = re.compile(
    r"\b(?:want|need|would like|i'd like|ask\w*|request\w*|expect\w*|demand\w*|deserve\w*"
    r"|should|instead|more|another|declin\w*|refus\w*|denied|rejected|never|not|n't|promised"
    r"|still waiting|pending)\b|\?",
    re.I,
)
# CRM notes write amounts bare ("goodwill voucher 25.00 issued").
_NOTED_MONEY = re.compile(rf"{MONEY_RE.pattern}|\b\d[\d,]*\.\d{{2}}\b", re.I)
# Clauses: sentences, and their parts around "but", "and", "plus" or "on top of".
_CLAUSE_BREAK = re.compile(r"[;:]|,(?!\d)|\b(?:but|plus|and|on top of|as well as|although)\b", re.I)


def _clauses(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _CLAUSE_BREAK.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if b > a]


def _sentences(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"(?:[^.!?\n]|(?<=\d)\.(?=\d))+", text)]


def _received_amounts(
    text: str, money: re.Pattern[str] = MONEY_RE
) -> list[tuple[int, int, Decimal]]:
    """Amounts said to have been received as goodwill: (start, end, value).

    The goodwill word may sit anywhere in the sentence ("a $200 voucher on top of the $25
    one you gave me"), but the amount and the word saying it was received share a clause.
    """
    found = []
    for s_start, s_end in _sentences(text):
        if not _GOODWILL_WORD.search(text[s_start:s_end]):
            continue
        for a, b in _clauses(text[s_start:s_end]):
            clause = text[s_start + a : s_start + b]
            if not _RECEIVED.search(clause) or _NOT_RECEIVED.search(clause):
                continue
            for m in money.finditer(clause):
                value = parse_money(m.group(0))
                if value is not None:
                    found.append((s_start + a + m.start(), s_start + a + m.end(), value))
    return found


def given_spans(message: str) -> list[tuple[int, int]]:
    """Where the message names goodwill already received (not money being asked for)."""
    return [(start, end) for start, end, _ in _received_amounts(message)]


_REFERENCE_KINDS = {"booking_ref", "order_id", "flight_number"}


def _references(text: str) -> set[str]:
    return {e.value for e in extract_entities(text) if e.kind in _REFERENCE_KINDS}


# Words every goodwill note shares, which say nothing about what the case was.
_NOTE_WORDS = frozenset(
    {"goodwill", "voucher", "vouchers", "issued", "complaint", "customer", "credit", "store"}
    | {"travel", "further", "sent", "given", "case", "about", "with", "from", "that", "this"}
)


def _topic(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in _NOTE_WORDS}


def _same_case(note: str, case: CaseInput) -> bool:
    """Is this CRM note about the case in hand? When unsure, yes (the cap errs low).

    The cap is per case: a voucher for last February's seat that would not recline does
    not use up the cap for today's damaged pushchair. A note that names a booking this
    case names is this case; one that names only other bookings is another case, unless
    it is plainly about the same thing ("special meals missing on both legs").
    """
    named = _references(note)
    if not named:
        return True
    mine = _references(f"{case.subject}\n{case.message}")
    if case.context is not None:
        mine |= {case.context.reference, *_references(case.context.reference)}
    if named & mine:
        return True
    return len(_topic(note) & _topic(case.message)) >= 2


def already_given(case: CaseInput) -> Decimal:
    """Goodwill already received on this case, which counts toward the tier cap.

    The message and the CRM notes usually describe the same voucher, so the larger of the
    two totals counts, not their sum.
    """
    said = sum((v for _, _, v in _received_amounts(case.message)), Decimal(0))
    notes = [note for note in case.customer.history if _same_case(note, case)]
    noted = sum(
        (v for note in notes for _, _, v in _received_amounts(note, _NOTED_MONEY)), Decimal(0)
    )
    return max(said, noted)
