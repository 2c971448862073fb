"""Cited passages for a query: vector search in Chroma, optionally fused with BM25.

The reported ``score`` is always the cosine similarity (0..1) of query and passage, so
it means the same thing for every caller and can be compared with the relevance floor.
Ranking may add two nudges on top: a lexical (BM25) term and a soft boost for the
policy areas the interpreter prefers. Filters (area, product line, effective date)
are hard: they go to Chroma as ``where`` clauses.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from agents.contracts import Passage, Retrieval
from knowledge.bm25 import BM25
from knowledge.embedder import Embedder
from knowledge.filters import Filters
from knowledge.store import KnowledgeStore


class KnowledgeRetriever:
    """``agents.ports.PassageRetriever`` over a ``KnowledgeStore``."""

    def __init__(
        self,
        store: KnowledgeStore,
        embedder: Embedder,
        *,
        lexical_weight: float | None = None,
        area_boost: float = 0.05,
        relevance_floor: float | None = None,
        area_floor_margin: float = 0.12,
        candidates: int = 30,
        max_query_chars: int = 4_000,
    ) -> None:
        self._store, self._embedder = store, embedder
        self._lexical_weight = embedder.lexical_weight if lexical_weight is None else lexical_weight
        self._area_boost = area_boost
        self.relevance_floor = (
            embedder.relevance_floor if relevance_floor is None else relevance_floor
        )
        self._candidates = candidates
        # A passage in an area the case's intent points to may score this much below the
        # floor and still count: "the washing machine grinds and stops mid-cycle" shares few
        # words with the warranty policy (cosine 0.19-0.28), yet the intent says that is
        # the policy that answers it.
        self._area_floor_margin = area_floor_margin
        # The embedder reads a few hundred tokens at most, and BM25 over a 1 MB message
        # costs seconds for nothing: a query is its opening, where customers say what they
        # need. (A message that long goes to a person anyway; see agents.risk.)
        self._max_query_chars = max_query_chars
        self._bm25: tuple[int, BM25, dict[str, dict[str, Any]]] | None = None

    def retrieve(
        self,
        query: str,
        *,
        k: int = 5,
        prefer_areas: list[str] | None = None,
        filters: Filters | None = None,
    ) -> Retrieval:
        """Top-``k`` passages above the relevance floor; ``prefer_areas`` only reorders."""
        filters = filters or Filters()
        query = query[: self._max_query_chars]
        vector = np.asarray(self._embedder.embed_query(query), dtype=np.float32)
        pool = self._vector_candidates(vector, filters, max(self._candidates, 2 * k))
        lexical = self._lexical_scores(query, filters, pool, vector) if self._lexical_weight else {}
        preferred = set(prefer_areas or [])
        ranked = sorted(pool.values(), key=lambda p: -self._rank(p, lexical, preferred))
        area_floor = self.relevance_floor - self._area_floor_margin
        passages = [
            p
            for p in ranked
            if p.score >= self.relevance_floor
            or (p.policy_area in preferred and p.score >= area_floor)
        ][:k]
        return Retrieval(query=query, passages=passages, relevant=bool(passages))

    def _rank(self, passage: Passage, lexical: dict[str, float], preferred: set[str]) -> float:
        boost = self._area_boost if passage.policy_area in preferred else 0.0
        return passage.score + self._lexical_weight * lexical.get(passage.chunk_id, 0.0) + boost

    def _vector_candidates(
        self, vector: np.ndarray, filters: Filters, n: int
    ) -> dict[str, Passage]:
        n = min(n, self._store.chunks.count())
        if n == 0:
            return {}
        got = self._store.chunks.query(
            query_embeddings=[vector.tolist()],
            n_results=n,
            where=filters.where(),
            include=["documents", "metadatas", "distances"],
        )
        rows = zip(
            got["ids"][0],
            (got["documents"] or [[]])[0],
            (got["metadatas"] or [[]])[0],
            (got["distances"] or [[]])[0],
            strict=True,
        )
        return {cid: _passage(cid, text, dict(meta), 1.0 - dist) for cid, text, meta, dist in rows}

    def _lexical_scores(
        self, query: str, filters: Filters, pool: dict[str, Passage], vector: np.ndarray
    ) -> dict[str, float]:
        """BM25 scaled to 0..1; strong lexical hits missing from the pool are added to it."""
        index, metas = self._index()
        raw = {cid: s for cid, s in index.scores(query).items() if filters.allows(metas[cid])}
        if not raw:
            return {}
        top = max(raw.values())
        best = sorted(raw, key=lambda c: -raw[c])[: self._candidates // 3]
        self._add_missing([c for c in best if c not in pool], pool, vector)
        return {cid: s / top for cid, s in raw.items()}

    def _add_missing(self, ids: list[str], pool: dict[str, Passage], vector: np.ndarray) -> None:
        if not ids:
            return
        got = self._store.chunks.get(ids=ids, include=["documents", "metadatas", "embeddings"])
        rows = zip(
            got["ids"],
            got["documents"] or [],
            got["metadatas"] or [],
            got["embeddings"] if got["embeddings"] is not None else [],
            strict=True,
        )
        for cid, text, meta, emb in rows:
            pool[cid] = _passage(cid, text, dict(meta), float(np.dot(vector, np.asarray(emb))))

    def _index(self) -> tuple[BM25, dict[str, dict[str, Any]]]:
        """BM25 over all chunks, rebuilt when the collection's size changes."""
        count = self._store.chunks.count()
        if self._bm25 is None or self._bm25[0] != count:
            got = self._store.chunks.get(include=["documents", "metadatas"])
            metas = {
                cid: dict(m) for cid, m in zip(got["ids"], got["metadatas"] or [], strict=True)
            }
            self._bm25 = (count, BM25(got["ids"], list(got["documents"] or [])), metas)
        return self._bm25[1], self._bm25[2]


def _passage(chunk_id: str, text: str, meta: dict[str, Any], score: float) -> Passage:
    return Passage(
        chunk_id=chunk_id,
        doc_id=str(meta.get("doc_id", "")),
        title=str(meta.get("title", "")),
        section=str(meta.get("section", "")),
        text=text,
        score=min(max(score, 0.0), 1.0),
        policy_area=str(meta.get("policy_area", "")),
        product_line=str(meta.get("product_line", "")),
        version=str(meta.get("version", "")),
        effective_date=str(meta.get("effective_date", "")),
    )
