"""Emotion and its intensity, from VADER sentiment plus a small support-specific lexicon.

VADER knows general polarity well but not *which* negative feeling a customer has, and
the reply must differ (own the failure for anger, reassure for anxiety, console for
grief). The lexicon below tells those apart; VADER breaks ties and sets the baseline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
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
        r"(?:is|are|what) a (?:complete |total |bad |sick )?joke",
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
        r"(?:never|not) (?:arrived|received|came)",
        r"still (?:haven'?t|hasn'?t|have not|has not)",
        r"only (?:came|arrived) ",
        r"never (?:showed|turned) up",
        r"not happy",
        r"(?:round|around) in circles",
        r"keep chasing",
        r"thanks for nothing",
        r"still (?:missing|broken|lost)",
        # A failure the customer is living with, stated flatly.
        r"(?:broke|stopped working|won'?t (?:turn on|charge|work)|died after)",
        r"(?:still|yet) (?:says|shows|isn'?t|not|no)",
        r"wrong (?:item|size|address|colour|color|door)",
        r"(?:charged|billed) (?:me )?(?:twice|extra|again)",
        r"nothing (?:on|in) (?:my|the)",
        # The grind of chasing: "how many times", "stop sending me", "for the runaround".
        r"for nothing",
        r"stop sending",
        r"how many times",
        r"still nothing",
        r"(?:hasn'?t|has not|haven'?t|have not) (?:moved|changed|budged|heard)",
        r"nothing (?:here|yet)",
        r"the least you (?:can|could) do",
        r"runaround",
        r"(?:for|about) the hassle",
        r"(?:never|didn'?t|did not) ask(?:ed)? for",
        r"(?:days|weeks) (?:past|after|late)",
        r"keeps? (?:saying|cutting|failing|disconnecting|dropping)",
        r"kept (?:cutting|disconnecting|dropping|failing)",
        r"not (?:one|a single one) of them",
        r"(?:chased|chasing)",
    ),
    Emotion.ANXIETY: (
        r"worried",
        r"terrified",
        r"frightened",
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
        # Not knowing what to do, fear of loss, something done without the customer.
        r"what (?:do|should|can) (?:i|we) do(?: now)?",
        r"too late",
        r"is (?:it|my \w+) (?:lost|gone)",
        r"should i be worried",
        r"(?:didn'?t|did not|never) (?:make|place|authori[sz]e|order)",
        r"(?:don'?t|do not) recogni[sz]e",
        r"someone (?:changed|logged|rang|called|used|got into|has)",
        r"hack\w*",
        r"tmrw",
        r"help (?:her|him|me|us)\b",
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
        r"(?:mother|father|mum|mom|dad|wife|husband|son|daughter|partner|brother|sister)"
        r"\b[^.!?]{0,20}\bdied",
        r"chemo\w*",
        r"cancer",
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
        # The customer cannot tell what is true or what applies.
        r"(?:does|doesn'?t) (?:that |this |it )?make (?:any )?sense",
        r"is (?:this|that|it) (?:real|you|legit\w*|genuine)",
        r"have i (?:paid|been charged) twice",
        r"or (?:do|will|should) (?:i|we)",
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
        r"lovely",
        r"fantastic",
        r"(?:an absolute|a real|a total) star",
        r"so far so good",
    ),
}
# Gratitude with a reason ("thanks for the quick refund!") is satisfaction even when a
# question follows (labeling guideline); a bare "Thanks." sign-off is only politeness.
_PRAISE = re.compile(
    r"\b(?:thank(?:s| you)(?: so much| very much| again)? for\b(?! nothing)|thank(?:s| you)\s*!"
    r"|(?:really |much )?appreciated|loving|(?:was|so|really|super) (?:quick|fast|helpful|kind)"
    r"|(?:came|arrived) (?:a day |two days )?early|thx)",
    re.I,
)
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


# Words of thanks are also how letters are polite; the other satisfaction words are praise.
_THANKS_WORD = re.compile(r"\b(?:thank(?:s| you)|apprecia\w*)\b", re.I)


def _dominant(counts: dict[Emotion, int], compound: float, thanks_only: bool = True) -> Emotion:
    """Pick the lexicon's strongest feeling, letting VADER veto misleading politeness."""
    negative_seen = any(counts[e] for e in _PRECEDENCE[:-1])
    if compound < -0.05 or (negative_seen and compound < 0.5):
        # "Thanks." at the end of a complaint is politeness, not satisfaction.
        counts = {**counts, Emotion.SATISFACTION: 0}
    best = max(_PRECEDENCE, key=lambda e: (counts[e], -_PRECEDENCE.index(e)))
    if best is Emotion.SATISFACTION and counts[best] == 1 and compound < 0.6 and thanks_only:
        return Emotion.NEUTRAL  # a sign-off "thanks" on a plain question
    if counts[best]:
        return best
    # Polite words ("I'd like a person, please") lift VADER's score without any thanks or
    # praise: satisfaction needs words of its own (the lexicon or _PRAISE), so a positive
    # score with none reads as neutral.
    return Emotion.FRUSTRATION if compound <= -0.5 else Emotion.NEUTRAL


