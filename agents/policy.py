"""Policy-as-code: the rules every reply must pass, loaded from an editable YAML file.

``agents/policy/rules.yaml`` holds caps, the AI disclosure, forbidden and blaming phrases
and channel limits, so compliance staff can change them without touching code. The
checker is deterministic; an LLM reviewer may add judgement on top but never replaces it.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from agents.contracts import (
    CaseInput,
    Channel,
    Draft,
    Finding,
    Interpretation,
    Retrieval,
    Review,
    Severity,
    Tier,
)
from agents.writing.facts import money_text
from agents.writing.grounding import grounding_findings, pii_findings

DEFAULT_RULES = Path(__file__).with_name("policy") / "rules.yaml"


class PhraseRule(BaseModel):
    """A phrase a reply must not contain, why, and an optional safe replacement."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    pattern: str
    reason: str
    replacement: str = ""


class Caps(BaseModel):
    """Money the AI may offer without a supervisor."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    voucher: dict[Tier, Decimal]
    refund: Decimal = Field(ge=0)
    delay_credit: Decimal = Field(default=Decimal(200), ge=0)


class Disclosure(BaseModel):
    """How a reply tells the customer that AI helped write it."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    required: bool = True
    markers: list[str] = Field(min_length=1)
    text: str
    sms_text: str

    def for_channel(self, channel: Channel) -> str:
        """The disclosure sentence for a channel (SMS has its own short one)."""
        return self.sms_text if channel is Channel.SMS else self.text

    def found_in(self, text: str) -> bool:
        """True when ``text`` discloses AI help (contains a marker, case-insensitive)."""
        low = text.lower()
        return any(m.lower() in low for m in self.markers)


class Grounding(BaseModel):
    """Whether every fact must be backed by a cited passage or the case."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    enabled: bool = True


class Policy(BaseModel):
    """The whole reply policy; ``version`` is stamped on every review."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    version: str
    caps: Caps
    disclosure: Disclosure
    forbidden: list[PhraseRule] = Field(default_factory=list)
    tone: list[PhraseRule] = Field(default_factory=list)
    channel_limits: dict[Channel, int]
    grounding: Grounding = Field(default_factory=Grounding)

    def voucher_cap(self, tier: Tier) -> Decimal:
        """Goodwill voucher cap for a tier (the standard cap if the tier is not listed)."""
        return self.caps.voucher.get(tier, self.caps.voucher[Tier.STANDARD])


class PolicyError(ValueError):
    """The rules file is missing or invalid; fix the file named in the message and reload."""


@lru_cache(maxsize=8)
def load_policy(path: Path | None = None) -> Policy:
    """Load and validate the rules (the bundled ``rules.yaml`` when ``path`` is None)."""
    source = path or DEFAULT_RULES
    try:
        raw = yaml.safe_load(source.read_text(encoding="utf-8"))
        policy = Policy.model_validate(raw)
        for rule in [*policy.forbidden, *policy.tone]:
            re.compile(rule.pattern)
    except (OSError, yaml.YAMLError, ValidationError, re.error) as exc:
        raise PolicyError(f"Policy file {source} cannot be used: {exc}") from exc
    return policy


def _phrase_findings(text: str, rules: list[PhraseRule], rule_id: str) -> list[Finding]:
    findings = []
    for rule in rules:
        for m in re.finditer(rule.pattern, text, re.I):
            hint = (
                f'Replace with "{rule.replacement}"' if rule.replacement else "Remove the sentence"
            )
            findings.append(
                Finding(
                    rule_id=rule_id,
                    severity=Severity.BLOCK,
                    message=rule.reason,
                    span=m.group(0),
                    fix_hint=hint,
                )
            )
    return findings


def _disclosure_findings(draft: Draft, policy: Policy) -> list[Finding]:
    if not policy.disclosure.required or policy.disclosure.found_in(draft.text):
        return []
    return [
        Finding(
            rule_id="disclosure.missing",
            severity=Severity.BLOCK,
            message="The reply does not tell the customer that AI helped write it.",
            fix_hint=f'Add: "{policy.disclosure.text}"',
        )
    ]


def _length_findings(case: CaseInput, draft: Draft, policy: Policy) -> list[Finding]:
    limit = policy.channel_limits.get(case.channel)
    if limit is None or len(draft.text) <= limit:
        return []
    severity = Severity.BLOCK if case.channel is Channel.SMS else Severity.WARN
    return [
        Finding(
            rule_id="channel.length",
            severity=severity,
            message=f"{len(draft.text)} characters; {case.channel.value} allows {limit}.",
            fix_hint="Shorten: keep the acknowledgement, one fact and the next step.",
        )
    ]


def _offer_findings(case: CaseInput, draft: Draft, policy: Policy) -> list[Finding]:
    findings = []
    for offer in draft.offers:
        if offer.amount is None:
            continue
        amount = offer.amount
        if offer.kind == "refund":
            cap, rule = policy.caps.refund, "offer.refund_cap"
        elif offer.kind in ("voucher", "travel_credit"):
            cap, rule = policy.voucher_cap(case.customer.tier), "offer.voucher_cap"
        elif offer.kind == "delay_credit":
            # Owed per passenger: the reply states the per-passenger amount.
            cap, rule = policy.caps.delay_credit, "offer.delay_credit_cap"
            amount = offer.amount / (case.context.passengers if case.context else 1)
        else:
            continue
        if amount > cap:
            findings.append(
                Finding(
                    rule_id=rule,
                    severity=Severity.BLOCK,
                    span=money_text(amount),
                    message=f"{offer.kind} of ${amount:,} is above the ${cap:,} cap.",
                    fix_hint=f"Cap the offer at ${cap:,} or say a colleague will review it.",
                )
            )
    return findings


def review(
    case: CaseInput,
    interpretation: Interpretation,
    draft: Draft,
    retrieval: Retrieval,
    policy: Policy,
) -> Review:
    """Check a draft against every rule; it passes when nothing blocks."""
    findings = [
        *_disclosure_findings(draft, policy),
        *_phrase_findings(draft.text, policy.forbidden, "phrase.forbidden"),
        *_phrase_findings(draft.text, policy.tone, "tone.blaming"),
        *pii_findings(case, draft.text),
        *_length_findings(case, draft, policy),
        *_offer_findings(case, draft, policy),
    ]
    if policy.grounding.enabled:
        findings.extend(grounding_findings(case, draft, retrieval))
    passed = not any(f.severity is Severity.BLOCK for f in findings)
    return Review(
        draft_version=draft.version, passed=passed, findings=findings, policy_version=policy.version
    )
