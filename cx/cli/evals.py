"""``cx eval``: QA's eval suites (run, compare, validate) with reports and CI gates."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from agents.graph import AgentServices
from cx.cli import eval_validate
from cx.cli.common import console, fail, run, settings
from cx.errors import CxError, InputError
from cx.settings import Settings
from evals.dataset import load_dataset
from evals.replay import ReplayRow, past_cases, replay
from evals.reports import write_reports
from evals.reports.compare import compare_runs, render_comparison
from evals.reports.json_report import load_run
from evals.results import CaseRecord
from evals.scorers import metric_names
from evals.session import RunOptions, run_suite
from evals.suite import load_suite
from workflows.client import connect
from workflows.services import build_services, ensure_knowledge_base

app = typer.Typer(
    help="Run eval suites (tone, accuracy, oversight), compare runs, validate datasets.",
    no_args_is_help=True,
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
        # The suite names its backend so a run is reproducible whatever the environment.
        cfg = cfg.model_copy(
            update={"reasoning": cfg.reasoning.model_copy(update={"backend": suite.backend})}
        )
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

        try:
            result = run(run_suite(suite, cfg, services, options, advance))
        except CxError as exc:  # e.g. the suite's judge model cannot be built
            fail(exc)
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


@app.command("replay")
def replay_(
    limit: int = typer.Option(50, min=1, max=10_000, help="At most this many past cases."),
    fail_on_lost_oversight: bool = typer.Option(
        False,
        "--fail-on-lost-oversight",
        help="Exit 1 if a case a human decided would now go out alone.",
    ),
) -> None:
    """Re-run real past cases (from the server's workflow histories) through the current graph."""
    cfg = settings()
    try:
        services = build_services(cfg)
    except CxError as exc:
        fail(exc)
    rows = run(_replay(cfg, services, limit))
    console.print(replay_table(rows))
    lost = [r.case_id for r in rows if r.lost_oversight]
    changed = sum(r.route_changed for r in rows)
    console.print(
        f"{len(rows)} past case(s); {changed} route change(s); {len(lost)} lost oversight."
    )
    if fail_on_lost_oversight and lost:
        raise typer.Exit(1)


async def _replay(cfg: Settings, services: AgentServices, limit: int) -> list[ReplayRow]:
    client = await connect(cfg)
    return await replay(await past_cases(client, limit=limit), services)


def replay_table(rows: list[ReplayRow]) -> Table:
    """Then versus now, one row per past case; changes highlighted."""
    table = Table(title="Replay: then -> now", title_justify="left")
    for column in ("case", "route", "intent", "status", "text"):
        table.add_column(column)
    for r in rows:
        route = f"{r.route_then} -> {r.route_now}"
        table.add_row(
            r.case_id,
            f"[red]{route}[/]" if r.lost_oversight else route,
            f"{r.intent_then} -> {r.intent_now}" if r.intent_then != r.intent_now else r.intent_now,
            f"{r.status_then} -> {r.status_now}",
            "changed" if r.text_changed else "same",
        )
    return table


# Last, so `cx eval --help` lists it after the commands QA runs most.
app.command("validate")(eval_validate.validate)
