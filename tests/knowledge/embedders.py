"""An embedder wrapper for tests that must prove what was (not) embedded."""

from __future__ import annotations

from collections.abc import Sequence

from knowledge.embedder import Embedder


class CountingEmbedder:
    """Wraps a real embedder and counts the texts it was asked to embed."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name, self.dim = inner.name, inner.dim
        self.relevance_floor, self.lexical_weight = inner.relevance_floor, inner.lexical_weight
        self.passages = 0
        self.queries = 0

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        self.passages += len(texts)
        return self.inner.embed_passages(texts)

    def embed_query(self, text: str) -> list[float]:
        self.queries += 1
        return self.inner.embed_query(text)
