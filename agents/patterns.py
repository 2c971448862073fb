"""Compiling phrase lists into one regex, anchored on word boundaries where that works."""

from __future__ import annotations

import re


def bounded(pattern: str) -> str:
    r"""Wrap ``pattern`` in ``\b`` only at ends that are word characters.

    ``\b!{3,}\b`` can never match, and neither can ``\b<!--`` or ``\b\[system\]`` after a
    space: punctuation-led or -ended phrases (escaped or not) must not be anchored, while
    words must be ("sue" is not inside "issue").
    """
    head = r"\b" if re.match(r"[\w(]|\\[dw]", pattern) else ""
    tail = r"\b" if re.search(r"[\w)?*+]$", pattern) else ""
    return f"{head}(?:{pattern}){tail}"


def any_of(patterns: tuple[str, ...] | list[str]) -> re.Pattern[str]:
    """One case-insensitive regex matching any of ``patterns``."""
    return re.compile("|".join(bounded(p) for p in patterns), re.I)


# "I want a real person, not a bot": an explicit request for a human. The interpreter makes
# it the main intent (labeling guideline 9) and the risk gate honours it even when the
# message is mainly about something else (the AI disclosure promises a person at any time).
PERSON_INTENT = "human_agent_request"
# Who a customer asks for when they want a person rather than the assistant.
_STAFF = (
    r"(?:one of your (?:staff|team|colleagues|agents|people|advisors)"
    r"|(?:a |an |your )?(?:member of (?:your |the )?(?:staff|team)|staff member|team member"
    r"|human being|real person|supervisor|manager|colleague|team leader)"
    r"|(?:someone|somebody|a person) (?:from|on|in) (?:your|the) (?:team|staff|side|company)"
    r"|(?:someone|somebody) who works (?:there|for you|at juniper|for juniper)"
    r"|(?:an? )?actual (?:person|human))"
)
ASKS_FOR_PERSON = re.compile(
    r"\b(?:(?:real|actual|live) (?:person|human|agent)"
    r"|(?:speak|talk|chat) (?:to|with) (?:a |an )?"
    r"(?:human|person|agent|someone|member of (?:your |the )?(?:team|staff))"
    r"|(?:a |to a )?(?:person|human),? not (?:a |an |the )?(?:bot|ai|machine|robot|assistant)"
    r"|(?:have|get|want|need|(?:'d|would) like|prefer) (?:a |an )?(?:human|person)"
    r"\b(?! (?:who|that) )"
    r"|(?:get|put) me (?:through )?(?:to )?(?:a |an )?(?:human|person)"
    r"|(?:could|can|would) (?:a |an )?(?:human|person)(?: from (?:your|the) team)? "
    r"(?:please )?(?:double-?check|check|look|review|call|reply|handle|help)"
    r"|(?:reach|contact) (?:a |an )?(?:human|person)"
    r"|(?:a |an )(?:human|person|human being|member of (?:your |the )?(?:staff|team)|staff member"
    r"|team member|real \w+) (?:to )?(?:please )?(?:handle|look at|check|review|deal with|call"
    r"|reply|respond|read|take over|take a look|go over)"
    r"|(?:is there|are there|is this) (?:an? )?(?:actual|real) (?:human|person|people)"
    r"|(?:no more |stop sending (?:me )?(?:more )?|not (?:another|a|an) )"
    r"(?:bots?|ai|chatbots?|robots?|automated (?:replies|answers|messages))\b(?! disclosure)"
    r"|no (?:bots|chatbots|robots|ai (?:please|pls|answers|replies))"
    r"|(?:someone|somebody) (?:real|human|who is (?:a )?human)"
    # "I'd rather deal with one of your staff", "go through this with someone who works
    # there", "have a colleague ring me", "is there a supervisor I can speak with".
    r"|(?:deal with|speak (?:to|with)|talk (?:to|with)|go through (?:this|it) with|chat with)"
    rf" {_STAFF}"
    rf"|(?:have|get|let|ask) {_STAFF} (?:to )?(?:please )?(?:ring|call|phone|contact|look|check"
    r"|review|handle|deal|sort|go through)"
    rf"|(?:is there|can i (?:have|get)|could i (?:have|get)|i'?d like|i want|i need) {_STAFF}"
    r" (?:i (?:can|could) |to |who (?:can|could) )?(?:speak|talk|call|ring|look|handle|check|review"
    r"|deal|help)"
    r"|(?:don'?t|do not) want (?:an? |the )?(?:automated|ai|bot|auto-?generated|computer)"
    r" (?:answer|reply|response)"
    r"|rather than (?:the |an? )?(?:assistant|bot|chatbot|ai\b|automated)"
    r"|(?:back and forth|going round in circles) with (?:the |an? )?"
    r"(?:automated|assistant|bot|ai))\b",
    re.I,
)


class Claimed:
    """Spans of a text already taken by an earlier match, for non-overlapping extraction.

    One byte per character marks what is claimed, so the overlap test stays linear even
    for a message with tens of thousands of matches (a pairwise check took minutes on
    1 MB). Entity and fact extraction both use it.
    """

    def __init__(self, text: str) -> None:
        self._marks = bytearray(len(text))

    def overlaps(self, start: int, end: int) -> bool:
        """True when any character of ``start..end`` is already claimed."""
        return self._marks.find(1, start, end) != -1

    def take(self, start: int, end: int) -> None:
        """Claim ``start..end``."""
        self._marks[start:end] = b"\x01" * (end - start)
