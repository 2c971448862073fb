"""The interpreter: what the customer wants, how they feel, how urgent it is, what is at risk.

It composes the intent classifier (semantic similarity, implemented in ``knowledge``) with
the local emotion, entity, urgency and risk rules. Confidence is a softmax over the ranked
similarities (an embedding that likes two intents almost equally has not decided),
scaled down when even the best similarity is weak.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from decimal import Decimal
from typing import cast, get_args

from agents.contracts import (
    CaseInput,
    Emotion,
    Entity,
    Interpretation,
    OutOfScope,
    RiskEvidence,
    RiskSignal,
    Urgency,
)
from agents.emotion import read_emotion
from agents.entities import extract_entities
from agents.money import NUMBER_WORD, NUMBER_WORDS, parse_money
from agents.patterns import PERSON_INTENT
from agents.person_request import asks_for_person
from agents.ports import IntentClassifier, IntentScore, RiskDetector
from agents.product_line import product_line_of
from agents.risk_signals import clause_around, detect_risks, illness_over
from agents.sanitize import READ_LIMIT, customer_text
from agents.vouchers import given_spans

_HOSTILE = {RiskSignal.ABUSE, RiskSignal.LEGAL_THREAT, RiskSignal.MEDIA_THREAT}
_NOT_HOSTILE = {Emotion.NEUTRAL, Emotion.FRUSTRATION, Emotion.CONFUSION, Emotion.SATISFACTION}
_AT_RISK = {RiskSignal.SAFETY, RiskSignal.VULNERABLE_CUSTOMER}
_GRIEF = re.compile(
    r"\b(?:bereave\w*|died|death|passed away|passed|funeral|ashes|widow\w*|griev\w*|loss"
    r"|lost (?:my|our|her|his) (?:husband|wife|partner|son|daughter|baby|child|mum|mom|mother"
    r"|dad|father|brother|sister)|condolences|memorial|late (?:husband|wife|mother|father))\b",
    re.I,
)
FALLBACK_INTENT = "general_question"
# Classes the classifier learns for messages no policy answers (knowledge.taxonomy): they
# report as the fallback intent and the gate sends them to a person.
OUT_OF_SCOPE: frozenset[str] = frozenset(get_args(OutOfScope))
# Below this similarity no intent is trusted; within SECONDARY_GAP a runner-up also counts.
WEAK_SCORE = 0.35
SECONDARY_GAP = 0.06
# The classifier's probability of "asks for a person" above which it counts as a second ask
# even when no known phrase says so. On dev, 0.15-0.3 flagged no auto case (issue 5 notes).
PERSON_NET = 0.2
# A second ask needs a sentence the model reads as that intent this surely. On dev, 0.8
# found 17 labeled second asks with 6 others, most of them real asks left unlabeled.
SECOND_ASK = 0.8
_NOT_ANSWERED_ALONE = frozenset({FALLBACK_INTENT, PERSON_INTENT})
# How much an intent of the other business counts when the case names a flight or order.
OTHER_LINE_WEIGHT = 0.05
# Rank every class, so renormalising after weighing by context sees the whole distribution.
RANK_ALL = 64
# Softmax temperature over cosine similarities, and the similarity at which the best
# match counts as fully adequate. Chosen on the sample taxonomy (see issue notes).
TEMPERATURE = 0.04
ADEQUATE_SCORE = 0.55

_CRITICAL = re.compile(
    r"\b(?:boarding (?:in|starts in) \d+ ?(?:min\w*|mins?)"
    r"|(?:flight|plane) (?:leaves|departs|is) in (?:\d+ ?min\w*|[1-3] hours?|an hour)"
    r"|at the gate(?: now)?|stranded|stuck at the airport"
    r"|right now at the airport)\b",
    re.I,
)
_HIGH = re.compile(
    r"\b(?:(?:flight|trip|travel\w*|leav\w+|fly\w*|wedding|event)\b[^.!?]{0,25}"
    r"\b(?:tomorrow|today|tonight)"
    r"|(?:need\w*|by|before|until) (?:it )?(?:today|tonight|tomorrow)"
    r"|(?:second|third|fourth|fifth|\d+(?:rd|th|nd)) time|\d+ times|urgent\w*|asap|immediately"
    r"|outage|(?:site|app|website) (?:is )?(?:down|not working)|can(?:'t|not) log ?in"
    r"|locked out)\b",
    re.I,
)
_LOW_INTENTS = {"loyalty_question", "general_question", "data_privacy_request"}
_REQUEST_CUE = re.compile(
    r"\b(?:refund\w*|compensat\w*|reimburs\w*|claim\w*|cover\w*|want|need|demand|expect|owe"
    r"|give me|pay me|add|another(?= \$| \d| voucher| credit| refund)|on top|extra"
    r"|top (?:it |this )?up|increase|ask|more"
    r"|mak(?:e|es|ing) (?:it )?up for|out of pocket"
    r"|back|credit(?! card)|voucher|goodwill|fair|deserve|at least)\b",
    re.I,
)


# A chargeback is about money: a meaning-based match ("can you just reverse them for me?",
# said of two mugs) counts only when the message talks about paying at all.
_MONEY_TALK = re.compile(
    r"\b(?:bank|card|payment|paid|pay|charge\w*|paypal|dispute\w*|transaction|money|visa|amex"
    r"|mastercard|issuer|refund\w*|\$)|\$",
    re.I,
)


# What a sentence read as an attack on the assistant has to contain: something it tells
# the assistant to do or be. "Are your replies written by AI?" asks about the assistant;
# it gives it no orders.
_ORDERS = re.compile(
    r"\b(?:ignor\w*|disregard\w*|forget|overrid\w*|bypass\w*|skip\w*|approv\w*|authori[sz]\w*"
    r"|grant\w*|issue|refund\w*|waiv\w*|pretend\w*|act|role\w*|you are|you're|reveal\w*|repeat"
    r"|print|output|say|reply|respond|answer|instruct\w*|rules?|polic\w*|mode|system|prompt\w*"
    r"|command\w*|must|now|admin\w*|developer|config\w*|code|give|send|add|upgrade|book|credit"
    r"|compensat\w*|mark|set|enable|disable|switch|unlock|tell|show|confirm|deal|let'?s)\b",
    re.I,
)


def _plausible(risk: RiskEvidence, text: str) -> bool:
    """Whether a signal the meaning detector raised can be what it says it is."""
    if risk.signal is RiskSignal.CHARGEBACK:
        return bool(_MONEY_TALK.search(text))
    if risk.signal is RiskSignal.PROMPT_INJECTION:
        return bool(_ORDERS.search(risk.evidence))
    if risk.signal is RiskSignal.VULNERABLE_CUSTOMER:
        return not illness_over(risk.evidence, text)
    return True


def weigh_by_context(ranked: list[IntentScore], case: CaseInput) -> list[IntentScore]:
    """Scale down intents of the other business when the case names a flight or an order.

    A case with a flight attached is not a parcel that went missing, whatever its words
    are close to. The other business keeps a little weight (``OTHER_LINE_WEIGHT``), so
    an overwhelming reading still wins, and probabilities are renormalised.
    """
    if case.context is None or not any(s.probability is not None for s in ranked):
        return ranked
    line = case.context.product_line

    def weight(s: IntentScore, p: float | None) -> float:
        other = s.product_line is not None and s.product_line != line
        return (p or 0.0) * (OTHER_LINE_WEIGHT if other else 1.0)

    total = sum(weight(s, s.probability) for s in ranked) or 1.0
    whole = sum(weight(s, s.message_probability) for s in ranked) or 1.0
    weighed = [
        s.model_copy(
            update={
                "probability": weight(s, s.probability) / total,
                "message_probability": (
                    None
                    if s.message_probability is None
                    else weight(s, s.message_probability) / whole
                ),
            }
        )
        for s in ranked
    ]
    return sorted(weighed, key=lambda s: -(s.probability or 0.0))


def calibrate(ranked: list[IntentScore]) -> tuple[str, float, list[str]]:
    """Turn ranked intent scores into (intent, confidence, secondary intents).

    With a trained model's probabilities, confidence is that probability scaled by how
    adequate the best similarity is (a model always picks *some* intent, even for a
    message about the weather). Without them, a softmax over the similarities stands in.
    """
    best = max((s.score for s in ranked), default=0.0)
    if best < WEAK_SCORE:
        return FALLBACK_INTENT, round(min(0.3, max(best, 0.0)), 3), []
    top = ranked[0]
    adequacy = min(1.0, best / ADEQUATE_SCORE)
    if top.probability is not None:
        # The stronger of the blended and the whole-message readings of the chosen intent.
        confidence = adequacy * max(top.probability, top.message_probability or 0.0)
    else:
        weights = [math.exp((s.score - top.score) / TEMPERATURE) for s in ranked]
        confidence = adequacy / sum(weights)
    intent = FALLBACK_INTENT if top.intent in OUT_OF_SCOPE else top.intent
    secondary = [
        s.intent
        for s in ranked[1:3]
        if top.score - s.score <= SECONDARY_GAP and s.intent not in {*OUT_OF_SCOPE, intent}
    ]
    return intent, round(confidence, 3), secondary


def second_ask(ranked: list[IntentScore], intent: str, case: CaseInput) -> str | None:
    """Another intent asked in a sentence of its own, of the case's business."""
    line = product_line_of(case)
    asks = [
        s
        for s in ranked
        if (s.ask_probability or 0.0) >= SECOND_ASK
        and s.intent != intent
        and s.intent not in OUT_OF_SCOPE | _NOT_ANSWERED_ALONE
        and (line is None or s.product_line in (None, line))
    ]
    return max(asks, key=lambda s: s.ask_probability or 0.0).intent if asks else None


