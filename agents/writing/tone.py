"""The human part of a reply: naming the situation and answering the feeling behind it.

Templates are deliberately specific ("your flight JA482 being cancelled") and never use
the generic "we apologize for any inconvenience". Variants are chosen by a stable hash of
the case key, so the same case always gets the same words (replays and evals stay exact).
They contain no numbers: every number in a reply must come from a passage or the case.
"""

from __future__ import annotations

import hashlib
import re

from agents.contracts import CaseInput, Emotion, Interpretation, RiskSignal

_SITUATION = {
    "flight_cancellation": "your flight{flight} being cancelled",
    "flight_delay": "the delay to your flight{flight}",
    "missed_connection": "missing your connection{flight}",
    "baggage_issue": "your bag not arriving with you",
    "refund_request": "your refund{ref}",
    "return_request": "your return{ref}",
    "faulty_product": "your item{ref} not working as it should",
    "delivery_delay": "your order{ref} arriving late",
    "lost_parcel": "your parcel{ref} not arriving",
    "order_change_or_cancel": "the change to your order{ref}",
    "billing_dispute": "the charge you have questioned{ref}",
    "account_security": "the security of your account",
    "accessibility_request": "the assistance you need for your trip{ref}",
    "data_privacy_request": "your request about your personal data",
    "compensation_request": "what went wrong{ref}",
    "complaint": "the experience you had with us",
    "loyalty_question": "your Juniper Circle membership",
    "human_agent_request": "speaking with a member of our team",
}
# The connection is not missed yet: "I'll miss", "might miss", "worried I won't make it".
_AT_RISK = re.compile(
    r"\b(?:(?:will|'ll|might|may|going to|about to|could) (?:\w+ )?miss"
    r"|(?:won't|will not|not going to) make (?:it|my connection)|make my connection)\b",
    re.I,
)
# Intents where something went wrong on our side, so an apology is owed.
AT_FAULT = {
    "flight_cancellation",
    "flight_delay",
    "missed_connection",
    "baggage_issue",
    "faulty_product",
    "delivery_delay",
    "lost_parcel",
    "billing_dispute",
    "complaint",
    "compensation_request",
}
_ACK: dict[Emotion, tuple[str, ...]] = {
    Emotion.ANGER: (
        "I'm truly sorry about {s}. You had every right to expect better from us, "
        "and I understand why you are angry.",
        "You are right to be upset about {s}, and I'm sorry. This is not the service "
        "we want to give you.",
    ),
    Emotion.FRUSTRATION: (
        "I'm sorry about {s}. I can hear how frustrating this has been, and I want to get "
        "it sorted for you.",
        "I understand how frustrating this is when you just want it resolved, and I'm sorry "
        "about {s}.",
    ),
    Emotion.ANXIETY: (
        "I can see that {s} is worrying you, so let me set out exactly what happens next.",
        "I understand this is stressful. Here is what happens next with {s}.",
    ),
    Emotion.SADNESS: (
        "I'm so sorry you are going through this, and I'm sorry you have to deal with {s} "
        "at such a difficult time.",
    ),
    Emotion.CONFUSION: (
        "Thank you for asking about {s}. I'll walk you through it step by step.",
        "Good question about {s}; let me make it clear.",
    ),
    Emotion.SATISFACTION: ("Thank you so much for your kind words; it means a lot to the team.",),
    Emotion.NEUTRAL: ("Thank you for getting in touch about {s}.",),
}
# When we caused the problem, a worried or puzzled customer is still owed an apology; these
# variants own the failure before reassuring or explaining. A grateful customer is not given
# one: their thanks usually means the problem is behind them, and an apology for a failure
# the intent guessed wrong ("sorry your order was late" to "it came early, thanks!") reads
# as not listening.
_AT_FAULT_ACK: dict[Emotion, tuple[str, ...]] = {
    Emotion.ANXIETY: (
        "I'm sorry about {s}. I can see it is worrying you, so let me set out exactly what "
        "happens next.",
        "I'm sorry about {s}; I understand this is stressful. Here is what happens next.",
    ),
    Emotion.CONFUSION: (
        "I'm sorry about {s}, and thank you for asking. I'll walk you through it step by step.",
        "I'm sorry about {s}. Let me make clear what applies to you.",
    ),
}
_DISAPPOINTED = ("I'm so sorry about {s}. I can tell how disappointing this is.",)
_BEREAVEMENT = "I'm so sorry for your loss. Please accept our condolences."
# Someone was hurt or at risk: the person comes first, the product or flight second, so
# the reply never opens with "your item not working as it should" to a parent whose baby
# was hurt by it.
# The people a customer writes about ("my daughter", "my gran"): whom we hope is all right,
# and whose graduation was missed.
_FAMILY = (
    r"daughter|son|baby|child|kids?|children|boy|girl|toddler|wife|husband|partner|mum|mom"
    r"|dad|mother|father|sister|brother|grandmother|grandfather|gran|grandad|grandma|grandpa"
    r"|friend|niece|nephew|aunt|uncle|cousin"
)
_HURT_PERSON = re.compile(
    rf"\bmy (?:(?:little |baby |young |elderly |\d+-\w+-old )?({_FAMILY}))\b", re.I
)


