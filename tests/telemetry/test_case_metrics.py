"""Case metrics from real runs: outcomes by route, revisions, findings, waits, latency."""

from __future__ import annotations

import pytest
from opentelemetry.sdk.metrics.export import HistogramDataPoint, InMemoryMetricReader
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from agents.contracts import CaseStatus, DecisionAction
from tests.telemetry.traced import TracedHarness, by_name, in_trace
from tests.workflows.harness import decision
from workflows import client as svc

pytestmark = pytest.mark.integration

Points = dict[tuple[str, tuple[tuple[str, str], ...]], tuple[float, int]]


def _points(reader: InMemoryMetricReader) -> Points:
    """(metric, sorted attributes) -> (sum or value, count) over everything recorded."""
    out: Points = {}
    data = reader.get_metrics_data()
    assert data is not None
    for rm in data.resource_metrics:
        for sm in rm.scope_metrics:
            for metric in sm.metrics:
                for p in metric.data.data_points:
                    key = (metric.name, tuple(sorted((k, str(v)) for k, v in p.attributes.items())))
                    if isinstance(p, HistogramDataPoint):
                        out[key] = (p.sum, p.count)
                    else:
                        out[key] = (float(p.value), 1)
    return out


def _of(points: Points, name: str) -> dict[tuple[tuple[str, str], ...], tuple[float, int]]:
    return {attrs: v for (metric, attrs), v in points.items() if metric == name}


async def test_rejected_and_approved_cases_are_counted(
    th: TracedHarness, metrics: InMemoryMetricReader, spans: InMemorySpanExporter
) -> None:
    async with th.worker():
        revised = await svc.submit_case(th.client, th.case("[revise]"), th.settings, th.telemetry)
        third = await th.waiting(revised.case_id, version=3)
        reject = decision(third, DecisionAction.REJECT, reason="Calling the customer")
        await svc.decide(th.client, revised.case_id, reject, th.telemetry)
        human = await svc.submit_case(th.client, th.case("[human]"), th.settings, th.telemetry)
        first = await th.waiting(human.case_id)
        await svc.decide(th.client, human.case_id, decision(first), th.telemetry)
        results = [await svc.case_result(th.client, s.case_id) for s in (revised, human)]
    assert [r.status for r in results] == [CaseStatus.REJECTED, CaseStatus.DELIVERED]
    points = _points(metrics)

    delivered = (("cx.outcome", "delivered"), ("cx.risk.route", "human"))
    rejected = (("cx.outcome", "rejected"), ("cx.risk.route", "human"))
    assert _of(points, "cx.cases") == {delivered: (1.0, 1), rejected: (1.0, 1)}
    # The rejected case went through two revisions; the approved one through none.
    assert _of(points, "cx.case.revisions") == {delivered: (0, 1), rejected: (2, 1)}
    findings = (("cx.policy.rule", "grounding"), ("cx.policy.severity", "block"))
    assert _of(points, "cx.policy.findings") == {findings: (3.0, 1)}
    waits = _of(points, "cx.approval.wait")
    assert sorted(waits) == [
        (("cx.approval.action", "approve"),),
        (("cx.approval.action", "reject"),),
    ]
    assert all(count == 1 and 0 < total < 60 for total, count in waits.values())
    latency = {
        dict(attrs)["cx.node"]: n for attrs, (_, n) in _of(points, "cx.agent.duration").items()
    }
    # Each case once per node; the revise loop drafts and checks 3 times; the first send
    # of the approved case fails and is retried.
    assert latency == {
        "interpret": 2,
        "retrieve": 2,
        "draft": 4,
        "check_policy": 4,
        "assess": 2,
        "deliver": 2,
    }

    closed = by_name(in_trace(spans.get_finished_spans(), revised.trace_id))
    assert {n: len(v) for n, v in closed.items() if n.startswith("cx.agent.")} == {
        "cx.agent.interpret": 1,
        "cx.agent.retrieve": 1,
        "cx.agent.draft": 3,
        "cx.agent.check_policy": 3,
        "cx.agent.assess": 1,
    }
    revisions = [dict(s.attributes or {})["cx.draft.revision"] for s in closed["cx.agent.draft"]]
    assert revisions == [0, 1, 2]
    (close,) = closed["cx.close"]
    assert dict(close.attributes or {})["cx.outcome"] == "rejected"
