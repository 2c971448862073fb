"""A scripted reasoning backend for workflow-mechanics tests.

It decides by markers in the message ("[human]", "[revise]") so a test chooses the
path through the graph exactly; the real agents are tested in tests/agents and, with
the real knowledge base, in tests/e2e. Temporal and the plugin here are real.
"""

from __future__ import annotations

from agents.contracts import (
    CaseInput,
    Draft,
    Emotion,
    Finding,
    Interpretation,
    Passage,
    Priority,
    Retrieval,
    Review,
    RiskDecision,
    Route,
    Severity,
    Urgency,
)

PASSAGE = Passage(
    chunk_id="refunds#when#0",
    doc_id="refunds",
    title="Refunds",
    section="When",
    text="Refunds are processed within 7 business days.",
    score=0.8,
)


class ScriptedBackend:
    """Routes and findings chosen by markers in the customer's message."""

    name = "scripted"

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.instructions: list[str] = []

    def interpret(self, case: CaseInput) -> Interpretation:
        self.calls.append("interpret")
        return Interpretation(
            intent="refund_request",
            intent_confidence=0.9,
            emotion=Emotion.FRUSTRATION,
            emotion_intensity=0.5,
            sentiment=-0.4,
            urgency=Urgency.NORMAL,
        )

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
        self.calls.append(f"draft:v{version}:fixes={len(findings)}")
        self.instructions += [f.message for f in findings if f.rule_id == "approver.instructions"]
        return Draft(version=version, text=f"Dear {case.customer.name}, v{version}.", citations=[])

    def review(
        self, case: CaseInput, interpretation: Interpretation, draft: Draft, retrieval: Retrieval
    ) -> Review:
        self.calls.append(f"review:v{draft.version}")
        findings = []
        if "[revise]" in case.message:
            findings.append(Finding(rule_id="grounding", severity=Severity.BLOCK, message="x"))
        # Markers an approver's edit can carry, to drive the edit checks.
        if "[violation]" in draft.text:
            findings.append(
                Finding(rule_id="offer.cap", severity=Severity.BLOCK, message="over the cap")
            )
        if "[warn]" in draft.text:
            findings.append(
                Finding(rule_id="tone.curt", severity=Severity.WARN, message="sounds curt")
            )
        return Review(draft_version=draft.version, passed=not findings, findings=findings)

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
        self.calls.append("assess")
        first_draft_only = "[first-human]" in case.message and draft.version == 1
        human = "[human]" in case.message or bool(review.blocking) or first_draft_only
        return RiskDecision(
            route=Route.HUMAN if human else Route.AUTO,
            priority=Priority.P2 if human else Priority.P4,
            reasons=["scripted: human review requested"] if human else [],
        )


class StaticRetriever:
    """Always returns the same passage."""

    def retrieve(
        self, query: str, *, k: int = 5, prefer_areas: list[str] | None = None
    ) -> Retrieval:
        return Retrieval(query=query, passages=[PASSAGE], relevant=True)
