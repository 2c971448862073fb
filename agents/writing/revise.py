"""Targeted revision: fix exactly what each policy finding reports, and say what changed.

Revision edits the previous text instead of rewriting it, so it works the same on a
local draft, an LLM draft or an approver's edit, and an approver can see that nothing
else moved. Each rule family has one fixer; unknown rules are left for a human.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from agents.contracts import Finding, Offer
from agents.policy import Policy


@dataclass
class Revision:
    """A draft being revised: its text, citations, offers and the notes so far."""

    text: str
    citations: list[str]
    offers: list[Offer]
    disclosure: str
    sign_off: str
    limit: int | None
    notes: list[str] = field(default_factory=list)


def remove_sentence(text: str, span: str, replacement: str = "") -> str:
    """Remove (or replace) the sentence containing ``span``, keeping paragraphs tidy."""
    paragraphs = text.split("\n\n")
    for i, para in enumerate(paragraphs):
        if span and span.lower() in para.lower():
            parts = re.split(r"(?<=[.!?])\s+", para)
            kept = [replacement if span.lower() in p.lower() else p for p in parts]
            paragraphs[i] = " ".join(p for p in kept if p)
            break
    return "\n\n".join(p for p in paragraphs if p.strip())


def _drop(rev: Revision, f: Finding) -> None:
    rev.text = remove_sentence(rev.text, f.span)
    rev.notes.append(f"{f.rule_id}: removed the sentence containing '{f.span}'.")


def _phrase(rev: Revision, f: Finding, policy: Policy) -> None:
    rule = next((r for r in policy.forbidden if re.fullmatch(r.pattern, f.span, re.I)), None)
    if rule and rule.replacement:
        rev.text = remove_sentence(rev.text, f.span, rule.replacement)
        rev.notes.append(f"{f.rule_id}: replaced '{f.span}' with '{rule.replacement}'.")
    else:
        _drop(rev, f)


def _disclose(rev: Revision, f: Finding) -> None:
    if rev.sign_off and rev.text.endswith(rev.sign_off):
        body = rev.text[: -len(rev.sign_off)].rstrip()
        rev.text = f"{body}\n\n{rev.disclosure}\n\n{rev.sign_off}"
    else:
        rev.text = f"{rev.text.rstrip()}\n\n{rev.disclosure}"
    rev.notes.append(f"{f.rule_id}: added the AI-assistance disclosure.")


_CAPPED_KINDS = {
    "offer.refund_cap": ("refund",),
    "offer.voucher_cap": ("voucher", "travel_credit"),
    "offer.delay_credit_cap": ("delay_credit",),
}


def _cap_offer(rev: Revision, f: Finding) -> None:
    kinds = _CAPPED_KINDS[f.rule_id]
    rev.offers = [o for o in rev.offers if o.kind not in kinds]
    rev.text = remove_sentence(rev.text, f.span)
    review = "A supervisor will review what we can offer and come back to you."
    rev.text = rev.text.replace(rev.disclosure, f"{review}\n\n{rev.disclosure}", 1)
    rev.notes.append(
        f"{f.rule_id}: withdrew the {f.span} offer above the cap; "
        "a supervisor will review it instead."
    )


def _citation(rev: Revision, f: Finding) -> None:
    rev.citations = [c for c in rev.citations if c != f.span]
    rev.notes.append(f"{f.rule_id}: dropped citation {f.span}.")


def _shorten(rev: Revision, f: Finding) -> None:
    while rev.limit and len(rev.text) > rev.limit:
        parts = [p for p in re.split(r"(?<=[.!?])\s+", rev.text) if rev.disclosure not in p]
        longest = max(parts[1:], key=len, default="")
        if not longest:
            break
        rev.text = remove_sentence(rev.text, longest)
    rev.notes.append(f"{f.rule_id}: shortened the reply to {len(rev.text)} characters.")


def apply_findings(rev: Revision, findings: list[Finding], policy: Policy) -> Revision:
    """Apply one fixer per finding; length is fixed last, after everything else moved."""
    fixers: dict[str, Callable[[Revision, Finding], None]] = {
        "grounding.ungrounded_fact": _drop,
        "grounding.unknown_citation": _citation,
        "disclosure.missing": _disclose,
        "tone.blaming": _drop,
        "pii.card_number": _drop,
        "pii.passport": _drop,
        "pii.contact_in_sms": _drop,
        "offer.voucher_cap": _cap_offer,
        "offer.refund_cap": _cap_offer,
        "offer.delay_credit_cap": _cap_offer,
        "phrase.forbidden": lambda r, f: _phrase(r, f, policy),
    }
    ordered = sorted(findings, key=lambda f: f.rule_id == "channel.length")
    for finding in ordered:
        fixer = _shorten if finding.rule_id == "channel.length" else fixers.get(finding.rule_id)
        if fixer is None:
            rev.notes.append(f"{finding.rule_id}: left for a human reviewer ({finding.message}).")
        else:
            fixer(rev, finding)
    return rev
