"""The seam every reasoning backend implements."""

from __future__ import annotations

from typing import Protocol

from agents.contracts import (
    CaseInput,
    Draft,
    Finding,
    Interpretation,
    Retrieval,
    Review,
    RiskDecision,
)

# Names of model-backed backends start with this ("llm:gpt-4o-mini"); telemetry keys the
# GenAI attributes on it.
LLM_PREFIX = "llm:"


class ReasoningBackend(Protocol):
    """The four judgements an agent graph needs, over typed contracts."""

    name: str

    def interpret(self, case: CaseInput) -> Interpretation:
        """Understand intent, emotion, urgency, entities and risk in the case."""
        ...

    def draft(
        self,
        case: CaseInput,
        interpretation: Interpretation,
        retrieval: Retrieval,
        *,
        version: int,
        previous: Draft | None,
        findings: list[Finding],
    ) -> Draft:
        """Write (or revise, fixing ``findings``) the reply to the customer."""
        ...

    def review(
        self, case: CaseInput, interpretation: Interpretation, draft: Draft, retrieval: Retrieval
    ) -> Review:
        """Check the draft against policy-as-code and grounding rules."""
        ...

    def assess(
        self,
        case: CaseInput,
        interpretation: Interpretation,
        draft: Draft,
        review: Review,
        retrieval: Retrieval,
        *,
        revisions_exhausted: bool,
    ) -> RiskDecision:
        """Decide whether a human must approve before anything is sent."""
        ...
