"""Does the customer ask for a person? Known phrases, then the parts of a request in a clause.

A missed request for a person breaks the AI disclosure's promise ("you can ask for a
member of our team at any time"), and customers ask in endless ways: "id like a call back
from your team", "can u put me thru to somebody", "I'd rather one of your security people
got in touch". Listing phrasings (``patterns.ASKS_FOR_PERSON``) catches the common ones;
this module also reads a clause for the three parts every such request has:

* a wish ("I'd rather", "could you", "please", "is there");
* someone: a person word ("a member of your team", "a human", "a supervisor"), or a
  looser one ("someone", "your team") when the verb is about contact;
* a hand-off or contact ("speak", "call me", "put me through", "pass this to",
  "escalate", "get in touch").

Clauses that tell a story ("your colleague was lovely yesterday", "the gate supervisor
told me to email") or wave the offer away ("no need to get a manager", "if needed") do
not count.
"""

from __future__ import annotations

import re

from agents.patterns import ASKS_FOR_PERSON

_CLAUSE = re.compile(r"[^.!?\n;]+")
_WISH = re.compile(
    r"\b(?:i'?d (?:just |really |much |honestly )?(?:like|rather|prefer)"
    r"|i would (?:just |really |much )?(?:like|rather|prefer)|i want|i need|prefer|rather"
    r"|(?:can|could|would|will) (?:u|you|i|a|an|one|some(?:one|body)|any(?:one|body)|the|your)"
    r"|please|pls|plz|is there|get me|let me|i'?d appreciate)\b",
    re.I,
)
_SOMEONE = re.compile(
    r"\b(?:humans?|person|people|some(?:one|body)|any(?:one|body)|staff|team|colleagues?"
    r"|agents?|advis[oe]rs?|representatives?|reps?|supervisors?|managers?|operators?"
    r"|specialists?|living,? breathing|whoever|(?:that|a|the) person)\b",
    re.I,
)
# Words that only ever mean a person at the company, whatever the verb.
_PERSON = re.compile(
    r"\b(?:humans?|person|real|living|staff|members?|supervisors?|managers?|colleagues?"
    r"|representatives?|reps?|operators?|advis[oe]rs?|agents?)\b",
    re.I,
)
_CONTACT = (
    r"speak|talk|chat|call|ring|phone(?! ?(?:number|no\b|bill|line))"
    r"|contact(?! (?:details|number|info\w*|form|page))|(?:get|got|gets|getting) in touch"
    r"|put (?:me )?thr(?:ough|u)|put me in touch|in touch with|connect|transfer me"
    r"|pass (?:me|this|it)|hand (?:me|this|it)|go over (?:this|it)|talk (?:this|it) through"
    r"|escalat\w*|get back to me|get me"
)
_CONTACT_RE = re.compile(rf"\b(?:{_CONTACT})\b", re.I)
_HANDLE_RE = re.compile(
    rf"\b(?:{_CONTACT}|deal|reach|follow up with me|take (?:this|it|over)|look (?:at|into)"
    r"|handl\w*|writ\w+ to me|own (?:this|it)|pick (?:it|this) up)\b",
    re.I,
)
_CALL_ME = re.compile(
    r"\b(?:call ?back|ring ?back|phone ?call|call me|ring me|phone me)\b(?! an? (?:taxi|cab))",
    re.I,
)
# "No need to get a manager", "I could speak to someone if needed": a person is not asked
# for. ("No need for a bot, I want a person" still is: the wave-off must name the person.)
_WAVED_OFF = re.compile(
    r"\b(?:(?:no|don'?t|do not) need (?:to (?:get|involve|speak|talk|call|escalate|pass)"
    r"|for (?:a|an|the|any) (?:manager|supervisor|person|human|call|callback|colleague))"
    r"|not necessary|no rush|if (?:needed|necessary|required)"
    r"|if (?:it|that)'?s? (?:easier|needed|necessary))\b",
    re.I,
)
_STORY = re.compile(
    r"\b(?:spoke|talked|was told|told me|said|called me|rang me|helped|yesterday|last week"
    r"|earlier today|was (?:lovely|helpful|great|kind)|reached)\b",
    re.I,
)


# Said without naming anyone: "is anyone actually reading these?", "I don't want a fifth
# template", "a named contact who will own this", "not an automated system".
_NO_MACHINE = re.compile(
    r"\b(?:is (?:anyone|anybody|someone|a human|there anyone) (?:actually |even |really )?"
    r"(?:reading|there|listening|looking)"
    r"|(?:a|one) (?:named|dedicated|specific|single) (?:contact|person|agent|point of contact)"
    r"|(?:don'?t|do not) want (?:a|another|an?\s\w+)"
    r" (?:template|form letter|canned (?:reply|answer))"
    r"|rather than (?:the |an? )?(?:automatic|automated|standard|template)\w*"
    r" (?:repl|answer|response)\w*"
    r"|not (?:an? |the )?(?:automated|automatic) (?:system|reply|replies|response|answer)s?"
    r"|transfer me|carbon[- ]based (?:\w+ )?(?:members?|person|people|humans?|colleagues?"
    r"|staff|life ?forms?|agents?|beings?)"
    r"|(?:swap|switch|trade|replace) (?:yourself|you) (?:out |in )?(?:for|with))\b",
    re.I,
)


def _clause_asks(clause: str) -> bool:
    if _WAVED_OFF.search(clause) or _STORY.search(clause):
        return False
    if _NO_MACHINE.search(clause):
        return True
    if not _WISH.search(clause):
        return False
    someone = bool(_PERSON.search(clause) and _HANDLE_RE.search(clause)) or bool(
        _SOMEONE.search(clause) and _CONTACT_RE.search(clause)
    )
    return someone or bool(_CALL_ME.search(clause))


def _clause_of(text: str, at: int) -> str:
    return next((m.group(0) for m in _CLAUSE.finditer(text) if m.start() <= at < m.end()), "")


def asks_for_person(text: str) -> str | None:
    """The words that ask for a person, or None when the customer does not ask for one."""
    for known in ASKS_FOR_PERSON.finditer(text):
        clause = _clause_of(text, known.start())
        if not (_WAVED_OFF.search(clause) or _STORY.search(clause)):
            return known.group(0)
    return next(
        (m.group(0).strip() for m in _CLAUSE.finditer(text) if _clause_asks(m.group(0))), None
    )
