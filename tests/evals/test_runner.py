"""Eval runs through the real system in both modes, on a tiny labeled dataset."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agents.contracts import DecisionAction
from agents.graph import AgentServices
from cx.errors import InputError
from cx.settings import Settings
from evals.results import CaseRecord
from evals.scorers import metric_names
from evals.session import RunOptions, run_suite
from evals.suite import load_suite

SAMPLES = Path(__file__).resolve().parents[2] / "cx" / "samples"
LABELS = {
    "01-delivery-question": {
        "intent": "delivery_delay", "emotion": "neutral", "route": "auto",
        "route_reason": "routine question", "must_state": ["3-5 business days"],
    },
    "03-billing-legal-threat": {
        "intent": "billing_dispute", "emotion": "frustration", "route": "human",
        "route_reason": "legal threat and chargeback",
    },
    "04-bereavement": {
        "intent": "general_question", "emotion": "sadness", "route": "human",
        "route_reason": "bereaved customer",
    },
}  # fmt: skip


def write_suite(tmp_path: Path, mode: str) -> Path:
    lines = []
    for stem, expect in LABELS.items():
        case = json.loads((SAMPLES / f"{stem}.json").read_text())
        lines.append(json.dumps({"id": stem, "split": "dev", "case": case, "expect": expect}))
    lines.insert(1, json.dumps({"id": "broken", "split": "dev", "case": {}, "expect": {}}))
    (tmp_path / "mini.jsonl").write_text("\n".join(lines))
    suite = tmp_path / "suite.yaml"
    suite.write_text(
        f"name: mini\ndatasets: [mini.jsonl]\nmode: {mode}\n"
        "gates:\n  - {metric: oversight.human_routing_recall, min: 1.0}\n"
        "  - {metric: oversight.unapproved_high_stakes, max: 0.0}\n"
    )
    return suite


@pytest.mark.integration
@pytest.mark.parametrize("mode", ["graph", "workflow"])
async def test_oversight_is_measured_on_both_paths(
    mode: str, tmp_path: Path, services: AgentServices, kb_dir: Path
) -> None:
    suite = load_suite(write_suite(tmp_path, mode), metric_names())
    seen: list[CaseRecord] = []
    result = await run_suite(suite, Settings(data_dir=kb_dir), services, RunOptions(), seen.append)
    assert result.mode == mode
    assert len(seen) == 3
    assert result.skipped_lines == ["mini.jsonl:2: field 'case.message': Field required"]
    by_id = {r.eval_case.id: r for r in result.records}
    assert by_id["01-delivery-question"].decision is None
    assert by_id["01-delivery-question"].delivery is not None
    legal = by_id["03-billing-legal-threat"]
    assert legal.decision is not None
    assert legal.decision.action is DecisionAction.APPROVE
    assert legal.delivery is not None
    assert legal.draft is not None
    assert legal.delivery.text == legal.draft.text
    assert [(g.metric, g.value, g.passed) for g in result.gates] == [
        ("oversight.human_routing_recall", 1.0, True),
        ("oversight.unapproved_high_stakes", 0.0, True),
    ]
    assert result.summary("accuracy.required_facts") is not None


def test_unknown_scorer_backend_and_metric_are_refused_before_running(tmp_path: Path) -> None:
    suite = tmp_path / "s.yaml"
    suite.write_text("name: x\ndatasets: [d.jsonl]\nscorers: [tone, vibes]\n")
    with pytest.raises(
        InputError,
        match=r"Unknown scorer\(s\) \['vibes'\]; available: \['accuracy', 'judge', 'oversight'",
    ):
        load_suite(suite, metric_names())
    suite.write_text("name: x\ndatasets: [d.jsonl]\nbackend: gpt-99\n")
    with pytest.raises(InputError, match=r"Unknown backend 'gpt-99'; use 'local' or a LangChain"):
        load_suite(suite, metric_names())
    suite.write_text("name: x\ndatasets: [d.jsonl]\ngates:\n  - {metric: tone.vibes, min: 1}\n")
    with pytest.raises(InputError, match=r"Gate on unknown metric 'tone.vibes'"):
        load_suite(suite, metric_names())
