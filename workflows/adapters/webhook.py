"""Webhook delivery: an HTTP POST with an idempotency key, retried on transient failures.

Transient means a connection error, a timeout, 429 or 5xx; those are retried here with
exponential backoff and then left to Temporal's activity retries. A 4xx is the receiver
refusing the message, which no retry fixes, so it fails at once with ``DeliveryRefused``.
"""

from __future__ import annotations

import time

import httpx

from agents.contracts import Channel, Delivery
from workflows.delivery import Outbox, idempotency_key

_TRANSIENT_STATUS = {408, 425, 429}


class DeliveryRefusedError(RuntimeError):
    """The receiver refused the message (HTTP 4xx): fix the endpoint or payload, not a retry."""


class WebhookDeliverer:
    """POSTs each reply once per ``(case_id, draft_version)`` to ``url``."""

    def __init__(
        self,
        url: str,
        ledger: Outbox,
        *,
        timeout_s: float = 10,
        attempts: int = 3,
        backoff_s: float = 0.5,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.url, self.ledger = url, ledger
        self.attempts, self.backoff_s = attempts, backoff_s
        self._client = httpx.Client(timeout=timeout_s, transport=transport)

    def deliver(
        self, *, case_id: str, draft_version: int, channel: Channel, recipient: str, text: str
    ) -> Delivery:
        """Send unless the ledger shows this version was sent; then record it."""
        payload = {
            "case_id": case_id,
            "draft_version": draft_version,
            "channel": channel.value,
            "recipient": recipient,
            "text": text,
        }
        key = idempotency_key(case_id, draft_version)
        return self.ledger.send_once(
            lambda: self._post(payload, key),
            case_id=case_id,
            draft_version=draft_version,
            channel=channel,
            recipient=recipient,
            text=text,
        )

    def _post(self, payload: dict[str, object], key: str) -> None:
        """POST with retries; the last transient failure propagates for Temporal to retry."""
        for attempt in range(1, self.attempts + 1):
            try:
                response = self._client.post(
                    self.url, json=payload, headers={"Idempotency-Key": key}
                )
            except httpx.TransportError:
                if attempt == self.attempts:
                    raise
            else:
                status = response.status_code
                if status < 300:
                    return
                transient = status >= 500 or status in _TRANSIENT_STATUS
                if not transient:
                    raise DeliveryRefusedError(f"{self.url} refused delivery {key}: HTTP {status}")
                if attempt == self.attempts:
                    response.raise_for_status()
            time.sleep(self.backoff_s * 2 ** (attempt - 1))
