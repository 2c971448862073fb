"""Extractive selection of policy sentences from retrieved passages.

The local writer never invents a fact: it picks whole sentences from the passages (a
bullet list is joined to its lead-in so it reads as one sentence) and scores them by how
well they match the intent and the customer's own words. Internal rules (who approves
what) and sentences that lean on earlier context ("This applies...") are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agents.contracts import Passage

INTENT_TERMS: dict[str, tuple[str, ...]] = {
    "flight_cancellation": ("cancel", "refund", "rebook", "change fee", "partner"),
    "flight_delay": ("delay", "meal voucher", "travel credit", "hotel"),
    "missed_connection": ("connect", "rebook", "missed"),
    "baggage_issue": ("bag", "expenses", "per day", "lost"),
    "refund_request": ("refund", "payment method", "business days"),
    "return_request": ("return", "refund", "window"),
    "faulty_product": ("warranty", "faulty", "repair", "replacement"),
    "delivery_delay": ("deliver", "shipping", "late", "tracking"),
    "lost_parcel": ("parcel", "investigation", "tracking"),
    "order_change_or_cancel": ("cancel", "order", "ship", "change"),
    "billing_dispute": ("charge", "duplicate", "dispute", "investigat"),
    "account_security": ("password", "never ask", "compromised", "did not place", "lock"),
    "accessibility_request": ("assistance", "wheelchair", "before departure"),
    "data_privacy_request": ("data", "request", "delete", "copy"),
    "compensation_request": ("compensation", "voucher", "credit"),
    "complaint": ("complaint", "investigat", "voucher", "respond"),
    "loyalty_question": ("tier", "benefit", "member"),
}
# What kind of answer the customer's question asks for, and what such an answer contains:
# "how long" wants a duration, "will I be charged" wants the fee (or that there is none).
_ASKS_ANSWERS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (
        re.compile(
            r"\b(?:how long|how soon|when will|when do|until|by when|how many days)\b", re.I
        ),
        re.compile(
            r"\b\d+(?:-\d+)? (?:business )?(?:days?|hours?|weeks?|months?)\b|\bwithin\b", re.I
        ),
    ),
    (
        re.compile(
            r"\b(?:how much|cost|fee|charged?|pay|paying|price|extra|free|per day)\b",
            re.I,
        ),
        re.compile(
            r"\$\d|\bfree of charge\b|\bno (?:change )?fee\b|\bno cost\b|\bfare difference\b", re.I
        ),
    ),
)
# Exclusions ("... the free rebooking rule does not apply") describe someone else's
# situation more often than the customer's; a person would not lead with them.
_EXCLUSION = re.compile(
    r"\b(?:does not apply|do not apply|apply instead|is not covered|are not covered"
    r"|not caused by)\b",
    re.I,
)
_FIGURE = re.compile(
    r"\$\d[\d,.]*|\b\d+(?:-\d+)? (?:business )?(?:days?|hours?|weeks?|months?)\b|\b\d+\s?%", re.I
)
# What we will do for the customer: a reply should lead with it, not with background.
_RESOLUTION = re.compile(
    r"\b(?:we|Juniper (?:Air|Market|Group)) (?:\w+ )?(?:rebooks?|refunds?|replaces?|repairs?"
    r"|provides?|arranges?|covers?|reimburses?)\b|\bat no cost\b|\bfree of charge\b",
    re.I,
)
# "When Juniper Air rebooks you after a missed connection, your bags ...": the remedy is
# background there; only the main clause says what the sentence promises.
_LEADING_CLAUSE = re.compile(r"^(?:When|After|Once|Before|While)\b[^,]*,\s*")
_REMEDIES = ("refund", "rebook", "replac", "repair", "voucher", "reimburs")
_ASKS_MONEY_BACK = re.compile(
    r"\b(?:(?:my|the|our) (?:money|fare|cash) back|get (?:it|this|that) (?:all )?back"
    r"|pay (?:me|us) back)\b|\b(?:my|the|our) \$[\d,.]+ back\b",
    re.I,
)
# Sentences sharing a run of this many words restate one rule in two places.
_SHINGLE = 6
_INTERNAL = re.compile(r"\b(?:agents?|AI assistant|supervisors?|case notes?)\b", re.I)
# "If the tracking has not moved for several days, see our lost parcel guidance": a pointer
# to other rules is not an answer, and the reply already quotes those rules when it can.
_POINTER = re.compile(
    r"\b(?:see|read|check) our [\w -]{0,40}(?:guidance|guide|policy|page)\b", re.I
)
_DANGLING = re.compile(r"^(?:This|These|That|Those|It|They|Such|The same|In (?:this|that) case)\b")
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "to",
        "of",
        "for",
        "in",
        "on",
        "my",
        "i",
        "is",
        "it",
        "was",
        "be",
        "we",
        "you",
        "your",
        "our",
        "me",
        "this",
        "that",
        "with",
        "have",
        "has",
        "at",
        "not",
        "but",
        "are",
        "they",
        "from",
        "can",
        "will",
        "would",
        "what",
        "when",
        "how",
        "do",
        "did",
        "so",
    ]
)


@dataclass(frozen=True)
class Candidate:
    """A sentence that could go into a reply, with the passage it came from."""

    text: str
    chunk_id: str
    score: float  # relevance to the case (``RELEVANCE``): above zero is worth quoting
    # Shares a word with the customer's message or answers their question.
    speaks_to_ask: bool = True


def sentences(text: str) -> list[str]:
    """Split passage text into sentences, joining bullet lists to their lead-in."""
    units: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [ln.strip() for ln in block.splitlines() if ln.strip() and not ln.startswith("#")]
        bullets = [_item(ln) for ln in lines if ln.startswith(("- ", "* "))]
        prose = " ".join(ln for ln in lines if not ln.startswith(("- ", "* ")))
        units.extend(p.strip() for p in re.split(r"(?<=[.!?:])\s+(?=[A-Z])", prose) if p.strip())
        if bullets and units and units[-1].endswith(":"):
            units[-1] = f"{units[-1]} {'; '.join(bullets)}."
    return units


def body(passage: Passage) -> str:
    """Passage text without the "Title — Section: " lead the knowledge base adds for search."""
    lead = f"{passage.title} — {passage.section}: "
    return passage.text[len(lead) :] if passage.text.startswith(lead) else passage.text


def _item(line: str) -> str:
    """A bullet's text without its marker or the trailing "or" that joined it to the next."""
    return line[2:].strip().removesuffix(", or").removesuffix(" or").rstrip(",;.")


