"""Telemetry fixtures: in-memory span exporter and metric reader, a traced client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from temporalio.client import Client

from cx.settings import TelemetrySettings
from cx.telemetry import Telemetry, build_telemetry
from tests.telemetry.traced import TracedHarness


@pytest.fixture
def spans() -> InMemorySpanExporter:
    return InMemorySpanExporter()


@pytest.fixture
def metrics() -> InMemoryMetricReader:
    return InMemoryMetricReader()


@pytest.fixture
def telemetry(spans: InMemorySpanExporter, metrics: InMemoryMetricReader) -> Iterator[Telemetry]:
    t = build_telemetry(TelemetrySettings(), spans=spans, metrics=metrics)
    yield t
    t.shutdown()


@pytest.fixture
def th(client: Client, tmp_path: Path, telemetry: Telemetry) -> TracedHarness:
    return TracedHarness(client, tmp_path, telemetry)
