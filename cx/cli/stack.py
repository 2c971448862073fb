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
from cx.errors import CxError
from cx.settings import Settings
from workflows.client import connect
from workflows.services import build_services, ensure_knowledge_base
from workflows.worker import build_worker


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
            f"at {cfg.temporal.address} (backend: {services.backend.name}). Ctrl-C to stop."
        )
        await stop.wait()
    console.print("worker stopped.")


def worker() -> None:
    """Run a worker against the configured Temporal server (a cluster in production)."""
    run(_serve_until_stopped(settings()))


def dev() -> None:
    """Start the embedded stack: Temporal dev server (persistent), sample KB, worker.

    Everything stays under the data dir (``CX_DATA_DIR``, default ./data), so cases
    waiting for approval survive a restart. Ctrl-C stops it all.
    """
    cfg = settings()
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