# The customer's word and the policy's word for one thing ("couldn't find it" against
# "cannot be found", "sold out" against "out of stock"): both count as the same word.
_SAME_AS: dict[str, str] = {
    "found": "find",
    "finding": "find",
    "sold": "stock",
    "broken": "faulty",
    "damaged": "faulty",
    "dispatched": "shipped",
    "dispatch": "shipped",
    "ship": "shipped",
    "ships": "shipped",
    "shipping": "shipped",
    "money": "refund",
    "reimbursed": "reimburse",
    "reimbursement": "reimburse",
    "cancelled": "cancel",
    "canceled": "cancel",
    "cancellation": "cancel",
    "luggage": "bag",
    "suitcase": "bag",
    "bags": "bag",
    "parcels": "parcel",
    "package": "parcel",
}


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if w not in _STOP and len(w) > 2}


def _meaning_words(text: str) -> set[str]:
    """Content words with the customer's and the policy's word for one thing made one."""
    return {_SAME_AS.get(w, w) for w in _words(text)}


# How relevant a sentence is to the case, by its traits: the intent's own terms, the
# customer's words, a figure, an answer to the question asked, the remedy asked for; never
# an exclusion ("... the free rebooking rule does not apply" is someone else's situation).
# (Weights fitted on dev labels were tried on 2026-11-24 and did no better than these once
# later facts had to touch the customer's words: 0.505 against 0.508 of labeled facts, by
# 5-fold cross-validation.)
RELEVANCE: dict[str, float] = {
    "intent_terms": 2.0,
    "customer_words": 1.0,
    "has_digit": 1.5,
    "passage_rank": -0.5,
    "answers_question": 4.0,
    "exclusion": -3.0,
    "offers_what_was_asked": 1.5,
}


@dataclass(frozen=True)
class _Ask:
    """What the customer's message asks for, read once per message."""

    terms: tuple[str, ...]
    wanted: set[str]
    answers: list[re.Pattern[str]]
    asked: set[str]


def _read_ask(intent: str, message: str) -> _Ask:
    asked = {stem for stem in _REMEDIES if stem in message.lower()}
    if _ASKS_MONEY_BACK.search(message):
        asked.add("refund")  # "I'd just like my money back" asks for the refund rule
    return _Ask(
        terms=INTENT_TERMS.get(intent, ()),
        wanted=_meaning_words(message),
        answers=[answer for asks, answer in _ASKS_ANSWERS if asks.search(message)],
        asked=asked,
    )


