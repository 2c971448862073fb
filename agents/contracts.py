"""Typed contracts that cross every boundary: case input, agent outputs, approvals, delivery.

These are the real shapes of the product. Workflow inputs/outputs, Temporal updates,
graph state (as JSON) and eval records are all built from them, so a field added here
is visible end to end. Keep them JSON-native (``model_dump(mode="json")`` round-trips):
the LangGraph plugin serializes node arguments and a model may come back as a dict.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Identifier = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=128, pattern=r"^[A-Za-z0-9._:@-]+$"
    ),
]


_TRAVELLERS = re.compile(r"\b(\d+) (?:adults?|passengers?|children|child|infants?)\b", re.I)
# The two businesses the knowledge base serves; documents for both say "all".
ProductLine = Literal["airline", "retail"]


class Contract(BaseModel):
    """Base for every contract: unknown fields are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --------------------------------------------------------------------------- case input


class Channel(StrEnum):
    """Where the customer wrote from; replies are sized for it."""

    EMAIL = "email"
    CHAT = "chat"
    SMS = "sms"


class Tier(StrEnum):
    """Loyalty tier (Juniper Circle in the sample company); caps depend on it."""

    STANDARD = "standard"
    SILVER = "silver"
    GOLD = "gold"
    PLATINUM = "platinum"


class CustomerProfile(Contract):
    """Who the customer is, as the CRM knows them."""

    customer_id: Identifier
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    tier: Tier = Tier.STANDARD
    email: str | None = None
    phone: str | None = None
    language: str = "en"
    # Short notes on earlier contacts, newest first ("called twice about JM-100482").
    history: list[str] = Field(default_factory=list, max_length=50)
    # Set by the CRM when a customer is known to need extra care.
    vulnerable: bool = False


class BookingContext(Contract):
    """The order or booking the case is about (optional, but makes replies specific)."""

    kind: Literal["flight", "order"]
    reference: Identifier
    description: str = ""
    amount: Decimal | None = Field(default=None, ge=0)
    currency: str = "USD"
    status: str = ""
    date: str = ""

    @property
    def passengers(self) -> int:
        """Travellers on the booking, from its description ("2 adults, 1 child"); at least one.

        The delay policy pays per passenger: the writer offers for each, the checker caps
        each, so both read the count here.
        """
        return max(1, sum(int(n) for n in _TRAVELLERS.findall(self.description)))

    @property
    def product_line(self) -> ProductLine:
        """Which business the case is about: a flight is the airline's, an order the shop's."""
        return "airline" if self.kind == "flight" else "retail"


class CaseInput(Contract):
    """One customer case as an operator submits it."""

    message: Annotated[str, StringConstraints(min_length=1)]
    channel: Channel = Channel.EMAIL
    subject: str = ""
    customer: CustomerProfile
    context: BookingContext | None = None
    operator_id: Identifier = "operator"
    # Same key, same case: resubmitting returns the existing case (see workflows.client).
    idempotency_key: Identifier


# --------------------------------------------------------------------------- interpreter


class Emotion(StrEnum):
    """The dominant feeling the customer expresses."""

    ANGER = "anger"
    FRUSTRATION = "frustration"
    ANXIETY = "anxiety"
    SADNESS = "sadness"
    CONFUSION = "confusion"
    SATISFACTION = "satisfaction"
    NEUTRAL = "neutral"


class Urgency(StrEnum):
    """How soon the customer needs help."""

    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    CRITICAL = "critical"


class RiskSignal(StrEnum):
    """Things in a case that can make it high-stakes."""

    LEGAL_THREAT = "legal_threat"
    SAFETY = "safety"
    VULNERABLE_CUSTOMER = "vulnerable_customer"
    CHARGEBACK = "chargeback"
    PII = "pii"
    PROMPT_INJECTION = "prompt_injection"
    ABUSE = "abuse"
    MEDIA_THREAT = "media_threat"


EntityKind = Literal[
    "booking_ref",
    "order_id",
    "flight_number",
    "amount",
    "date",
    "product",
    "email",
    "phone",
    "card_number",
]


class Entity(Contract):
    """A value found in the customer's text."""

    kind: EntityKind
    value: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class RiskEvidence(Contract):
    """Why a risk signal was raised: the signal and the words that triggered it."""

    signal: RiskSignal
    evidence: str


# Messages no policy answers: off-topic, or too unclear to act on (labeling guideline 8).
OutOfScope = Literal["off_topic", "unclear"]


