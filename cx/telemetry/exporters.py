"""Span and metric exporters chosen by ``telemetry.exporter``.

OTLP exporters are imported only when chosen, so a process that exports nothing never
loads gRPC or HTTP client code for telemetry. The console exporters print one compact
line per span (trace id, name, duration, ``cx.*`` attributes) and per metric point:
readable in a ``cx dev`` terminal, unlike the SDK's default multi-line JSON.
"""

from __future__ import annotations

import importlib

from opentelemetry.sdk.metrics.export import (
    ConsoleMetricExporter,
    HistogramDataPoint,
    MetricExporter,
    MetricsData,
)
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export import ConsoleSpanExporter, SpanExporter

from cx.settings import TelemetrySettings

# Where each OTLP exporter class lives: package by ``telemetry.exporter``, then module and
# class by signal. Imported by name only when chosen (see the module docstring).
_OTLP_PACKAGES = {
    "otlp-grpc": "opentelemetry.exporter.otlp.proto.grpc",
    "otlp-http": "opentelemetry.exporter.otlp.proto.http",
}
_OTLP_CLASSES = {
    "traces": ("trace_exporter", "OTLPSpanExporter"),
    "metrics": ("metric_exporter", "OTLPMetricExporter"),
}


def span_exporter(settings: TelemetrySettings) -> SpanExporter | None:
    """The span exporter for ``settings``; ``None`` for ``exporter: none``."""
    if settings.exporter == "console":
        return ConsoleSpanExporter(service_name=settings.service_name, formatter=console_line)
    exporter = _otlp(settings, "traces")
    return exporter if isinstance(exporter, SpanExporter) else None


def metric_exporter(settings: TelemetrySettings) -> MetricExporter | None:
    """The metric exporter for ``settings``; ``None`` for ``exporter: none``."""
    if settings.exporter == "console":
        return ConsoleMetricExporter(formatter=console_metric_lines)
    exporter = _otlp(settings, "metrics")
    return exporter if isinstance(exporter, MetricExporter) else None


def _otlp(settings: TelemetrySettings, signal: str) -> object:
    """The OTLP exporter of ``signal`` for ``settings.exporter``; ``None`` when not OTLP.

    Imported by name, so its type is unknown to the checker: the callers narrow it.
    """
    package = _OTLP_PACKAGES.get(settings.exporter)
    if package is None:
        return None
    module, name = _OTLP_CLASSES[signal]
    endpoint = settings.endpoint or None
    if settings.exporter == "otlp-http":
        endpoint = _http_path(endpoint, signal)
    return getattr(importlib.import_module(f"{package}.{module}"), name)(endpoint=endpoint)


def _http_path(endpoint: str | None, signal: str) -> str | None:
    """OTLP/HTTP wants a per-signal URL; accept the collector's base URL too."""
    if endpoint is None or endpoint.rstrip("/").endswith(f"/v1/{signal}"):
        return endpoint
    return f"{endpoint.rstrip('/')}/v1/{signal}"


def console_line(span: ReadableSpan) -> str:
    """One line per span: ``trace span-name 12.3ms key=value ...``."""
    ctx = span.context
    trace_id = f"{ctx.trace_id:032x}" if ctx else "-"
    took = ((span.end_time or 0) - (span.start_time or 0)) / 1e6
    attrs = " ".join(
        k.removeprefix("cx.") + "=" + str(v)
        for k, v in (span.attributes or {}).items()
        if k.startswith(("cx.", "gen_ai."))
    )
    return f"[otel] {trace_id} {span.name} {took:.1f}ms {attrs}\n"


def console_metric_lines(data: MetricsData) -> str:
    """One line per cx data point: ``name {labels} value`` (histograms: count and sum)."""
    lines: list[str] = []
    for rm in data.resource_metrics:
        for sm in rm.scope_metrics:
            for metric in sm.metrics:
                if not metric.name.startswith("cx."):
                    continue
                for p in metric.data.data_points:
                    attrs = sorted((p.attributes or {}).items())
                    labels = ",".join(k + "=" + str(v) for k, v in attrs)
                    if isinstance(p, HistogramDataPoint):
                        value = f"count={p.count} sum={p.sum:.3f}"
                    else:
                        value = str(getattr(p, "value", ""))
                    lines.append(f"[otel-metric] {metric.name} {{{labels}}} {value}\n")
    return "".join(lines)
