"""One trace per case, across client, workflow and activities, on a real dev server."""

from __future__ import annotations

import hashlib
from collections import Counter

import pytest
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import StatusCode

from agents.contracts import CaseStatus
from cx.telemetry.redact import fingerprint
from tests.telemetry.traced import (
    PII,
    TracedHarness,
    all_text,
    by_name,
    in_trace,
    parent_name,
    tree,
)
from tests.workflows.harness import decision
from workflows import client as svc
from workflows.audit import fetch_trail

pytestmark = pytest.mark.integration

AGENTS = ("interpret", "retrieve", "draft", "check_policy", "assess")


def _expected(nodes: tuple[str, ...], deliver_attempts: int) -> Counter[str]:
    names = Counter(
        ["cx.case.submit", "StartWorkflow:CaseWorkflow", "RunWorkflow:CaseWorkflow", "cx.gate"]
    )
    names["CompleteWorkflow:CaseWorkflow"] = 1
    for node in nodes:
        names[f"StartActivity:cx-case.{node}"] = 1
        names[f"RunActivity:cx-case.{node}"] = 1
        names[f"cx.agent.{node}"] = 1
    names["StartActivity:cx-case.deliver"] = 1
    names["RunActivity:cx-case.deliver"] = deliver_attempts
    names["cx.agent.deliver"] = deliver_attempts
    return names


def _assert_activity_links(mine: list[ReadableSpan], node: str) -> None:
    """StartActivity (workflow side) -> RunActivity (worker) -> the node's own span."""
    names = by_name(mine)
    (start,) = names[f"StartActivity:cx-case.{node}"]
    assert parent_name(start, mine) == "StartWorkflow:CaseWorkflow"
    for run in names[f"RunActivity:cx-case.{node}"]:
        assert run.parent is not None and start.context is not None
        assert run.parent.span_id == start.context.span_id
    runs = {s.context.span_id for s in names[f"RunActivity:cx-case.{node}"] if s.context}
    for agent in names[f"cx.agent.{node}"]:
        assert agent.parent is not None and agent.parent.span_id in runs


def _attrs(span: ReadableSpan) -> dict[str, object]:
    return dict(span.attributes or {})


def _attrs_of(attributes: object) -> dict[str, str]:
    return {str(k): str(v) for k, v in dict(attributes or {}).items()}  # type: ignore[call-overload]


def _has(attrs: dict[str, object], expected: dict[str, object]) -> bool:
    """``attrs`` holds ``expected`` exactly (a readable diff when it does not)."""
    assert {k: attrs.get(k) for k in expected} == expected
    return True


async def test_auto_delivered_case_is_one_trace(
    th: TracedHarness, spans: InMemorySpanExporter
) -> None:
    async with th.worker():
        sub = await svc.submit_case(th.client, th.case(), th.settings, th.telemetry)
        result = await svc.case_result(th.client, sub.case_id)
    assert result.status is CaseStatus.DELIVERED
    assert len(sub.trace_id) == 32
    assert await svc.case_trace_id(th.client, sub.case_id) == sub.trace_id
    assert (await fetch_trail(th.client, sub.case_id)).trace_id == sub.trace_id
    mine = in_trace(spans.get_finished_spans(), sub.trace_id)
    names = by_name(mine)
    assert Counter(s.name for s in mine) == _expected(AGENTS, deliver_attempts=2), tree(mine)
    assert [s.name for s in mine if s.parent is None] == ["cx.case.submit"]
    assert parent_name(names["StartWorkflow:CaseWorkflow"][0], mine) == "cx.case.submit"
    assert parent_name(names["RunWorkflow:CaseWorkflow"][0], mine) == "StartWorkflow:CaseWorkflow"
    assert parent_name(names["cx.gate"][0], mine) == "StartWorkflow:CaseWorkflow"
    for node in (*AGENTS, "deliver"):
        _assert_activity_links(mine, node)

    case = {"cx.case.id": sub.case_id, "cx.backend": "scripted"}
    submit = _attrs(names["cx.case.submit"][0])
    assert submit == {
        "cx.case.id": sub.case_id,
        "cx.case.channel": "email",
        "cx.customer.tier": "standard",
        "cx.customer.hash": fingerprint("cust-77"),
    }
    interpret = _attrs(names["cx.agent.interpret"][0])
    assert _has(interpret, {**case, "cx.intent": "refund_request"})
    assert (interpret["cx.emotion"], interpret["cx.urgency"]) == ("frustration", "normal")
    assert _has(
        _attrs(names["cx.agent.retrieve"][0]),
        {
            **case,
            "cx.retrieval.k": 5,
            "cx.retrieval.top_score": 0.8,
            "cx.retrieval.chunk_ids": ("refunds#when#0",),
        },
    )
    text_hash = hashlib.sha256(b"Dear Ada Lovelace, v1.").hexdigest()
    assert _has(
        _attrs(names["cx.agent.draft"][0]),
        {
            "cx.draft.version": 1,
            "cx.draft.revision": 0,
            "cx.draft.sha256": text_hash,
        },
    )
    policy = _attrs(names["cx.agent.check_policy"][0])
    assert (policy["cx.policy.finding_ids"], policy["cx.policy.passed"]) == ((), True)
    assert _has(
        _attrs(names["cx.gate"][0]),
        {
            "cx.case.id": sub.case_id,
            "cx.gate.decision": "auto",
            "cx.risk.route": "auto",
            "cx.risk.level": "P4",
            "cx.gate.reason_count": 0,
        },
    )
    failed, sent = names["cx.agent.deliver"]
    assert (failed.status.status_code, sent.status.status_code) == (
        StatusCode.ERROR,
        StatusCode.UNSET,
    )
    assert _attrs(sent)["cx.delivery.newly_written"] is True

    exported = all_text(mine)
    leaked = [value for value in PII if value in exported]
    assert leaked == []
    # The failed send's error quoted the recipient and the draft: only its type is kept.
    assert failed.status.description == "ConnectionError: [redacted]"
    (event,) = failed.events
    assert _attrs_of(event.attributes) == {
        "exception.type": "ConnectionError",
        "exception.escaped": "False",
    }


