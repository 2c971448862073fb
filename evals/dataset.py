"""Loading labeled datasets: a bad line is reported (file:line and field) and skipped."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from cx.errors import InputError, first_problem
from evals.contracts import EvalCase


@dataclass
class Dataset:
    """The valid cases of one or more JSONL files, and what was skipped and why."""

    cases: list[EvalCase] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def load_dataset(paths: list[Path], *, limit: int | None = None) -> Dataset:
    """Read every line of ``paths``; malformed lines are skipped with a reason."""
    data = Dataset()
    for path in paths:
        if not path.is_file():
            raise InputError(f"Dataset {path} does not exist.")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                _add_line(data, line, f"{path.name}:{number}")
    if limit is not None:
        data.cases = data.cases[:limit]
    return data


def _add_line(data: Dataset, line: str, where: str) -> None:
    try:
        data.cases.append(EvalCase.model_validate_json(line))
    except ValidationError as exc:
        data.skipped.append(f"{where}: {first_problem(exc)}")
