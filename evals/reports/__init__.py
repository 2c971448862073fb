"""Reports of an eval run: terminal, JSON, JUnit XML and a self-contained HTML page.

Every report reads only ``evals.results.RunResult``, so a run saved as JSON can be
reported again, or compared with another (``evals.reports.compare``), long after it ran.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.console import Console

from evals.reports.html import write_html
from evals.reports.json_report import load_run, write_json
from evals.reports.junit import write_junit
from evals.reports.terminal import render_terminal
from evals.results import RunResult

# Kept equal to ``evals.suite.REPORT_FORMATS`` by a test; suites are checked against it.
FORMATS = ("terminal", "json", "junit", "html")
_FILES: dict[str, tuple[str, Callable[[RunResult, Path], Path]]] = {
    "json": ("run.json", write_json),
    "junit": ("junit.xml", write_junit),
    "html": ("report.html", write_html),
}

__all__ = [
    "FORMATS",
    "load_run",
    "render_terminal",
    "write_html",
    "write_json",
    "write_junit",
    "write_reports",
]


def write_reports(
    result: RunResult, out_dir: Path, formats: list[str], console: Console
) -> dict[str, Path]:
    """Produce each requested report; file formats land in ``out_dir``.

    Formats are all checked before anything is written, so a typo does not leave half
    the reports behind.

    Returns:
        The path of each file written, by format (``terminal`` writes no file).

    Raises:
        ValueError: a format is not one of ``FORMATS``.

    """
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"Unknown report format(s) {unknown}; allowed: {list(FORMATS)}.")
    written: dict[str, Path] = {}
    for fmt in dict.fromkeys(formats):
        if fmt == "terminal":
            render_terminal(result, console)
        else:
            name, write = _FILES[fmt]
            written[fmt] = write(result, out_dir / name)
    return written
