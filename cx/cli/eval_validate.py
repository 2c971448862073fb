"""``cx eval validate``: the dataset validation check, for labelers and CI."""

from __future__ import annotations

from pathlib import Path

import typer

from cx.cli.common import console, fail
from cx.errors import CxError
from evals.validate import default_datasets, validate_datasets

HINT = (
    "Fix each case named above by the labeling rules in evals/datasets/README.md "
    "(a broken label silently skews every eval run), then run `cx eval validate` again."
)


def validate(
    paths: list[Path] | None = typer.Argument(
        None, help="Dataset JSONL files (default: every evals/datasets/*.jsonl)."
    ),
) -> None:
    """Check datasets against the labeling rules; exits 1 listing every problem."""
    files = paths or default_datasets()
    try:
        result = validate_datasets(files)
    except CxError as exc:
        fail(exc)
    for problem in result.problems:
        console.print(str(problem), markup=False, highlight=False, soft_wrap=True)
    if result.problems:
        count = f"{len(result.problems)} problem(s) in {result.files} file(s)."
        console.print(f"{count} {HINT}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(1)
    console.print(f"OK ({result.cases} cases in {result.files} files)", highlight=False)
