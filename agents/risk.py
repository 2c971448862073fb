"""The human-approval gate: decide auto versus human, how urgent, and why, in plain English.

Conservative on purpose: money above caps, legal, safety, vulnerable customers, injection
attempts, unresolved policy blocks, thin evidence and messages the agents could not read
(longer than they read, no words at all, not in English) all go to a person. Every reason is
written for the approver who must act on it, quoting the customer where that helps. A
calm routine case (order status, a refund under the cap, a delay question) goes auto.
"""

from __future__ import annotations

import re
from decimal import Decimal

from agents.contracts import (
    CaseInput,
    Draft,
    Interpretation,
    Priority,
    Retrieval,
    Review,
    RiskDecision,
    RiskSignal,
    Route,
    Urgency,
)
from agents.money import raised_to
from agents.patterns import PERSON_INTENT
from agents.person_request import asks_for_person
from agents.policy import Policy, load_policy
from agents.sanitize import READ_LIMIT, has_words, looks_english
from agents.vouchers import already_given
from agents.writing.facts import money_text
from cx.settings import RiskSettings

_REFUND_INTENTS = {"refund_request", "flight_cancellation", "billing_dispute", "return_request"}
_SIGNAL_REASON = {
    RiskSignal.LEGAL_THREAT: "Customer mentions legal action",
    RiskSignal.SAFETY: "Customer reports a possible safety issue",
    RiskSignal.VULNERABLE_CUSTOMER: "Customer may be vulnerable and needs a specialist",
    RiskSignal.CHARGEBACK: "Customer mentions a chargeback or bank dispute",
    RiskSignal.PROMPT_INJECTION: (
        "Message tries to instruct the AI assistant (ignored in the draft)"
    ),
    RiskSignal.PII: "Customer shared sensitive personal data",
    RiskSignal.ABUSE: "Message contains abuse aimed at staff",
    RiskSignal.MEDIA_THREAT: "Customer mentions going to the media or social media",
}
_VOUCHER_INTENTS = {"compensation_request", "complaint"}
# Money asked to make up for an experience is goodwill, whatever the case is about, so the
# tier cap applies to it too ("$250 in travel credit would go some way to making up for it").
_GOODWILL_ASK = re.compile(
    r"\b(?:mak(?:e|es|ing) (?:it )?up for|goodwill|gesture|compensate me"
    r"|for (?:the |all the |my |all this |this )?(?:trouble|inconvenience|embarrassment"
    r"|humiliation|hassle|distress|runaround|run-around|stress|aggravation|wasted time|bother))\b",
    re.I,
)
_OUT_OF_SCOPE_REASON = {
    "off_topic": "Message is off-topic: no policy answers it, so a person should reply",
    "unclear": "Message is unclear: a person should ask the customer what they need",
}
_P2_SIGNALS = {
    RiskSignal.LEGAL_THREAT,
    RiskSignal.VULNERABLE_CUSTOMER,
    RiskSignal.MEDIA_THREAT,
    RiskSignal.CHARGEBACK,
}


def amount_at_stake(case: CaseInput, interp: Interpretation, draft: Draft) -> Decimal:
    """The most money this case could move: asked for, offered, or the booking for refunds."""
    # Delay credit is owed by a table and capped per passenger by the policy check; the
    # refund limit is about refunds and claims, so it is not counted here.
    amounts = [o.amount for o in draft.offers if o.amount is not None and o.kind != "delay_credit"]
    if interp.requested_amount is not None:
        amounts.append(interp.requested_amount)
    if interp.claimed_total is not None:
        amounts.append(interp.claimed_total)
    if case.context and case.context.amount is not None and interp.intent in _REFUND_INTENTS:
        amounts.append(case.context.amount)
    return max(amounts, default=Decimal("0"))


def _signal_reasons(case: CaseInput, interp: Interpretation, settings: RiskSettings) -> list[str]:
    human = set(settings.always_human_signals) | {"abuse", "media_threat"}
    reasons = []
    for risk in interp.risks:
        if risk.signal.value in human:
            reasons.append(f"{_SIGNAL_REASON[risk.signal]}: '{risk.evidence}'")
    if case.customer.vulnerable and RiskSignal.VULNERABLE_CUSTOMER not in interp.risk_signals:
        reasons.append("Customer profile is flagged vulnerable: a specialist must reply")
    return reasons


