"""A run as JSON: the one durable form, read back by ``load_run`` for reports and compare."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from cx.errors import InputError
from evals.results import RunResult

RUN_FILE = "run.json"


class RunFileError(InputError, ValueError):
    """A saved run is missing or unreadable.

    It is a ``ValueError`` for library callers and an ``InputError`` so the CLI prints the
    message on one line. Point at the ``run.json`` an eval run wrote, or its directory.
    """


def write_json(result: RunResult, path: Path) -> Path:
    """Write the run, every record included, so it can be reloaded and compared later."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(result.model_dump_json(indent=2), encoding="utf-8")
    return path


def load_run(path: Path) -> RunResult:
    """Read a run from a ``run.json`` file or a directory holding one.

    Raises:
        RunFileError: the file is missing, not JSON, or not a run (message says which).

    """
    file = path / RUN_FILE if path.is_dir() else path
    if not file.is_file():
        raise RunFileError(
            f"No eval run at {path}: expected a {RUN_FILE} file or a directory containing one."
        )
    try:
        return RunResult.model_validate_json(file.read_bytes())
    except ValidationError as exc:
        raise RunFileError(f"{file} is not a valid eval run: {_first_error(exc)}") from exc


def _first_error(exc: ValidationError) -> str:
    """The first problem only: a broken run can hold thousands of errors."""
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"]) or "document"
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return f"{where}: {error['msg']}{more}"
