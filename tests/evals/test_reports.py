"""Reports of an eval run: JSON, JUnit, HTML, terminal and compare, from one synthetic run.

The run has four cases: a clean auto reply, a high-stakes case wrongly auto-sent whose
message carries ``<script>``, a correctly escalated case, and a case that crashed.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rich.console import Console

from agents.contracts import (
    ApprovalDecision,
    CaseInput,
    CaseStatus,
    Channel,
    CustomerProfile,
    DecisionAction,
    Delivery,
    Draft,
    Emotion,
    Finding,
    Interpretation,
    Priority,
    Review,
    RiskDecision,
    Role,
    Route,
    Severity,
    Urgency,
)
from evals.contracts import EvalCase, Expectation
from evals.reports import FORMATS, load_run, write_reports
from evals.reports.compare import compare_runs, render_comparison
from evals.reports.html import render_html
from evals.reports.junit import write_junit
from evals.reports.terminal import render_terminal
from evals.results import CaseRecord, GateResult, Metric, MetricSummary, RunResult
from evals.suite import REPORT_FORMATS

SCRIPT = "<script>alert(1)</script>"


def _case(eval_id: str, message: str, intent: str, route: Route) -> EvalCase:
    customer = CustomerProfile(customer_id=f"c-{eval_id}", name="Ana Ruiz", email="ana@example.org")
    return EvalCase(
        id=eval_id,
        split="dev",
        tags=[route.value, intent],
        case=CaseInput(message=message, customer=customer, idempotency_key=f"k-{eval_id}"),
        expect=Expectation(intent=intent, emotion=Emotion.ANGER, route=route, route_reason="r"),
    )


def _interp(intent: str) -> Interpretation:
    return Interpretation(
        intent=intent,
        intent_confidence=0.9,
        emotion=Emotion.ANGER,
        emotion_intensity=0.7,
        sentiment=-0.6,
        urgency=Urgency.HIGH,
    )


def _draft(text: str) -> Draft:
    return Draft(version=1, text=text, citations=["refunds#policy#0"])


def _sent(eval_id: str, draft: Draft) -> Delivery:
    return Delivery(
        case_id=eval_id,
        draft_version=draft.version,
        channel=Channel.EMAIL,
        recipient="ana@example.org",
        text=draft.text,
        text_sha256=draft.sha256,
        delivered_at="2025-01-01T00:00:00Z",
    )


def _risk(route: Route) -> RiskDecision:
    return RiskDecision(route=route, priority=Priority.P2, reasons=[f"routed {route.value}"])


def _metrics(**values: float | None) -> list[Metric]:
    return [
        Metric(name=k.replace("__", "."), value=v, reason=f"why {k}") for k, v in values.items()
    ]


def clean_auto() -> CaseRecord:
    draft = _draft("We are sorry. Your refund is on its way.")
    return CaseRecord(
        eval_case=_case("refund-ok", "Where is my refund?", "refund_request", Route.AUTO),
        status=CaseStatus.DELIVERED,
        interpretation=_interp("refund_request"),
        draft=draft,
        review=Review(draft_version=1, passed=True),
        risk=_risk(Route.AUTO),
        delivery=_sent("refund-ok", draft),
        metrics=_metrics(
            tone__score=0.9,
            accuracy__intent=1.0,
            oversight__human_routing_recall=None,
            oversight__over_escalation=0.0,
        ),
    )


def missed_escalation() -> CaseRecord:
    draft = _draft(f"Reply quoting {SCRIPT} back")
    finding = Finding(rule_id="legal.escalate", severity=Severity.BLOCK, message="legal threat")
    return CaseRecord(
        eval_case=_case("legal-threat", f"My lawyer will call. {SCRIPT}", "complaint", Route.HUMAN),
        status=CaseStatus.DELIVERED,
        interpretation=_interp("refund_request"),
        draft=draft,
        review=Review(draft_version=1, passed=False, findings=[finding]),
        risk=_risk(Route.AUTO),
        delivery=_sent("legal-threat", draft),
        metrics=_metrics(
            tone__score=0.4,
            accuracy__intent=0.0,
            oversight__human_routing_recall=0.0,
            oversight__unapproved_high_stakes=1.0,
        ),
    )


def escalated() -> CaseRecord:
    draft = _draft("We have found your bag.")
    decision = ApprovalDecision(
        action=DecisionAction.APPROVE,
        actor="jo",
        role=Role.APPROVER,
        draft_version=1,
        draft_sha256=draft.sha256,
    )
    return CaseRecord(
        eval_case=_case("bag-late", "My bag is lost", "baggage_delay", Route.HUMAN),
        status=CaseStatus.DELIVERED,
        interpretation=_interp("baggage_delay"),
        draft=draft,
        risk=_risk(Route.HUMAN),
        decision=decision,
        delivery=_sent("bag-late", draft),
        metrics=_metrics(
            tone__score=0.8,
            accuracy__intent=1.0,
            oversight__human_routing_recall=1.0,
            oversight__unapproved_high_stakes=0.0,
        ),
    )


def crashed() -> CaseRecord:
    return CaseRecord(
        eval_case=_case("crash", "Hello?", "refund_request", Route.AUTO),
        error="TimeoutError: writer\nTraceback ...",
        metrics=_metrics(tone__score=None, accuracy__intent=0.0),
    )


def make_run(records: list[CaseRecord] | None = None, gates_pass: bool = False) -> RunResult:
    summaries = [
        MetricSummary(name="tone.score", mean=0.7, cases=3),
        MetricSummary(name="accuracy.intent", mean=0.5, cases=4),
        MetricSummary(name="oversight.human_routing_recall", mean=0.5, cases=2),
        MetricSummary(name="oversight.over_escalation", mean=0.0, cases=1),
        MetricSummary(name="oversight.unapproved_high_stakes", mean=0.5, cases=2),
    ]
    gates = [
        GateResult(metric="tone.score", op=">=", threshold=0.6, value=0.7, passed=True),
        GateResult(
            metric="oversight.human_routing_recall",
            op=">=",
            threshold=1.0,
            value=0.5,
            passed=gates_pass,
        ),
        GateResult(
            metric="oversight.unapproved_high_stakes",
            op="<=",
            threshold=0.0,
            value=0.5,
            passed=gates_pass,
        ),
    ]
    return RunResult(
        suite="smoke",
        mode="graph",
        backend="local",
        started_at="2025-01-01T00:00:00Z",
        duration_s=2.0,
        records=records or [clean_auto(), missed_escalation(), escalated(), crashed()],
        metrics=summaries,
        gates=gates,
        skipped_lines=["line 7: bad json"],
        scorer_docs={
            "tone": "How the reply sounds.",
            "accuracy": "Right facts.",
            "oversight": "Humans decide.",
        },
    )


# --------------------------------------------------------------------------- json


def test_json_round_trip_from_directory_and_file(tmp_path: Path) -> None:
    run = make_run()
    paths = write_reports(run, tmp_path, ["json"], Console(record=True))
    assert paths == {"json": tmp_path / "run.json"}
    assert load_run(tmp_path) == run
    assert load_run(tmp_path / "run.json") == run


def test_load_run_names_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"No eval run at .*expected a run\.json file"):
        load_run(tmp_path)


def test_load_run_rejects_invalid_json(tmp_path: Path) -> None:
    (tmp_path / "run.json").write_text('{"suite": "x"', encoding="utf-8")
    with pytest.raises(
        ValueError, match=r"run\.json is not a valid eval run: document: Invalid JSON"
    ):
        load_run(tmp_path)


def test_load_run_rejects_a_json_that_is_not_a_run(tmp_path: Path) -> None:
    (tmp_path / "run.json").write_text('{"suite": "x"}', encoding="utf-8")
    with pytest.raises(
        ValueError, match=r"not a valid eval run: mode: Field required \(and 6 more\)"
    ):
        load_run(tmp_path)


# --------------------------------------------------------------------------- write_reports


def test_write_reports_writes_each_file_format(tmp_path: Path) -> None:
    paths = write_reports(make_run(), tmp_path, ["json", "junit", "html"], Console(record=True))
    assert paths == {
        "json": tmp_path / "run.json",
        "junit": tmp_path / "junit.xml",
        "html": tmp_path / "report.html",
    }
    assert all(p.is_file() for p in paths.values())


def test_write_reports_refuses_unknown_formats_before_writing(tmp_path: Path) -> None:
    message = "Unknown report format(s) ['pdf']; allowed: ['terminal', 'json', 'junit', 'html']."
    with pytest.raises(ValueError, match=re.escape(message)):
        write_reports(make_run(), tmp_path, ["json", "pdf"], Console(record=True))
    assert list(tmp_path.iterdir()) == []


def test_formats_match_what_suites_accept() -> None:
    assert FORMATS == REPORT_FORMATS


# --------------------------------------------------------------------------- junit


def _counts(element: ET.Element) -> tuple[str | None, ...]:
    return tuple(element.get(k) for k in ("tests", "failures", "errors", "skipped"))


def test_junit_counts_every_suite_and_the_root(tmp_path: Path) -> None:
    root = ET.parse(write_junit(make_run(), tmp_path / "junit.xml")).getroot()
    suites = {s.get("name"): _counts(s) for s in root.findall("testsuite")}
    assert suites == {
        "tone": ("4", "1", "1", "0"),
        "accuracy": ("4", "1", "1", "0"),
        "oversight": ("4", "1", "1", "0"),
        "gates": ("3", "2", "0", "0"),
    }
    assert root.tag == "testsuites"
    assert _counts(root) == ("15", "5", "3", "0")


def test_junit_failure_names_metrics_and_reasons(tmp_path: Path) -> None:
    root = ET.parse(write_junit(make_run(), tmp_path / "junit.xml")).getroot()
    case = root.find("testsuite[@name='oversight']/testcase[@name='legal-threat']")
    assert case is not None
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("message") == (
        "oversight.human_routing_recall; oversight.unapproved_high_stakes"
    )
    assert failure.text == (
        "oversight.human_routing_recall = 0.000: why oversight__human_routing_recall\n"
        "oversight.unapproved_high_stakes = 1.000: why oversight__unapproved_high_stakes"
    )
    # Lower is better for over-escalation: 0.0 on the clean case is a pass.
    clean = root.find("testsuite[@name='oversight']/testcase[@name='refund-ok']")
    assert clean is not None
    assert list(clean) == []


def test_junit_marks_gates_and_skips_cases_without_metrics(tmp_path: Path) -> None:
    quiet = clean_auto().model_copy(update={"metrics": _metrics(tone__score=0.9)})
    root = ET.parse(write_junit(make_run([quiet]), tmp_path / "j.xml")).getroot()
    skipped = root.find("testsuite[@name='oversight']/testcase/skipped")
    assert skipped is not None
    assert skipped.get("message") == "no oversight metric applies to this case"
    gate = root.find(
        "testsuite[@name='gates']/testcase[@name='oversight.unapproved_high_stakes <= 0']"
    )
    assert gate is not None
    failure = gate.find("failure")
    assert failure is not None
    assert failure.get("message") == "oversight.unapproved_high_stakes = 0.500, gate <= 0"


def test_junit_survives_control_characters(tmp_path: Path) -> None:
    broken = crashed().model_copy(update={"error": "bad \x00\x1b byte"})
    root = ET.parse(write_junit(make_run([broken]), tmp_path / "j.xml")).getroot()
    error = root.find("testsuite[@name='tone']/testcase/error")
    assert error is not None
    assert error.get("message") == "bad ?? byte"


# --------------------------------------------------------------------------- html

VOID = {"meta", "input", "br", "img", "link"}


class PageReader(HTMLParser):
    """Collects matrix cells by table id and checks that every element is closed."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.table = ""
        self.cell: tuple[str, str] | None = None
        self.cells: dict[str, dict[tuple[str, str], int]] = {}
        self.attrs: set[str] = set()
        self.case_bodies = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.attrs |= set(found)
        if tag not in VOID:
            self.open.append(tag)
        if tag == "table" and found.get("id"):
            self.table = found["id"] or ""
        if tag == "tbody" and found.get("class") == "case":
            self.case_bodies += 1
        if tag == "td" and "data-row" in found:
            self.cell = (found["data-row"] or "", found["data-col"] or "")

    def handle_endtag(self, tag: str) -> None:
        assert self.open.pop() == tag
        self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cells.setdefault(self.table, {})[self.cell] = int(data)


