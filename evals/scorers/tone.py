"""Tone: does the reply sound like a caring, competent person wrote it for this customer?"""

from __future__ import annotations

import re

import textstat

from agents.contracts import Channel, Emotion
from evals.results import CaseRecord, Metric
from evals.scorers.base import flag, not_applicable

# Words that show the reply heard the feeling the customer actually expressed.
_ACKNOWLEDGE_WORDS: dict[Emotion, str] = {
    Emotion.ANGER: r"angry|upset|right to be|understand why|not the service|sorry",
    Emotion.FRUSTRATION: r"frustrat\w*|understand|harder than|sorry",
    Emotion.ANXIETY: r"worr\w*|reassur\w*|what happens next|exactly what|stressful",
    Emotion.SADNESS: r"sorry for your loss|condolences|difficult time|so sorry",
    Emotion.CONFUSION: r"clear\w*|explain|step|here is how|let me set out",
    Emotion.SATISFACTION: r"thank\w*|glad|pleased",
}
_ACKNOWLEDGE = {e: re.compile(rf"\b(?:{w})\b", re.I) for e, w in _ACKNOWLEDGE_WORDS.items()}
_AT_FAULT = {
    "flight_cancellation", "flight_delay", "missed_connection", "baggage_issue",
    "faulty_product", "delivery_delay", "lost_parcel", "billing_dispute", "complaint",
}  # fmt: skip
_APOLOGY = re.compile(r"\b(?:sorry|apologi[sz]e)\b", re.I)
_BLAME = re.compile(
    r"\b(?:you should have|your fault|as I (?:already )?said|you failed to|calm down)\b", re.I
)
_DISCLOSURE = re.compile(r"\bAI\b")
_LENGTH = {Channel.SMS: (20, 480), Channel.CHAT: (40, 1400), Channel.EMAIL: (150, 3000)}


class ToneScorer:
    """Empathy, apology, personalization, readability, channel fit and AI disclosure."""

    name = "tone"
    description = (
        "Per reply: acknowledges the emotion the customer expressed; apologizes when the "
        "company is at fault; never blames the customer; uses their name and their booking "
        "or order; reads easily (Flesch reading ease via textstat, 60+ scores full marks); "
        "fits the channel (SMS up to 480 characters); discloses that AI helped write it. "
        "tone.score is the mean of the parts that apply."
    )
    metrics = (
        "tone.score", "tone.acknowledges_emotion", "tone.apology", "tone.no_blame",
        "tone.personalized", "tone.readability", "tone.channel_fit", "tone.disclosure",
    )  # fmt: skip
    lower_is_better: tuple[str, ...] = ()

    def score(self, record: CaseRecord) -> list[Metric]:
        """Score the final draft (what was, or would have been, sent)."""
        if record.draft is None:
            return [not_applicable(m, "no draft was written") for m in self.metrics]
        parts = self._parts(record, record.draft.text)
        applicable = [m.value for m in parts if m.value is not None]
        mean = sum(applicable) / len(applicable) if applicable else None
        return [Metric(name="tone.score", value=mean, reason="mean of the tone parts"), *parts]

    def _parts(self, record: CaseRecord, text: str) -> list[Metric]:
        case, expect = record.eval_case.case, record.eval_case.expect
        return [
            _acknowledges(expect.emotion, text),
            _apology(expect.intent, text),
            flag("tone.no_blame", not _BLAME.search(text), "blames or lectures the customer"),
            _personalized(record, text),
            _readability(text),
            _channel_fit(case.channel, text),
            flag("tone.disclosure", bool(_DISCLOSURE.search(text)), "no AI-use disclosure"),
        ]


def _acknowledges(emotion: Emotion, text: str) -> Metric:
    pattern = _ACKNOWLEDGE.get(emotion)
    if pattern is None:
        return not_applicable("tone.acknowledges_emotion", "neutral message")
    return flag(
        "tone.acknowledges_emotion",
        bool(pattern.search(text)),
        f"does not acknowledge {emotion.value}",
    )


def _apology(intent: str, text: str) -> Metric:
    if intent not in _AT_FAULT:
        return not_applicable("tone.apology", "company not at fault for this intent")
    return flag("tone.apology", bool(_APOLOGY.search(text)), "no apology where one is due")


def _personalized(record: CaseRecord, text: str) -> Metric:
    case = record.eval_case.case
    first = case.customer.name.split()[0]
    named = first.lower() in text.lower()
    ref = case.context.reference if case.context else ""
    contextual = not ref or ref.lower() in text.lower() or case.channel is Channel.SMS
    reason = "" if named else f"does not use the name {first}"
    if named and not contextual:
        reason = f"does not mention {ref}"
    return Metric(name="tone.personalized", value=(named + contextual) / 2, reason=reason)


def _readability(text: str) -> Metric:
    ease = float(textstat.flesch_reading_ease(text))
    value = max(0.0, min(1.0, (ease - 20) / 40))
    return Metric(name="tone.readability", value=round(value, 3), reason=f"Flesch {ease:.0f}")


def _channel_fit(channel: Channel, text: str) -> Metric:
    low, high = _LENGTH[channel]
    ok = low <= len(text) <= high
    return flag(
        "tone.channel_fit", ok, f"{len(text)} characters for {channel.value} ({low}-{high})"
    )