def _safety_acknowledgement(case: CaseInput) -> str:
    match = _HURT_PERSON.search(case.message)
    if match is None:
        who = "you are"
    else:
        person = match.group(1).lower()
        who = f"your {person} {'are' if person in ('kids', 'children') else 'is'}"
    return f"I'm so sorry to hear what happened, and I hope {who} all right."


def pick(options: tuple[str, ...], key: str, salt: str = "") -> str:
    """Choose a variant by a stable hash of the case key (never ``random``)."""
    digest = hashlib.sha256(f"{key}:{salt}".encode()).digest()
    return options[digest[0] % len(options)]


def first_name(case: CaseInput) -> str:
    """The customer's first name, as they would expect to be greeted."""
    return case.customer.name.split()[0]


def situation(case: CaseInput, interp: Interpretation) -> str:
    """Plain words for what happened, with the flight or reference when known."""
    # Written as the company writes them ("JA 214"); with two flights in a missed
    # connection, which one is "your connection" is not safe to guess, so neither is named.
    flights = list(
        dict.fromkeys(
            re.sub(r"^([A-Z]{2})(\d)", r"\1 \2", e.value)
            for e in interp.entities
            if e.kind == "flight_number"
        )
    )
    if interp.intent == "missed_connection" and len(flights) > 1:
        flights = []
    ref = case.context.reference if case.context else ""
    template = _SITUATION.get(interp.intent, "your question")
    if interp.intent == "missed_connection" and _AT_RISK.search(case.message):
        template = "your first flight running late and putting your connection{flight} at risk"
    return template.format(
        flight=f" {flights[0]}" if flights else "", ref=f" ({ref})" if ref else ""
    )


def acknowledgement(case: CaseInput, interp: Interpretation) -> str:
    """Answer the feeling first: own it, reassure, console or thank, by emotion."""
    if RiskSignal.SAFETY in interp.risk_signals:
        return _safety_acknowledgement(case)
    emotion = interp.emotion
    at_fault = interp.intent in AT_FAULT
    if emotion is Emotion.NEUTRAL and at_fault:
        text = f"I'm sorry about {situation(case, interp)}, and thank you for letting us know."
    else:
        table = _AT_FAULT_ACK if at_fault and emotion in _AT_FAULT_ACK else _ACK
        if emotion is Emotion.SADNESS and RiskSignal.VULNERABLE_CUSTOMER not in interp.risk_signals:
            # Disappointment ("bit of a sad one, the trip's off"), not grief: "at such a
            # difficult time" would overstate it.
            table = {Emotion.SADNESS: _DISAPPOINTED}
        text = pick(table[emotion], case.idempotency_key, "ack").format(s=situation(case, interp))
    grief = any(w in case.message.lower() for w in ("passed away", "funeral", "died", "bereave"))
    if grief and RiskSignal.VULNERABLE_CUSTOMER in interp.risk_signals:
        text = f"{_BEREAVEMENT} {text}"
    return text[0].upper() + text[1:]


_REPEAT_WORDS = re.compile(
    r"\b(?:again|already (?:contacted|called|written|emailed|asked)|(?:called|wrote|emailed|"
    r"contacted you) (?:\w+ )?(?:times|twice)|(?:second|third|fourth|\d+(?:nd|rd|th)) time"
    r"|still (?:no|not|waiting for) (?:a |any )?(?:reply|answer|response|call ?back|word)"
    r"|still (?:haven'?t|have not|not) heard"
    r"|nobody (?:has )?(?:replied|answered|fixed)"
    r"|no one (?:has )?(?:replied|answered|got back))\b",
    re.I,
)


def is_repeat_contact(case: CaseInput, interp: Interpretation) -> bool:
    """True when the customer has contacted us about *this* matter before.

    Earlier contacts about something else (a seat upgrade last year) do not count: telling
    a customer "you have already contacted us about this" when they have not is worse than
    saying nothing.
    """
    if _REPEAT_WORDS.search(case.message) or any("time" in r for r in interp.urgency_reasons):
        return True
    reference = case.context.reference.lower() if case.context else ""
    return bool(reference) and any(reference in note.lower() for note in case.customer.history)


