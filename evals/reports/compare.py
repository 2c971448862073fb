"""Compare two saved runs: which metric means moved, and which cases got worse.

Used to answer "did this change make the agents worse?" before merging. Direction is
respected (a rise in over-escalation is a regression), cases are matched by eval id and
repetition, and a case whose route went from human to auto always counts as an oversight
regression, whatever the metrics say.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from agents.contracts import Contract, Route
from evals.reports import analysis as an
from evals.results import CaseRecord, GateResult, RunResult

# Per-case metrics worth listing when they drop; oversight ones are matched by prefix.
CASE_METRICS = ("tone.score", "accuracy.intent")


class MetricDelta(Contract):
    """A metric's mean in both runs."""

    name: str
    before: float
    after: float
    lower_is_better: bool = False

    @property
    def delta(self) -> float:
        """``after - before``, rounded so float noise never reads as a change."""
        return round(self.after - self.before, 6)

    @property
    def worsening(self) -> float:
        """How much worse the metric got (negative when it improved)."""
        return self.delta if self.lower_is_better else -self.delta


class CaseRegression(Contract):
    """One case that got worse on one metric, or whose route went from human to auto."""

    eval_id: str
    repetition: int
    what: str
    before: float | Route
    after: float | Route
    oversight: bool


class Comparison(Contract):
    """Run ``b`` against baseline ``a``."""

    metrics: list[MetricDelta]
    cases: list[CaseRegression]
    only_in_a: list[str]
    only_in_b: list[str]

    def regressed(self, tolerance: float = 0.0) -> bool:
        """True when a mean got worse by more than ``tolerance`` or any oversight case did."""
        return any(m.worsening > tolerance for m in self.metrics) or any(
            c.oversight for c in self.cases
        )


def compare_runs(a: RunResult, b: RunResult) -> Comparison:
    """Compare run ``b`` with baseline run ``a``."""
    gates = [*a.gates, *b.gates]
    means_a = {m.name: m.mean for m in a.metrics}
    means_b = {m.name: m.mean for m in b.metrics}
    deltas = [
        MetricDelta(
            name=name,
            before=mean,
            after=means_b[name],
            lower_is_better=an.lower_is_better(name, gates),
        )
        for name, mean in means_a.items()
        if name in means_b
    ]
    return Comparison(
        metrics=deltas,
        cases=_case_regressions(a, b, gates),
        only_in_a=[n for n in means_a if n not in means_b],
        only_in_b=[n for n in means_b if n not in means_a],
    )


def _case_regressions(a: RunResult, b: RunResult, gates: list[GateResult]) -> list[CaseRegression]:
    baseline = {(r.eval_case.id, r.repetition): r for r in a.records}
    found: list[CaseRegression] = []
    for record in b.records:
        old = baseline.get((record.eval_case.id, record.repetition))
        if old is not None:
            found += _metric_regressions(old, record, gates) + _route_regressions(old, record)
    return found


def _metric_regressions(
    old: CaseRecord, new: CaseRecord, gates: list[GateResult]
) -> list[CaseRegression]:
    names = [m.name for m in new.metrics]
    watched = [n for n in names if n in CASE_METRICS or an.scorer_of(n) == "oversight"]
    found = []
    for name in watched:
        before, after = old.metric(name), new.metric(name)
        if before is None or after is None:
            continue
        worse = after > before if an.lower_is_better(name, gates) else after < before
        if worse:
            found.append(_regression(new, name, before, after))
    return found


def _route_regressions(old: CaseRecord, new: CaseRecord) -> list[CaseRegression]:
    if an.actual_route(old) is Route.HUMAN and an.actual_route(new) is Route.AUTO:
        return [_regression(new, "route", Route.HUMAN, Route.AUTO)]
    return []


def _regression(
    record: CaseRecord, what: str, before: float | Route, after: float | Route
) -> CaseRegression:
    return CaseRegression(
        eval_id=record.eval_case.id,
        repetition=record.repetition,
        what=what,
        before=before,
        after=after,
        oversight=what == "route" or an.scorer_of(what) == "oversight",
    )


def render_comparison(cmp: Comparison, console: Console, tolerance: float = 0.0) -> None:
    """Print metric deltas, regressed cases, and a last line CI can grep."""
    table = Table(title="Metric means: baseline → candidate", title_justify="left")
    for name in ("Metric", "Baseline", "Candidate", "Δ"):
        table.add_column(name, justify="left" if name == "Metric" else "right")
    for m in cmp.metrics:
        style = "red" if m.worsening > tolerance else ("green" if m.worsening < 0 else "")
        table.add_row(
            Text(m.name), f"{m.before:.3f}", f"{m.after:.3f}", Text(f"{m.delta:+.3f}", style)
        )
    console.print(table)
    if cmp.cases:
        console.print(_cases_table(cmp))
    for label, names in (("Only in baseline", cmp.only_in_a), ("Only in candidate", cmp.only_in_b)):
        if names:
            console.print(Text(f"{label}: {', '.join(names)}", style="yellow"))
    if cmp.regressed(tolerance):
        console.print(Text("REGRESSED", style="bold red"))
    else:
        console.print(Text("NO REGRESSION", style="bold green"))


def _cases_table(cmp: Comparison) -> Table:
    table = Table(title=f"Cases that got worse ({len(cmp.cases)})", title_justify="left")
    for name in ("Case", "Rep", "What", "Before", "After", "Oversight"):
        table.add_column(name)
    for c in cmp.cases:
        table.add_row(
            Text(c.eval_id), str(c.repetition), Text(c.what), _show(c.before), _show(c.after),
            Text("yes", style="bold red") if c.oversight else "",
        )  # fmt: skip
    return table


def _show(value: float | Route) -> str:
    return value.value if isinstance(value, Route) else f"{value:.3f}"
