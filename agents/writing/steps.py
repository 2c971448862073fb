"""Next steps the customer can act on, by intent, and the honest fallback when we lack policy.

These sentences carry no numbers on purpose: timings and amounts only ever come from a
cited passage, so a next step never makes a promise the knowledge base does not.
"""

from __future__ import annotations

import re

from agents.contracts import Interpretation, RiskSignal

_REFUND_STEP = "We will confirm by email as soon as the refund has been issued."
_NEXT: dict[str, str] = {
    "flight_cancellation": "Just reply to tell me whether you would prefer a refund or a new "
    "flight, and I'll take care of the rest.",
    "flight_delay": "If you bought a meal or a hotel yourself, keep the receipts and send them "
    "to us with your booking reference.",
    "missed_connection": "Our transfer desk, or our team here in chat, can confirm your new "
    "connection straight away.",
    "baggage_issue": "Please keep the receipts for anything essential you buy while you wait, "
    "and send them to us with your file reference.",
    "refund_request": _REFUND_STEP,
    "return_request": "You can start the return from your account, and we will confirm by email "
    "once the item reaches us.",
    "faulty_product": "Please reply with a short description or a photo of the fault, and we "
    "will arrange the right repair or replacement.",
    "delivery_delay": "You can follow the latest status under Orders in your account, and reply "
    "here if it has not arrived when expected.",
    "lost_parcel": "We will update you as soon as the investigation is complete.",
    "order_change_or_cancel": "Reply to confirm the change you want, and we will let you know as "
    "soon as it is done.",
    "billing_dispute": "We will look into the charge and write to you with the outcome.",
    "account_security": "We will never ask you for your full card number, your password or a "
    "one-time code, so please do not share them with anyone.",
    "accessibility_request": "Reply with anything else you need for the journey, and we will add "
    "it to your booking.",
    "data_privacy_request": "We will confirm in writing once your request is complete.",
    "compensation_request": "We will look at everything that happened and confirm the outcome "
    "in writing.",
    "complaint": "I have recorded your complaint so that a member of our team can look at what "
    "went wrong.",
    "loyalty_question": "If you have any other questions about your membership, just reply here.",
    "human_agent_request": "I have asked a member of our team to pick this up with you personally.",
}
_DEFAULT = "If anything is unclear, just reply and we will help."
FALLBACK = (
    "I want to make sure you get an accurate answer rather than a guess, so I have passed your "
    "message to a specialist on our team, who will follow up with you directly."
)


# "I'd like the refund, not a new flight": the choice is made, so asking for it again
# reads as not listening. A question about the options ("refund or rebook?") is no choice.
_CHOSE_REFUND = re.compile(r"\brefund|\b(?:money|fare|cash) back\b|\$[\d,.]+ back\b", re.I)
_WEIGHING = re.compile(r"\b(?:or|either|options?|choices?|which|should i)\b", re.I)


# A bag declared lost is a claim to settle, not a wait to get through.
_BAG_CLAIM = re.compile(
    r"\b(?:declared lost|lost for good|(?:file|make|process|start)\w* (?:a |the |my )?claim"
    r"|list of (?:the )?contents|compensation for (?:the|my) bag)\b",
    re.I,
)
_BAG_CLAIM_STEP = (
    "Once we have your list of contents and any receipts, we will decide your claim and "
    "write to you with the outcome."
)


def next_step(interp: Interpretation, message: str = "") -> str:
    """One concrete thing that happens next, for this intent and what the customer chose."""
    step = _step(interp, message)
    if step == _REFUND_STEP and RiskSignal.CHARGEBACK in interp.risk_signals:
        return ""  # refunding beside the bank's dispute could pay twice; billing decides
    return step


def _step(interp: Interpretation, message: str) -> str:
    if interp.intent == "baggage_issue" and _BAG_CLAIM.search(message):
        return _BAG_CLAIM_STEP
    if interp.intent == "flight_cancellation" and _CHOSE_REFUND.search(message):
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", message) if _CHOSE_REFUND.search(s)]
        if not any(_WEIGHING.search(s) for s in sentences):
            return _REFUND_STEP
    return _NEXT.get(interp.intent, _DEFAULT)
