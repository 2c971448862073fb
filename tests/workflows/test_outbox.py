"""The outbox writes a (case, draft version) once, however often delivery is retried."""

from __future__ import annotations

from pathlib import Path

from agents.contracts import Channel
from workflows.delivery import Outbox


def test_second_delivery_of_the_same_version_writes_nothing(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "outbox.sqlite3")
    kwargs = {"case_id": "case-1", "draft_version": 2, "channel": Channel.SMS, "recipient": "+1555"}
    first = outbox.deliver(text="Hello", **kwargs)
    retry = outbox.deliver(text="Hello", **kwargs)
    assert (first.newly_written, retry.newly_written) == (True, False)
    assert retry.delivered_at == first.delivered_at
    assert [d.text for d in outbox.for_case("case-1")] == ["Hello"]


def test_versions_and_cases_are_separate(tmp_path: Path) -> None:
    outbox = Outbox(tmp_path / "o.sqlite3")
    outbox.deliver(case_id="a", draft_version=1, channel=Channel.EMAIL, recipient="x", text="1")
    outbox.deliver(case_id="a", draft_version=2, channel=Channel.EMAIL, recipient="x", text="2")
    outbox.deliver(case_id="b", draft_version=1, channel=Channel.EMAIL, recipient="y", text="3")
    assert [d.draft_version for d in outbox.for_case("a")] == [1, 2]
    assert outbox.get("b", 1) is not None and outbox.get("b", 2) is None
