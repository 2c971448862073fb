"""PII redaction: patterns, a case's own values, and what exporters receive."""

from __future__ import annotations

import hashlib

from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from cx.settings import TelemetrySettings
from cx.telemetry import build_telemetry
from cx.telemetry.redact import case_pii, fingerprint, scrub
from tests.telemetry.traced import CARD, EMAIL, NAME, PHONE


def test_scrub_masks_contact_card_booking_and_order_numbers() -> None:
    text = (
        f"Mail {EMAIL} or call {PHONE} / (555) 123-4567; card {CARD}, PNR QX7K2P, order AB-123456."
    )
    assert scrub(text) == (
        "Mail [email] or call [phone] / [phone]; card [card], PNR [booking], order [order]."
    )


def test_scrub_leaves_ids_and_hashes_alone() -> None:
    digest = hashlib.sha256(b"x").hexdigest()
    ids = (
        f"case-0ad972a33d4e4288b2871ad315cb9c51 {digest} refunds#when#0 P2 v3 2025-06-01 2026.03-1"
    )
    assert scrub(ids) == ids


def test_a_case_s_own_values_are_masked_while_it_is_worked_on() -> None:
    case = {"customer": {"name": NAME, "email": EMAIL}, "message": "my cat ate it"}
    line = f"Dear {NAME}, Lovelace said: my cat ate it"
    with case_pii(case):
        assert scrub(line) == "Dear [pii], [pii] said: [pii]"
    assert scrub(line) == line  # outside the case nothing is known about her


def test_fingerprint_is_stable_and_short() -> None:
    assert fingerprint("cust-77") == hashlib.sha256(b"cust-77").hexdigest()[:16]


def _failing_span(record_pii: bool) -> InMemorySpanExporter:
    exporter = InMemorySpanExporter()
    settings = TelemetrySettings(record_pii=record_pii)
    telemetry = build_telemetry(settings, spans=exporter)
    try:
        with telemetry.tracer.start_as_current_span("cx.agent.draft", attributes={"note": EMAIL}):
            raise ValueError(f"bad input {NAME}")
    except ValueError:
        pass
    telemetry.shutdown()
    return exporter


def test_exported_spans_keep_the_exception_type_not_its_message() -> None:
    (span,) = _failing_span(record_pii=False).get_finished_spans()
    assert span.status.description == "ValueError: [redacted]"
    assert dict(span.attributes or {}) == {"note": "[email]"}
    (event,) = span.events
    assert sorted(event.attributes or {}) == ["exception.escaped", "exception.type"]


def test_record_pii_exports_everything_for_debugging() -> None:
    (span,) = _failing_span(record_pii=True).get_finished_spans()
    assert span.status.description == f"ValueError: bad input {NAME}"
    assert dict(span.attributes or {}) == {"note": EMAIL}
    (event,) = span.events
    assert (event.attributes or {})["exception.message"] == f"bad input {NAME}"
