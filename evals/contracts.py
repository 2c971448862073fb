"""Eval records: a labeled case, what the system did with it, and how it scored.

A dataset line is an ``EvalCase``: the ``CaseInput`` an operator would submit plus the
``Expectation`` a careful human labeled, i.e. what *should* happen under the policy, not
what the engine happens to do.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field

from agents.contracts import CaseInput, Contract, Emotion, RiskSignal, Route


class ExpectedEntity(Contract):
    """An entity the interpreter should find (kind and exact value as written)."""

    kind: str
    value: str


class ExpectedSection(Contract):
    """A knowledge-base section the reply should rely on."""

    doc_id: str
    section: str


class Expectation(Contract):
    """What should happen with a case, labeled by a person."""

    intent: str
    secondary_intents: list[str] = Field(default_factory=list)
    emotion: Emotion
    entities: list[ExpectedEntity] = Field(default_factory=list)
    risks: list[RiskSignal] = Field(default_factory=list)
    # Short facts the reply must state, matched case-insensitively ("7 business days").
    must_state: list[str] = Field(default_factory=list)
    must_cite: list[ExpectedSection] = Field(default_factory=list)
    # Phrases the reply must never contain (promises beyond policy, echoed PII, ...).
    must_not_say: list[str] = Field(default_factory=list)
    route: Route
    route_reason: str
    # The most the reply may offer in money (refund + vouchers), if anything.
    max_compensation: Decimal | None = None


class EvalCase(Contract):
    """One labeled case of a dataset."""

    id: str
    split: Literal["dev", "test"]
    tags: list[str] = Field(default_factory=list)
    case: CaseInput
    expect: Expectation