_EVENT = (
    r"wedding|funeral|birthday|graduation|interview|meeting|conference|appointment|exam"
    r"|dinner|party|anniversary|concert|honeymoon|christening|surgery|operation|presentation"
    r"|reunion|ceremony|match|cruise|celebration|recital"
)
# What the customer lost or stands to lose beyond the flight or parcel itself: "I missed a
# dinner I'd planned for months", "it's for my daughter's birthday on Saturday".
_MISSED = re.compile(
    rf"\b(missed|missing|miss) (my|our|a|the) ((?:(?:{_FAMILY})(?:'s|s'|s)? )?"
    rf"(?:[a-z]+ )?(?:{_EVENT}))\b",
    re.I,
)
_FOR_EVENT = re.compile(
    rf"\b(?:for|before) (my|our) ((?:(?:{_FAMILY})(?:'s|s'|s)? )?(?:[a-z]+ )?(?:{_EVENT}))\b",
    re.I,
)


def _their(determiner: str, thing: str) -> str:
    """Say the customer's words back to them: "my daughters graduation" -> "your daughter's"."""
    thing = re.sub(rf"\b({_FAMILY})s'?(?= )", r"\1's", thing, flags=re.I)
    return f"{'the' if determiner.lower() in ('a', 'the') else 'your'} {thing.lower()}"


# "a dinner I'd been planning for months" -> "the dinner you had planned"
_PLAN = re.compile(
    r"^\s+(?:that |which )?(?:i|we)(?:'d| had| have|'ve| was| were)? (?:been )?"
    r"(?:plann|book|organi[sz]|arrang|look\w* forward to)",
    re.I,
)
_PLAN_WORDS = {"plann": "planned", "book": "booked", "organis": "organised", "organiz": "organized"}


def _their_plan(after: str) -> str:
    """What the customer said they had done for it, in the second person."""
    match = _PLAN.match(after)
    if match is None:
        return ""
    tail = match.group(0).lower()
    if "forward" in tail:
        return " you had been looking forward to"
    if "arrang" in tail:
        return " you had arranged"
    stem = next((k for k in _PLAN_WORDS if tail.endswith(k)), "plann")
    return f" you had {_PLAN_WORDS[stem]}"


def stakes_note(case: CaseInput, interp: Interpretation) -> str:
    """Name what this cost the customer personally, in their words, when they said it."""
    # Grief and harm are already named first; "the timing matters" would jar beside them.
    careful = {RiskSignal.SAFETY, RiskSignal.VULNERABLE_CUSTOMER} & interp.risk_signals
    if careful or interp.emotion in (Emotion.SATISFACTION, Emotion.SADNESS):
        return ""
    missed = _MISSED.search(case.message)
    if missed and interp.intent in AT_FAULT:
        verb, determiner, thing = missed.groups()
        what = _their(determiner, thing) + _their_plan(case.message[missed.end() :])
        ahead = _AT_RISK.search(case.message[max(0, missed.start() - 25) : missed.end()])
        if verb.lower() == "miss" and ahead:
            return f"I'm so sorry that this puts {what} at risk."
        return f"I'm especially sorry that it meant missing {what}."
    event = _FOR_EVENT.search(case.message)
    if event:
        return (
            f"I know this is for {_their(*event.groups())}, so I understand why the timing matters."
        )
    return ""


def personal_note(case: CaseInput, interp: Interpretation) -> str:
    """Show we know the customer: repeat contact and loyalty, without asking them again."""
    if is_repeat_contact(case, interp):
        return (
            "I can see you have already contacted us about this, and I'm sorry you have "
            "had to write again. I have your details here, so you do not need to repeat them."
        )
    careful = {RiskSignal.SAFETY, RiskSignal.VULNERABLE_CUSTOMER} & interp.risk_signals
    if case.customer.tier.value in ("gold", "platinum") and not careful:
        return f"Thank you for being a Juniper Circle {case.customer.tier.value.title()} member."
    return ""


def opening(*notes: str) -> str:
    """The opening notes as one paragraph, thanking once.

    "Thank you for getting in touch about your order. Thank you for being a Gold member."
    reads as a form; the second thanks joins the first ("..., and for being ...").
    """
    kept = [n for n in notes if n]
    thanks = "Thank you for being "
    if len(kept) < 2 or not kept[-1].startswith(thanks):
        return " ".join(kept)
    first = kept[0].removesuffix(".")
    last_sentence = first.rsplit(". ", 1)[-1]
    if "thank you for" not in last_sentence.lower() or "kind words" in last_sentence:
        return " ".join(kept)
    # "..., and thank you for letting us know and for being ..." needs no second comma.
    joiner = " and for being " if ", and thank you" in last_sentence else ", and for being "
    kept[0] = f"{first}{joiner}{kept.pop()[len(thanks) :]}"
    return " ".join(kept)
