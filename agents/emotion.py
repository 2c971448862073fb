"""Emotion and its intensity, from VADER sentiment plus a small support-specific lexicon.

VADER knows general polarity well but not *which* negative feeling a customer has, and
the reply must differ (own the failure for anger, reassure for anxiety, console for
grief). The lexicon below tells those apart; VADER breaks ties and sets the baseline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from agents.contracts import Emotion
from agents.patterns import any_of

_LEXICON: dict[Emotion, tuple[str, ...]] = {
    Emotion.ANGER: (
        r"furious",
        r"angry",
        r"outraged?",
        r"livid",
        r"disgust\w*",
        r"unacceptable",
        r"ridiculous",
        r"pathetic",
        r"worst",
        r"incompetent",
        r"scam",
        r"rip[- ]?off",
        r"appalling",
        r"disgrace\w*",
        r"shameful",
        r"how dare",
        r"!{3,}",
        r"had enough",
        r"disaster",
        r"liars?",
        r"idiots?",
        r"useless",
        r"brain-?dead",
        r"discriminat\w*",
        r"joke",
        r"sort it",
    ),
    Emotion.FRUSTRATION: (
        r"frustrat\w*",
        r"annoy\w*",
        r"fed up",
        r"waste of (?:my )?time",
        r"still (?:no|not|waiting)",
        r"(?:second|third|fourth|\d+(?:st|nd|rd|th)) time",
        r"again",
        r"nobody",
        r"no one",
        r"on hold",
        r"disappoint\w*",
        r"keeps? (?:happening|telling)",
        r"no response",
        r"no use",
        r"nothing has (?:arrived|happened|changed)",
        r"isn'?t until",
        r"(?:\d+|several|many|two|three|four|five|six) hours",
        r"i'?d rather",
        r"(?:never|not) (?:arrived|received|came)",
        r"still (?:haven'?t|hasn'?t|have not|has not)",
        r"only (?:came|arrived) ",
    ),
    Emotion.ANXIETY: (
        r"worried",
        r"anxious",
        r"nervous",
        r"scared",
        r"panic\w*",
        r"stress\w*",
        r"afraid",
        r"concerned",
        r"desperate",
        r"stranded",
        r"what if",
        r"will i (?:still|be able)",
        r"urgent\w*",
        r"asap",
        r"please help",
        r"boarding",
        r"(?:do|will) i need to",
        r"supposed to",
        r"(?:really )?don'?t want to miss",
        r"need it (?:for|by)",
        r"in time",
        r"tomorrow morning",
        r"(?:my|our|the) (?:kids|children|baby)",
        r"is there any news",
        r"as soon as possible",
    ),
    Emotion.SADNESS: (
        r"passed away",
        r"funeral",
        r"(?:has|had|just) died",
        r"grie\w*",
        r"heartbroken",
        r"devastated",
        r"bereave\w*",
        r"lost my (?:mother|father|mum|mom|dad|wife|husband|son|daughter)",
        r"sad(?:ly|dened)?",
        r"upset",
    ),
    Emotion.CONFUSION: (
        r"confus\w*",
        r"(?:don'?t|do not) understand",
        r"not sure",
        r"unclear",
        r"how do i",
        r"what does",
        r"makes no sense",
        r"which (?:one|option)",
        r"can you explain",
        r"does that mean",
        r"why (?:does|did|is|was|has|have)",
        r"how will",
        r"can i still",
        r"is (?:that|it|this) (?:covered|normal|right|correct)",
        r"what (?:does|happens if|counts)",
        r"i was told",
        r"(?:am|are) i (?:entitled|allowed|eligible)",
    ),
    Emotion.SATISFACTION: (
        r"thank(?:s| you)",
        r"great",
        r"apprecia\w*",
        r"happy",
        r"love",
        r"wonderful",
        r"excellent",
        r"well done",
        r"brilliant",
        r"perfect",
        r"amazing",
    ),
}
_PROFANITY = re.compile(r"\b(?:f+u+c+k\w*|shit\w*|damn\w*|crap|bloody|hell|wtf|f\*+\w*)\b", re.I)
_INTENSIFIER = re.compile(r"\b(?:so|very|extremely|absolutely|completely|totally|really)\b", re.I)
ANGER_HEAT = 0.7
# When two feelings score the same, the one that needs the most care wins.
_PRECEDENCE = (
    Emotion.SADNESS,
    Emotion.ANGER,
    Emotion.ANXIETY,
    Emotion.FRUSTRATION,
    Emotion.CONFUSION,
    Emotion.SATISFACTION,
)


@dataclass(frozen=True)
class EmotionReading:
    """The dominant emotion, how strongly it is felt (0..1) and VADER's compound score."""

    emotion: Emotion
    intensity: float
    sentiment: float


@lru_cache(maxsize=1)
def _analyzer() -> SentimentIntensityAnalyzer:
    """VADER loads its lexicon from disk, so build it once per process."""
    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=1)
def _compiled() -> dict[Emotion, re.Pattern[str]]:
    return {e: any_of(ws) for e, ws in _LEXICON.items()}


def _dominant(counts: dict[Emotion, int], compound: float) -> Emotion:
    """Pick the lexicon's strongest feeling, letting VADER veto misleading politeness."""
    negative_seen = any(counts[e] for e in _PRECEDENCE[:-1])
    if compound < -0.05 or (negative_seen and compound < 0.5):
        # "Thanks." at the end of a complaint is politeness, not satisfaction.
        counts = {**counts, Emotion.SATISFACTION: 0}
    best = max(_PRECEDENCE, key=lambda e: (counts[e], -_PRECEDENCE.index(e)))
    if best is Emotion.SATISFACTION and counts[best] == 1 and compound < 0.6:
        return Emotion.NEUTRAL  # a sign-off "thanks" on a plain question
    if counts[best]:
        return best
    if compound <= -0.5:
        return Emotion.FRUSTRATION
    return Emotion.SATISFACTION if compound >= 0.6 else Emotion.NEUTRAL


def _intensity(text: str, hits: int, compound: float) -> float:
    """Strength of feeling: polarity, lexicon hits, shouting, exclamations, swearing."""
    words = re.findall(r"[A-Za-z]{3,}", text)
    caps = sum(1 for w in words if w.isupper())
    score = 0.45 * abs(compound) + 0.1 * min(hits, 4)
    score += 0.08 * min(text.count("!"), 4) + 0.1 * min(caps, 3)
    score += 0.15 * min(len(_PROFANITY.findall(text)), 2)
    score += 0.04 * min(len(_INTENSIFIER.findall(text)), 3)
    return round(min(1.0, score), 3)


def read_emotion(text: str) -> EmotionReading:
    """Classify the customer's dominant emotion and how intense it is."""
    compound = float(_analyzer().polarity_scores(text)["compound"])
    counts = {e: len(p.findall(text)) for e, p in _compiled().items()}
    emotion = _dominant(counts, compound)
    hits = counts.get(emotion, 0)
    intensity = 0.0 if emotion is Emotion.NEUTRAL else _intensity(text, hits, compound)
    if emotion is Emotion.FRUSTRATION and counts[Emotion.ANGER] and intensity >= ANGER_HEAT:
        emotion = Emotion.ANGER  # shouted frustration with angry words reads as anger
    return EmotionReading(emotion=emotion, intensity=intensity, sentiment=round(compound, 4))
