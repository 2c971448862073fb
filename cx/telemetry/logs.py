"""Logs correlated with traces, optionally as JSON, with PII scrubbed.

Every record gets ``trace_id`` and ``span_id`` from the current span (workflow and
activity code included: the Temporal interceptor makes the case's trace current), so a
log line leads to its trace and back. Temporal's own log context (workflow id, activity
type) is kept as fields. Messages pass ``redact.scrub`` unless ``record_pii`` is set.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any, TextIO

from opentelemetry import trace

from cx.settings import TelemetrySettings
from cx.telemetry.redact import scrub

_HANDLER_NAME = "cx-telemetry"
_TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [trace=%(trace_id)s] %(message)s"


class TraceContextFilter(logging.Filter):
    """Adds the current trace and span id to each record; scrubs the message."""

    def __init__(self, *, record_pii: bool = False) -> None:
        super().__init__()
        self.record_pii = record_pii

    def filter(self, record: logging.LogRecord) -> bool:
        """Annotate ``record`` (never drops it)."""
        ctx = trace.get_current_span().get_span_context()
        record.trace_id = f"{ctx.trace_id:032x}" if ctx.is_valid else ""
        record.span_id = f"{ctx.span_id:016x}" if ctx.is_valid else ""
        if not self.record_pii:
            record.msg, record.args = scrub(record.getMessage()), None
        return True


class ScrubbingFormatter(logging.Formatter):
    """The text format, with PII-shaped text masked in tracebacks too."""

    def formatException(self, ei: Any) -> str:
        """The traceback, scrubbed (its last line quotes the exception message)."""
        return scrub(super().formatException(ei), limit=None)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, trace ids, Temporal ids."""

    def format(self, record: logging.LogRecord) -> str:
        """Render ``record`` as a JSON line."""
        out: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "trace_id": getattr(record, "trace_id", ""),
            "span_id": getattr(record, "span_id", ""),
        }
        for key in ("temporal_workflow", "temporal_activity"):
            extra = getattr(record, key, None)
            if isinstance(extra, dict):
                out[key] = {k: str(v) for k, v in extra.items()}
        if record.exc_info and record.exc_info[0] is not None:
            out["exception"] = record.exc_info[0].__name__
        return json.dumps(out, ensure_ascii=False)


def log_handler(settings: TelemetrySettings, stream: TextIO | None = None) -> logging.Handler:
    """A handler writing correlated (JSON or text) records to ``stream`` (stderr)."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.set_name(_HANDLER_NAME)
    handler.addFilter(TraceContextFilter(record_pii=settings.record_pii))
    text = logging.Formatter if settings.record_pii else ScrubbingFormatter
    handler.setFormatter(JsonFormatter() if settings.json_logs else text(_TEXT_FORMAT))
    return handler


def configure_logging(settings: TelemetrySettings) -> None:
    """Install the correlated handler on the root logger, once."""
    root = logging.getLogger()
    if any(h.get_name() == _HANDLER_NAME for h in root.handlers):
        return
    root.addHandler(log_handler(settings))
    root.setLevel(settings.log_level.upper())