def _person_probability(ranked: list[IntentScore]) -> float:
    return next((s.probability or 0.0 for s in ranked if s.intent == PERSON_INTENT), 0.0)


def out_of_scope(ranked: list[IntentScore]) -> OutOfScope | None:
    """The classifier's best reading when it is "off_topic" or "unclear", else None."""
    top = ranked[0].intent if ranked else None
    return cast(OutOfScope, top) if top in OUT_OF_SCOPE else None


def assess_urgency(
    text: str, case: CaseInput, intent: str, risks: set[RiskSignal]
) -> tuple[Urgency, list[str]]:
    """Urgency and the phrases that justify it, quoted so an approver sees why."""
    critical = [m.group(0) for m in _CRITICAL.finditer(text)]
    high = [m.group(0) for m in _HIGH.finditer(text)]
    if len(case.customer.history) >= 2:
        high.append(f"{len(case.customer.history)} earlier contacts on record")
    if RiskSignal.SAFETY in risks:
        critical.append("possible safety issue")
    if critical:
        return Urgency.CRITICAL, critical + high
    if high:
        return Urgency.HIGH, high
    if intent in _LOW_INTENTS:
        return Urgency.LOW, []
    return Urgency.NORMAL, []


def requested_amount(text: str, entities: list[Entity]) -> Decimal | None:
    """The money the customer asks for: an amount in a sentence that asks for money."""
    received = given_spans(text)
    amounts = [
        e
        for e in entities
        if e.kind == "amount" and not any(s <= e.start < end for s, end in received)
    ]
    cued = [e for e in amounts if _REQUEST_CUE.search(clause_around(text, e.start, e.end, 10**6))]
    chosen = cued or (amounts if _REQUEST_CUE.search(text) else [])
    values = [parse_money(e.value) for e in chosen]
    return max((v for v in values if v is not None), default=None)


