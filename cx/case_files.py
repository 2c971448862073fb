"""Reading case files (JSON, YAML or JSONL; ``-`` for stdin) into validated ``CaseInput``s.

A case without an ``idempotency_key`` gets one derived from its content, so submitting
the same file twice is the same case, not two.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from agents.contracts import CaseInput
from cx.errors import InputError, first_problem

MAX_FILE_BYTES = 5 * 1024 * 1024


def read_cases(source: str, *, max_message_chars: int) -> list[CaseInput]:
    """All cases in ``source`` (a path or ``-``); one per line for ``.jsonl``."""
    text, name = _read_text(source)
    if name.endswith(".jsonl"):
        raw_items = [_parse(line, f"{name}:{n}") for n, line in _numbered(text)]
        labels = [f"{name}:{n}" for n, _ in _numbered(text)]
    else:
        raw_items, labels = [_parse(text, name)], [name]
    return [
        to_case(raw, label, max_message_chars) for raw, label in zip(raw_items, labels, strict=True)
    ]


def _numbered(text: str) -> list[tuple[int, str]]:
    return [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]


def _read_text(source: str) -> tuple[str, str]:
    if source == "-":
        return sys.stdin.read(), "<stdin>"
    path = Path(source)
    if not path.is_file():
        raise InputError(f"{source}: no such file. Pass a JSON/YAML case file, or - for stdin.")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise InputError(f"{source}: larger than {MAX_FILE_BYTES // 1_048_576} MiB; not a case.")
    try:
        return path.read_text(encoding="utf-8"), path.name
    except UnicodeDecodeError as exc:
        raise InputError(f"{source}: not UTF-8 text ({exc.reason}).") from exc


def _parse(text: str, label: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        pass
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InputError(f"{label}: neither valid JSON nor YAML ({exc}).") from exc


def to_case(raw: Any, label: str, max_message_chars: int) -> CaseInput:
    """Validate one parsed case, naming the first bad field in the error."""
    if not isinstance(raw, dict):
        raise InputError(f"{label}: a case must be a mapping with message and customer fields.")
    data = dict(raw)
    data.setdefault("idempotency_key", content_key(data))
    try:
        case = CaseInput.model_validate(data)
    except ValidationError as exc:
        raise InputError(f"{label}: {first_problem(exc)}.") from exc
    if len(case.message) > max_message_chars:
        raise InputError(
            f"{label}: message is {len(case.message):,} characters; the limit is "
            f"{max_message_chars:,} (limits.max_message_chars). Summarize it or attach a file."
        )
    return case


def content_key(data: dict[str, Any]) -> str:
    """A stable idempotency key from a case's content (same content, same key)."""
    canonical = json.dumps(data, sort_keys=True, default=str).encode("utf-8")
    return "auto-" + hashlib.sha256(canonical).hexdigest()[:24]
