"""The outbox: where replies are delivered, exactly once per case and draft version.

A SQLite table with a primary key on ``(case_id, draft_version)``. A retried activity,
a replayed workflow or a worker killed between "sent" and "recorded" all reach the same
``INSERT OR IGNORE``, so the customer never gets a second copy. Other adapters (webhook,
SMTP) sit behind the same ``Deliverer`` protocol and key their idempotency the same way.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from agents.contracts import Channel, Delivery

_SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox (
    case_id TEXT NOT NULL,
    draft_version INTEGER NOT NULL,
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    text TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,
    delivered_at TEXT NOT NULL,
    PRIMARY KEY (case_id, draft_version)
)
"""


def idempotency_key(case_id: str, draft_version: int) -> str:
    """The key every adapter sends with a reply: one per case and draft version."""
    return f"{case_id}:v{draft_version}"


class Outbox:
    """Idempotent outbox in one SQLite file (safe across threads and processes)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as db, db:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=30)

    def deliver(
        self, *, case_id: str, draft_version: int, channel: Channel, recipient: str, text: str
    ) -> Delivery:
        """Write the message unless this case and version were already delivered."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        with closing(self._connect()) as db, db:
            cursor = db.execute(
                "INSERT OR IGNORE INTO outbox VALUES (?, ?, ?, ?, ?, ?, ?)",
                (case_id, draft_version, channel.value, recipient, text, digest, now),
            )
            newly_written = cursor.rowcount == 1
        stored = self.get(case_id, draft_version)
        assert stored is not None  # we just wrote it, or it was there already
        return stored.model_copy(update={"newly_written": newly_written})

    def send_once(
        self,
        send: Callable[[], None],
        *,
        case_id: str,
        draft_version: int,
        channel: Channel,
        recipient: str,
        text: str,
    ) -> Delivery:
        """Run an adapter's ``send`` unless this version is already recorded, then record it.

        Every external adapter (webhook, email) shares this: the ledger row is written only
        after ``send`` returns, so a failed send is retried and a finished one never repeats.
        """
        if (sent := self.get(case_id, draft_version)) is not None:
            return sent.model_copy(update={"newly_written": False})
        send()
        return self.deliver(
            case_id=case_id,
            draft_version=draft_version,
            channel=channel,
            recipient=recipient,
            text=text,
        )

    def get(self, case_id: str, draft_version: int) -> Delivery | None:
        """The delivered message for this case and version, if any."""
        rows = self._select("WHERE case_id = ? AND draft_version = ?", (case_id, draft_version))
        return rows[0] if rows else None

    def for_case(self, case_id: str) -> list[Delivery]:
        """Every message delivered for a case (normally at most one)."""
        return self._select("WHERE case_id = ? ORDER BY draft_version", (case_id,))

    def _select(self, where: str, params: tuple[object, ...]) -> list[Delivery]:
        query = (
            "SELECT case_id, draft_version, channel, recipient, text, text_sha256, delivered_at "
            f"FROM outbox {where}"
        )
        with closing(self._connect()) as db:
            rows = db.execute(query, params).fetchall()
        return [
            Delivery(
                case_id=r[0],
                draft_version=r[1],
                channel=Channel(r[2]),
                recipient=r[3],
                text=r[4],
                text_sha256=r[5],
                delivered_at=r[6],
                newly_written=False,
            )
            for r in rows
        ]
