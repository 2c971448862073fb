"""A workflow harness whose client carries the tracing interceptor, plus span helpers."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable
from pathlib import Path

from opentelemetry.sdk.trace import ReadableSpan
from temporalio.client import Client

from agents.contracts import BookingContext, CaseInput, CustomerProfile, Delivery
from cx.telemetry import Telemetry
from tests.workflows.harness import Harness
from workflows.delivery import Outbox

log = logging.getLogger("cx.tests.outbox")

# Customer data that must never reach a span or a log line.
NAME = "Ada Lovelace"
EMAIL = "ada.lovelace@example.com"
PHONE = "+44 20 7946 0958"
CARD = "4111 1111 1111 1111"
BOOKING = "QX7K2P"
SECRET_WORDS = "my cat Babbage chewed the boarding pass"
PII = (NAME, "Lovelace", EMAIL, PHONE, CARD, BOOKING, SECRET_WORDS)


class FlakyOutbox:
    """The real outbox, but the first send fails with the recipient in the error."""

    def __init__(self, outbox: Outbox) -> None:
        self.outbox = outbox
        self.failed = False

    def deliver(
        self, *, case_id: str, draft_version: int, channel: str, recipient: str, text: str
    ) -> Delivery:
        log.warning("sending draft v%d to %s: %s", draft_version, recipient, text)
        if not self.failed:
            self.failed = True
            raise ConnectionError(f"SMTP refused {recipient} for {text!r}")
        return self.outbox.deliver(
            case_id=case_id,
            draft_version=draft_version,
            channel=channel,
            recipient=recipient,
            text=text,
        )


class TracedHarness(Harness):
    """``Harness`` with the tracing interceptor on its client and worker, and a flaky outbox."""

    def __init__(self, client: Client, tmp_path: Path, telemetry: Telemetry) -> None:
        config = client.config()
        config["interceptors"] = telemetry.interceptors()
        super().__init__(Client(**config), tmp_path)
        self.telemetry = telemetry
        self.deliverer = FlakyOutbox(self.outbox)

    def case(self, message: str = "", operator: str = "op-olga") -> CaseInput:
        """A case full of customer data (``PII``); ``message`` is appended as a marker."""
        return CaseInput(
            message=f"Hi, {NAME} here ({EMAIL}, {PHONE}). Card {CARD}, booking {BOOKING}; "
            f"{SECRET_WORDS}. Refund please. {message}",
            subject=f"Refund for {BOOKING}",
            customer=CustomerProfile(customer_id="cust-77", name=NAME, email=EMAIL, phone=PHONE),
            context=BookingContext(kind="flight", reference=BOOKING, description=SECRET_WORDS),
            operator_id=operator,
            idempotency_key=uuid.uuid4().hex,
        )


def in_trace(spans: Iterable[ReadableSpan], trace_id: str) -> list[ReadableSpan]:
    """The spans of one trace, in start order."""
    found = [s for s in spans if s.context and f"{s.context.trace_id:032x}" == trace_id]
    return sorted(found, key=lambda s: s.start_time or 0)


def by_name(spans: Iterable[ReadableSpan]) -> dict[str, list[ReadableSpan]]:
    out: dict[str, list[ReadableSpan]] = {}
    for s in spans:
        out.setdefault(s.name, []).append(s)
    return out


def parent_name(span: ReadableSpan, spans: Iterable[ReadableSpan]) -> str | None:
    """The name of ``span``'s parent among ``spans`` (None for a root)."""
    if span.parent is None:
        return None
    ids = {s.context.span_id: s.name for s in spans if s.context}
    return ids.get(span.parent.span_id, "<outside>")


def all_text(spans: Iterable[ReadableSpan]) -> str:
    """Every string a span exports: names, attributes, events, status."""
    parts: list[str] = []
    for s in spans:
        parts.append(s.name)
        parts += [f"{k}={v}" for k, v in (s.attributes or {}).items()]
        for e in s.events:
            parts += [e.name, *(f"{k}={v}" for k, v in (e.attributes or {}).items())]
        parts.append(s.status.description or "")
    return "\n".join(parts)


def tree(spans: list[ReadableSpan]) -> str:
    """An indented picture of the trace, for assertion messages."""
    return "\n".join(f"{s.name} <- {parent_name(s, spans)}" for s in spans)
