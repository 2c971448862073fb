"""Delay compensation applied to this flight: how late it arrived, why, and what that earns.

Quoting the whole compensation table ("$100 for 3 to 6 hours; $200 over 6 hours") leaves
the customer to work out their own entitlement. A competent agent reads the case and says
"your flight arrived over 6 hours late for a crew shortage, so you qualify for $200". The
bands come from the retrieved passage itself, never from this module, and the reply
restates the band in the passage's own words, so every figure stays grounded.

Credit is offered only when the facts are clear: the flight has *arrived* late (not a
delay still under way), the hours are stated, and the cause is one the policy names as
within the airline's control. Otherwise the reply keeps quoting the policy, as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from agents.contracts import CaseInput, Passage
from agents.money import NUMBER_WORD, NUMBER_WORDS

_HOURS = (
    rf"(\d+(?:\.\d+)?|{NUMBER_WORD})"
    r"(?:\s*(?:and a half|h(?:ou)?rs?|h(?:\d{2}m?)?)\b|-hour\b)"
)
# "arrived 7h late", "landed 9 hrs late", "was seven hours late", "an 8-hour delay"
_ARRIVED_LATE = re.compile(
    rf"\b(?:arriv\w*|land\w*|got in|was|were|ended up)\s+(?:about |nearly |almost |over |a full )?"
    rf"{_HOURS}(?:\s*(?:hours?|hrs?))?\s+late\b"
    rf"|\b(?:a|an|the|my|our)\s+{_HOURS}\s+delay\b"
    rf"|\b(?:was|were|got) delayed (?:by )?(?:about |nearly |almost |over )?{_HOURS}",
    re.I,
)
_STILL_WAITING = re.compile(
    r"\b(?:still (?:at|waiting|sitting|here|delayed)|at the gate now|(?:is|are) delayed)\b", re.I
)
_WITHIN = re.compile(
    r"\b(?:crew|technical|mechanical|maintenance|engineering|staff(?:ing)? shortage"
    r"|scheduling|aircraft (?:fault|change|swap|problem)"
    r"|(?:it|computer|system) (?:outage|failure))",
    re.I,
)
_OUTSIDE = re.compile(
    r"\b(?:weather|storm|snow\w*|fog|ice|icing|thunder\w*|hurricane|air[- ]traffic|atc"
    r"|airport clos\w*|security)\b",
    re.I,
)
# The policy's sentences about delays the airline did not cause.
OUTSIDE_OUR_CONTROL = re.compile(r"\boutside (?:juniper air's|our) control\b", re.I)
_BAND = re.compile(
    r"\$(\d+) in travel credit for delays (?:of (\d+) to (\d+) hours|over (\d+) hours)", re.I
)


@dataclass(frozen=True)
class DelayCredit:
    """Travel credit per passenger for this delay, and the band's words from the passage."""

    per_passenger: Decimal
    band: str
    passengers: int
    basis: Passage


def _hours(case: CaseInput) -> float | None:
    status = case.context.status if case.context else ""
    for text in (status, case.message):
        m = _ARRIVED_LATE.search(text)
        if m:
            raw = next(g for g in m.groups() if g)
            value = float(NUMBER_WORDS.get(raw.lower(), 0) or raw)
            minutes = re.search(r"h(\d{2})", m.group(0))
            value += int(minutes.group(1)) / 60 if minutes else 0
            return value + 0.5 if "half" in m.group(0).lower() else value
    return None


def _cause_within_control(case: CaseInput) -> bool:
    said = " ".join([case.message, case.context.status if case.context else ""])
    return bool(_WITHIN.search(said)) and not _OUTSIDE.search(said)


def delay_credit(case: CaseInput, passages: list[Passage]) -> DelayCredit | None:
    """The travel credit this delay earns under the retrieved policy, or None when unclear."""
    if case.context is None or case.context.kind != "flight" or _STILL_WAITING.search(case.message):
        return None
    hours = _hours(case)
    if hours is None or not _cause_within_control(case):
        return None
    for passage in passages:
        for m in _BAND.finditer(passage.text):
            amount, low, high, over = m.groups()
            if (over and hours > float(over)) or (low and float(low) <= hours <= float(high)):
                band = f"over {over} hours" if over else f"{low} to {high} hours"
                return DelayCredit(Decimal(amount), band, case.context.passengers, passage)
    return None
