"""The local reply writer: empathetic, personal, grounded in cited passages, sized per channel.

A reply answers the feeling first (``writing.tone``), then gives the facts the retrieved
passages state, word for word (``writing.passages``), offers only what policy allows
(``writing.offers``), says what happens next (``writing.steps``) and discloses AI help.
On revision it edits the previous draft to fix exactly the reported findings
(``writing.revise``). Deterministic: the same case always yields the same text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from agents.contracts import (
    CaseInput,
    Channel,
    Draft,
    Finding,
    Interpretation,
    Passage,
    Retrieval,
)
from agents.policy import Policy, load_policy
from agents.product_line import product_line_of
from agents.writing.delay import OUTSIDE_OUR_CONTROL
from agents.writing.handover import handover
from agents.writing.limits import cannot_do
from agents.writing.offers import plan_offers
from agents.writing.passages import candidates, choose, near_repeat
from agents.writing.revise import Revision, apply_findings
from agents.writing.second_ask import (
    reserved_for_second_ask,
    second_answer,
    second_ask_candidates,
)
from agents.writing.steps import FALLBACK, next_step
from agents.writing.tone import (
    acknowledgement,
    first_name,
    opening,
    personal_note,
    stakes_note,
)

SIGN_OFF = "Kind regards,\nJuniper Customer Care"
_FACTS_PER_CHANNEL = {Channel.EMAIL: 3, Channel.CHAT: 2, Channel.SMS: 1}


def _disclosure(case: CaseInput, policy: Policy) -> str:
    return " ".join(policy.disclosure.for_channel(case.channel).split())


def _sign_off(case: CaseInput) -> str:
    return SIGN_OFF if case.channel is Channel.EMAIL else ""


def _fit_sms(pieces: list[str], tail: str, limit: int) -> str:
    """Add pieces in priority order while the SMS stays within the limit."""
    text = pieces[0]
    for piece in pieces[1:]:
        if piece and len(f"{text} {piece} {tail}") <= limit:
            text = f"{text} {piece}"
    return f"{text} {tail}"


def _compose(
    case: CaseInput, interp: Interpretation, retrieval: Retrieval, version: int, policy: Policy
) -> Draft:
    banned = [re.compile(r.pattern, re.I) for r in [*policy.forbidden, *policy.tone]]
    # The policy passages for handing a case over are said by ``handover``, not as facts.
    handling = set(retrieval.signal_passages.values())
    topical = [p for p in retrieval.passages if p.chunk_id not in handling]
    passages = same_business(case, topical if retrieval.relevant else [])
    main = candidates(passages, interp.intent, case.message, banned)
    # An SMS has no room for a second paragraph, so it answers the main ask only.
    about_second = (
        second_ask_candidates(passages, interp, case.message, banned)
        if case.channel is not Channel.SMS
        else []
    )
    second_only = reserved_for_second_ask(main, about_second)
    facts = choose(main, _FACTS_PER_CHANNEL[case.channel], skip=second_only)
    plan = plan_offers(case, interp, passages, policy)
    if any(o.kind == "delay_credit" for o in plan.offers):
        # The cause is known to be ours: the rule for causes outside our control is noise.
        facts = [c for c in facts if not OUTSIDE_OUR_CONTROL.search(c.text)]
    second = second_answer(about_second, interp, facts)
    grounded = bool(facts or plan.offers)
    step = next_step(interp, case.message) if grounded else FALLBACK
    over = handover(interp, retrieval, case.channel)
    refusal = cannot_do(case.message, interp.intent)
    if any(near_repeat(step, c.text) for c in facts):
        step = ""  # the policy sentence already says it ("we never ask for your password")
    name, ack = first_name(case), acknowledgement(case, interp)
    disclosure = _disclosure(case, policy)
    if case.channel is Channel.SMS:
        limit = policy.channel_limits.get(Channel.SMS, 480)
        first = ack.split(". ")[0].rstrip(".")
        head = f"Hi {name}, {first if first.startswith('I') else first[0].lower() + first[1:]}."
        pieces = [head, refusal, *plan.sentences, *(c.text for c in facts), step, over.text]
        text = _fit_sms(pieces, disclosure, limit)
    else:
        greeting = f"Dear {name}," if case.channel is Channel.EMAIL else f"Hi {name},"
        notes = opening(ack, stakes_note(case, interp), personal_note(case, interp))
        blocks = [
            greeting,
            notes,
            " ".join(c.text for c in facts),
            second.text if second else "",
            " ".join(s for s in (refusal, *plan.sentences, step, over.text) if s),
            disclosure,
            _sign_off(case),
        ]
        text = "\n\n".join(b for b in blocks if b)
    quoted = [*facts, *([second] if second else [])]
    used = [c.chunk_id for c in quoted if c.text in text]  # an SMS may have dropped some
    handed = over.citations if over.text and over.text in text else []
    citations = list(dict.fromkeys([*used, *plan.citations, *handed]))
    return Draft(version=version, text=text, citations=citations, offers=plan.offers)


def _revise(
    case: CaseInput, previous: Draft, findings: Sequence[Finding], version: int, policy: Policy
) -> Draft:
    rev = Revision(
        text=previous.text,
        citations=list(previous.citations),
        offers=list(previous.offers),
        disclosure=_disclosure(case, policy),
        sign_off=_sign_off(case),
        limit=policy.channel_limits.get(case.channel),
    )
    apply_findings(rev, list(findings), policy)
    discloses = policy.disclosure.found_in(rev.text)
    return Draft(
        version=version,
        text=rev.text,
        citations=rev.citations,
        offers=rev.offers,
        discloses_ai=discloses,
        revision_notes=rev.notes,
    )


def same_business(case: CaseInput, passages: list[Passage]) -> list[Passage]:
    """Passages without the other business's rules, when the case says which it is about.

    The booking says so, or else the message's own words (``agents.product_line``).

    A flight case is answered from the airline's rules, an order from the shop's: "refunds
    are issued 5 business days after the returned item arrives" is true, but not for a
    flight. Rules for both businesses (and any other line) stay.
    """
    line = product_line_of(case)
    if line is None:
        return passages
    other = "retail" if line == "airline" else "airline"
    kept = [p for p in passages if p.product_line != other]
    return kept or passages


def write_draft(
    case: CaseInput,
    interpretation: Interpretation,
    retrieval: Retrieval,
    *,
    version: int,
    previous: Draft | None = None,
    findings: Sequence[Finding] = (),
    policy: Policy | None = None,
) -> Draft:
    """Write (or, given ``previous`` and ``findings``, revise) the reply to a case.

    Args:
        case: The customer's case.
        interpretation: What the interpreter understood from it.
        retrieval: Passages found for it; ``relevant=False`` means no policy may be quoted.
        version: Version number of the draft to produce.
        previous: The draft a policy review found problems with, if revising.
        findings: The review's findings; each is fixed by its ``rule_id``.
        policy: Caps, disclosure and phrase rules; the bundled rules when omitted.

    """
    rules = policy or load_policy()
    if previous is not None and findings:
        return _revise(case, previous, findings, version, rules)
    return _compose(case, interpretation, retrieval, version, rules)
