"""``Telemetry``: the tracer, the case metrics and the PII switch one process uses.

Built from ``TelemetrySettings`` by ``build_telemetry`` (tests pass an in-memory span
exporter and metric reader instead), or installed once per process by ``install``,
which ``workflows.client.connect`` calls so every entry point (CLI, worker, ``cx dev``,
eval runs) traces as configured without extra wiring. With ``exporter: none`` nothing
is installed and ``DISABLED`` (no-op tracer and meter) is used: tests and the default
configuration pay almost nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import opentelemetry.metrics
import opentelemetry.trace
from opentelemetry.metrics import NoOpMeter
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import MetricReader, PeriodicExportingMetricReader
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import (
    BatchSpanProcessor,
    SimpleSpanProcessor,
    SpanExporter,
)
from opentelemetry.trace import NoOpTracer, Tracer
from temporalio.contrib.opentelemetry import ReplaySafeMeterProvider, TracingInterceptor

from cx.settings import TelemetrySettings
from cx.telemetry.exporters import metric_exporter, span_exporter
from cx.telemetry.logs import configure_logging
from cx.telemetry.metrics import CaseMetrics
from cx.telemetry.redacting_exporter import RedactingSpanExporter

SCOPE = "cx"


@dataclass(frozen=True)
class Telemetry:
    """What instrumented code needs: a tracer, the instruments, and whether PII may show."""

    tracer: Tracer
    metrics: CaseMetrics
    record_pii: bool = False
    tracer_provider: TracerProvider | None = field(default=None, compare=False)
    meter_provider: MeterProvider | None = field(default=None, compare=False)

    @property
    def enabled(self) -> bool:
        """True when this process records (``build_telemetry`` made providers)."""
        return self.tracer_provider is not None

    def interceptors(self) -> list[TracingInterceptor]:
        """Temporal client interceptors that carry the trace into workflows and activities."""
        return [TracingInterceptor(self.tracer)] if self.enabled else []

    def flush(self) -> None:
        """Export everything recorded so far (short-lived CLI processes, tests)."""
        if self.tracer_provider is not None:
            self.tracer_provider.force_flush()
        if self.meter_provider is not None:
            self.meter_provider.force_flush()

    def shutdown(self) -> None:
        """Flush and stop the exporters."""
        if self.tracer_provider is not None:
            self.tracer_provider.shutdown()
        if self.meter_provider is not None:
            self.meter_provider.shutdown()


DISABLED = Telemetry(tracer=NoOpTracer(), metrics=CaseMetrics.create(NoOpMeter(SCOPE)))


def build_telemetry(
    settings: TelemetrySettings,
    *,
    spans: SpanExporter | None = None,
    metrics: MetricReader | None = None,
    batch: bool | None = None,
) -> Telemetry:
    """Providers for ``settings`` (or for the given exporter/reader, which win).

    Spans are exported in batches from a background thread, as in production, except
    to a given exporter, which gets each span as it ends (so tests see every span);
    ``batch`` overrides that choice (the benchmark measures the production path).
    """
    exporter = spans or span_exporter(settings)
    reader = metrics or _periodic_reader(settings)
    if exporter is None and reader is None:
        return DISABLED
    resource = Resource.create({"service.name": settings.service_name})
    tracer_provider = TracerProvider(resource=resource)
    if exporter is not None:
        redacting = RedactingSpanExporter(exporter, record_pii=settings.record_pii)
        batched = batch if batch is not None else spans is None
        processor = BatchSpanProcessor if batched else SimpleSpanProcessor
        tracer_provider.add_span_processor(processor(redacting))
    meter_provider = MeterProvider(resource=resource, metric_readers=[reader] if reader else [])
    meter = ReplaySafeMeterProvider(meter_provider).get_meter(SCOPE)
    return Telemetry(
        tracer=tracer_provider.get_tracer(SCOPE),
        metrics=CaseMetrics.create(meter),
        record_pii=settings.record_pii,
        tracer_provider=tracer_provider,
        meter_provider=meter_provider,
    )


def _periodic_reader(settings: TelemetrySettings) -> MetricReader | None:
    exporter = metric_exporter(settings)
    if exporter is None:
        return None
    interval_ms = settings.metric_interval_s * 1000
    return PeriodicExportingMetricReader(exporter, export_interval_millis=interval_ms)


_installed: Telemetry | None = None


def install(settings: TelemetrySettings) -> Telemetry:
    """Set up this process's telemetry once (later calls return the first result).

    Besides building the providers it makes them OpenTelemetry's global ones (so
    libraries that trace through the global API join the same traces) and configures
    logging. ``exporter: none`` installs nothing, unless JSON logs were asked for.
    """
    global _installed
    if _installed is not None:
        return _installed
    telemetry = build_telemetry(settings)
    if telemetry.enabled or settings.json_logs:
        configure_logging(settings)
    if telemetry.tracer_provider is not None and telemetry.meter_provider is not None:
        # Both are set together by build_telemetry; the check is for the type checker.
        opentelemetry.trace.set_tracer_provider(telemetry.tracer_provider)
        opentelemetry.metrics.set_meter_provider(ReplaySafeMeterProvider(telemetry.meter_provider))
    _installed = telemetry
    return telemetry


def current() -> Telemetry:
    """The telemetry installed in this process, or ``DISABLED`` when none was."""
    return _installed or DISABLED
