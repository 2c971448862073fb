"""Replaying a traced case records nothing twice and stays deterministic."""

from __future__ import annotations

import pytest
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.langgraph import LangGraphPlugin
from temporalio.worker import Replayer

from agents.graph import AgentServices, make_case_graph
from agents.state import CASE_GRAPH
from tests.telemetry.traced import TracedHarness
from tests.workflows.harness import decision
from tests.workflows.scripted import ScriptedBackend, StaticRetriever
from workflows import client as svc
from workflows.case_workflow import CaseWorkflow

pytestmark = pytest.mark.integration


def _recorded(metrics: InMemoryMetricReader) -> dict[str, float]:
    data = metrics.get_metrics_data()
    assert data is not None
    out: dict[str, float] = {}
    for rm in data.resource_metrics:
        for sm in rm.scope_metrics:
            for m in sm.metrics:
                for p in m.data.data_points:
                    out[m.name] = out.get(m.name, 0) + getattr(p, "count", getattr(p, "value", 0))
    return out


async def test_replaying_an_approved_traced_case_emits_no_spans_or_metrics(
    th: TracedHarness, spans: InMemorySpanExporter, metrics: InMemoryMetricReader
) -> None:
    async with th.worker():
        sub = await svc.submit_case(th.client, th.case("[human]"), th.settings, th.telemetry)
        pending = await th.waiting(sub.case_id)
        await svc.decide(th.client, sub.case_id, decision(pending), th.telemetry)
        await svc.case_result(th.client, sub.case_id)
    history = await th.client.get_workflow_handle(sub.case_id).fetch_history()
    before = _recorded(metrics)
    assert before["cx.approval.wait"] == 1
    spans.clear()

    services = AgentServices(
        backend=ScriptedBackend(), retriever=StaticRetriever(), deliverer=th.outbox
    )
    replayer = Replayer(
        workflows=[CaseWorkflow],
        plugins=[LangGraphPlugin(graphs={CASE_GRAPH: make_case_graph(services, th.telemetry)})],
        interceptors=th.telemetry.interceptors(),
        data_converter=pydantic_data_converter,
    )
    result = await replayer.replay_workflow(history, raise_on_replay_failure=True)
    assert result.replay_failure is None
    th.telemetry.flush()
    assert [s.name for s in spans.get_finished_spans()] == []
    assert _recorded(metrics) == before
