"""The optional LLM-as-judge scorer: fake chat models for the logic, the real client on loopback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from agents.graph import AgentServices
from cx.errors import InputError
from cx.settings import Settings
from evals.results import CaseRecord
from evals.scorers import metric_names
from evals.scorers.judge import JudgeScorer
from evals.session import RunOptions, run_suite
from evals.suite import load_suite
from tests.agents.openai_stub import openai_stub
from tests.evals.records import GOOD_TEXT, record
from tests.evals.test_runner import write_suite


def grades(empathy: int = 5, helpfulness: int = 4, groundedness: int = 3) -> str:
    return json.dumps(
        {"empathy": empathy, "helpfulness": helpfulness, "groundedness": groundedness,
         "reason": "Clear, but the refund timing is not cited."}
    )  # fmt: skip


def test_grades_are_scaled_and_averaged_with_the_judges_reason() -> None:
    metrics = JudgeScorer(FakeListChatModel(responses=[grades()])).score(record())
    values = {m.name: m.value for m in metrics}
    assert values == {
        "judge.score": pytest.approx(0.75),
        "judge.empathy": 1.0,
        "judge.helpfulness": 0.75,
        "judge.groundedness": 0.5,
    }
    assert all("not cited" in m.reason for m in metrics)


def test_a_judge_that_never_answers_properly_gives_no_score() -> None:
    judge = JudgeScorer(FakeListChatModel(responses=["great reply!", grades(empathy=9)]))
    metrics = judge.score(record())
    assert {m.value for m in metrics} == {None}
    assert all(m.reason.startswith("judge failed") for m in metrics)


def test_without_a_judge_model_every_metric_is_not_applicable() -> None:
    assert {m.value for m in JudgeScorer().score(record())} == {None}


def test_a_suite_asking_for_the_judge_must_name_its_model(tmp_path: Path) -> None:
    (tmp_path / "d.jsonl").write_text("")
    suite = tmp_path / "s.yaml"
    suite.write_text("name: s\ndatasets: [d.jsonl]\nscorers: [tone, judge]\n")
    with pytest.raises(InputError, match="judge: provider:model"):
        load_suite(suite, metric_names())


@pytest.mark.integration
async def test_a_suite_run_is_graded_by_the_configured_judge(
    tmp_path: Path, services: AgentServices, kb_dir: Path
) -> None:
    def judge(body: dict[str, Any]) -> str:
        return grades(4, 4, 5)

    with openai_stub(judge) as stub:
        path = write_suite(tmp_path, "graph")
        options = {"base_url": stub.base_url, "api_key": "test", "max_retries": 0}
        path.write_text(
            path.read_text().replace("mode: graph\n", "mode: graph\nscorers: [oversight, judge]\n")
            + f"judge: openai:judge-model\njudge_options: {json.dumps(options)}\n"
        )
        suite = load_suite(path, metric_names())
        seen: list[CaseRecord] = []
        settings = Settings(data_dir=kb_dir)
        result = await run_suite(suite, settings, services, RunOptions(), seen.append)
    summary = {m.name: m for m in result.metrics}
    assert summary["judge.score"].mean == pytest.approx((0.75 + 0.75 + 1.0) / 3, abs=1e-3)
    assert summary["judge.score"].cases == len(seen) == 3
    prompts = [r["messages"][-1]["content"] for r in stub.requests]
    assert len(prompts) == 3 and all("<reply>" in p for p in prompts)
    assert GOOD_TEXT not in prompts[0]  # it grades the system's replies, not fixtures