# Words that mark an amount as part of a claim: something paid, lost or to be covered.
_CLAIM_CUE = re.compile(
    r"\b(?:paid|pay|spent|spend|cost\w*|bought|buy|worth|valued?|receipts?|price\w*"
    r"|hotel|taxi|cab|uber|lyft|meals?|food|dinner|clothes|toiletries|replace\w*|lost|ruined"
    r"|damaged|stolen|fare|ticket|laptop|camera|phone|wrecked|smashed|broken|destroyed|new"
    r"|stuff|things|belongings|contents|items|gear)\b",
    re.I,
)
# What lost or ruined belongings were worth: one such amount is a claim on its own
# ("roughly two grand of stuff"), where "I paid $600 for the flight" is not.
_VALUE_CUE = re.compile(
    r"\b(?:worth|valued?|stuff|things|belongings|contents|gear|replac\w*)\b", re.I
)
_REFUND_ARRIVED = re.compile(
    r"\brefund\w*\b[^.!?\n]{0,40}\b(?:shows?|showed|arrived|received|came through|landed"
    r"|went through|is back|has come back)\b"
    r"|\b(?:shows?|showed|received|got)\b[^.!?\n]{0,20}\brefund",
    re.I,
)
_TOTAL = re.compile(
    r"\b(?:total\w*|altogether|all together|in all|all in|all (?:comes?|came) to|all told"
    r"|add(?:s|ed)? up"
    r"|sum|combined|overall)\b",
    re.I,
)


_COUNT = rf"(\d{{1,2}}|{NUMBER_WORD})"
# "two rooms at $289 a room", "3 tickets @ $120": a unit price times a count.
_COUNT_BEFORE = re.compile(rf"\b{_COUNT}\s+(?:[a-z]+\s+){{1,6}}(?:at|@)\s*$", re.I)
# "$214 each for three of us", "$95 per night for 4 nights"
_COUNT_AFTER = re.compile(
    rf"^\s*(?:each|a head|per \w+|apiece)?\s*(?:for|x|×)\s+(?:the\s+)?{_COUNT}\b", re.I
)


def _times(text: str, e: Entity) -> int:
    """How many of the thing an amount prices ("two rooms at $289": 2), 1 when unsaid."""
    before = _COUNT_BEFORE.search(text[max(0, e.start - 60) : e.start])
    after = _COUNT_AFTER.match(text[e.end : e.end + 30])
    found = before or after
    if found is None:
        return 1
    raw = found.group(1).lower()
    return NUMBER_WORDS.get(raw) or int(raw)


