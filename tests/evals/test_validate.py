"""The dataset validation check: each labeling rule, broken once on a small fixture."""

from __future__ import annotations

import copy
import dataclasses
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cx.cli.eval_validate import HINT
from cx.cli.evals import app
from evals.case_checks import References, default_references
from evals.validate import Problem, validate_dataset, validate_datasets

CASE: dict[str, Any] = {
    "id": "dev-900",
    "split": "dev",
    "tags": ["routine"],
    "case": {
        "message": "My flight on booking QX7RTA was cancelled, I'd like a refund please.",
        "channel": "chat",
        "customer": {"customer_id": "cus-9000", "name": "Ada Fixture", "tier": "silver"},
        "idempotency_key": "dev-900",
    },
    "expect": {
        "intent": "flight_cancellation",
        "emotion": "neutral",
        "entities": [{"kind": "booking_ref", "value": "QX7RTA"}],
        "risks": ["pii"],
        "must_state": ["7 Business  Days"],  # case and spacing differ from the corpus
        "must_cite": [
            {
                "doc_id": "flight-cancellations",
                "section": "Choosing a refund instead of a new flight",
            }
        ],
        "route": "auto",
        "route_reason": "A routine refund after a cancellation.",
    },
}


def _write(path: Path, *cases: dict[str, Any] | str) -> Path:
    lines = [c if isinstance(c, str) else json.dumps(c) for c in cases]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _broken(change: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    case = copy.deepcopy(CASE)
    change(case)
    return case


def _messages(path: Path, refs: References | None = None) -> list[str]:
    return [p.message for p in validate_dataset(path, refs)]


def test_a_case_that_follows_every_rule_has_no_problems(tmp_path: Path) -> None:
    assert validate_dataset(_write(tmp_path / "dev.jsonl", CASE)) == []


BROKEN: dict[str, tuple[Callable[[dict[str, Any]], object], list[str]]] = {
    "split": (
        lambda c: c.update(split="test"),
        ["split 'test' does not match the file dev.jsonl"],
    ),
    "intent": (
        lambda c: c["expect"].update(intent="flight_cancelled", secondary_intents=["refunds"]),
        [
            "intent 'flight_cancelled' is not in the taxonomy (knowledge/taxonomy/intents.yaml)",
            "intent 'refunds' is not in the taxonomy (knowledge/taxonomy/intents.yaml)",
        ],
    ),
    "cited-doc": (
        lambda c: c["expect"]["must_cite"][0].update(doc_id="flight-refunds"),
        [
            "must_cite doc 'flight-refunds' is not a file in knowledge/corpus/",
            "must_state '7 Business  Days' appears in no cited section",
        ],
    ),
    "cited-heading": (
        lambda c: c["expect"]["must_cite"][0].update(section="Choosing a refund"),
        [
            "must_cite 'Choosing a refund' is not a '## ' heading of flight-cancellations.md",
            "must_state '7 Business  Days' appears in no cited section",
        ],
    ),
    "must-state": (
        lambda c: c["expect"]["must_state"].append("$15 per passenger"),
        ["must_state '$15 per passenger' appears in no cited section"],
    ),
    "entity": (
        lambda c: c["expect"]["entities"].append({"kind": "booking_ref", "value": "qx7rta"}),
        ["entity booking_ref 'qx7rta' is not written in the message"],
    ),
    "route-risk": (
        lambda c: c["expect"].update(risks=["media_threat", "legal_threat"]),
        ["route must be 'human' because of legal_threat, media_threat"],
    ),
    "route-profile": (
        lambda c: c["case"]["customer"].update(vulnerable=True),
        ["route must be 'human' because of customer.vulnerable"],
    ),
    "idempotency": (
        lambda c: c["case"].update(idempotency_key="ticket-1"),
        ["case.idempotency_key 'ticket-1' differs from the id"],
    ),
    "schema": (
        lambda c: c["expect"].pop("emotion"),
        ["field 'expect.emotion': Field required"],
    ),
}


@pytest.mark.parametrize(("change", "expected"), BROKEN.values(), ids=BROKEN.keys())
def test_each_broken_rule_is_named(
    change: Callable[[dict[str, Any]], object], expected: list[str], tmp_path: Path
) -> None:
    assert _messages(_write(tmp_path / "dev.jsonl", _broken(change))) == expected


def test_a_risk_missing_from_the_risk_file_is_named(tmp_path: Path) -> None:
    refs = dataclasses.replace(default_references(), risks=frozenset({"safety"}))
    path = _write(tmp_path / "dev.jsonl", CASE)
    assert _messages(path, refs) == ["risk 'pii' is not a risk id of knowledge/taxonomy/risks.yaml"]


def test_test_files_hold_the_test_split(tmp_path: Path) -> None:
    path = _write(tmp_path / "test4.jsonl", CASE)
    assert _messages(path) == ["split 'dev' does not match the file test4.jsonl"]


def test_an_unparseable_line_is_a_problem_with_its_place(tmp_path: Path) -> None:
    path = _write(tmp_path / "dev.jsonl", CASE, '{"id": "dev-901", "split": ')
    (problem,) = validate_dataset(path)
    assert (problem.where, problem.case_id) == ("dev.jsonl:2", "?")
    assert problem.message.startswith("field 'line': Invalid JSON")


def test_ids_are_unique_across_files(tmp_path: Path) -> None:
    dev = _write(tmp_path / "dev.jsonl", CASE)
    test = _write(tmp_path / "test.jsonl", _broken(lambda c: c.update(split="test")))
    result = validate_datasets([dev, test])
    assert (result.cases, result.files) == (2, 2)
    assert result.problems == [
        Problem("test.jsonl:1", "dev-900", "duplicate id (first at dev.jsonl:1)")
    ]


def test_cli_lists_problems_with_a_hint_and_exits_1(tmp_path: Path) -> None:
    good = _write(tmp_path / "dev.jsonl", CASE)
    bad = _write(tmp_path / "test.jsonl", _broken(lambda c: c["expect"].update(intent="x")))
    result = CliRunner().invoke(app, ["validate", str(good), str(bad)])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "test.jsonl:1 dev-900: intent 'x' is not in the taxonomy (knowledge/taxonomy/intents.yaml)",
        "test.jsonl:1 dev-900: split 'dev' does not match the file test.jsonl",
        "test.jsonl:1 dev-900: duplicate id (first at dev.jsonl:1)",
        f"3 problem(s) in 2 file(s). {HINT}",
    ]


def test_cli_prints_ok_with_the_counts(tmp_path: Path) -> None:
    path = _write(tmp_path / "dev.jsonl", CASE)
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert (result.exit_code, result.output) == (0, "OK (1 cases in 1 files)\n")