def _intensity(text: str, hits: int, compound: float) -> float:
    """Strength of feeling: polarity, lexicon hits, shouting, exclamations, swearing."""
    words = re.findall(r"[A-Za-z]{3,}", text)
    caps = sum(1 for w in words if w.isupper())
    score = 0.45 * abs(compound) + 0.1 * min(hits, 4)
    score += 0.08 * min(text.count("!"), 4) + 0.1 * min(caps, 3)
    score += 0.15 * min(len(_PROFANITY.findall(text)), 2)
    score += 0.04 * min(len(_INTENSIFIER.findall(text)), 3)
    return round(min(1.0, score), 3)


# A closing line ("Thank you,", "Kind regards") and the name under it: a letter's form, not
# a feeling, so "Thank you,\nThandeka" under a return request is not satisfaction.
_SIGN_OFF = re.compile(
    r"\n[ \t]*(?:many |with )?(?:thanks(?: (?:again|in advance))?|thank you(?: in advance)?"
    r"|cheers|(?:kind |best |warm(?:est)? )?regards|best(?: wishes)?|sincerely"
    r"|yours(?: sincerely| faithfully| truly)?|all the best|take care)[ \t]*[,.!]?[ \t]*"
    r"(?:\n[^\n]{0,40}){0,2}\s*$",
    re.I,
)


# "Thanks for the $25 voucher, but honestly it doesn't cover it": thanks that turn into a
# grievance are politeness before frustration, not satisfaction.
_BUT = re.compile(
    r"\b(?:but|however|though|although|unfortunately|that said|even so|still"
    r"|(?:don'?t|do not) want to (?:seem|sound|be) ungrateful)\b",
    re.I,
)
_GRIEVANCE = (Emotion.FRUSTRATION, Emotion.ANGER)
# Thanks for goodwill followed by asking for more of it ("Thanks for the $100 credit ...
# would you consider adding another $100?") is a grievance told politely.
_MORE_WANTED = re.compile(
    r"\b(?:(?:add|adding|another|extra|top (?:it |this )?up|double|increase)\b[^.!?\n]{0,40}"
    r"(?:\$|\d|hundred|fifty|credit|voucher|it\b)|\$?\d+ more|(?:doesn'?t|does not|didn'?t)"
    r" (?:quite )?(?:cover|reflect|make up)|(?:felt|feels|seems?) (?:a (?:little|bit) )?light"
    r"|(?:something|more) (?:is |was )?owed|(?:would|feel) (?:be )?(?:fair|closer)"
    r"|(?:for|about) the (?:runaround|hassle|time (?:this|it) took))",
    re.I,
)


def _grudging(after_thanks: str, counts: dict[Emotion, int]) -> bool:
    grievances = sum(counts[e] for e in _GRIEVANCE)
    return (
        (bool(_BUT.search(after_thanks)) and grievances > 0)
        or grievances >= 2
        or bool(_MORE_WANTED.search(after_thanks))
    )


def read_emotion(text: str) -> EmotionReading:
    """Classify the customer's dominant emotion and how intense it is."""
    text = _SIGN_OFF.sub("", text)
    compound = float(_analyzer().polarity_scores(text)["compound"])
    hits = {e: p.findall(text) for e, p in _compiled().items()}
    counts = {e: len(found) for e, found in hits.items()}
    praise = _PRAISE.search(text[: max(len(text) // 2, 80)])
    if praise and compound > -0.3 and not _grudging(text[praise.end() :], counts):
        return _reading(text, Emotion.SATISFACTION, counts[Emotion.SATISFACTION] + 1, compound)
    thanks = praise or _compiled()[Emotion.SATISFACTION].search(text)
    if thanks and _MORE_WANTED.search(text[thanks.end() :]):
        counts = {**counts, Emotion.SATISFACTION: 0}
        if not any(counts.values()):
            # Nothing else was said: the polite ask for more is the grievance.
            return _reading(text, Emotion.FRUSTRATION, 1, compound)
    thanks_only = all(_THANKS_WORD.fullmatch(w) for w in hits[Emotion.SATISFACTION])
    emotion = _dominant(counts, compound, thanks_only)
    reading = _reading(text, emotion, counts.get(emotion, 0), compound)
    if emotion is Emotion.FRUSTRATION and counts[Emotion.ANGER] and reading.intensity >= ANGER_HEAT:
        # Shouted frustration with angry words reads as anger.
        return replace(reading, emotion=Emotion.ANGER)
    return reading


def _reading(text: str, emotion: Emotion, hits: int, compound: float) -> EmotionReading:
    intensity = 0.0 if emotion is Emotion.NEUTRAL else _intensity(text, hits, compound)
    return EmotionReading(emotion=emotion, intensity=intensity, sentiment=round(compound, 4))
