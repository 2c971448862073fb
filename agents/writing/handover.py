"""Telling the customer that a person is taking over, and on what policy.

A risk signal sends the case to a person; the draft says so in one plain sentence and cites
the policy passage that says how such a case is handled (``Retrieval.signal_passages``), so
the approver sees why the case is with them. Where that policy gives the customer a right
or something that helps them ("you always have the right to contact your bank", "it helps
to tell us the chargeback reference"), the draft quotes it word for word: a customer who
mentions a chargeback should hear first that we will never stand in their way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from agents.contracts import Channel, Interpretation, Passage, Retrieval, RiskSignal
from agents.writing.passages import body, sentences

# One sentence per signal, in order of precedence: the first raised signal speaks.
_CARE: dict[RiskSignal, str] = {
    RiskSignal.SAFETY: "Your safety comes first, so a specialist will contact you about this "
    "directly.",
    RiskSignal.VULNERABLE_CUSTOMER: "A specialist from our team will look after your case "
    "personally.",
    RiskSignal.LEGAL_THREAT: "A senior member of our team will review your case personally.",
    RiskSignal.CHARGEBACK: "A member of our billing team will review the payment with you.",
    RiskSignal.MEDIA_THREAT: "A senior member of our team will review your case personally.",
}

# What to quote from a signal's policy: the customer's rights, and what helps them, each
# the first sentence that says so. Internal routing ("your case goes to our billing team")
# is left to the care sentence above.
_QUOTABLE: dict[RiskSignal, tuple[re.Pattern[str], ...]] = {
    RiskSignal.CHARGEBACK: (
        re.compile(r"\byou always have the right\b", re.I),
        re.compile(r"\bit helps to tell us\b", re.I),
    ),
}
# How many of those quotes fit each channel: an SMS keeps only the care sentence.
_QUOTES_PER_CHANNEL = {Channel.EMAIL: 2, Channel.CHAT: 2, Channel.SMS: 0}


@dataclass
class Handover:
    """The hand-over sentences of a draft, and the passages they rest on."""

    care: str = ""
    quotes: list[str] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Quotes first (the customer's rights), then who takes the case over."""
        return " ".join([*self.quotes, self.care]).strip()


def handover(interp: Interpretation, retrieval: Retrieval, channel: Channel) -> Handover:
    """What the draft says about the person taking over, when a risk signal needs one."""
    raised = interp.risk_signals
    out = Handover()
    speaker = next((signal for signal in _CARE if signal in raised), None)
    if speaker is not None:
        out.care = _CARE[speaker]
        _cite(out, _passage_for(retrieval, speaker))
    for signal, cues in _QUOTABLE.items():
        passage = _passage_for(retrieval, signal) if signal in raised else None
        if passage is None:
            continue
        said = sentences(body(passage))
        quoted = [next((s for s in said if cue.search(s)), "") for cue in cues]
        quoted = [s for s in quoted[: _QUOTES_PER_CHANNEL[channel]] if s]
        out.quotes.extend(quoted)
        if quoted:
            _cite(out, passage)
    return out


def _passage_for(retrieval: Retrieval, signal: RiskSignal) -> Passage | None:
    chunk_id = retrieval.signal_passages.get(signal)
    return next((p for p in retrieval.passages if p.chunk_id == chunk_id), None)


def _cite(out: Handover, passage: Passage | None) -> None:
    if passage is not None and passage.chunk_id not in out.citations:
        out.citations.append(passage.chunk_id)
