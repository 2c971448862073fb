"""Email delivery over SMTP, with a deterministic ``Message-ID`` as the idempotency key.

SMTP has no idempotent send; the ledger prevents a second send once the first is
recorded, and a resend after a crash in between carries the same ``Message-ID`` and
``Idempotency-Key`` headers, which mail systems and ticketing tools deduplicate on.
"""

from __future__ import annotations

import smtplib
from email.message import EmailMessage

from agents.contracts import Channel, Delivery
from workflows.delivery import Outbox, idempotency_key


class RecipientError(ValueError):
    """The case has no email address to send to; the email adapter cannot deliver it."""


class SmtpDeliverer:
    """Sends each reply once per ``(case_id, draft_version)`` through an SMTP server."""

    def __init__(
        self,
        host: str,
        port: int,
        sender: str,
        ledger: Outbox,
        *,
        starttls: bool = False,
        username: str | None = None,
        password: str | None = None,
        timeout_s: float = 10,
    ) -> None:
        self.host, self.port, self.sender, self.ledger = host, port, sender, ledger
        self.starttls, self.username, self.password = starttls, username, password
        self.timeout_s = timeout_s

    def deliver(
        self, *, case_id: str, draft_version: int, channel: Channel, recipient: str, text: str
    ) -> Delivery:
        """Send unless the ledger shows this version was sent; then record it."""

        def send() -> None:
            if "@" not in recipient:
                raise RecipientError(
                    f"Case {case_id} has no email address (recipient '{recipient}')."
                )
            self._send(self._message(case_id, draft_version, recipient, text))

        return self.ledger.send_once(
            send,
            case_id=case_id,
            draft_version=draft_version,
            channel=channel,
            recipient=recipient,
            text=text,
        )

    def _message(self, case_id: str, version: int, recipient: str, text: str) -> EmailMessage:
        msg = EmailMessage()
        msg["From"], msg["To"] = self.sender, recipient
        msg["Subject"] = f"Re: your case {case_id}"
        domain = self.sender.rpartition("@")[2] or "cx.local"
        msg["Message-ID"] = f"<{case_id}.v{version}@{domain}>"
        msg["Idempotency-Key"] = idempotency_key(case_id, version)
        msg.set_content(text)
        return msg

    def _send(self, msg: EmailMessage) -> None:
        with smtplib.SMTP(self.host, self.port, timeout=self.timeout_s) as smtp:
            if self.starttls:
                smtp.starttls()
            if self.username and self.password:
                smtp.login(self.username, self.password)
            smtp.send_message(msg)
