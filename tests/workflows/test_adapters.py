"""Webhook and SMTP delivery against real local receivers: retries, keys, exactly once."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from email import message_from_bytes
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from agents.contracts import Channel
from cx.devstack import free_port
from cx.errors import ConfigError
from cx.settings import Settings
from workflows.adapters import SmtpDeliverer, WebhookDeliverer, build_deliverer
from workflows.adapters.smtp import RecipientError
from workflows.adapters.webhook import DeliveryRefusedError
from workflows.delivery import Outbox

SEND = {
    "case_id": "case-7",
    "draft_version": 2,
    "channel": Channel.EMAIL,
    "recipient": "ada@example.com",
    "text": "Hello Ada",
}


class Receiver(BaseHTTPRequestHandler):
    """Answers with the next scripted status; records every request it got."""

    statuses: list[int]
    seen: list[tuple[str, dict[str, Any]]]

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.seen.append((self.headers["Idempotency-Key"], body))
        self.send_response(self.statuses.pop(0) if self.statuses else 200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[tuple[str, type[Receiver]]]:
    handler = type("Scripted", (Receiver,), {"statuses": [], "seen": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook", handler
    server.shutdown()
    server.server_close()


def test_webhook_retries_a_503_then_never_sends_twice(
    receiver: tuple[str, type[Receiver]], tmp_path: Path
) -> None:
    url, handler = receiver
    handler.statuses = [503]
    hook = WebhookDeliverer(url, Outbox(tmp_path / "o.sqlite3"), backoff_s=0.01)
    first = hook.deliver(**SEND)
    again = hook.deliver(**SEND)
    assert (first.newly_written, again.newly_written) == (True, False)
    assert [key for key, _ in handler.seen] == ["case-7:v2", "case-7:v2"]
    assert handler.seen[-1][1]["text"] == "Hello Ada"


def test_webhook_4xx_is_refused_at_once_and_nothing_is_recorded(
    receiver: tuple[str, type[Receiver]], tmp_path: Path
) -> None:
    url, handler = receiver
    handler.statuses = [422]
    ledger = Outbox(tmp_path / "o.sqlite3")
    with pytest.raises(DeliveryRefusedError, match="refused delivery case-7:v2: HTTP 422"):
        WebhookDeliverer(url, ledger, backoff_s=0.01).deliver(**SEND)
    assert len(handler.seen) == 1 and ledger.for_case("case-7") == []


class Sink:
    """aiosmtpd handler keeping every message it receives."""

    def __init__(self) -> None:
        self.messages: list[bytes] = []

    async def handle_DATA(self, server: object, session: object, envelope: Any) -> str:
        self.messages.append(envelope.content)
        return "250 OK"


def test_smtp_sends_once_with_a_stable_message_id(tmp_path: Path) -> None:
    sink, port = Sink(), free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        mail = SmtpDeliverer("127.0.0.1", port, "care@juniper.example", Outbox(tmp_path / "o"))
        mail.deliver(**SEND)
        mail.deliver(**SEND)
        with pytest.raises(RecipientError, match="no email address"):
            mail.deliver(**{**SEND, "case_id": "case-8", "recipient": "+1555"})
    finally:
        controller.stop()
    [raw] = sink.messages
    msg = message_from_bytes(raw)
    assert (msg["To"], msg["Message-ID"]) == ("ada@example.com", "<case-7.v2@juniper.example>")
    assert msg["Idempotency-Key"] == "case-7:v2"
    assert msg.get_payload().strip() == "Hello Ada"


def test_adapter_is_chosen_by_settings(tmp_path: Path) -> None:
    assert isinstance(build_deliverer(Settings(data_dir=tmp_path)), Outbox)
    hook = Settings(data_dir=tmp_path, delivery={"adapter": "webhook", "webhook_url": "http://x"})
    assert isinstance(build_deliverer(hook), WebhookDeliverer)

    with pytest.raises(ConfigError, match="smtp_sender is empty"):
        build_deliverer(Settings(data_dir=tmp_path, delivery={"adapter": "smtp"}))
