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

# A voucher the customer already received on this case counts toward the tier cap: said in
# the message ("thanks for the $25 voucher", "the $50 voucher you offered") or in a CRM note
# ("goodwill voucher 25.00 issued").
_GIVEN_VOUCHER = re.compile(
    r"\$\s?(\d[\d,]*(?:\.\d{1,2})?)\s+(?:goodwill )?(?:voucher|credit)\b[^.!?]{0,30}?"
    r"\b(?:you (?:offered|gave|sent)|(?:i|we) (?:got|received|was given))"
    r"|\b(?:thanks?(?: you)? for|got|received|been given|accepted) (?:the|your|a|my) "
    r"\$\s?(\d[\d,]*(?:\.\d{1,2})?)\s+(?:goodwill )?(?:voucher|credit)\b",
    re.I,
)
_NOTED_VOUCHER = re.compile(
    r"\bvoucher (?:of )?\$?\s?(\d[\d,]*(?:\.\d{1,2})?) (?:was )?(?:issued|given|sent|credited)\b",
    re.I,
)


def given_spans(message: str) -> list[tuple[int, int]]:
    """Where the message names a voucher already received (not money being asked for)."""
    return [m.span() for m in _GIVEN_VOUCHER.finditer(message)]


def already_given(case: CaseInput) -> Decimal:
    """Goodwill already received on this case, which counts toward the tier cap.

    The message and the CRM notes usually describe the same voucher, so the larger of the
    two totals counts, not their sum.
    """

    def total(pattern: re.Pattern[str], texts: list[str]) -> Decimal:
        # Each alternative of a pattern has its own amount group; one of them matched.
        amounts = (
            next(g for g in m.groups() if g) for text in texts for m in pattern.finditer(text)
        )
        return sum((Decimal(a.replace(",", "")) for a in amounts), Decimal(0))

    said = total(_GIVEN_VOUCHER, [case.message])
    noted = total(_NOTED_VOUCHER, case.customer.history)
    return max(said, noted)