async def test_approved_case_trace_includes_the_wait_and_the_decision(
    th: TracedHarness, spans: InMemorySpanExporter
) -> None:
    async with th.worker():
        sub = await svc.submit_case(th.client, th.case("[human]"), th.settings, th.telemetry)
        pending = await th.waiting(sub.case_id)
        receipt = await svc.decide(th.client, sub.case_id, decision(pending), th.telemetry)
        result = await svc.case_result(th.client, sub.case_id)
    assert (receipt.status, result.status) == (CaseStatus.DELIVERED, CaseStatus.DELIVERED)
    mine = in_trace(spans.get_finished_spans(), sub.trace_id)
    names = by_name(mine)
    expected = _expected(AGENTS, deliver_attempts=2) + Counter(
        [
            "cx.approval.submit",
            "StartWorkflowUpdate:decide",
            "ValidateUpdate:decide",
            "HandleUpdate:decide",
            "cx.approval.wait",
            "cx.approval.decision",
        ]
    )
    assert Counter(s.name for s in mine) == expected, tree(mine)
    assert [s.name for s in mine if s.parent is None] == ["cx.case.submit"]
    # The approver's call, from another client call, rejoins the case's trace ...
    assert parent_name(names["cx.approval.submit"][0], mine) == "cx.case.submit"
    (update,) = names["StartWorkflowUpdate:decide"]
    assert parent_name(update, mine) == "cx.approval.submit"
    # ... and the workflow's handling of it is linked to that call.
    for handled in (*names["ValidateUpdate:decide"], *names["HandleUpdate:decide"]):
        assert parent_name(handled, mine) == "StartWorkflow:CaseWorkflow"
        assert update.context is not None
        assert [link.context.span_id for link in handled.links] == [update.context.span_id]
    for node in (*AGENTS, "deliver"):
        _assert_activity_links(mine, node)

    assert _has(
        _attrs(names["cx.gate"][0]),
        {
            "cx.gate.decision": "human",
            "cx.risk.route": "human",
            "cx.risk.level": "P2",
            "cx.gate.reason_count": 1,
        },
    )
    assert "cx.gate.reasons" not in _attrs(names["cx.gate"][0])
    wait = _attrs(names["cx.approval.wait"][0])
    assert 0 < float(str(wait["cx.approval.wait_s"])) < 60
    assert _has(
        _attrs(names["cx.approval.decision"][0]),
        {
            "cx.case.id": sub.case_id,
            "cx.approval.action": "approve",
            "cx.approval.role": "approver",
            "cx.approval.draft_version": 1,
            "cx.approval.actor_hash": fingerprint("ben"),
        },
    )
    decided = names["cx.approval.decision"][0].start_time or 0
    gate = names["cx.gate"][0].start_time or 0
    sent = names["StartActivity:cx-case.deliver"][0].start_time or 0
    assert gate < decided <= sent
    exported = all_text(mine)
    assert [value for value in PII if value in exported] == []
