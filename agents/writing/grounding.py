"""Grounding and PII checks over reply text, shared by the writer and the policy checker.

A fact is grounded when a *cited* passage or the case itself (message, subject, booking
context, profile history) states it. Citing a passage the retriever never returned is
itself a finding: a citation must point at text the approver can read.
"""

from __future__ import annotations

from agents.contracts import CaseInput, Channel, Draft, Finding, Retrieval, Severity
from agents.entities import extract_entities
from agents.risk_signals import PASSPORT_NUMBER, clause_around
from agents.writing.facts import FactKey, fact_keys, facts_in, money_text


def case_texts(case: CaseInput) -> list[str]:
    """Every piece of the case a reply may quote facts from."""
    texts = [case.message, case.subject, *case.customer.history]
    ctx = case.context
    if ctx is not None:
        texts += [ctx.reference, ctx.description, ctx.status, ctx.date]
        if ctx.amount is not None:
            texts.append(money_text(ctx.amount))
    return [t for t in texts if t]


def grounded_keys(case: CaseInput, draft: Draft, retrieval: Retrieval) -> set[FactKey]:
    """Fact keys the draft may state: those in its cited passages and in the case."""
    cited = [p.text for p in retrieval.passages if p.chunk_id in draft.citations]
    return fact_keys(cited + case_texts(case))


def grounding_findings(case: CaseInput, draft: Draft, retrieval: Retrieval) -> list[Finding]:
    """BLOCK findings for unknown citations and for facts nothing cited supports."""
    known = {p.chunk_id for p in retrieval.passages}
    findings = [
        Finding(
            rule_id="grounding.unknown_citation",
            severity=Severity.BLOCK,
            span=chunk,
            message=f"Citation {chunk} is not among the retrieved passages.",
            fix_hint="Drop the citation or cite a retrieved passage.",
        )
        for chunk in draft.citations
        if chunk not in known
    ]
    allowed = grounded_keys(case, draft, retrieval)
    for fact in facts_in(draft.text):
        if fact.key not in allowed:
            findings.append(
                Finding(
                    rule_id="grounding.ungrounded_fact",
                    severity=Severity.BLOCK,
                    span=fact.text,
                    message=f'"{fact.text}" is not stated in any cited passage or in the case: '
                    f'"{clause_around(draft.text, fact.start, fact.end)}"',
                    fix_hint="Remove the sentence, or cite the passage that states this value.",
                )
            )
    return findings


def pii_findings(case: CaseInput, text: str) -> list[Finding]:
    """BLOCK findings for card or passport numbers, and contact details echoed in an SMS."""
    findings = [
        Finding(
            rule_id="pii.card_number",
            severity=Severity.BLOCK,
            span=text[e.start : e.end],
            message="The reply repeats a payment card number.",
            fix_hint="Remove the number; refer to 'the card ending' its last four digits.",
        )
        for e in extract_entities(text)
        if e.kind == "card_number"
    ]
    findings += [
        Finding(
            rule_id="pii.passport",
            severity=Severity.BLOCK,
            span=m.group(0),
            message="The reply repeats a passport number.",
            fix_hint="Remove the number.",
        )
        for m in PASSPORT_NUMBER.finditer(text)
    ]
    if case.channel is Channel.SMS:
        for value in (case.customer.email, case.customer.phone):
            if value and value.lower() in text.lower():
                findings.append(
                    Finding(
                        rule_id="pii.contact_in_sms",
                        severity=Severity.BLOCK,
                        span=value,
                        message="An SMS must not repeat the customer's email or phone number.",
                        fix_hint="Remove the contact detail.",
                    )
                )
    return findings
