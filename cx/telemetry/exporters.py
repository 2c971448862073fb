"""Span and metric exporters chosen by ``telemetry.exporter``.

OTLP exporters are imported only when chosen, so a process that exports nothing never
loads gRPC or HTTP client code for telemetry. The console exporters print one compact
line per span (trace id, name, duration, ``cx.*`` attributes) and per metric point:
readable in a ``cx dev`` terminal, unlike the SDK's default multi-line JSON.
"""

from __future__ import annotations

from opentelemetry.sdk.metrics.export import (
    ConsoleMetricExporter,
    HistogramDataPoint,
    MetricExporter,
    MetricsData,
)
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export import ConsoleSpanExporter, SpanExporter

from cx.settings import TelemetrySettings


def span_exporter(settings: TelemetrySettings) -> SpanExporter | None:
    """The span exporter for ``settings``; ``None`` for ``exporter: none``."""
    kind, endpoint = settings.exporter, settings.endpoint or None
    if kind == "console":
        return ConsoleSpanExporter(service_name=settings.service_name, formatter=console_line)
    if kind == "otlp-grpc":
        from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter

        return OTLPSpanExporter(endpoint=endpoint)
    if kind == "otlp-http":
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import (
            OTLPSpanExporter as HttpSpanExporter,
        )

        return HttpSpanExporter(endpoint=_http_path(endpoint, "traces"))
    return None


def metric_exporter(settings: TelemetrySettings) -> MetricExporter | None:
    """The metric exporter for ``settings``; ``None`` for ``exporter: none``."""
    kind, endpoint = settings.exporter, settings.endpoint or None
    if kind == "console":
        return ConsoleMetricExporter(formatter=console_metric_lines)
    if kind == "otlp-grpc":
        from opentelemetry.exporter.otlp.proto.grpc.metric_exporter import OTLPMetricExporter

        return OTLPMetricExporter(endpoint=endpoint)
    if kind == "otlp-http":
        from opentelemetry.exporter.otlp.proto.http.metric_exporter import (
            OTLPMetricExporter as HttpMetricExporter,
        )

        return HttpMetricExporter(endpoint=_http_path(endpoint, "metrics"))
    return None


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
