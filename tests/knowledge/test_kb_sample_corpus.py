"""The shipped corpus, retrieval set and taxonomy end to end (embeds ~150 chunks once)."""

from pathlib import Path

import pytest

from cx.settings import load_settings
from knowledge import DEFAULT_RETRIEVAL_SET, DEFAULT_TAXONOMY_PATH, SAMPLE_CORPUS_DIR
from knowledge.embedder import MiniLMEmbedder
from knowledge.embedding_cache import CachedEmbedder, EmbeddingCache
from knowledge.evaluation import evaluate, load_retrieval_set
from knowledge.ingest import ingest
from knowledge.retrieval import KnowledgeRetriever
from knowledge.store import KnowledgeStore
from knowledge.taxonomy import IntentIndex, load_taxonomy


@pytest.fixture(scope="session")
def sample(
    tmp_path_factory: pytest.TempPathFactory, minilm: MiniLMEmbedder
) -> tuple[KnowledgeStore, CachedEmbedder]:
    root: Path = tmp_path_factory.mktemp("sample")
    embedder = CachedEmbedder(minilm, EmbeddingCache(root / "cache.sqlite3"))
    store = KnowledgeStore.open(load_settings(data_dir=root / "data"), embedder.name)
    report = ingest([SAMPLE_CORPUS_DIR], store, embedder)
    assert report.count("skipped") == 0
    return store, embedder


def test_sample_corpus_meets_the_recall_target(
    sample: tuple[KnowledgeStore, CachedEmbedder],
) -> None:
    report = evaluate(KnowledgeRetriever(*sample), load_retrieval_set(DEFAULT_RETRIEVAL_SET))
    assert report.recall_at_k >= 0.9, report.misses
    assert report.mrr >= 0.8


def test_sample_questions_clear_the_relevance_floor(
    sample: tuple[KnowledgeStore, CachedEmbedder],
) -> None:
    retriever = KnowledgeRetriever(*sample)
    questions = load_retrieval_set(DEFAULT_RETRIEVAL_SET)
    relevant = [retriever.retrieve(q.question, k=1).relevant for q in questions]
    assert sum(relevant) / len(relevant) >= 0.95
    assert retriever.retrieve("what is a good lasagna recipe?").relevant is False


def test_intent_leave_one_out_accuracy(sample: tuple[KnowledgeStore, CachedEmbedder]) -> None:
    index = IntentIndex(load_taxonomy(DEFAULT_TAXONOMY_PATH), *sample)
    assert index.leave_one_out_accuracy() >= 0.65
