"""A span exporter wrapper that strips customer PII from what cx does not choose.

cx's own attributes are ids, enums, numbers and hashes; this is the second line of
defence (see ``redact``) for exception events and status descriptions, which quote
their input, and for attributes set by libraries.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from opentelemetry.sdk.trace import Event, ReadableSpan
from opentelemetry.sdk.trace.export import SpanExporter, SpanExportResult
from opentelemetry.trace import Status
from opentelemetry.util.types import Attributes, AttributeValue

from cx.telemetry.redact import MAX_TEXT, PII, label, scrub

# Exception events keep their type; message and stack trace may quote the customer.
_DROPPED_EVENT_KEYS = frozenset({"exception.message", "exception.stacktrace"})
REDACTED = "[redacted]"


def redact_description(description: str) -> str:
    """A status description (``"Type: message"``) with only the exception type kept."""
    kind, sep, _ = description.partition(":")
    return f"{kind}: {REDACTED}" if sep and kind.isidentifier() else REDACTED


@functools.lru_cache(maxsize=8192)
def _scrub_attribute(text: str) -> str:
    """``scrub`` for attribute strings, which repeat (case ids, run ids, enums): cached."""
    return PII.sub(label, text) if len(text) <= MAX_TEXT else scrub(text)


def scrub_value(value: AttributeValue) -> AttributeValue:
    """An attribute value with its strings scrubbed (numbers and booleans as they are)."""
    if isinstance(value, str):
        return _scrub_attribute(value)
    if isinstance(value, Sequence) and value and isinstance(value[0], str):
        return tuple(_scrub_attribute(str(v)) for v in value)
    return value


def scrub_attributes(attributes: Attributes, drop: frozenset[str] = frozenset()) -> Attributes:
    """A copy of ``attributes`` with every string scrubbed and ``drop`` keys removed."""
    if not attributes:
        return attributes
    return {k: scrub_value(v) for k, v in attributes.items() if k not in drop}


def scrubbed_span(span: ReadableSpan) -> ReadableSpan:
    """A copy of ``span`` whose attributes, events and status carry no PII-shaped text."""
    attributes = scrub_attributes(span.attributes)
    status = span.status
    if not status.description and not span.events and attributes == span.attributes:
        return span  # nothing to hide: skip the copy (the common case)
    if status.description:
        status = Status(status.status_code, redact_description(status.description))
    events = [
        Event(e.name, scrub_attributes(e.attributes, _DROPPED_EVENT_KEYS), e.timestamp)
        for e in span.events
    ]
    return ReadableSpan(
        name=span.name,
        context=span.context,
        parent=span.parent,
        resource=span.resource,
        attributes=attributes,
        events=events,
        links=span.links,
        kind=span.kind,
        status=status,
        start_time=span.start_time,
        end_time=span.end_time,
        instrumentation_scope=span.instrumentation_scope,
    )


class RedactingSpanExporter(SpanExporter):
    """Scrubs every span before the wrapped exporter sees it (unless PII is allowed)."""

    def __init__(self, inner: SpanExporter, *, record_pii: bool = False) -> None:
        self.inner = inner
        self.record_pii = record_pii

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        """Export scrubbed copies of ``spans``."""
        if self.record_pii:
            return self.inner.export(spans)
        return self.inner.export([scrubbed_span(s) for s in spans])

    def shutdown(self) -> None:
        """Shut the wrapped exporter down."""
        self.inner.shutdown()

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        """Flush the wrapped exporter."""
        return self.inner.force_flush(timeout_millis)
