"""The scorer protocol and small helpers shared by scorers."""

from __future__ import annotations

from typing import Protocol

from evals.results import CaseRecord, Metric


class Scorer(Protocol):
    """Judges one case record; metrics that do not apply have ``value=None``."""

    @property
    def name(self) -> str:
        """The name suite files use."""
        ...

    @property
    def description(self) -> str:
        """How the scorer judges, shown in reports."""
        ...

    @property
    def metrics(self) -> tuple[str, ...]:
        """Every metric name this scorer produces."""
        ...

    @property
    def lower_is_better(self) -> tuple[str, ...]:
        """Metrics that are rates of something bad (reports and comparisons invert them)."""
        ...

    def score(self, record: CaseRecord) -> list[Metric]:
        """Score one case."""
        ...


def flag(name: str, ok: bool, why_not: str, why: str = "") -> Metric:
    """A pass/fail metric: 1.0 with ``why`` or 0.0 with ``why_not``."""
    return Metric(name=name, value=1.0 if ok else 0.0, reason=why if ok else why_not)


def not_applicable(name: str, why: str) -> Metric:
    """A metric that does not apply to this case."""
    return Metric(name=name, value=None, reason=why)
