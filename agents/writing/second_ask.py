"""The customer's second question gets its own answer, not silence.

"JM-571233 is late. And can you send JM-571290 to my office instead?" A reply that only
covers the late parcel makes the customer write again. When the interpreter found a second
ask, the writer adds the one policy sentence that best answers it, led by what it is about,
from the passages already retrieved (retrieval prefers both intents' policy areas).
"""

from __future__ import annotations

import re

from agents.contracts import Interpretation, Passage
from agents.writing.passages import INTENT_TERMS, Candidate, candidates, near_repeat

# What each ask is about, to lead its answer ("About changing your order: ...").
TOPIC: dict[str, str] = {
    "flight_cancellation": "the cancelled flight",
    "flight_delay": "the delay",
    "missed_connection": "your connection",
    "baggage_issue": "your bag",
    "refund_request": "your refund",
    "return_request": "returning the item",
    "faulty_product": "the faulty item",
    "delivery_delay": "the late delivery",
    "lost_parcel": "the missing parcel",
    "order_change_or_cancel": "changing your order",
    "billing_dispute": "the charge",
    "account_security": "your account's security",
    "accessibility_request": "assistance for your trip",
    "data_privacy_request": "your personal data",
    "compensation_request": "compensation",
    "complaint": "your complaint",
    "loyalty_question": "your Juniper Circle membership",
}


def second_ask_candidates(
    passages: list[Passage], interp: Interpretation, message: str, banned: list[re.Pattern[str]]
) -> list[Candidate]:
    """Sentences about the customer's second ask, best first; none when it has no topic.

    A request for a person is not answered from policy: it has no topic here.
    """
    intent = interp.second_ask
    if intent not in TOPIC or not (terms := INTENT_TERMS.get(intent, ())):
        return []
    found = candidates(passages, intent, message, banned)
    return [c for c in found if any(t in c.text.lower() for t in terms)]


def second_answer(
    about_second: list[Candidate], interp: Interpretation, already: list[Candidate]
) -> Candidate | None:
    """The best of ``about_second`` (``second_ask_candidates``), unless the reply has it."""
    for found in about_second:
        if found.score <= 0:
            return None
        if not any(found.text == c.text or near_repeat(found.text, c.text) for c in already):
            topic = TOPIC[str(interp.second_ask)]
            return Candidate(f"About {topic}: {found.text}", found.chunk_id, found.score)
    return None


def reserved_for_second_ask(main: list[Candidate], about_second: list[Candidate]) -> set[str]:
    """Sentences that answer the second ask better than the main one, kept for its paragraph.

    "You can change the delivery address until it ships" is worth quoting for a late order
    too, but it is the answer to "can you change the address?", and reads as one only under
    "About changing your order:". ``main`` is the main ask's ``candidates``.
    """
    score = {c.text: c.score for c in main}
    return {c.text for c in about_second if c.score > score.get(c.text, c.score)}
