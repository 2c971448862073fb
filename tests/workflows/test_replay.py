"""Replay recorded case histories: a change that breaks determinism fails CI.

The histories in ``histories/`` were recorded by ``record_histories.py`` from the shipped
workflow, including runs interrupted for approval and resumed. Replaying needs no
server; the graph is registered so its nodes resolve, but no activity runs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from temporalio.client import WorkflowHistory
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.langgraph import LangGraphPlugin
from temporalio.worker import Replayer

from agents.graph import AgentServices, make_case_graph
from agents.state import CASE_GRAPH
from tests.workflows.record_histories import PATHS
from tests.workflows.scripted import ScriptedBackend, StaticRetriever
from workflows.case_workflow import CaseWorkflow
from workflows.delivery import Outbox

HISTORIES = sorted((Path(__file__).resolve().parent / "histories").glob("*.json"))


def test_every_recorded_path_is_present() -> None:
    names = {p.stem for p in HISTORIES}
    assert names == set(PATHS)


@pytest.mark.parametrize("path", HISTORIES, ids=lambda p: p.stem)
async def test_recorded_history_replays(path: Path, tmp_path: Path) -> None:
    services = AgentServices(
        backend=ScriptedBackend(),
        retriever=StaticRetriever(),
        deliverer=Outbox(tmp_path / "outbox.sqlite3"),
    )
    replayer = Replayer(
        workflows=[CaseWorkflow],
        plugins=[LangGraphPlugin(graphs={CASE_GRAPH: make_case_graph(services)})],
        data_converter=pydantic_data_converter,
    )
    history = WorkflowHistory.from_json(path.stem, path.read_text(encoding="utf-8"))
    result = await replayer.replay_workflow(history, raise_on_replay_failure=True)
    assert result.replay_failure is None
