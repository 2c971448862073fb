"""The local backend: deterministic, offline, and the embedded default.

Semantic intent matching against labeled exemplars, a sentiment lexicon plus rules for
emotion, rule-based urgency/risk/entities, an extractive empathy writer that cites the
passages it uses, and the policy-as-code checker. A real product mode (air-gapped sites,
CI, eval baselines), not a test fake.
"""

from __future__ import annotations

from agents.contracts import (
    CaseInput,
    Draft,
    Finding,
    Interpretation,
    Retrieval,
    Review,
    RiskDecision,
)
from agents.interpreter import interpret
from agents.policy import Policy, review
from agents.ports import IntentClassifier, RiskDetector
from agents.risk import assess_risk
from agents.writer import write_draft
from cx.settings import RiskSettings


class LocalBackend:
    """Implements ``ReasoningBackend`` with the deterministic agents."""

    name = "local"

    def __init__(
        self,
        classifier: IntentClassifier,
        policy: Policy,
        risk: RiskSettings,
        risk_detector: RiskDetector | None = None,
    ) -> None:
        self._classifier = classifier
        self._policy = policy
        self._risk = risk
        self._risk_detector = risk_detector

    def interpret(self, case: CaseInput) -> Interpretation:
        """See ``agents.interpreter.interpret``."""
        return interpret(case, self._classifier, self._risk_detector)

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
        """See ``agents.writer.write_draft``."""
        return write_draft(
            case,
            interpretation,
            retrieval,
            version=version,
            previous=previous,
            findings=findings,
            policy=self._policy,
        )

    def review(
        self, case: CaseInput, interpretation: Interpretation, draft: Draft, retrieval: Retrieval
    ) -> Review:
        """See ``agents.policy.review``."""
        return review(case, interpretation, draft, retrieval, self._policy)

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
        """See ``agents.risk.assess_risk``."""
        return assess_risk(
            case,
            interpretation,
            draft,
            review,
            self._risk,
            revisions_exhausted,
            retrieval=retrieval,
            policy=self._policy,
        )
