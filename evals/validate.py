"""The dataset validation check: every line of every dataset file follows the labeling rules.

``evals.dataset.load_dataset`` skips a malformed line so a run can go on; this check is
where such a line (and every label the README's rules forbid) becomes a failure, before
a broken case quietly lowers a metric. Run it as ``cx eval validate`` or through the test
that covers every file in ``evals/datasets``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from cx.errors import InputError
from evals.case_checks import References, check_case, default_references
from evals.contracts import EvalCase

DATASETS_DIR = Path(__file__).resolve().parent / "datasets"


@dataclass(frozen=True)
class Problem:
    """One broken rule: where it is (``file:line``), in which case, and what is wrong."""

    where: str
    case_id: str
    message: str

    def __str__(self) -> str:
        return f"{self.where} {self.case_id}: {self.message}"


@dataclass
class Validation:
    """The problems found in a set of files, and how many cases and files were read."""

    problems: list[Problem] = field(default_factory=list)
    cases: int = 0
    files: int = 0


def default_datasets() -> list[Path]:
    """Every ``evals/datasets/*.jsonl``, in name order."""
    return sorted(DATASETS_DIR.glob("*.jsonl"))


def expected_split(path: Path) -> str | None:
    """``dev`` for dev.jsonl, ``test`` for test*.jsonl, None when the name says nothing."""
    if path.name == "dev.jsonl":
        return "dev"
    return "test" if path.name.startswith("test") and path.suffix == ".jsonl" else None


def validate_dataset(path: Path, refs: References | None = None) -> list[Problem]:
    """Every problem of one file."""
    return validate_datasets([path], refs).problems


def validate_datasets(paths: Sequence[Path], refs: References | None = None) -> Validation:
    """Every problem of ``paths`` together (an id must be unique across all of them)."""
    refs = refs or default_references()
    result = Validation(files=len(paths))
    first_seen: dict[str, str] = {}
    for path in paths:
        for where, line in _lines(path):
            result.cases += 1
            case = _parse(line, where, result.problems)
            if case is None:
                continue
            messages = check_case(case, refs)
            if case.split != (expected_split(path) or case.split):
                messages.append(f"split '{case.split}' does not match the file {path.name}")
            if case.id in first_seen:
                messages.append(f"duplicate id (first at {first_seen[case.id]})")
            first_seen.setdefault(case.id, where)
            result.problems += [Problem(where, case.id, m) for m in messages]
    return result


def _lines(path: Path) -> Iterator[tuple[str, str]]:
    if not path.is_file():
        raise InputError(
            f"Dataset {path} does not exist. Name a .jsonl file, or give no path to check"
            " every dataset in evals/datasets/."
        )
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            yield f"{path.name}:{number}", line


def _parse(line: str, where: str, problems: list[Problem]) -> EvalCase | None:
    """The case on ``line``, or None with one problem per schema error."""
    try:
        return EvalCase.model_validate_json(line)
    except ValidationError as exc:
        case_id = _raw_id(line)
        for error in exc.errors():
            location = ".".join(str(p) for p in error["loc"]) or "line"
            problems.append(Problem(where, case_id, f"field '{location}': {error['msg']}"))
        return None


def _raw_id(line: str) -> str:
    """The id as written, so even an unparseable case can be named."""
    try:
        data = json.loads(line)
    except ValueError:
        return "?"
    return str(data.get("id", "?")) if isinstance(data, dict) else "?"
