"""Policy-as-code: the rules file loads, and each rule blocks what it should with a span."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from agents.contracts import Channel, Draft, Offer, Severity, Tier
from agents.interpreter import interpret
from agents.policy import PolicyError, load_policy, review
from tests.agents.agent_fixtures import CANCEL, DELAY, KeywordClassifier, make_case, retrieval

DISCLOSURE = "This reply was prepared with the help of our AI assistant."


def _review(
    text: str,
    citations: list[str],
    *,
    channel: Channel = Channel.EMAIL,
    offers: list[Offer] | None = None,
    message: str = "My flight JA482 was cancelled.",
):
    case = make_case(message, channel=channel)
    interp = interpret(case, KeywordClassifier())
    draft = Draft(version=1, text=text, citations=citations, offers=offers or [])
    return review(case, interp, draft, retrieval(CANCEL, DELAY), load_policy())


def test_bundled_rules_load_with_caps() -> None:
    policy = load_policy()
    assert policy.version == "2026.03-1"
    assert policy.voucher_cap(Tier.GOLD) == Decimal("150")
    assert policy.caps.refund == Decimal("500")


def test_invalid_rules_file_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "rules.yaml"
    bad.write_text("version: 1\ncaps: {}\n", encoding="utf-8")
    with pytest.raises(PolicyError, match="cannot be used"):
        load_policy(bad)


def test_grounded_draft_passes() -> None:
    text = f"Juniper Air processes it within 7 business days of your request. {DISCLOSURE}"
    result = _review(text, ["flight-cancellations#2"])
    assert (result.passed, result.findings, result.policy_version) == (True, [], "2026.03-1")


def test_ungrounded_amount_is_blocked_with_span() -> None:
    text = f"We will add $300 in travel credit to your account. {DISCLOSURE}"
    result = _review(text, ["flight-cancellations#2"])
    assert result.passed is False
    assert [(f.rule_id, f.severity, f.span) for f in result.findings] == [
        ("grounding.ungrounded_fact", Severity.BLOCK, "$300")
    ]


def test_fact_from_uncited_passage_is_ungrounded() -> None:
    text = f"You will receive a meal voucher of $15 per passenger. {DISCLOSURE}"
    assert _review(text, ["flight-delays#1"]).passed is True
    assert [f.span for f in _review(text, ["flight-cancellations#2"]).findings] == ["$15"]


def test_missing_disclosure_and_forbidden_phrases() -> None:
    text = "We apologize for any inconvenience. Please calm down, it was not your fault."
    result = _review(text, [])
    assert [(f.rule_id, f.span) for f in result.findings] == [
        ("disclosure.missing", ""),
        ("phrase.forbidden", "We apologize for any inconvenience"),
        ("phrase.forbidden", "calm down"),
        ("tone.blaming", "your fault"),
    ]


def test_pii_and_contact_echo_in_sms() -> None:
    text = f"Card 4111 1111 1111 1111 noted; we texted +1 415 555 0100. {DISCLOSURE}"
    result = _review(text, [], channel=Channel.SMS)
    assert [f.rule_id for f in result.findings] == ["pii.card_number", "pii.contact_in_sms"]


def test_sms_length_and_offer_caps() -> None:
    text = f"{'Long words here. ' * 30}{DISCLOSURE}"
    offers = [
        Offer(kind="voucher", amount=Decimal("80")),
        Offer(kind="refund", amount=Decimal("600")),
    ]
    result = _review(text, [], channel=Channel.SMS, offers=offers)
    assert [(f.rule_id, f.span) for f in result.findings] == [
        ("channel.length", ""),
        ("offer.voucher_cap", "$80"),
        ("offer.refund_cap", "$600"),
    ]
