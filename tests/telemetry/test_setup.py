"""Telemetry configuration: off by default, exporters by config, the console format."""

from __future__ import annotations

import pytest
from opentelemetry.exporter.otlp.proto.grpc.metric_exporter import (
    OTLPMetricExporter as GrpcMetrics,
)
from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter as GrpcSpans
from opentelemetry.exporter.otlp.proto.http.metric_exporter import (
    OTLPMetricExporter as HttpMetrics,
)
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter as HttpSpans
from opentelemetry.sdk.metrics.export import ConsoleMetricExporter, InMemoryMetricReader
from opentelemetry.sdk.trace.export import ConsoleSpanExporter
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from temporalio.contrib.opentelemetry import TracingInterceptor

from cx.settings import Settings, TelemetrySettings
from cx.telemetry import DISABLED, build_telemetry, current
from cx.telemetry.exporters import (
    console_line,
    console_metric_lines,
    metric_exporter,
    span_exporter,
)


def test_tracing_is_off_by_default() -> None:
    settings = Settings().telemetry
    assert (settings.exporter, settings.record_pii, settings.json_logs) == ("none", False, False)
    telemetry = build_telemetry(settings)
    assert telemetry is DISABLED
    assert telemetry.interceptors() == []
    assert current() is DISABLED  # nothing in the test session installed telemetry


def test_exporter_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CX_TELEMETRY__EXPORTER", "otlp-http")
    monkeypatch.setenv("CX_TELEMETRY__ENDPOINT", "http://collector:4318")
    assert Settings().telemetry.model_dump(include={"exporter", "endpoint"}) == {
        "exporter": "otlp-http",
        "endpoint": "http://collector:4318",
    }


def test_console_and_otlp_exporters_are_chosen_by_config() -> None:
    console = TelemetrySettings(exporter="console")
    assert isinstance(span_exporter(console), ConsoleSpanExporter)
    assert isinstance(metric_exporter(console), ConsoleMetricExporter)
    grpc = TelemetrySettings(exporter="otlp-grpc", endpoint="localhost:4317")
    assert isinstance(span_exporter(grpc), GrpcSpans)
    assert isinstance(metric_exporter(grpc), GrpcMetrics)
    http = TelemetrySettings(exporter="otlp-http", endpoint="http://collector:4318/")
    spans, metrics = span_exporter(http), metric_exporter(http)
    assert isinstance(spans, HttpSpans) and isinstance(metrics, HttpMetrics)
    assert spans._endpoint == "http://collector:4318/v1/traces"
    assert metrics._endpoint == "http://collector:4318/v1/metrics"
    assert span_exporter(TelemetrySettings()) is None


def test_enabled_telemetry_traces_through_temporal_and_prints_one_line_per_span() -> None:
    exporter = InMemorySpanExporter()
    telemetry = build_telemetry(TelemetrySettings(service_name="cx-test"), spans=exporter)
    try:
        (interceptor,) = telemetry.interceptors()
        assert isinstance(interceptor, TracingInterceptor)
        with telemetry.tracer.start_as_current_span(
            "cx.gate", attributes={"cx.gate.decision": "auto"}
        ):
            pass
        (span,) = exporter.get_finished_spans()
        assert span.resource.attributes["service.name"] == "cx-test"
        line = console_line(span)
        assert line.startswith(f"[otel] {span.context.trace_id:032x} cx.gate ")
        assert line.endswith("ms gate.decision=auto\n")
    finally:
        telemetry.shutdown()


def test_console_metrics_are_one_line_per_point() -> None:
    reader = InMemoryMetricReader()
    telemetry = build_telemetry(TelemetrySettings(), metrics=reader)
    telemetry.metrics.case_finished(outcome="delivered", route="auto", revisions=1)
    data = reader.get_metrics_data()
    telemetry.shutdown()
    assert data is not None
    assert console_metric_lines(data).splitlines() == [
        "[otel-metric] cx.cases {cx.outcome=delivered,cx.risk.route=auto} 1",
        "[otel-metric] cx.case.revisions {cx.outcome=delivered,cx.risk.route=auto} "
        "count=1 sum=1.000",
    ]