def read_page(page: str) -> PageReader:
    reader = PageReader()
    reader.feed(page)
    reader.close()
    assert reader.open == []
    return reader


def test_html_escapes_customer_text() -> None:
    page = render_html(make_run())
    assert "<script>alert" not in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 2  # message and draft
    assert page.count("<script>") == 1  # the filter box, nothing else


def test_html_is_self_contained() -> None:
    page = render_html(make_run())
    for reference in ("http://", "https://", "url(", "@import", "<link"):
        assert reference not in page
    assert {"src", "href"} & read_page(page).attrs == set()


def test_html_has_one_chart_per_scorer_and_the_badge() -> None:
    page = render_html(make_run())
    assert page.count("<svg") == 3
    assert '<span class="badge fail" role="status">FAIL</span>' in page
    passing = render_html(make_run(gates_pass=True))
    assert '<span class="badge pass" role="status">PASS</span>' in passing


def test_html_confusion_and_route_matrices_hold_exact_counts() -> None:
    reader = read_page(render_html(make_run()))
    intents = ["baggage_delay", "complaint", "refund_request"]
    expected = {(e, p): 0 for e in intents for p in [*intents, "(none)"]}
    expected |= {
        ("baggage_delay", "baggage_delay"): 1,
        ("complaint", "refund_request"): 1,
        ("refund_request", "refund_request"): 1,
        ("refund_request", "(none)"): 1,
    }
    assert reader.cells["confusion"] == expected
    assert reader.cells["routes"] == {
        ("auto", "auto"): 1,
        ("auto", "human"): 0,
        ("auto", "not reached"): 1,
        ("human", "auto"): 1,
        ("human", "human"): 1,
        ("human", "not reached"): 0,
    }


