"""``cx dev``, ``cx worker`` and ``cx demo``: running the system.

``cx dev`` is the embedded stack for one machine (Temporal dev server with a persistent
DB file + a worker + the sample knowledge base); ``cx worker`` is what production runs,
any number of times, against a cluster; ``cx demo`` is the guided tour behind
``make demo``.
"""

from __future__ import annotations

import asyncio
import signal

import typer

from cx.cli.common import console, fail, run, settings
from cx.devstack import DevServer, port_in_use
from cx.errors import ConfigError, CxError
from cx.settings import Settings, TelemetrySettings
from workflows.client import connect
from workflows.services import build_services, ensure_knowledge_base
from workflows.worker import build_worker

_OTEL_HELP = (
    "Export traces and metrics: none, console, otlp-grpc or otlp-http (overrides "
    "telemetry.exporter). Give `cx case submit` the same (CX_TELEMETRY__EXPORTER) so a "
    "case's trace starts at submit."
)


def _with_otel(cfg: Settings, exporter: str | None) -> Settings:
    """``cfg`` with the ``--otel`` exporter, validated like the config file's."""
    if not exporter:
        return cfg
    try:
        telemetry = TelemetrySettings.model_validate(
            {**cfg.telemetry.model_dump(), "exporter": exporter}
        )
    except ValueError as exc:
        raise ConfigError(
            f"--otel must be none, console, otlp-grpc or otlp-http, not '{exporter}'."
        ) from exc
    return cfg.model_copy(update={"telemetry": telemetry})


async def _serve_until_stopped(cfg: Settings) -> None:
    """Run a worker until SIGINT/SIGTERM, letting in-flight activities finish."""
    client = await connect(cfg)
    services = build_services(cfg)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    async with build_worker(client, cfg.temporal.task_queue, services):
        console.print(
            f"[green]worker ready[/] on task queue '{cfg.temporal.task_queue}' "
            f"at {cfg.temporal.address} (backend: {services.backend.name}, "
            f"telemetry: {cfg.telemetry.exporter}). Ctrl-C to stop."
        )
        await stop.wait()
    console.print("worker stopped.")


def worker(otel: str = typer.Option("", "--otel", help=_OTEL_HELP)) -> None:
    """Run a worker against the configured Temporal server (a cluster in production)."""
    try:
        cfg = _with_otel(settings(), otel)
    except CxError as exc:
        fail(exc)
    run(_serve_until_stopped(cfg))


def dev(otel: str = typer.Option("", "--otel", help=_OTEL_HELP)) -> None:
    """Start the embedded stack: Temporal dev server (persistent), sample KB, worker.

    Everything stays under the data dir (``CX_DATA_DIR``, default ./data), so cases
    waiting for approval survive a restart. Ctrl-C stops it all. ``--otel console``
    prints one line per span of every case the worker runs.
    """
    try:
        cfg = _with_otel(settings(), otel)
    except CxError as exc:
        fail(exc)
    server: DevServer | None = DevServer(cfg)
    assert server is not None
    if port_in_use(server.host, server.port):
        console.print(
            f"Temporal already answers at {cfg.temporal.address}; starting the worker only."
        )
        server = None
    try:
        if server:
            console.print(f"starting Temporal dev server ({cfg.temporal_db_path}) ...")
            run(server.start())
            console.print(
                f"[green]Temporal ready[/] at {cfg.temporal.address}; UI: {server.ui_url}"
            )
        ensure_knowledge_base(cfg, console)
        run(_serve_until_stopped(cfg))
    except CxError as exc:
        fail(exc)
    finally:
        if server:
            server.stop()
            console.print("Temporal dev server stopped.")


def demo(
    keep: bool = typer.Option(False, "--keep", help="Keep the demo's data dir afterwards."),
) -> None:
    """Run the guided tour: real server, real KB, sample cases, an approval from the CLI."""
    from cx.demo import run_demo

    raise typer.Exit(run_demo(keep=keep))
