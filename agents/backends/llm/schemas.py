"""What the model must answer, as pydantic schemas (shown to it as JSON schema).

Kept smaller than the product contracts on purpose: the model judges what only
language understanding can (intent, feeling, urgency, risk by meaning, the wording of a
reply); entities, amounts and policy checks stay with deterministic code.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from agents.contracts import Emotion, Offer, RiskSignal, Urgency


class _Answer(BaseModel):
    # Extra keys are ignored: a model that adds commentary fields still answers usefully.
    model_config = ConfigDict(extra="ignore")


class RiskAnswer(_Answer):
    """A risk the model sees, with the customer's words that show it."""

    signal: RiskSignal
    evidence: str = Field(max_length=400)


class InterpretAnswer(_Answer):
    """The interpreter's judgement of a case."""

    intent: str = Field(description="one intent id from the list, or 'unknown'")
    intent_confidence: float = Field(ge=0, le=1)
    secondary_intents: list[str] = Field(default_factory=list, max_length=4)
    emotion: Emotion
    emotion_intensity: float = Field(ge=0, le=1)
    urgency: Urgency
    urgency_reasons: list[str] = Field(default_factory=list, max_length=5)
    risks: list[RiskAnswer] = Field(default_factory=list, max_length=10)


class DraftAnswer(_Answer):
    """The writer's reply, the passages it relies on and what it offers."""

    text: str = Field(min_length=1, max_length=8000)
    citations: list[str] = Field(
        default_factory=list, description="chunk ids of the passages the reply relies on"
    )
    offers: list[Offer] = Field(default_factory=list)
