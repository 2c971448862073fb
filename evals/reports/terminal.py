"""The run as QA reads it in a terminal: summary, metrics by scorer, what to look at, verdict.

Everything printed from a record (ids, reasons, errors) goes in as ``Text`` so brackets in
customer-derived strings are never taken for rich markup.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from evals.reports import analysis as an
from evals.results import CaseRecord, GateResult, MetricSummary, RunResult

WORST_TONE_CASES = 5


def render_terminal(result: RunResult, console: Console) -> None:
    """Print the whole report; the last line is the PASS/FAIL verdict CI logs end with."""
    console.print(_header(result))
    console.print(_metrics_table(result))
    _print_if_rows(console, _confusions_table(result))
    _print_if_rows(console, _worst_tone_table(result))
    _print_if_rows(console, _attention_table(result))
    console.print(verdict(result))


def verdict(result: RunResult) -> Text:
    """``PASS`` or ``FAIL`` with the failed gates named, so the log's last line says why."""
    failed = [g.metric for g in result.gates if not g.passed]
    if failed:
        detail = f" — {len(failed)} of {len(result.gates)} gates failed: {', '.join(failed)}"
        return Text("FAIL" + detail, style="bold red")
    gates = f"all {len(result.gates)} gates passed" if result.gates else "no gates"
    return Text(f"PASS — {gates}", style="bold green")


def fmt(value: float | None, digits: int = 3) -> str:
    """A score for display; ``–`` when it does not apply."""
    return "–" if value is None else f"{value:.{digits}f}"


def _print_if_rows(console: Console, table: Table) -> None:
    if table.row_count:
        console.print(table)


def _header(result: RunResult) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    rows = {
        "Suite": result.suite,
        "Mode": f"{result.mode} · backend {result.backend}",
        "Cases": f"{an.unique_cases(result)} ({len(result.records)} runs, repeat {result.repeat})",
        "Duration": f"{result.duration_s:.1f} s · {an.cases_per_second(result):.2f} cases/s",
        "Skipped lines": str(len(result.skipped_lines)),
    }
    for key, value in rows.items():
        grid.add_row(key, Text(value))
    return grid


def _metrics_table(result: RunResult) -> Table:
    table = Table(title="Metrics", title_justify="left")
    table.add_column("Metric")
    table.add_column("Mean", justify="right")
    table.add_column("Applies to", justify="right")
    if result.repeat > 1:
        table.add_column("Spread", justify="right")
    table.add_column("Gate")
    for scorer in an.scorers(result):
        summaries = [m for m in result.metrics if an.scorer_of(m.name) == scorer]
        if not summaries:
            continue
        table.add_row(Text(scorer, style="bold cyan"))
        for summary in summaries:
            table.add_row(*_metric_cells(result, summary))
        table.add_section()
    return table


def _metric_cells(result: RunResult, summary: MetricSummary) -> list[Text]:
    cells = [Text("  " + summary.name), Text(fmt(summary.mean)), Text(str(summary.cases))]
    if result.repeat > 1:
        cells.append(Text(fmt(summary.spread)))
    cells.append(_gate_text(an.gates_for(result, summary.name)))
    return cells


def _gate_text(gates: list[GateResult]) -> Text:
    text = Text()
    for gate in gates:
        mark, style = ("✓", "green") if gate.passed else ("✗", "bold red")
        text.append(f"{gate.op} {gate.threshold:g} ")
        text.append(mark, style=style)
        text.append(" ")
    return text


def _confusions_table(result: RunResult) -> Table:
    table = Table(title="Top intent confusions", title_justify="left")
    for name in ("Expected", "Predicted", "Count"):
        table.add_column(name, justify="right" if name == "Count" else "left")
    for expected, predicted, count in an.top_confusions(result):
        table.add_row(Text(expected), Text(f"-> {predicted}"), Text(str(count)))
    return table


def _worst_tone_table(result: RunResult) -> Table:
    scored = [r for r in result.records if r.metric("tone.score") is not None]
    worst = sorted(scored, key=_tone)[:WORST_TONE_CASES]
    table = Table(title=f"Lowest tone.score ({len(worst)})", title_justify="left")
    for name in ("Case", "tone.score", "Reason"):
        table.add_column(name)
    for record in worst:
        reason = next((m.reason for m in record.metrics if m.name == "tone.score"), "")
        table.add_row(Text(an.case_label(record, result.repeat)), fmt(_tone(record)), Text(reason))
    return table


def _tone(record: CaseRecord) -> float:
    value = record.metric("tone.score")
    return 0.0 if value is None else value


def _attention_table(result: RunResult) -> Table:
    table = Table(title="Errors and oversight failures", title_justify="left")
    for name in ("Case", "Status", "Problem"):
        table.add_column(name)
    for record, failing in an.needs_attention(result):
        problems = [f"{m.name}={fmt(m.value)}: {m.reason}" for m in failing]
        if record.error:
            problems.insert(0, f"error: {record.error}")
        label = Text(an.case_label(record, result.repeat))
        table.add_row(label, Text(an.status_text(record)), Text("\n".join(problems), style="red"))
    return table
