"""User path: high-stakes cases wait for an approver, who approves or rejects from the CLI."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from cx.settings import Settings
from tests.e2e.cli import cx
from tests.e2e.test_operator_submits import unique_case
from workflows.delivery import Outbox

pytestmark = pytest.mark.integration


def wait_listed(case_id: str) -> str:
    """The inbox is a visibility query: poll briefly until the case appears."""
    for _ in range(50):
        listing = cx("approvals", "list")
        if case_id in listing.out:
            return listing.out
        time.sleep(0.1)
    raise AssertionError(f"{case_id} never appeared in the inbox: {listing.out}")


def test_legal_threat_waits_then_approval_sends_exactly_the_shown_draft(
    stack: Settings, tmp_path: Path
) -> None:
    path = unique_case(tmp_path, "03-billing-legal-threat", "ap-legal-1")
    submitted = cx("case", "submit", path, "--wait")
    assert "awaiting approval" in submitted.out, submitted.out
    assert Outbox(stack.outbox_path).for_case("case-ap-legal-1") == []
    assert re.search(
        r"case-ap-legal-1\s+│\s+awaiting_approval\s+│\s+P[12]", wait_listed("case-ap-legal-1")
    )

    shown = cx("approvals", "show", "case-ap-legal-1")
    assert shown.code == 0
    assert "legal action" in shown.out.lower()

    approved = cx("approvals", "approve", "case-ap-legal-1", "--as", "dana")
    assert approved.code == 0, approved.out
    assert approved.out.strip() == "Approved draft v1 of case-ap-legal-1: delivered."
    sent = Outbox(stack.outbox_path).for_case("case-ap-legal-1")
    assert len(sent) == 1
    assert sent[0].text.startswith("Dear Elena")

    again = cx("approvals", "approve", "case-ap-legal-1", "--as", "dana")
    assert again.code == 75
    assert "not awaiting approval (status: delivered)" in again.out


def test_rejection_sends_nothing_and_needs_a_reason(stack: Settings, tmp_path: Path) -> None:
    path = unique_case(tmp_path, "04-bereavement", "ap-bereaved-1")
    assert "awaiting approval" in cx("case", "submit", path, "--wait").out
    missing = cx("approvals", "reject", "case-ap-bereaved-1")
    assert missing.code == 2  # Typer: --reason is required
    rejected = cx(
        "approvals", "reject", "case-ap-bereaved-1", "--reason", "Calling Tom", "--as", "dana"
    )
    assert rejected.code == 0, rejected.out
    assert Outbox(stack.outbox_path).for_case("case-ap-bereaved-1") == []
    assert cx("case", "status", "case-ap-bereaved-1").out.strip() == "case-ap-bereaved-1: rejected"


def test_operator_role_cannot_approve(stack: Settings, tmp_path: Path) -> None:
    path = unique_case(tmp_path, "03-billing-legal-threat", "ap-role-1")
    assert "awaiting approval" in cx("case", "submit", path, "--wait").out
    refused = cx("approvals", "approve", "case-ap-role-1", "--role", "operator")
    assert refused.code == 75
    assert "Role 'operator' cannot decide approvals" in refused.out
    assert Outbox(stack.outbox_path).for_case("case-ap-role-1") == []