def test_html_has_a_drill_down_per_case() -> None:
    page = render_html(make_run())
    assert read_page(page).case_bodies == 4
    assert page.count("<details>") == 4
    assert "<h4>Citations</h4><ul><li>refunds#policy#0</li></ul>" in page
    assert "<li>block legal.escalate: legal threat</li>" in page
    assert "<p>approve by jo (approver)</p>" in page


# --------------------------------------------------------------------------- terminal


def _terminal(run: RunResult) -> list[str]:
    console = Console(record=True, width=120)
    render_terminal(run, console)
    return console.export_text().rstrip("\n").splitlines()


def test_terminal_lists_metrics_and_ends_with_fail() -> None:
    lines = _terminal(make_run())
    text = "\n".join(lines)
    for summary in make_run().metrics:
        assert summary.name in text
    assert lines[-1] == (
        "FAIL — 2 of 3 gates failed: oversight.human_routing_recall, "
        "oversight.unapproved_high_stakes"
    )


def test_terminal_shows_confusions_worst_tone_and_problem_cases() -> None:
    text = "\n".join(_terminal(make_run()))
    assert re.search(r"complaint\s+│ -> refund_request\s+│\s+1 │", text)
    assert re.search(r"legal-threat\s+│ 0\.400\s+│ why tone__score", text)
    assert re.search(r"crash\s+│ error\s+│ error: TimeoutError: writer", text)
    assert "Skipped lines  1" in text
    assert "2.00 cases/s" in text


