"""The guided tour behind ``make demo``: every step is a real ``cx`` command.

It starts a fresh embedded stack on free ports under ``data/demo`` (so it never touches
a ``cx dev`` you may have running), loads the sample knowledge base, submits the sample
cases, lets an approver approve one and reject another from the CLI, shows the outcomes
and stops everything it started.
"""

from __future__ import annotations

import asyncio
import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.rule import Rule

from cx.devstack import DevServer, free_port
from cx.settings import load_settings
from knowledge import SAMPLE_CORPUS_DIR

console = Console()
SAMPLES = Path(__file__).resolve().parent / "samples"
CX = [sys.executable, "-m", "cx.cli.main"]


def _env(data_dir: Path, port: int, ui_port: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        CX_DATA_DIR=str(data_dir),
        CX_TEMPORAL__ADDRESS=f"127.0.0.1:{port}",
        CX_TEMPORAL__UI_PORT=str(ui_port),
        COLUMNS=env.get("COLUMNS", "110"),
    )
    return env


def _step(title: str, args: list[str], env: dict[str, str], ok: tuple[int, ...] = (0,)) -> None:
    console.print(Rule(title, align="left", style="cyan"))
    console.print(f"[bold]$ cx {shlex.join(args)}[/]", highlight=False)
    code = subprocess.run([*CX, *args], env=env, check=False).returncode
    if code not in ok:
        raise RuntimeError(f"`cx {' '.join(args)}` exited with {code}")


def run_demo(*, keep: bool = False) -> int:
    """Run the tour; returns a process exit code."""
    data_dir = Path("data/demo").resolve()
    shutil.rmtree(data_dir, ignore_errors=True)
    port, ui_port = free_port(), free_port()
    env = _env(data_dir, port, ui_port)
    os.environ.update(
        {k: env[k] for k in ("CX_DATA_DIR", "CX_TEMPORAL__ADDRESS", "CX_TEMPORAL__UI_PORT")}
    )
    server = DevServer(load_settings())
    worker: subprocess.Popen[bytes] | None = None
    started = time.monotonic()
    try:
        console.print(Rule("1. Embedded stack", align="left", style="cyan"))
        asyncio.run(server.start())
        console.print(
            f"Temporal dev server up at 127.0.0.1:{port} (UI {server.ui_url}), DB {data_dir}"
        )
        corpus = str(SAMPLE_CORPUS_DIR)
        _step("2. Load the sample knowledge base into Chroma", ["kb", "ingest", corpus], env)
        worker_log = (data_dir / "worker.log").open("ab")
        worker = subprocess.Popen(
            [*CX, "worker"], env=env, stdout=worker_log, stderr=subprocess.STDOUT
        )
        console.print(f"worker started (pid {worker.pid}, log {data_dir / 'worker.log'})")
        _tour(env)
        console.print(Rule(f"Demo finished in {time.monotonic() - started:.0f}s", style="green"))
        return 0
    except (RuntimeError, OSError) as exc:
        console.print(f"[bold red]demo failed:[/] {exc}")
        return 1
    finally:
        _stop(worker)
        server.stop()
        console.print("stopped the worker and the Temporal dev server.")
        if not keep:
            shutil.rmtree(data_dir, ignore_errors=True)


BILLING, BEREAVED = "case-demo-billing-legal-threat", "case-demo-bereavement"
TOUR: list[tuple[str, list[str]]] = [
    ("3. Operator: a calm delivery question (delivered automatically)",
     ["case", "submit", "01-delivery-question", "--wait"]),
    ("4. Operator: an angry customer whose flight was cancelled at the gate",
     ["case", "submit", "02-cancelled-at-gate", "--wait"]),
    ("5. Operator: a billing dispute with a legal threat (needs a human)",
     ["case", "submit", "03-billing-legal-threat", "--wait"]),
    ("6. Operator: a bereaved customer (vulnerable: needs a human)",
     ["case", "submit", "04-bereavement", "--wait"]),
    ("7. Approver: the inbox", ["approvals", "list"]),
    ("8. Approver: look at the billing dispute", ["approvals", "show", BILLING]),
    ("9. Approver: approve it (it is sent exactly as shown)",
     ["approvals", "approve", BILLING, "--as", "dana"]),
    ("10. Approver: the bereaved customer gets a personal call instead",
     ["approvals", "reject", BEREAVED, "--as", "dana",
      "--reason", "Calling Tom personally; specialist approved a fee waiver"]),
    ("11. Operator: the outcome of the approved case", ["case", "result", BILLING]),
    ("12. Operator: every case", ["case", "list"]),
    ("13. QA: the audit trail of the approved case (who, when, what was sent)",
     ["case", "audit", BILLING]),
]  # fmt: skip


def _tour(env: dict[str, str]) -> None:
    for title, args in TOUR:
        if args[:2] == ["case", "submit"]:
            args = [*args[:2], str(SAMPLES / f"{args[2]}.json"), *args[3:]]
        _step(title, args, env)


def _stop(worker: subprocess.Popen[bytes] | None) -> None:
    if worker is None or worker.poll() is not None:
        return
    worker.terminate()
    try:
        worker.wait(timeout=15)
    except subprocess.TimeoutExpired:
        worker.kill()
