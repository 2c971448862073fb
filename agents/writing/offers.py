"""What the reply may offer, strictly inside policy caps and backed by a retrieved passage.

Offers carry money, so they are the riskiest part of a reply. The rules: a refund only
when the customer asks for one, a passage allows it and the amount is within the refund
cap; a goodwill voucher only for complaints or repeat failures, at most the tier cap and
only when the voucher policy passage (which states that cap) was retrieved. Above a cap,
the reply says a supervisor will review it (the refunds policy says we tell customers
when one is needed) and promises nothing beyond what may be given without approval.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from agents.contracts import CaseInput, Emotion, Interpretation, Offer, Passage, RiskSignal
from agents.policy import Policy
from agents.vouchers import already_given
from agents.writing.delay import delay_credit
from agents.writing.facts import money_text
from agents.writing.tone import is_repeat_contact

# The refunds policy: "We tell you when a supervisor review is needed, and we do not promise
# an amount above $500 until it has been approved."
SUPERVISOR_REVIEW = (
    "Because this amount is above what I can approve myself, a supervisor will review it"
    " and come back to you; you will still receive everything you are entitled to."
)
_REFUND_INTENTS = {"flight_cancellation", "refund_request", "billing_dispute", "return_request"}
_VOUCHER_INTENTS = {"complaint", "compensation_request"}
# A refund already asked for, issued or on its way: the reply tracks it, never re-offers it.
_REFUND_UNDER_WAY = re.compile(
    r"\b(?:(?:asked|applied|requested) for (?:a |the |my )?refund"
    r"|refund (?:was|has been|is|got) (?:already )?(?:processed|issued|approved|sent|pending)"
    r"|(?:still )?no refund|refund (?:has ?n[o']t|hasn'?t|never|did ?n[o']t|only) \w+"
    r"|where(?:'s| is) (?:my|the) (?:refund|money)"
    r"|(?:news|update|status|progress) (?:on|about|of|for|with) (?:the|my) refund|refund status"
    r"|(?:asked|applied|put in) for (?:it|one|that)|show (?:up )?on my (?:bank|card) statement"
    r"|(?:send|move|pay) (?:the|my) refund to|refund be split)\b",
    re.I,
)
# Goodwill is for a poor experience the customer is unhappy about, never for a question
# about vouchers, and never automatic where a person must judge the case (README gv.not).
_UNHAPPY = {Emotion.ANGER, Emotion.FRUSTRATION, Emotion.SADNESS}
_NO_GOODWILL = {
    RiskSignal.SAFETY,
    RiskSignal.CHARGEBACK,
    RiskSignal.LEGAL_THREAT,
    RiskSignal.MEDIA_THREAT,
    RiskSignal.VULNERABLE_CUSTOMER,
    RiskSignal.ABUSE,
}


@dataclass
class OfferPlan:
    """Offers, the sentences that state them, and passages they rely on."""

    offers: list[Offer] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)

    def offer(self, offer: Offer, sentence: str) -> None:
        """Add an offer with the sentence that states it and the passage that allows it."""
        self.offers.append(offer)
        self.sentences.append(sentence)
        if offer.basis_chunk_id:
            self.citations.append(offer.basis_chunk_id)


def _passage_with(passages: list[Passage], *needles: str) -> Passage | None:
    return next((p for p in passages if all(n.lower() in p.text.lower() for n in needles)), None)


def _refund(
    case: CaseInput,
    interp: Interpretation,
    passages: list[Passage],
    policy: Policy,
    plan: OfferPlan,
) -> None:
    if "refund" not in case.message.lower() or interp.intent not in _REFUND_INTENTS:
        return
    if _REFUND_UNDER_WAY.search(case.message):
        return
    if RiskSignal.CHARGEBACK in interp.risk_signals:
        # The billing-disputes policy: refunding directly while the bank's process runs can
        # return the same amount twice. The billing team settles it with the bank instead.
        return
    amount = interp.requested_amount or (case.context.amount if case.context else None)
    basis = _passage_with(passages, "refund")
    if amount is None or basis is None:
        return
    if amount > policy.caps.refund:
        plan.sentences.append(SUPERVISOR_REVIEW)
        return
    plan.offer(
        Offer(kind="refund", amount=amount, basis_chunk_id=basis.chunk_id),
        f"I have requested a refund of {money_text(amount)} to your original payment method.",
    )


def _voucher(
    case: CaseInput,
    interp: Interpretation,
    passages: list[Passage],
    policy: Policy,
    plan: OfferPlan,
) -> None:
    upset = interp.emotion in (Emotion.ANGER, Emotion.FRUSTRATION)
    repeat = is_repeat_contact(case, interp) and upset
    if interp.intent not in _VOUCHER_INTENTS and not repeat:
        return
    if interp.risk_signals & _NO_GOODWILL:
        return
    if interp.emotion not in _UNHAPPY and interp.requested_amount is None:
        return
    tier_cap_amount = policy.voucher_cap(case.customer.tier)
    cap = tier_cap_amount - already_given(case)
    if cap <= 0:
        return
    tier_cap = money_text(tier_cap_amount)
    basis = _passage_with(passages, "goodwill", tier_cap)
    if basis is None:
        return
    asks_voucher = interp.intent == "compensation_request" and "refund" not in case.message.lower()
    sentence = f"As an apology, I would like to offer you a goodwill voucher of {money_text(cap)}."
    if asks_voucher and interp.requested_amount is not None and interp.requested_amount > cap:
        # What an agent may give without approval is given now; only the rest waits.
        sentence = (
            f"As an apology, I can offer you a goodwill voucher of {money_text(cap)} straight"
            " away, and a supervisor will review the rest of what you asked for and reply to"
            " you personally."
        )
    plan.offer(Offer(kind="voucher", amount=cap, basis_chunk_id=basis.chunk_id), sentence)


_DELAY_INTENTS = {"flight_delay", "compensation_request", "complaint"}
# Delay credit already paid: the reply explains how to use it, it does not offer it again.
_CREDIT_RECEIVED = re.compile(
    r"\bcredit (?:was |has been |already )?(?:issued|received|paid|applied|arrived)"
    r"|\b(?:got|received|have) (?:the|my|your) (?:\$\s?\d+ )?(?:travel )?credit\b",
    re.I,
)


def _delay(
    case: CaseInput, interp: Interpretation, passages: list[Passage], plan: OfferPlan
) -> None:
    if interp.intent not in _DELAY_INTENTS:
        return
    status = case.context.status if case.context else ""
    if _CREDIT_RECEIVED.search(f"{case.message}\n{status}"):
        return
    credit = delay_credit(case, passages)
    if credit is None:
        return
    each = money_text(credit.per_passenger)
    who = (
        f"each of the {credit.passengers} passengers on your booking qualifies"
        if credit.passengers > 1
        else "you qualify"
    )
    plan.offer(
        Offer(
            kind="delay_credit",
            amount=credit.per_passenger * credit.passengers,
            basis_chunk_id=credit.basis.chunk_id,
        ),
        f"Your flight arrived {credit.band} late for a reason within our control, so {who}"
        f" for {each} in travel credit, and I have requested it for you.",
    )


def plan_offers(
    case: CaseInput, interp: Interpretation, passages: list[Passage], policy: Policy
) -> OfferPlan:
    """Decide offers; none at all when the message tries to instruct the assistant."""
    plan = OfferPlan()
    if RiskSignal.PROMPT_INJECTION in interp.risk_signals:
        return plan
    _refund(case, interp, passages, policy, plan)
    _delay(case, interp, passages, plan)
    claimed = max((a for a in (interp.requested_amount, interp.claimed_total) if a), default=None)
    if (
        claimed is not None
        and claimed > policy.caps.refund
        and SUPERVISOR_REVIEW not in plan.sentences
    ):
        plan.sentences.append(SUPERVISOR_REVIEW)
    _voucher(case, interp, passages, policy, plan)
    return plan
