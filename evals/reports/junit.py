"""JUnit XML so CI shows eval results as tests: a testsuite per scorer, plus the gates.

Each eval case (each repetition, when repeated) is one testcase per scorer; it fails when
any of that scorer's metrics falls below the pass mark (direction-aware, see
``analysis.goodness``), errors when the case itself failed to run, and is skipped when none
of the scorer's metrics applies. Counts are computed from the elements actually written.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from evals.reports import analysis as an
from evals.results import CaseRecord, GateResult, RunResult

# Characters XML 1.0 forbids; a stray one in an error message would make CI reject the file.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_OUTCOMES = ("failure", "error", "skipped")


def write_junit(result: RunResult, path: Path) -> Path:
    """Write the JUnit file; the root carries the totals of every testsuite."""
    root = ET.Element("testsuites", name=f"eval:{result.suite}")
    for scorer in _scored(result):
        root.append(_scorer_suite(result, scorer))
    root.append(_gates_suite(result))
    _set_counts(root, list(root))
    root.set("time", f"{result.duration_s:.3f}")
    ET.indent(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)
    return path


def _clean(text: str) -> str:
    return _INVALID_XML.sub("?", text)


def _scored(result: RunResult) -> list[str]:
    """Scorers with at least one metric in the run; a suite of nothing helps no one."""
    names = {m.name for r in result.records for m in r.metrics} | {m.name for m in result.metrics}
    present = {an.scorer_of(n) for n in names}
    return [s for s in an.scorers(result) if s in present]


def _scorer_suite(result: RunResult, scorer: str) -> ET.Element:
    suite = ET.Element("testsuite", name=scorer)
    for record in result.records:
        suite.append(_case(result, record, scorer))
    _set_counts(suite, [suite])
    suite.set("time", f"{sum(r.elapsed_s for r in result.records):.3f}")
    return suite


def _case(result: RunResult, record: CaseRecord, scorer: str) -> ET.Element:
    case = ET.Element(
        "testcase",
        classname=f"{result.suite}.{scorer}",
        name=an.case_label(record, result.repeat),
        time=f"{record.elapsed_s:.3f}",
    )
    failing = an.failing_metrics(record, scorer, result.gates)
    applies = [m for m in record.metrics if an.scorer_of(m.name) == scorer and m.value is not None]
    if record.error:
        _outcome(case, "error", record.error.splitlines()[0], record.error)
    elif failing:
        lines = [f"{m.name} = {m.value:.3f}: {m.reason}" for m in failing if m.value is not None]
        _outcome(case, "failure", "; ".join(m.name for m in failing), "\n".join(lines))
    elif not applies:
        _outcome(case, "skipped", f"no {scorer} metric applies to this case", "")
    return case


def _gates_suite(result: RunResult) -> ET.Element:
    suite = ET.Element("testsuite", name="gates")
    for gate in result.gates:
        suite.append(_gate_case(result, gate))
    _set_counts(suite, [suite])
    suite.set("time", "0.000")
    return suite


def _gate_case(result: RunResult, gate: GateResult) -> ET.Element:
    name = f"{gate.metric} {gate.op} {gate.threshold:g}"
    case = ET.Element("testcase", classname=f"{result.suite}.gates", name=name, time="0.000")
    if not gate.passed:
        value = "no value" if gate.value is None else f"{gate.value:.3f}"
        _outcome(case, "failure", f"{gate.metric} = {value}, gate {gate.op} {gate.threshold:g}", "")
    return case


def _outcome(case: ET.Element, kind: str, message: str, body: str) -> None:
    element = ET.SubElement(case, kind, message=_clean(message))
    if kind != "skipped":
        element.set("type", "metric" if kind == "failure" else "case_error")
    if body:
        element.text = _clean(body)


def _set_counts(target: ET.Element, suites: list[ET.Element]) -> None:
    """Count testcases and outcomes under ``suites`` and record them on ``target``."""
    cases = [c for s in suites for c in s.iter("testcase")]
    target.set("tests", str(len(cases)))
    for kind in _OUTCOMES:
        plural = kind if kind == "skipped" else kind + "s"
        target.set(plural, str(sum(1 for c in cases if c.find(kind) is not None)))
