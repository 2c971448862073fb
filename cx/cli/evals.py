"""``cx eval``: QA's eval suites (run, compare) with reports and CI gates."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from cx.cli.common import console, fail, run, settings
from cx.errors import CxError, InputError
from evals.dataset import load_dataset
from evals.reports import write_reports
from evals.reports.compare import compare_runs, render_comparison
from evals.reports.json_report import load_run
from evals.results import CaseRecord
from evals.scorers import metric_names
from evals.session import RunOptions, run_suite
from evals.suite import load_suite
from workflows.services import build_services, ensure_knowledge_base

app = typer.Typer(
    help="Run eval suites (tone, accuracy, oversight) and compare runs.", no_args_is_help=True
)
DEFAULT_SUITE = Path(__file__).resolve().parents[2] / "evals" / "suites" / "default.yaml"


@app.command("run")
def run_(
    suite_file: Path = typer.Argument(
        DEFAULT_SUITE, help="Suite YAML (default: the built-in suite)."
    ),
    out: Path = typer.Option(Path("data/evals/latest"), "--out", help="Where reports are written."),
    limit: int | None = typer.Option(None, min=1, help="Only the first N cases (quick checks)."),
    concurrency: int = typer.Option(4, min=1, max=64, help="Cases in flight at once."),
    repeat: int = typer.Option(1, min=1, max=20, help="Run each case N times (spread per metric)."),
    mode: str | None = typer.Option(None, help="Override the suite: graph or workflow."),
) -> None:
    """Run a suite; exits 1 when a gate fails, so CI can block a release on it."""
    if mode not in (None, "graph", "workflow"):
        fail(InputError(f"--mode must be graph or workflow, not '{mode}'."))
    cfg = settings()
    try:
        suite = load_suite(suite_file, metric_names())
        total = len(load_dataset(suite.datasets, limit=limit).cases) * repeat
        ensure_knowledge_base(cfg, console)
        services = build_services(cfg)
    except CxError as exc:
        fail(exc)
    options = RunOptions(limit=limit, concurrency=concurrency, repeat=repeat, mode=mode)
    with _progress_bar() as bar:
        task = bar.add_task(f"{suite.name} ({mode or suite.mode})", total=total)

        def advance(record: CaseRecord) -> None:
            bar.advance(task)

        result = run(run_suite(suite, cfg, services, options, advance))
    written = write_reports(result, out, suite.reports, console)
    for fmt, path in written.items():
        console.print(f"{fmt}: {path}")
    raise typer.Exit(0 if result.passed else 1)


def _progress_bar() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), console=console, transient=True,
    )  # fmt: skip


@app.command()
def compare(
    run_a: Path = typer.Argument(..., help="Baseline run: a run.json or its folder."),
    run_b: Path = typer.Argument(..., help="Candidate run: a run.json or its folder."),
    fail_on_regression: bool = typer.Option(
        False, "--fail-on-regression", help="Exit 1 on any regression."
    ),
    tolerance: float = typer.Option(0.0, min=0, help="Allowed drop in a metric's mean."),
) -> None:
    """Metric deltas and the cases that got worse from RUN_A to RUN_B."""
    try:
        a, b = load_run(run_a), load_run(run_b)
    except ValueError as exc:
        fail(InputError(str(exc)))
    comparison = compare_runs(a, b)
    render_comparison(comparison, console)
    if fail_on_regression and comparison.regressed(tolerance):
        raise typer.Exit(1)