def test_terminal_ends_with_pass_when_gates_pass() -> None:
    lines = _terminal(make_run(gates_pass=True))
    assert lines[-1] == "PASS — all 3 gates passed"
    assert not any(line.startswith("FAIL") for line in lines)


# --------------------------------------------------------------------------- compare


def test_compare_of_a_run_with_itself_finds_nothing() -> None:
    cmp = compare_runs(make_run(), make_run())
    assert [m.delta for m in cmp.metrics] == [0.0] * 5
    assert cmp.cases == []
    assert not cmp.regressed()


def test_compare_detects_a_case_routed_auto_instead_of_human() -> None:
    worse = escalated().model_copy(
        update={
            "risk": _risk(Route.AUTO),
            "decision": None,
            "metrics": _metrics(
                tone__score=0.8,
                accuracy__intent=1.0,
                oversight__human_routing_recall=0.0,
                oversight__unapproved_high_stakes=1.0,
            ),
        }
    )
    base = make_run()
    candidate = make_run([clean_auto(), missed_escalation(), worse, crashed()])
    cmp = compare_runs(base, candidate)
    assert [(c.eval_id, c.what, c.before, c.after) for c in cmp.cases] == [
        ("bag-late", "oversight.human_routing_recall", 1.0, 0.0),
        ("bag-late", "oversight.unapproved_high_stakes", 0.0, 1.0),
        ("bag-late", "route", Route.HUMAN, Route.AUTO),
    ]
    assert cmp.regressed(tolerance=1.0)  # oversight regressions ignore tolerance


def test_compare_respects_metric_direction_and_tolerance() -> None:
    base = make_run()
    moved = {"tone.score": 0.65, "oversight.over_escalation": 0.2}
    candidate = base.model_copy(
        update={
            "metrics": [
                m.model_copy(update={"mean": moved.get(m.name, m.mean)}) for m in base.metrics
            ]
        }
    )
    cmp = compare_runs(base, candidate)
    assert {m.name: m.worsening for m in cmp.metrics if m.delta} == {
        "tone.score": 0.05,
        "oversight.over_escalation": 0.2,
    }
    assert cmp.regressed(tolerance=0.1)
    assert not cmp.regressed(tolerance=0.2)
    console = Console(record=True, width=120)
    render_comparison(cmp, console, tolerance=0.2)
    assert console.export_text().rstrip().splitlines()[-1] == "NO REGRESSION"