def _money_reasons(
    case: CaseInput,
    interp: Interpretation,
    draft: Draft,
    stake: Decimal,
    settings: RiskSettings,
    policy: Policy,
) -> list[str]:
    reasons = []
    if stake > settings.auto_refund_cap:
        reasons.append(
            f"{money_text(stake)} at stake is above the {money_text(settings.auto_refund_cap)}"
            " automatic limit: a supervisor must approve"
        )
    cap = policy.voucher_cap(case.customer.tier)
    asked, given = interp.requested_amount, already_given(case)
    # More money on top of goodwill already given is goodwill too, whatever the intent.
    goodwill = interp.intent in _VOUCHER_INTENTS or _GOODWILL_ASK.search(case.message) or given > 0
    total = raised_to(case.message)
    if goodwill and given > 0 and total is not None and total > cap and asked is None:
        reasons.append(
            f"Customer asks to raise the goodwill to {money_text(total)} in all, above the"
            f" {case.customer.tier.value} goodwill cap of {money_text(cap)}: a supervisor"
            " must decide"
        )
    if goodwill and asked is not None and asked + given > cap:
        earlier = f" on top of {money_text(given)} already given" if given else ""
        reasons.append(
            f"Customer asks for {money_text(asked)}{earlier}, above the"
            f" {case.customer.tier.value} goodwill cap of {money_text(cap)}: a supervisor"
            " must decide"
        )
    for offer in draft.offers:
        if offer.kind in ("voucher", "travel_credit") and offer.amount and offer.amount > cap:
            reasons.append(
                f"Offer of {money_text(offer.amount)} is above the {case.customer.tier.value}"
                f" voucher cap of {money_text(cap)}"
            )
    return reasons


def _quality_reasons(
    message: str,
    interp: Interpretation,
    draft: Draft,
    review: Review,
    settings: RiskSettings,
    exhausted: bool,
    retrieval: Retrieval | None,
) -> list[str]:
    reasons = []
    if interp.intent_confidence < settings.min_intent_confidence:
        reasons.append(
            f"Unsure what the customer wants (best guess '{interp.intent}', confidence "
            f"{interp.intent_confidence:.2f}): check the request"
        )
    if interp.out_of_scope:
        reasons.append(_OUT_OF_SCOPE_REASON[interp.out_of_scope])
    for finding in review.blocking:
        tail = " after all revisions" if exhausted else ""
        reasons.append(f"Policy check still blocks{tail}: {finding.message}")
    if (retrieval is not None and not retrieval.relevant) or not draft.citations:
        reasons.append(
            "No knowledge-base passage supports this reply: answer from policy or escalate"
        )
    if (
        interp.intent == PERSON_INTENT
        or PERSON_INTENT in interp.secondary_intents
        or asks_for_person(message)
    ):
        reasons.append("Customer asked to speak with a person")
    if len(message) > READ_LIMIT:
        reasons.append(
            f"Message is {len(message):,} characters; only the first {READ_LIMIT:,} were read:"
            " a person must read the rest"
        )
    if not has_words(message):
        reasons.append("Message has no words to act on (only symbols, emoji or markup)")
    elif not looks_english(message):
        reasons.append("Message does not appear to be in English: a person who reads it must reply")
    return reasons


def _priority(interp: Interpretation, human: bool) -> Priority:
    signals = interp.risk_signals
    critical = interp.urgency is Urgency.CRITICAL
    if RiskSignal.SAFETY in signals or (RiskSignal.LEGAL_THREAT in signals and critical):
        return Priority.P1
    if signals & _P2_SIGNALS or interp.urgency in (Urgency.HIGH, Urgency.CRITICAL):
        return Priority.P2
    return Priority.P3 if human else Priority.P4


def assess_risk(
    case: CaseInput,
    interpretation: Interpretation,
    draft: Draft,
    review: Review,
    settings: RiskSettings,
    revisions_exhausted: bool,
    *,
    retrieval: Retrieval | None = None,
    policy: Policy | None = None,
) -> RiskDecision:
    """Route the case to auto delivery or a human approver, with a priority and reasons."""
    stake = amount_at_stake(case, interpretation, draft)
    reasons = [
        *_signal_reasons(case, interpretation, settings),
        *_money_reasons(case, interpretation, draft, stake, settings, policy or load_policy()),
        *_quality_reasons(
            case.message, interpretation, draft, review, settings, revisions_exhausted, retrieval
        ),
    ]
    route = Route.HUMAN if reasons else Route.AUTO
    return RiskDecision(
        route=route,
        priority=_priority(interpretation, bool(reasons)),
        reasons=reasons,
        amount_at_stake=stake,
    )
