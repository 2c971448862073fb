"""Revision fixes exactly what each finding reports, then the draft passes review."""

from __future__ import annotations

from decimal import Decimal

from agents.contracts import Channel, Draft, Offer
from agents.interpreter import interpret
from agents.policy import load_policy, review
from agents.writer import write_draft
from tests.agents.agent_fixtures import CANCEL, KeywordClassifier, make_case, retrieval

DISCLOSURE = (
    "This reply was prepared with the help of our AI assistant and checked against our policies. "
    "You can ask for a member of our team at any time."
)


def _revise(text: str, *, channel: Channel = Channel.EMAIL, offers: list[Offer] | None = None):
    case = make_case("My flight JA482 was cancelled, please refund it.", channel=channel)
    interp = interpret(case, KeywordClassifier())
    ret = retrieval(CANCEL)
    policy = load_policy()
    bad = Draft(version=1, text=text, citations=["flight-cancellations#2"], offers=offers or [])
    findings = review(case, interp, bad, ret, policy).findings
    fixed = write_draft(case, interp, ret, version=2, previous=bad, findings=findings)
    return findings, fixed, review(case, interp, fixed, ret, policy)


def test_ungrounded_amount_sentence_is_removed() -> None:
    text = (
        "Dear Ana,\n\nYou can choose a full refund. We will also add $300 in credit.\n\n"
        f"{DISCLOSURE}\n\nKind regards,\nJuniper Customer Care"
    )
    findings, fixed, after = _revise(text)
    assert [f.span for f in findings] == ["$300"]
    assert fixed.text == (
        "Dear Ana,\n\nYou can choose a full refund.\n\n"
        f"{DISCLOSURE}\n\nKind regards,\nJuniper Customer Care"
    )
    assert fixed.revision_notes == [
        "grounding.ungrounded_fact: removed the sentence containing '$300'."
    ]
    assert (fixed.version, after.passed) == (2, True)


def test_missing_disclosure_is_added_before_sign_off() -> None:
    _, fixed, after = _revise(
        "Dear Ana,\n\nYou can choose a full refund.\n\nKind regards,\nJuniper Customer Care"
    )
    assert fixed.text.endswith(f"{DISCLOSURE}\n\nKind regards,\nJuniper Customer Care")
    assert fixed.discloses_ai is True
    assert after.passed is True


def test_forbidden_phrase_is_replaced() -> None:
    _, fixed, after = _revise(
        f"We apologize for any inconvenience. You can choose a full refund. {DISCLOSURE}"
    )
    assert fixed.text.startswith("I'm sorry for the trouble this has caused. You can choose")
    assert after.passed is True


def test_offer_over_cap_is_withdrawn_for_review() -> None:
    text = f"Here is a goodwill voucher of $400.\n\n{DISCLOSURE}"
    _, fixed, after = _revise(text, offers=[Offer(kind="voucher", amount=Decimal("400"))])
    assert fixed.offers == []
    assert fixed.text == (
        f"A supervisor will review what we can offer and come back to you.\n\n{DISCLOSURE}"
    )
    assert after.passed is True
