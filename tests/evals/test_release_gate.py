"""The release gate: the default suite's gates must hold, through the same runner as the CLI.

This is the pytest face of ``cx eval run``: every case of the dev split goes through the
real case graph (local backend, real Chroma and embedder); the oversight gates are
absolute. The held-out test split is deliberately not run here (it is reported, not tuned).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from agents.graph import AgentServices
from cx.settings import Settings
from evals.scorers import metric_names
from evals.session import RunOptions, run_suite
from evals.suite import load_suite

DEFAULT_SUITE = Path(__file__).resolve().parents[2] / "evals" / "suites" / "default.yaml"


@pytest.mark.integration
async def test_default_suite_gates_hold(services: AgentServices, kb_dir: Path) -> None:
    suite = load_suite(DEFAULT_SUITE, metric_names())
    result = await run_suite(
        suite, Settings(data_dir=kb_dir), services, RunOptions(), lambda _: None
    )
    assert len(result.records) >= 200
    assert [r.eval_case.id for r in result.records if r.error] == []
    failed = {g.metric: g.value for g in result.gates if not g.passed}
    assert failed == {}
