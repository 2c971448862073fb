"""Reading case files: clear one-line errors that name the field, stable idempotency keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cx.case_files import read_cases
from cx.errors import InputError

GOOD = {
    "message": "Where is my parcel?",
    "customer": {"customer_id": "c-1", "name": "Ada"},
}


def write(tmp_path: Path, name: str, content: str) -> str:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return str(path)


def test_json_case_gets_a_stable_content_key(tmp_path: Path) -> None:
    path = write(tmp_path, "case.json", json.dumps(GOOD))
    first = read_cases(path, max_message_chars=1000)[0]
    again = read_cases(path, max_message_chars=1000)[0]
    assert first.idempotency_key == again.idempotency_key
    assert first.idempotency_key.startswith("auto-") and len(first.idempotency_key) == 29


def test_yaml_case_with_explicit_key(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "case.yaml",
        "message: Hello\nidempotency_key: k-1\ncustomer:\n  customer_id: c-1\n  name: Ada\n",
    )
    assert read_cases(path, max_message_chars=1000)[0].idempotency_key == "k-1"


def test_missing_field_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.json", json.dumps({"message": "hi", "customer": {"name": "A"}}))
    with pytest.raises(InputError, match=r"bad.json: field 'customer.customer_id': Field required"):
        read_cases(path, max_message_chars=1000)


def test_wrong_enum_value_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.json", json.dumps({**GOOD, "channel": "fax"}))
    with pytest.raises(
        InputError, match=r"field 'channel': Input should be 'email', 'chat' or 'sms'"
    ):
        read_cases(path, max_message_chars=1000)


def test_huge_message_is_refused_with_the_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "big.json", json.dumps({**GOOD, "message": "x" * 2001}))
    with pytest.raises(InputError, match=r"message is 2,001 characters; the limit is 2,000"):
        read_cases(path, max_message_chars=2000)


def test_jsonl_errors_name_the_line(tmp_path: Path) -> None:
    lines = [json.dumps(GOOD), json.dumps({"message": "no customer"})]
    path = write(tmp_path, "batch.jsonl", "\n".join(lines))
    with pytest.raises(InputError, match=r"batch.jsonl:2: field 'customer': Field required"):
        read_cases(path, max_message_chars=1000)


def test_not_a_mapping_and_garbage_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="must be a mapping"):
        read_cases(write(tmp_path, "list.json", "[1, 2]"), max_message_chars=10)
    with pytest.raises(InputError, match="neither valid JSON nor YAML"):
        read_cases(write(tmp_path, "junk.json", "{: ["), max_message_chars=10)
    with pytest.raises(InputError, match="nope.json: no such file"):
        read_cases(str(tmp_path / "nope.json"), max_message_chars=10)