class Interpretation(Contract):
    """What the interpreter understood from the case."""

    intent: str
    intent_confidence: float = Field(ge=0, le=1)
    secondary_intents: list[str] = Field(default_factory=list)
    # A second question asked in a sentence of its own, which the reply should answer too.
    second_ask: str | None = None
    emotion: Emotion
    emotion_intensity: float = Field(ge=0, le=1)
    sentiment: float = Field(ge=-1, le=1)
    urgency: Urgency
    urgency_reasons: list[str] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    risks: list[RiskEvidence] = Field(default_factory=list)
    # Money the customer asks for, in the case currency, when they name an amount.
    requested_amount: Decimal | None = None
    # What an itemised claim adds up to, when the customer names two or more amounts.
    claimed_total: Decimal | None = None
    language: str = "en"
    # Set when the message is off-topic or unclear: no policy answers it, a person replies.
    out_of_scope: OutOfScope | None = None
    # Problems the reasoning backend had (a model that failed, a fallback taken). Any
    # note sends the case to a human: a degraded judgement is never auto-sent.
    backend_notes: list[str] = Field(default_factory=list)

    @property
    def risk_signals(self) -> set[RiskSignal]:
        """The distinct risk signals raised."""
        return {r.signal for r in self.risks}


# --------------------------------------------------------------------------- retrieval


class Passage(Contract):
    """A knowledge-base chunk retrieved for a case, with what is needed to cite it."""

    chunk_id: str
    doc_id: str
    title: str
    section: str
    text: str
    score: float
    policy_area: str = ""
    product_line: str = ""
    version: str = ""
    effective_date: str = ""


class Retrieval(Contract):
    """The passages found for a case; ``relevant`` is False when nothing cleared the floor."""

    query: str
    passages: list[Passage] = Field(default_factory=list)
    relevant: bool = True
    # For each risk signal the case raised, the chunk id of the policy passage that says
    # how such a case is handled ("you always have the right to contact your bank"): the
    # writer tells the customer what happens next from it, and cites it.
    signal_passages: dict[RiskSignal, str] = Field(default_factory=dict)


# --------------------------------------------------------------------------- writer


class Offer(Contract):
    """Something of value the draft offers the customer.

    ``travel_credit`` and ``voucher`` are goodwill, capped by tier; ``delay_credit`` is the
    travel credit the delay policy owes for a late arrival, capped per passenger.
    """

    kind: Literal[
        "refund",
        "voucher",
        "travel_credit",
        "delay_credit",
        "reimbursement",
        "rebooking",
        "replacement",
        "none",
    ]
    amount: Decimal | None = Field(default=None, ge=0)
    currency: str = "USD"
    # The chunk that allows this offer.
    basis_chunk_id: str | None = None


class Draft(Contract):
    """A reply to the customer, with the passages it relies on."""

    version: int = Field(ge=1)
    text: Annotated[str, StringConstraints(min_length=1)]
    citations: list[str] = Field(default_factory=list, description="chunk ids the text relies on")
    offers: list[Offer] = Field(default_factory=list)
    discloses_ai: bool = True
    # What this revision changed, in response to which findings.
    revision_notes: list[str] = Field(default_factory=list)
    # As on ``Interpretation``: why this draft came from a fallback, if it did.
    backend_notes: list[str] = Field(default_factory=list)

    @property
    def sha256(self) -> str:
        """Content hash an approval binds to: approving one text never sends another."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- policy checker


class Severity(StrEnum):
    """``block`` findings must be fixed (or decided by a human); ``warn`` ones are advice."""

    BLOCK = "block"
    WARN = "warn"


class Finding(Contract):
    """One policy or grounding problem in a draft."""

    rule_id: str
    severity: Severity
    message: str
    span: str = ""
    fix_hint: str = ""


class Review(Contract):
    """The policy checker's verdict on one draft version."""

    draft_version: int
    passed: bool
    findings: list[Finding] = Field(default_factory=list)
    policy_version: str = ""

    @property
    def blocking(self) -> list[Finding]:
        """Findings that stop automatic delivery."""
        return [f for f in self.findings if f.severity is Severity.BLOCK]


# --------------------------------------------------------------------------- risk gate


class Route(StrEnum):
    """``auto`` delivers without a human; ``human`` waits for an approver."""

    AUTO = "auto"
    HUMAN = "human"


class Priority(StrEnum):
    """Approval queue priority; P1 is most urgent."""

    P1 = "P1"
    P2 = "P2"
    P3 = "P3"
    P4 = "P4"


class RiskDecision(Contract):
    """Whether a human must decide, how urgently, and why (every reason is shown to them)."""

    route: Route
    priority: Priority
    reasons: list[str] = Field(default_factory=list)
    amount_at_stake: Decimal = Decimal("0")


# --------------------------------------------------------------------------- approvals


