"""The per-case drill-down: one row per case, and a ``<details>`` under it with the evidence.

Each case is its own ``<tbody>`` (summary row + details row) so the filter box can hide a
case as a unit and the columns stay a real table. Mismatches are marked with ✗ in text,
not by colour alone.
"""

from __future__ import annotations

from evals.reports import analysis as an
from evals.reports.markup import el, esc
from evals.results import CaseRecord, RunResult

COLUMNS = ("Case", "Tags", "Intent expected", "Predicted", "Route expected", "Actual", "Status")


def cases_table(result: RunResult) -> str:
    """Every record, in run order, with a details panel per case."""
    head = el("tr", *(el("th", c, scope="col") for c in (*COLUMNS, "Tone")))
    bodies = [_case_body(result, r) for r in result.records]
    return el("table", el("thead", head), *bodies, class_="cases", id="cases")


def _case_body(result: RunResult, record: CaseRecord) -> str:
    expect = record.eval_case.expect
    predicted = an.predicted_intent(record)
    actual = an.actual_route(record)
    tone = record.metric("tone.score")
    cells = [
        el("th", esc(an.case_label(record, result.repeat)), scope="row"),
        el("td", esc(", ".join(record.eval_case.tags))),
        el("td", esc(expect.intent)),
        _compared(predicted, predicted == expect.intent),
        el("td", esc(expect.route.value)),
        _compared(actual.value if actual else "not reached", actual is expect.route),
        el("td", esc(an.status_text(record)), class_="bad" if record.error else None),
        el("td", "–" if tone is None else f"{tone:.2f}", class_="num"),
    ]
    summary = el("summary", "Details for ", esc(record.eval_case.id))
    panel = el("details", summary, el("div", *_evidence(record), class_="evidence"))
    detail_row = el("tr", el("td", panel, colspan=str(len(COLUMNS) + 1)), class_="detail")
    return el("tbody", el("tr", *cells), detail_row, class_="case")


def _compared(value: str, matches: bool) -> str:
    if matches:
        return el("td", esc(value))
    return el("td", esc(value), " ✗", class_="bad")


def _block(title: str, *content: str) -> str:
    return el("section", el("h4", esc(title)), *content)


def _pre(text: str) -> str:
    return el("pre", esc(text))


def _items(lines: list[str]) -> str:
    if not lines:
        return el("p", "none", class_="muted")
    return el("ul", *(el("li", esc(line)) for line in lines))


def _evidence(record: CaseRecord) -> list[str]:
    case = record.eval_case.case
    blocks = [_block(f"Customer message ({case.channel.value})", _pre(case.message))]
    if record.error:
        blocks.insert(0, _block("Error", _pre(record.error)))
    if record.draft:
        draft = record.draft
        blocks.append(_block(f"Draft v{draft.version}", _pre(draft.text)))
        blocks.append(_block("Citations", _items(draft.citations)))
    if record.review:
        findings = [f"{f.severity.value} {f.rule_id}: {f.message}" for f in record.review.findings]
        blocks.append(_block("Findings", _items(findings)))
    if record.risk:
        risk = record.risk
        head = f"{risk.route.value}, {risk.priority.value}"
        blocks.append(_block(f"Risk decision: {head}", _items(risk.reasons)))
    blocks += [_decision(record), _delivery(record), _metrics(record)]
    return blocks


def _decision(record: CaseRecord) -> str:
    decision = record.decision
    if decision is None:
        return _block("Decision", el("p", "none", class_="muted"))
    line = f"{decision.action.value} by {decision.actor} ({decision.role.value})"
    reason = f": {decision.reason}" if decision.reason else ""
    return _block("Decision", el("p", esc(line + reason)))


def _delivery(record: CaseRecord) -> str:
    sent = record.delivery
    if sent is None:
        return _block("Delivery", el("p", "nothing sent", class_="muted"))
    line = (
        f"v{sent.draft_version} via {sent.channel.value} to {sent.recipient} at {sent.delivered_at}"
    )
    same = record.draft is not None and record.draft.sha256 == sent.text_sha256
    text = el("p", "Sent text is the draft above.") if same else _pre(sent.text)
    return _block("Delivery", el("p", esc(line)), text)


def _metrics(record: CaseRecord) -> str:
    rows = [
        el(
            "tr",
            el("th", esc(m.name), scope="row"),
            el("td", "–" if m.value is None else f"{m.value:.3f}", class_="num"),
            el("td", esc(m.reason)),
        )
        for m in record.metrics
    ]
    head = el("tr", *(el("th", c, scope="col") for c in ("Metric", "Value", "Reason")))
    return _block("Metrics", el("table", el("thead", head), el("tbody", *rows), class_="inner"))
