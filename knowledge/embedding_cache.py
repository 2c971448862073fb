"""Never embed the same text twice: a SQLite cache keyed by embedder, kind and text hash.

Embedding is the slow part of ingest (5-10 passages/s on two cores), and re-ingesting a
corpus, rebuilding a collection or running the benchmark again should cost nothing.
The cache lives in ``$CX_CACHE_DIR`` or ``~/.cache/cx`` and is safe to delete.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from knowledge.embedder import Embedder


def default_cache_dir() -> Path:
    """``$CX_CACHE_DIR`` when set, else ``~/.cache/cx``."""
    return Path(os.environ.get("CX_CACHE_DIR") or Path.home() / ".cache" / "cx")


class EmbeddingCache:
    """Vectors stored as float32 blobs under ``(model, sha256(kind + text))``."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        # One connection shared by a worker's activity threads; the lock keeps each
        # read or write (and its commit) whole.
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, timeout=30)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS vectors (model TEXT, key TEXT, vec BLOB, "
            "PRIMARY KEY (model, key))"
        )
        self._db.commit()

    def get_many(self, model: str, keys: Sequence[str]) -> dict[str, list[float]]:
        """The cached vectors among ``keys`` (missing keys are absent from the result)."""
        found: dict[str, list[float]] = {}
        for start in range(0, len(keys), 500):  # stay under SQLite's variable limit
            part = list(keys[start : start + 500])
            marks = ",".join("?" * len(part))
            with self._lock:
                rows = self._db.execute(
                    f"SELECT key, vec FROM vectors WHERE model = ? AND key IN ({marks})",
                    [model, *part],
                ).fetchall()
            found.update({k: np.frombuffer(v, dtype=np.float32).tolist() for k, v in rows})
        return found

    def put_many(self, model: str, items: dict[str, list[float]]) -> None:
        """Store vectors; existing keys are overwritten (same text, same vector)."""
        rows = [(model, k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items.items()]
        with self._lock:
            self._db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)", rows)
            self._db.commit()

    def close(self) -> None:
        """Close the database file."""
        self._db.close()


def _key(kind: str, text: str) -> str:
    return hashlib.sha256(f"{kind}\n{text}".encode()).hexdigest()


class CachedEmbedder:
    """An ``Embedder`` that consults the cache first and embeds only what it lacks."""

    def __init__(self, inner: Embedder, cache: EmbeddingCache) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.relevance_floor = inner.relevance_floor
        self.lexical_weight = inner.lexical_weight
        self._cache = cache

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        """Cached vectors for known texts; one batch call to the model for the rest."""
        keys = [_key("passage", t) for t in texts]
        found = self._cache.get_many(self.name, keys)
        missing = list(dict.fromkeys(k for k in keys if k not in found))
        if missing:
            by_key = dict(zip(keys, texts, strict=True))
            fresh = self.inner.embed_passages([by_key[k] for k in missing])
            new = dict(zip(missing, fresh, strict=True))
            self._cache.put_many(self.name, new)
            found.update(new)
        return [found[k] for k in keys]

    def embed_query(self, text: str) -> list[float]:
        """Queries repeat (evals, benchmarks, retries), so they are cached too."""
        key = _key("query", text)
        hit = self._cache.get_many(self.name, [key]).get(key)
        if hit is None:
            hit = self.inner.embed_query(text)
            self._cache.put_many(self.name, {key: hit})
        return hit


def cached_embedder(name: str = "default", cache_dir: Path | None = None) -> CachedEmbedder:
    """The named embedder behind the on-disk cache (the way every entry point gets one)."""
    from knowledge.embedder import make_embedder

    inner = make_embedder(name)
    return CachedEmbedder(
        inner, EmbeddingCache((cache_dir or default_cache_dir()) / "embeddings.sqlite3")
    )
