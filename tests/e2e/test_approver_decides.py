"""User path: high-stakes cases wait for an approver, who approves or rejects from the CLI."""

from __future__ import annotations

import asyncio
import getpass
import json
import re
import time
from pathlib import Path

import pytest

from cx.settings import Settings, load_settings
from tests.e2e.cli import cx
from tests.e2e.test_operator_submits import unique_case
from workflows import client as svc
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


def test_show_gives_the_whole_task_and_edit_is_checked_then_sent_and_audited(
    stack: Settings, tmp_path: Path
) -> None:
    path = unique_case(tmp_path, "03-billing-legal-threat", "ap-edit-1")
    assert "awaiting approval" in cx("case", "submit", path, "--wait").out
    wait_listed("case-ap-edit-1")
    shown = cx("approvals", "show", "case-ap-edit-1")
    assert shown.code == 0, shown.out
    for part in ("Customer message", "SLA due", "binding", "cited:", "submitted by", "op-sam"):
        assert part in shown.out, part

    leaky = cx(
        "approvals",
        "edit",
        "case-ap-edit-1",
        "--as",
        "dana",
        "--text",
        "Refund to card 4111 1111 1111 1111. An AI assistant drafted this.",
    )
    assert leaky.code == 75
    assert "violates policy (pii.card_number" in leaky.out
    assert Outbox(stack.outbox_path).for_case("case-ap-edit-1") == []

    text = _pending_text("case-ap-edit-1") + "\n\nP.S. Dana from our billing team will follow up."
    edited = cx(
        "approvals",
        "edit",
        "case-ap-edit-1",
        "--as",
        "dana",
        "--text",
        text,
        "--reason",
        "Personal follow-up",
    )
    assert edited.code == 0, edited.out
    assert [d.text for d in Outbox(stack.outbox_path).for_case("case-ap-edit-1")] == [text]

    audit = cx("case", "audit", "case-ap-edit-1", "--json")
    assert audit.code == 0, audit.out
    trail = json.loads(audit.out)
    [record] = trail["records"]
    assert (record["actor"], record["role"], record["action"]) == ("dana", "approver", "edit")
    assert record["at"] and record["reason"] == "Personal follow-up"
    assert "+P.S. Dana from our billing team will follow up." in record["diff"]
    assert trail["delivered_matches_approval"] is True
    assert trail["trace_id"] == ""  # submitted with tracing off (the default)
    readable = cx("case", "audit", "case-ap-edit-1")
    assert "matches the approved text" in readable.out


def _pending_text(case_id: str) -> str:
    async def fetch() -> str:
        client = await svc.connect(load_settings())
        pending = (await svc.view_case(client, case_id)).pending
        assert pending is not None
        return pending.draft_text

    return asyncio.run(fetch())


def test_escalated_case_moves_to_the_senior_inbox(stack: Settings, tmp_path: Path) -> None:
    path = unique_case(tmp_path, "04-bereavement", "ap-senior-1")
    assert "awaiting approval" in cx("case", "submit", path, "--wait").out
    up = cx("approvals", "escalate", "case-ap-senior-1", "--as", "dana", "--reason", "Fee waiver")
    assert up.code == 0, up.out
    for _ in range(50):
        senior = cx("approvals", "list", "--queue", "senior")
        if "case-ap-senior-1" in senior.out:
            break
        time.sleep(0.1)
    assert re.search(r"case-ap-senior-1\s+│\s+awaiting_approval.*│\s+senior", senior.out)
    refused = cx("approvals", "approve", "case-ap-senior-1", "--as", "dana")
    assert refused.code == 75 and "senior queue" in refused.out
    approved = cx(
        "approvals", "approve", "case-ap-senior-1", "--as", "sol", "--role", "senior_approver"
    )
    assert approved.code == 0, approved.out
    assert len(Outbox(stack.outbox_path).for_case("case-ap-senior-1")) == 1


def test_configured_identities_enforce_roles_tokens_and_separation_of_duties(
    stack: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    me = getpass.getuser()
    users = {
        me: {"roles": ["operator", "approver"]},
        "sol": {"roles": ["senior_approver"], "token": "t-sol"},
    }
    monkeypatch.setenv("CX_ACCESS__USERS", json.dumps(users))
    path = unique_case(tmp_path, "03-billing-legal-threat", "ap-sod-1")
    assert "awaiting approval" in cx("case", "submit", path, "--wait").out

    own = cx("approvals", "approve", "case-ap-sod-1")
    assert own.code == 75
    assert f"{me} submitted case case-ap-sod-1 and cannot also decide it" in own.out
    not_held = cx("approvals", "approve", "case-ap-sod-1", "--role", "admin")
    assert not_held.code == 77 and "does not hold the role 'admin'" in not_held.out
    impersonation = cx("approvals", "approve", "case-ap-sod-1", "--as", "sol")
    assert impersonation.code == 77 and "needs their token" in impersonation.out

    monkeypatch.setenv("CX_TOKEN", "t-sol")
    approved = cx("approvals", "approve", "case-ap-sod-1")
    assert approved.code == 0, approved.out
    trail = json.loads(cx("case", "audit", "case-ap-sod-1", "--json").out)
    assert [(r["actor"], r["role"]) for r in trail["records"]] == [("sol", "senior_approver")]


def test_edit_in_editor_sends_the_edited_text_and_bad_ids_are_refused(
    stack: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = unique_case(tmp_path, "03-billing-legal-threat", "ap-editor-1")
    assert "awaiting approval" in cx("case", "submit", path, "--wait").out
    shown = _pending_text("case-ap-editor-1")
    # click runs `$EDITOR FILE`; sed stands in for a person changing the greeting.
    monkeypatch.setenv("EDITOR", "sed -i s/^Dear\\ Elena,/Hello\\ Elena,/")
    edited = cx("approvals", "edit", "case-ap-editor-1", "--as", "dana", "--reason", "warmer")
    assert edited.code == 0, edited.out
    [sent] = Outbox(stack.outbox_path).for_case("case-ap-editor-1")
    assert sent.text == shown.replace("Dear Elena,", "Hello Elena,", 1) != shown

    unknown = cx("approvals", "approve", "case-nope", "--as", "dana")
    assert unknown.code == 66 and "No case with id 'case-nope'" in unknown.out
    closed = cx("approvals", "edit", "case-ap-editor-1", "--as", "dana", "--text", "Hi")
    assert closed.code == 75 and "not awaiting approval (status: delivered)" in closed.out