def claimed_total(text: str, entities: list[Entity]) -> Decimal | None:
    """What a claim adds up to ("laptop $380, camera $260, clothes $200": $840).

    The refund cap applies to the whole claim, not its largest item. Amounts named
    alongside a claim word are summed (distinct figures; a figure said twice is one charge),
    a unit price counts as often as the customer says ("two rooms at $289 a room"), and a
    total the customer states counts when it is larger. A single plain amount counts only
    as the worth of lost or ruined things ("two grand of stuff"). None when nothing is
    claimed beyond one amount.
    """
    received = given_spans(text)
    items: list[Decimal] = []
    stated: list[Decimal] = []
    multiplied = False
    for e in entities:
        if e.kind != "amount" or any(s <= e.start < end for s, end in received):
            continue
        value = parse_money(e.value)
        clause = clause_around(text, e.start, e.end, 10**6)
        if value is None or not (_CLAIM_CUE.search(clause) or _REQUEST_CUE.search(clause)):
            continue
        if _REFUND_ARRIVED.search(clause):
            continue  # "my bank shows the refund now, $226": money back, not money claimed
        if _TOTAL.search(text[max(0, e.start - 30) : e.start]):
            stated.append(value)
            continue
        times = _times(text, e)
        multiplied |= times > 1
        items.append(value * times)
        if _VALUE_CUE.search(clause):
            stated.append(value)
    distinct = set(items)
    if len(distinct) >= 2 or multiplied:
        stated.append(sum(distinct, Decimal(0)))
    return max(stated, default=None)


def interpret(
    case: CaseInput, classifier: IntentClassifier, risk_detector: RiskDetector | None = None
) -> Interpretation:
    """Understand one case: intent, emotion, urgency, entities, risks and requested money.

    Risks come from the keyword rules and, when a detector is given, from meaning; a
    signal either one raises counts (oversight errs toward asking a human).
    """
    text = case.message[:READ_LIMIT]
    said = customer_text(f"{case.subject}\n{text}".strip())
    every = weigh_by_context(classifier.rank(said, k=RANK_ALL), case)
    ranked = every[:5]
    intent, confidence, secondary = calibrate(ranked)
    scope = out_of_scope(ranked)
    if asks_for_person(said) and intent != PERSON_INTENT:
        # An explicit request for a person is the main ask; the issue they name is secondary.
        intent, confidence, secondary = PERSON_INTENT, max(confidence, 0.9), [intent]
        scope = None
    elif intent != PERSON_INTENT and _person_probability(ranked) >= PERSON_NET:
        # No phrase we know, but the message reads like a request for a person: keep it as
        # a second ask, so the gate lets a person decide (a missed request breaks the
        # disclosure's promise that a person is always available).
        secondary = [*secondary, PERSON_INTENT]
    entities = extract_entities(text)
    risks = detect_risks(case, entities)
    if risk_detector is not None:
        seen = {r.signal for r in risks}
        risks += [
            r for r in risk_detector.detect(text) if r.signal not in seen and _plausible(r, text)
        ]
    feeling = read_emotion(said)
    signals = {r.signal for r in risks}
    if signals & _HOSTILE and feeling.emotion in _NOT_HOSTILE:
        # Threats and insults are anger, whatever words carry them; grief stays grief.
        feeling = replace(feeling, emotion=Emotion.ANGER, intensity=max(feeling.intensity, 0.7))
    elif signals & _AT_RISK and feeling.emotion in _NOT_HOSTILE:
        # Someone hurt, ill or grieving who writes calmly is not calm: a loss reads as
        # sadness, anything else at stake as worry (dev: 27 of 54 such cases are labeled
        # anxiety, 10 sadness; the lexicon read most as neutral or frustration).
        grief = RiskSignal.VULNERABLE_CUSTOMER in signals and _GRIEF.search(said)
        feeling = replace(feeling, emotion=Emotion.SADNESS if grief else Emotion.ANXIETY)
    urgency, reasons = assess_urgency(text, case, intent, {r.signal for r in risks})
    return Interpretation(
        intent=intent,
        intent_confidence=confidence,
        secondary_intents=secondary,
        second_ask=second_ask(every, intent, case),
        emotion=feeling.emotion,
        emotion_intensity=feeling.intensity,
        sentiment=feeling.sentiment,
        urgency=urgency,
        urgency_reasons=reasons,
        entities=entities,
        risks=risks,
        requested_amount=requested_amount(text, entities),
        claimed_total=claimed_total(text, entities),
        language=case.customer.language,
        out_of_scope=scope,
    )
