"""JSON logs carry the case's trace id, and no customer PII, from inside activities."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from cx.settings import TelemetrySettings
from cx.telemetry.logs import log_handler
from tests.telemetry.traced import PII, TracedHarness, by_name, in_trace
from workflows import client as svc


@pytest.fixture
def json_log() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    handler = log_handler(TelemetrySettings(json_logs=True), stream)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield stream
    finally:
        root.removeHandler(handler)


@pytest.mark.integration
async def test_activity_logs_are_json_with_trace_ids_and_no_pii(
    th: TracedHarness, spans: InMemorySpanExporter, json_log: io.StringIO
) -> None:
    async with th.worker():
        sub = await svc.submit_case(th.client, th.case(), th.settings, th.telemetry)
        await svc.case_result(th.client, sub.case_id)
    text = json_log.getvalue()
    records = [json.loads(line) for line in text.splitlines()]
    sends = [r for r in records if r["logger"] == "cx.tests.outbox"]
    deliver_spans = by_name(in_trace(spans.get_finished_spans(), sub.trace_id))["cx.agent.deliver"]
    # The address is the case's own (known) value; the name only the case knows.
    assert [r["message"] for r in sends] == ["sending draft v1 to [pii]: Dear [pii], v1."] * 2
    assert [r["trace_id"] for r in sends] == [sub.trace_id, sub.trace_id]
    assert [r["span_id"] for r in sends] == [
        f"{s.context.span_id:016x}" for s in deliver_spans if s.context
    ]
    failed = [r for r in records if r["message"].startswith("Completing activity as failed")]
    assert [r["exception"] for r in failed] == ["ConnectionError"]
    assert failed[0]["temporal_activity"]["activity_type"] == "cx-case.deliver"
    assert [value for value in PII if value in text] == []
