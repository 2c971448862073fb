"""OpenTelemetry for cx: one trace per case, case metrics, correlated logs, no PII.

- ``setup``: ``Telemetry`` (tracer, instruments, PII switch), built from
  ``TelemetrySettings`` or installed once per process; off (``DISABLED``) by default.
- ``attributes``: the stable span, attribute and metric names.
- ``agent_spans`` / ``workflow_events``: what the graph's nodes record, in activities
  and (deterministically) in the workflow.
- ``redact``: PII scrubbing for spans and logs; ``logs``: trace-correlated JSON logs.

The trace crosses Temporal through ``temporalio.contrib.opentelemetry.TracingInterceptor``
on the client (``Telemetry.interceptors``), which workers built from that client inherit.
"""

from cx.telemetry.setup import DISABLED, Telemetry, build_telemetry, current, install

__all__ = ["DISABLED", "Telemetry", "build_telemetry", "current", "install"]