def _traits(sentence: str, rank: int, ask: _Ask) -> dict[str, float]:
    """The traits ``RELEVANCE`` weighs, for one sentence of the ``rank``-th passage."""
    low = sentence.lower()
    return {
        "intent_terms": float(sum(t in low for t in ask.terms)),
        "customer_words": float(len(_meaning_words(sentence) & ask.wanted)),
        "has_digit": float(bool(re.search(r"\d", sentence))),
        "passage_rank": float(rank),
        "answers_question": float(sum(bool(a.search(sentence)) for a in ask.answers)),
        "exclusion": float(bool(_EXCLUSION.search(sentence))),
        "offers_what_was_asked": float(_offers_what_was_asked(sentence, ask.asked)),
    }


def quotable(sentence: str, banned: list[re.Pattern[str]]) -> bool:
    """A sentence a reply may quote: not internal, a question, or leaning on other text."""
    return not (
        _INTERNAL.search(sentence)
        or _DANGLING.match(sentence)
        or _POINTER.search(sentence)
        or sentence.endswith("?")
        or any(b.search(sentence) for b in banned)
        or len(sentence) > 320
    )


def candidates(
    passages: list[Passage], intent: str, message: str, banned: list[re.Pattern[str]]
) -> list[Candidate]:
    """Usable sentences, most relevant first (``RELEVANCE``)."""
    ask = _read_ask(intent, message)
    found: list[Candidate] = []
    for rank, passage in enumerate(passages):
        for sentence in sentences(body(passage)):
            if not quotable(sentence, banned):
                continue
            traits = _traits(sentence, rank, ask)
            relevance = sum(RELEVANCE[name] * value for name, value in traits.items())
            speaks = bool(traits["customer_words"] or traits["answers_question"])
            found.append(Candidate(sentence, passage.chunk_id, relevance, speaks))
    return sorted(found, key=lambda c: -c.score)


def _offers_what_was_asked(sentence: str, asked: set[str]) -> bool:
    """A sentence whose main clause says what we will do (the remedy asked for, if any).

    "please refund it" should lead with the refund rule, not with free rebooking.
    """
    main_clause = _LEADING_CLAUSE.sub("", sentence, count=1)
    if not _RESOLUTION.search(main_clause):
        return False
    low = sentence.lower()
    return not asked or any(stem in low for stem in asked)


def select(
    passages: list[Passage], intent: str, message: str, limit: int, banned: list[re.Pattern[str]]
) -> list[Candidate]:
    """The facts to quote for the case (``choose`` over its ``candidates``)."""
    return choose(candidates(passages, intent, message, banned), limit)


def choose(
    ranked: list[Candidate], limit: int, skip: set[str] | frozenset[str] = frozenset()
) -> list[Candidate]:
    """The rule that answers the case, then other relevant facts the customer asked about.

    ``ranked`` is ``candidates`` for the case. The first sentence is the most relevant
    one. The rest must also share a word with the message or answer its question (a late
    order does not need the delivery options on offer), up to ``limit``, skipping
    near-repeats and sentences ``skip`` keeps for another paragraph.
    """
    pool = [c for c in ranked if c.text not in skip]
    chosen = pool[:1] if pool and pool[0].score > 0 else []
    for candidate in pool[1:]:
        if len(chosen) == limit or candidate.score <= 0:
            break
        if candidate.speaks_to_ask and not any(near_repeat(candidate.text, c.text) for c in chosen):
            chosen.append(candidate)
    return chosen


def near_repeat(a: str, b: str, threshold: float = 0.7) -> bool:
    """Two policy sentences that say the same thing twice.

    Either they share most of their content words, or a long run of words ("on the next
    available Juniper Air flight to"), or every figure in ``a`` ("within 5 business days")
    is already stated by ``b``.
    """
    wa, wb = _words(a), _words(b)
    if wa and wb and len(wa & wb) / min(len(wa), len(wb)) >= threshold:
        return True
    if _shingles(a) & _shingles(b):
        return True
    figures = {f.lower() for f in _FIGURE.findall(a)}
    return bool(figures) and figures <= {f.lower() for f in _FIGURE.findall(b)}


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {tuple(words[i : i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1)}
