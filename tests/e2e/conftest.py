"""End-to-end fixtures: the sample knowledge base in real Chroma and a real worker.

The knowledge base is ingested once per session into a temp dir (embeddings come from
the on-disk cache after the first run). Each test gets a worker in its own thread and
event loop, as a separate worker process would be, so CLI commands (which run their
own event loop) can be driven in-process with Typer's runner.
"""

from __future__ import annotations

import asyncio
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment

from agents.graph import AgentServices
from cx.settings import Settings
from workflows.worker import build_worker


class WorkerThread:
    """A worker on its own thread and event loop, stopped cleanly at teardown."""

    def __init__(self, target: str, queue: str, services: AgentServices) -> None:
        self.target, self.queue, self.services = target, queue, services
        self._ready = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=lambda: asyncio.run(self._main()), daemon=True)

    async def _main(self) -> None:
        self._loop, self._stop = asyncio.get_running_loop(), asyncio.Event()
        client = await Client.connect(self.target, data_converter=pydantic_data_converter)
        async with build_worker(client, self.queue, self.services):
            self._ready.set()
            await self._stop.wait()

    def __enter__(self) -> WorkerThread:
        self._thread.start()
        if not self._ready.wait(timeout=30):
            raise RuntimeError("worker did not start within 30s")
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._loop is not None and self._stop is not None
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(timeout=30)


@pytest.fixture
def stack(
    temporal_env: WorkflowEnvironment,
    services: AgentServices,
    kb_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Settings]:
    """A running worker plus CX_ env pointing the CLI at it; yields the CLI's settings."""
    target = temporal_env.client.service_client.config.target_host
    queue = f"e2e-{uuid.uuid4().hex[:8]}"
    monkeypatch.setenv("CX_TEMPORAL__ADDRESS", target)
    monkeypatch.setenv("CX_TEMPORAL__TASK_QUEUE", queue)
    monkeypatch.setenv("CX_DATA_DIR", str(kb_dir))
    monkeypatch.setenv("COLUMNS", "200")
    with WorkerThread(target, queue, services):
        yield Settings(data_dir=kb_dir, temporal={"address": target, "task_queue": queue})
