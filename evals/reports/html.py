"""One self-contained HTML file per run, for people who were not watching the terminal.

The page is assembled from small parts (charts, matrices, case drill-down); all styling
and the filter script are inline, and every string from the run is escaped, so the file
can be attached to CI and opened offline without running anything it did not bring.
"""

from __future__ import annotations

from pathlib import Path

from evals.reports import analysis as an
from evals.reports.html_assets import CSS, FILTER_JS
from evals.reports.html_cases import cases_table
from evals.reports.html_charts import COLOURS, label_length, metric_chart
from evals.reports.html_tables import confusion_table, routes_table
from evals.reports.markup import el, esc
from evals.results import RunResult


def write_html(result: RunResult, path: Path) -> Path:
    """Write the report page and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(result), encoding="utf-8")
    return path


def render_html(result: RunResult) -> str:
    """The whole page as a string (what ``write_html`` writes)."""
    title = f"Eval report: {result.suite}"
    head = el(
        "head",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        el("title", esc(title)),
        el("style", CSS),
    )
    main = el(
        "main",
        _metrics_section(result),
        _card(
            "Intent and routes",
            el(
                "div",
                el("div", confusion_table(result), class_="scroll"),
                el("div", routes_table(result), class_="scroll"),
                class_="pair",
            ),
        ),
        _cases_section(result),
    )
    body = el("body", _header(result, title), main, el("script", FILTER_JS))
    return "<!doctype html>\n" + el("html", head, body, lang="en") + "\n"


def _card(title: str, *content: str) -> str:
    return el("section", el("h2", esc(title)), *content, class_="card")


def _header(result: RunResult, title: str) -> str:
    verdict = "PASS" if result.passed else "FAIL"
    badge = el("span", verdict, class_=f"badge {verdict.lower()}", role="status")
    facts = {
        "Mode": result.mode,
        "Backend": result.backend,
        "Started": result.started_at,
        "Cases": f"{an.unique_cases(result)} ({len(result.records)} runs, repeat {result.repeat})",
        "Duration": f"{result.duration_s:.1f} s",
        "Throughput": f"{an.cases_per_second(result):.2f} cases/s",
        "Skipped lines": str(len(result.skipped_lines)),
        "Gates": f"{sum(g.passed for g in result.gates)} of {len(result.gates)} passed",
    }
    pairs = [el("div", el("dt", esc(k)), el("dd", esc(v))) for k, v in facts.items()]
    return el("header", el("h1", esc(title)), badge, el("dl", *pairs, class_="summary"))


def _metrics_section(result: RunResult) -> str:
    parts = [_legend()]
    width = label_length(result.metrics, result.gates)
    for index, scorer in enumerate(an.scorers(result)):
        summaries = [m for m in result.metrics if an.scorer_of(m.name) == scorer]
        doc = result.scorer_docs.get(scorer, "")
        if not summaries and not doc:
            continue
        parts.append(el("h3", esc(scorer)))
        if doc:
            parts.append(el("p", esc(doc), class_="doc"))
        if summaries:
            parts.append(metric_chart(f"chart-{index}", summaries, result.gates, width))
    if result.gates:
        parts.append(_gates_table(result))
    return _card("Metrics", *parts)


def _legend() -> str:
    keys = {"pass": "gate met", "fail": "gate missed", "none": "no gate"}
    swatches = [
        el("span", el("i", style=f"background:{COLOURS[k]}"), esc(v)) for k, v in keys.items()
    ]
    tick = el("span", el("i", style="background:#1b1f24;width:3px"), "gate threshold")
    return el("p", *swatches, tick, el("span", "↓ lower is better"), class_="legend")


def _gates_table(result: RunResult) -> str:
    head = el("tr", *(el("th", c, scope="col") for c in ("Gate", "Value", "Result")))
    rows = [
        el(
            "tr",
            el("th", esc(f"{g.metric} {g.op} {g.threshold:g}"), scope="row"),
            el("td", "–" if g.value is None else f"{g.value:.3f}", class_="num"),
            el("td", "✓ passed" if g.passed else "✗ failed", class_=None if g.passed else "bad"),
        )
        for g in result.gates
    ]
    caption = el("caption", "Gates")
    return el("table", caption, el("thead", head), el("tbody", *rows), id="gates")


def _cases_section(result: RunResult) -> str:
    box = el(
        "label",
        "Filter cases ",
        '<input id="case-filter" type="search" placeholder="id, tag, intent, text…">',
        class_="filter",
    )
    return _card(f"Cases ({len(result.records)})", box, cases_table(result))