def content_binding(text: str, review: Review) -> str:
    """Hash of a draft's text together with the policy verdict an approver was shown.

    An approval names this value, so approving one text under one verdict can never
    deliver another text, nor the same text after its verdict changed.
    """
    digest = hashlib.sha256(text.encode("utf-8"))
    digest.update(b"\x00")
    digest.update(review.model_dump_json().encode("utf-8"))
    return digest.hexdigest()


class ApprovalRequest(Contract):
    """What an approver sees; built by the gate before the graph pauses.

    It carries everything needed to decide without opening another tool: the case,
    the customer's words, what the interpreter understood, the draft, the policy verdict,
    the cited passages and the money at stake.
    """

    case_id: str
    draft_version: int
    draft_text: str
    draft_sha256: str
    priority: Priority
    reasons: list[str]
    intent: str
    emotion: Emotion
    amount_at_stake: Decimal = Decimal("0")
    findings: list[Finding] = Field(default_factory=list)
    citations: list[str] = Field(default_factory=list)
    # Hash of the draft text and the verdict (``content_binding``); approvals must name it.
    binding_sha256: str = ""
    policy_passed: bool = True
    subject: str = ""
    message: str = ""
    customer_name: str = ""
    tier: Tier = Tier.STANDARD
    channel: Channel = Channel.EMAIL
    urgency: Urgency = Urgency.NORMAL
    risks: list[RiskEvidence] = Field(default_factory=list)
    passages: list[Passage] = Field(default_factory=list)
    # Who submitted the case (separation of duties: they may not approve it).
    submitted_by: str = ""
    # What the writer changed on revision, and what it could not do (an approver's
    # free-text instructions the local writer cannot follow are listed here).
    revision_notes: list[str] = Field(default_factory=list)
    # Why this draft came from a fallback (a model failed), if it did.
    backend_notes: list[str] = Field(default_factory=list)


class DecisionAction(StrEnum):
    """What an approver can do with a waiting case.

    ``approve``, ``edit`` and ``reject`` settle the pending draft; ``escalate`` and
    ``reassign`` only move the task (to the senior queue, to a named person).
    """

    APPROVE = "approve"
    EDIT = "edit"
    REJECT = "reject"
    ESCALATE = "escalate"
    REASSIGN = "reassign"


class Role(StrEnum):
    """Who is acting; only approvers may decide."""

    OPERATOR = "operator"
    APPROVER = "approver"
    SENIOR_APPROVER = "senior_approver"
    QA = "qa"
    ADMIN = "admin"


class ApprovalDecision(Contract):
    """An approver's decision, sent as a Temporal Update and validated before it lands.

    The same model is the audit record: the workflow stamps ``decided_at`` (from
    ``workflow.now()``), the shown draft's hashes, and for an edit the policy verdict on
    the new text, so the record states exactly what was decided about which text.
    """

    action: DecisionAction
    actor: Identifier
    role: Role = Role.APPROVER
    # Why; required to reject, escalate, and to override soft findings on an edit.
    reason: str = ""
    # The draft the approver looked at; a decision about another version is refused.
    draft_version: int = Field(ge=1)
    draft_sha256: str = ""
    binding_sha256: str = ""
    # edit: the approver's replacement text (checked by the policy checker again).
    text: str | None = None
    # reject: send back to the writer with ``reason`` as instructions instead of closing.
    rewrite: bool = False
    # reassign: who takes the task over.
    assignee: Identifier | None = None
    # Set by the workflow, never by the client.
    decided_at: datetime | None = None
    review: Review | None = None

    @property
    def approved_sha256(self) -> str:
        """SHA-256 of the text this decision allows to be sent (the edit, or the shown draft)."""
        if self.action is DecisionAction.EDIT and self.text is not None:
            return hashlib.sha256(self.text.encode("utf-8")).hexdigest()
        return self.draft_sha256

    @property
    def settles(self) -> bool:
        """True for decisions that resume the case (approve, edit, reject)."""
        return self.action in (DecisionAction.APPROVE, DecisionAction.EDIT, DecisionAction.REJECT)


# --------------------------------------------------------------------------- delivery / result


class Delivery(Contract):
    """A message in the outbox. ``(case_id, draft_version)`` is unique: sent once."""

    case_id: str
    draft_version: int
    channel: Channel
    recipient: str
    text: str
    text_sha256: str
    delivered_at: str
    # False when the outbox already held this message (a retry or replay).
    newly_written: bool = True


class CaseStatus(StrEnum):
    """Lifecycle of a case, also the ``CxStatus`` search attribute."""

    RECEIVED = "received"
    PROCESSING = "processing"
    AWAITING_APPROVAL = "awaiting_approval"
    DELIVERED = "delivered"
    REJECTED = "rejected"
    TIMED_OUT = "timed_out"
