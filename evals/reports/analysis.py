"""Facts every report derives from a run: scorer groups, metric direction, confusions, routes.

Terminal, JUnit, HTML and compare all need the same answers ("did this case fail its
oversight metrics?", "which intents get confused?"), so they are computed here once and
the renderers only format them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from agents.contracts import Route
from evals.results import CaseRecord, GateResult, Metric, RunResult
from evals.scorers import lower_is_better_metrics

# Per-case values at or above this count as a pass (JUnit, oversight failures).
PASS_MARK = 0.5
NO_PREDICTION = "(none)"
# Metrics where a higher value is worse, as the scorers declare them. A ``<=`` gate also
# marks a metric this way.
LOWER_IS_BETTER = lower_is_better_metrics()


def scorer_of(metric_name: str) -> str:
    """The scorer a metric belongs to: the part of its name before the first dot."""
    return metric_name.split(".", 1)[0]


def scorers(result: RunResult) -> list[str]:
    """Scorer names in a stable order: documented ones first, then as metrics appear."""
    names = [*result.scorer_docs, *(m.name for m in result.metrics)]
    names += [m.name for r in result.records for m in r.metrics]
    return list(dict.fromkeys(scorer_of(n) for n in names))


def lower_is_better(name: str, gates: Iterable[GateResult] = ()) -> bool:
    """Whether a rise in this metric is bad, from its gate when there is one."""
    gate_ops = {g.op for g in gates if g.metric == name}
    return "<=" in gate_ops or (not gate_ops and name in LOWER_IS_BETTER)


def goodness(metric: Metric, gates: Iterable[GateResult] = ()) -> float | None:
    """The metric's value on a higher-is-better scale, so one threshold fits every metric."""
    if metric.value is None:
        return None
    return 1.0 - metric.value if lower_is_better(metric.name, gates) else metric.value


def failing_metrics(record: CaseRecord, scorer: str, gates: Iterable[GateResult]) -> list[Metric]:
    """The case's metrics of one scorer that fall below the pass mark."""
    gates = list(gates)
    return [
        m
        for m in record.metrics
        if scorer_of(m.name) == scorer and (g := goodness(m, gates)) is not None and g < PASS_MARK
    ]


def case_label(record: CaseRecord, repeat: int) -> str:
    """The case id, with the repetition when the run repeated cases."""
    eval_id = record.eval_case.id
    return f"{eval_id} #{record.repetition}" if repeat > 1 else eval_id


def predicted_intent(record: CaseRecord) -> str:
    """What the interpreter said, or a marker when it never ran."""
    return record.interpretation.intent if record.interpretation else NO_PREDICTION


def confusion(result: RunResult) -> Counter[tuple[str, str]]:
    """Counts of (expected intent, predicted intent) over every record, diagonal included."""
    return Counter((r.eval_case.expect.intent, predicted_intent(r)) for r in result.records)


def top_confusions(result: RunResult, limit: int = 5) -> list[tuple[str, str, int]]:
    """The most frequent wrong predictions, most frequent first."""
    wrong = [(e, p, n) for (e, p), n in confusion(result).items() if e != p]
    return sorted(wrong, key=lambda t: (-t[2], t[0], t[1]))[:limit]


def intent_labels(result: RunResult) -> tuple[list[str], list[str]]:
    """Row and column labels of the confusion matrix.

    Rows are every real intent (expected or predicted) so the matrix stays square; columns
    add the no-prediction marker last, since no case ever *expects* it.
    """
    labels = {label for pair in confusion(result) for label in pair}
    rows = sorted(labels - {NO_PREDICTION})
    return rows, rows + sorted(labels & {NO_PREDICTION})


def actual_route(record: CaseRecord) -> Route | None:
    """The route the risk gate chose, or None when the case never reached it."""
    return record.risk.route if record.risk else None


def route_matrix(result: RunResult) -> Counter[tuple[Route, Route | None]]:
    """Counts of (expected route, actual route); actual is None when the gate never ran."""
    return Counter((r.eval_case.expect.route, actual_route(r)) for r in result.records)


def status_text(record: CaseRecord) -> str:
    """A one-word status: ``error`` when the case failed to run, else its case status."""
    if record.error:
        return "error"
    return record.status.value if record.status else "unknown"


def needs_attention(result: RunResult) -> list[tuple[CaseRecord, list[Metric]]]:
    """Cases that errored or failed an oversight metric, with the failing metrics."""
    flagged = []
    for record in result.records:
        failing = failing_metrics(record, "oversight", result.gates)
        if record.error or failing:
            flagged.append((record, failing))
    return flagged


def gates_for(result: RunResult, metric: str) -> list[GateResult]:
    """The suite's gates on a metric (usually none or one)."""
    return [g for g in result.gates if g.metric == metric]


def cases_per_second(result: RunResult) -> float:
    """Throughput over every record (repetitions included); 0 for an instant run."""
    return len(result.records) / result.duration_s if result.duration_s > 0 else 0.0


def unique_cases(result: RunResult) -> int:
    """Distinct eval cases, however often each was repeated."""
    return len({r.eval_case.id for r in result.records})
