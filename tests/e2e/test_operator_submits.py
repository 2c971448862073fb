"""User path: an operator submits cases and follows them (real server, KB and agents)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cx.settings import Settings
from tests.e2e.cli import cx
from workflows.delivery import Outbox

pytestmark = pytest.mark.integration
SAMPLES = Path(__file__).resolve().parents[2] / "cx" / "samples"


def unique_case(tmp_path: Path, sample: str, key: str) -> str:
    """A copy of a sample case with a fresh idempotency key."""
    data = json.loads((SAMPLES / f"{sample}.json").read_text())
    data["idempotency_key"] = key
    path = tmp_path / f"{key}.json"
    path.write_text(json.dumps(data))
    return str(path)


def test_calm_question_is_delivered_automatically_with_citations(
    stack: Settings, tmp_path: Path
) -> None:
    path = unique_case(tmp_path, "01-delivery-question", "op-calm-1")
    submitted = cx("case", "submit", path, "--wait")
    assert submitted.code == 0, submitted.out
    assert "case-op-calm-1 submitted" in submitted.out
    assert "delivered" in submitted.out
    sent = Outbox(stack.outbox_path).for_case("case-op-calm-1")
    assert len(sent) == 1
    assert sent[0].text.startswith("Hi Priya")
    assert "AI assistant" in sent[0].text
    assert sent[0].recipient == "priya@example.com"

    result = cx("case", "result", "case-op-calm-1")
    assert result.code == 0
    assert "Sent to the customer" in result.out


def test_resubmitting_the_same_case_returns_it(stack: Settings, tmp_path: Path) -> None:
    path = unique_case(tmp_path, "01-delivery-question", "op-dup-1")
    assert cx("case", "submit", path, "--wait").code == 0
    again = cx("case", "submit", path)
    assert again.code == 0
    assert "case-op-dup-1 exists already (same idempotency key)" in again.out
    assert len(Outbox(stack.outbox_path).for_case("case-op-dup-1")) == 1


def test_case_list_and_status_show_the_case(stack: Settings, tmp_path: Path) -> None:
    path = unique_case(tmp_path, "01-delivery-question", "op-list-1")
    assert cx("case", "submit", path, "--wait").code == 0
    status = cx("case", "status", "case-op-list-1")
    assert status.out.strip() == "case-op-list-1: delivered"
    listing = cx("case", "list", "--status", "delivered")
    assert re.search(r"case-op-list-1\s+│\s+delivered", listing.out), listing.out


def test_malformed_case_names_the_field_and_exits_65(stack: Settings, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"message": "hi", "customer": {"customer_id": "c-1"}}))
    outcome = cx("case", "submit", str(bad))
    assert outcome.code == 65
    assert outcome.out.strip() == "error: bad.json: field 'customer.name': Field required."


def test_unknown_case_id_exits_66(stack: Settings) -> None:
    outcome = cx("case", "status", "case-does-not-exist")
    assert outcome.code == 66
    assert "No case with id 'case-does-not-exist'" in outcome.out


def test_without_a_server_the_cli_says_how_to_start_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CX_TEMPORAL__ADDRESS", "127.0.0.1:1")
    outcome = cx("case", "list")
    assert outcome.code == 69
    assert "Cannot reach Temporal at 127.0.0.1:1" in outcome.out
    assert "cx dev" in outcome.out
