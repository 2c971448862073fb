"""What an eval run produced: per-case records, metrics, gates, and the run summary.

Reports (terminal, JSON, JUnit, HTML) and ``cx eval compare`` read only these types, so
a run written to JSON can be reloaded and compared later.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from agents.contracts import (
    ApprovalDecision,
    CaseStatus,
    Contract,
    Delivery,
    Draft,
    Interpretation,
    Retrieval,
    Review,
    RiskDecision,
)
from evals.contracts import EvalCase


class Metric(Contract):
    """One score for one case; ``value`` is None when the metric does not apply."""

    name: str
    value: float | None
    reason: str = ""


class CaseRecord(Contract):
    """What the system did with one eval case, and how each scorer judged it."""

    eval_case: EvalCase
    repetition: int = 0
    status: CaseStatus | None = None
    interpretation: Interpretation | None = None
    retrieval: Retrieval | None = None
    draft: Draft | None = None
    review: Review | None = None
    risk: RiskDecision | None = None
    # The approval decision the workflow (or graph run) actually received, if any.
    decision: ApprovalDecision | None = None
    # What actually reached the customer (the outbox row), if anything.
    delivery: Delivery | None = None
    drafts_written: int = 0
    elapsed_s: float = 0.0
    error: str = ""
    # The case's OpenTelemetry trace (workflow mode with tracing on), to open it from a report.
    trace_id: str = ""
    metrics: list[Metric] = Field(default_factory=list)

    def metric(self, name: str) -> float | None:
        """The value of a named metric for this case."""
        return next((m.value for m in self.metrics if m.name == name), None)


class MetricSummary(Contract):
    """A metric over the whole run: mean over the cases it applies to, and its spread."""

    name: str
    description: str = ""
    mean: float
    cases: int
    # Across repetitions (``--repeat``): standard deviation of the per-repetition means.
    spread: float = 0.0


class GateResult(Contract):
    """A threshold from the suite and whether the run met it."""

    metric: str
    op: Literal[">=", "<="]
    threshold: float
    value: float | None
    passed: bool


class RunResult(Contract):
    """An eval run: configuration, every case record, metric summaries and gate results."""

    suite: str
    mode: Literal["graph", "workflow"]
    backend: str
    started_at: str
    duration_s: float
    repeat: int = 1
    records: list[CaseRecord]
    metrics: list[MetricSummary]
    gates: list[GateResult]
    skipped_lines: list[str] = Field(default_factory=list)
    scorer_docs: dict[str, str] = Field(default_factory=dict)

    @property
    def passed(self) -> bool:
        """True when every gate passed."""
        return all(g.passed for g in self.gates)

    def summary(self, name: str) -> MetricSummary | None:
        """The summary of a named metric."""
        return next((m for m in self.metrics if m.name == name), None)
