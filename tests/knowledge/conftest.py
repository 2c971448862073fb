"""Fixtures for the knowledge tests: a real Chroma server, both client modes, counted embedding."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from cx.devstack import free_port
from cx.settings import Settings, load_settings
from knowledge.embedder import MiniLMEmbedder
from knowledge.embedding_cache import CachedEmbedder, EmbeddingCache
from knowledge.store import KnowledgeStore
from tests.knowledge.embedders import CountingEmbedder

FIXTURES = Path(__file__).parent / "fixtures"


def _wait_for_heartbeat(port: int, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"chroma run exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("chroma server did not answer its heartbeat in time")


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """A real ``chroma run`` process for the session; yields its port."""
    binary = shutil.which("chroma", path=str(Path(sys.executable).parent)) or "chroma"
    port = free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    process = subprocess.Popen(
        [binary, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for_heartbeat(port, process)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def minilm() -> MiniLMEmbedder:
    """The real offline model, loaded once."""
    return MiniLMEmbedder()


@pytest.fixture
def counting(minilm: MiniLMEmbedder) -> CountingEmbedder:
    """The real model behind a counter, with no cache (every embed reaches the counter)."""
    return CountingEmbedder(minilm)


@pytest.fixture
def cached(counting: CountingEmbedder, tmp_path: Path) -> CachedEmbedder:
    """The counted model behind a fresh on-disk cache."""
    return CachedEmbedder(counting, EmbeddingCache(tmp_path / "cache" / "embeddings.sqlite3"))


# Server mode needs the `chroma run` subprocess: an integration test (`make unit` skips it).
@pytest.fixture(params=["embedded", pytest.param("server", marks=pytest.mark.integration)])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """Settings for a fresh collection, in embedded mode and against the real server."""
    chroma: dict[str, object] = {"mode": request.param, "collection": f"t-{uuid.uuid4().hex[:12]}"}
    if request.param == "server":
        chroma |= {"host": "127.0.0.1", "port": request.getfixturevalue("chroma_server")}
    return load_settings(data_dir=tmp_path / "data", chroma=chroma)


@pytest.fixture
def store(settings: Settings, minilm: MiniLMEmbedder) -> KnowledgeStore:
    """A knowledge store on a fresh collection in the parametrized mode."""
    return KnowledgeStore.open(settings, minilm.name)


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """A writable copy of the fixture documents."""
    target = tmp_path / "docs"
    shutil.copytree(FIXTURES, target)
    return target


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Entry points that build their own cache must not touch the user's ~/.cache."""
    monkeypatch.setenv("CX_CACHE_DIR", str(tmp_path / "cx-cache"))
