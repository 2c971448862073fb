"""Scoring records, summarizing metrics over a run, and checking the suite's gates."""

from __future__ import annotations

import statistics
from collections import defaultdict

from evals.results import CaseRecord, GateResult, MetricSummary
from evals.scorers.base import Scorer
from evals.suite import Gate


def score_records(records: list[CaseRecord], scorers: list[Scorer]) -> list[CaseRecord]:
    """Attach every scorer's metrics to every record."""
    return [
        r.model_copy(update={"metrics": [m for s in scorers for m in s.score(r)]}) for r in records
    ]


def summarize(records: list[CaseRecord], scorers: list[Scorer]) -> list[MetricSummary]:
    """Mean of each metric over the cases it applies to, and its spread across repetitions."""
    summaries: list[MetricSummary] = []
    for scorer in scorers:
        for name in scorer.metrics:
            by_rep: dict[int, list[float]] = defaultdict(list)
            for r in records:
                value = r.metric(name)
                if value is not None:
                    by_rep[r.repetition].append(value)
            values = [v for vs in by_rep.values() for v in vs]
            if not values:
                continue
            rep_means = [statistics.fmean(vs) for vs in by_rep.values()]
            spread = statistics.pstdev(rep_means) if len(rep_means) > 1 else 0.0
            summaries.append(
                MetricSummary(
                    name=name,
                    mean=round(statistics.fmean(values), 4),
                    cases=len(values),
                    spread=round(spread, 4),
                )
            )
    return summaries


def check_gates(gates: list[Gate], summaries: list[MetricSummary]) -> list[GateResult]:
    """Each gate against its metric's mean; a metric with no applicable case passes."""
    means = {s.name: s.mean for s in summaries}
    results: list[GateResult] = []
    for gate in gates:
        value = means.get(gate.metric)
        if gate.min is not None:
            passed = value is None or value >= gate.min
            results.append(
                GateResult(
                    metric=gate.metric, op=">=", threshold=gate.min, value=value, passed=passed
                )
            )
        elif gate.max is not None:
            passed = value is None or value <= gate.max
            results.append(
                GateResult(
                    metric=gate.metric, op="<=", threshold=gate.max, value=value, passed=passed
                )
            )
    return results
