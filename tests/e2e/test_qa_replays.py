"""User path: QA replays real past cases from the server through the current graph."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cx.settings import Settings
from tests.e2e.cli import cx
from tests.e2e.test_approver_decides import wait_listed
from tests.e2e.test_operator_submits import unique_case

pytestmark = pytest.mark.integration


def test_replay_compares_then_and_now_and_catches_lost_oversight(
    stack: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calm = unique_case(tmp_path, "01-delivery-question", "qa-replay-calm")
    legal = unique_case(tmp_path, "03-billing-legal-threat", "qa-replay-legal")
    assert cx("case", "submit", calm, "--wait").code == 0
    assert cx("case", "submit", legal, "--wait").code == 0
    wait_listed("case-qa-replay-legal")
    assert cx("approvals", "approve", "case-qa-replay-legal", "--as", "dana").code == 0

    same = cx("eval", "replay", "--limit", "200")
    assert same.code == 0, same.out
    assert re.search(
        r"case-qa-replay-calm\s+│\s+auto -> auto\s+│\s+delivery_delay\s+│.*│\s+same", same.out
    )
    assert re.search(
        r"case-qa-replay-legal\s+│\s+human -> human\s+│\s+billing_dispute\s+│.*│\s+same", same.out
    )

    # A configuration change that drops both safeguards of this case (the always-human
    # signals and the refund cap it exceeds) must be caught before it ships.
    monkeypatch.setenv("CX_RISK__ALWAYS_HUMAN_SIGNALS", "[]")
    monkeypatch.setenv("CX_RISK__AUTO_REFUND_CAP", "100000")
    lost = cx("eval", "replay", "--limit", "200", "--fail-on-lost-oversight")
    assert lost.code == 1
    assert re.search(r"case-qa-replay-legal\s+│\s+human -> auto", lost.out)
