"""Delivery adapters behind the one ``Deliverer`` protocol: outbox, webhook, SMTP.

Every adapter keeps the outbox table as its ledger: a ``(case_id, draft_version)`` already
there is returned without sending again, and each send carries an idempotency key derived
from the same pair (an ``Idempotency-Key`` header, an email ``Message-ID``), so a retry
after a crash between "sent" and "recorded" is recognised by the receiver.
"""

from __future__ import annotations

from agents.ports import Deliverer
from cx.errors import ConfigError
from cx.settings import Settings
from workflows.adapters.smtp import SmtpDeliverer
from workflows.adapters.webhook import WebhookDeliverer
from workflows.delivery import Outbox


def build_deliverer(settings: Settings) -> Deliverer:
    """The configured adapter, with the outbox as its ledger."""
    d, ledger = settings.delivery, Outbox(settings.outbox_path)
    if d.adapter == "outbox":
        return ledger
    if d.adapter == "webhook":
        if not d.webhook_url:
            raise ConfigError("delivery.adapter is 'webhook' but delivery.webhook_url is empty.")
        return WebhookDeliverer(d.webhook_url, ledger, timeout_s=d.timeout_s, attempts=d.attempts)
    if not d.smtp_sender:
        raise ConfigError("delivery.adapter is 'smtp' but delivery.smtp_sender is empty.")
    password = d.smtp_password.get_secret_value() if d.smtp_password else None
    return SmtpDeliverer(
        d.smtp_host,
        d.smtp_port,
        d.smtp_sender,
        ledger,
        starttls=d.smtp_starttls,
        username=d.smtp_username,
        password=password,
        timeout_s=d.timeout_s,
    )


__all__ = ["SmtpDeliverer", "WebhookDeliverer", "build_deliverer"]
