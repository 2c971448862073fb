from pathlib import Path

import numpy as np
import pytest

from agents.ports import PassageRetriever
from cx.errors import InputError
from knowledge.filters import Filters
from knowledge.ingest import ingest
from knowledge.retrieval import KnowledgeRetriever
from knowledge.store import KnowledgeStore
from tests.knowledge.embedders import CountingEmbedder


@pytest.fixture
def retriever(docs: Path, store: KnowledgeStore, counting: CountingEmbedder) -> KnowledgeRetriever:
    ingest([docs], store, counting)
    return KnowledgeRetriever(store, counting, relevance_floor=0.0)


def test_top_passage_is_cited_and_scored_by_cosine(
    retriever: KnowledgeRetriever, counting: CountingEmbedder
) -> None:
    port: PassageRetriever = retriever
    result = port.retrieve("my suitcase was damaged, how soon must I report it?", k=2)
    top = result.passages[0]
    assert (top.chunk_id, top.doc_id, top.section) == (
        "test-baggage#damaged-bags#0",
        "test-baggage",
        "Damaged bags",
    )
    assert (top.title, top.version, top.effective_date, top.policy_area, top.product_line) == (
        "Test baggage policy",
        "1.0",
        "2027-06-01",
        "baggage",
        "airline",
    )
    expected = float(
        np.dot(counting.embed_query(result.query), counting.embed_passages([top.text])[0])
    )
    assert top.score == pytest.approx(expected, abs=1e-4)
    assert result.relevant is True


def test_filters_are_hard(retriever: KnowledgeRetriever) -> None:
    only_refunds = retriever.retrieve(
        "suitcase damaged", k=10, filters=Filters(policy_area="refunds")
    )
    assert {p.doc_id for p in only_refunds.passages} <= {"test-refunds"}
    in_force = retriever.retrieve("suitcase", k=10, filters=Filters(effective_on="2026-12-31"))
    assert "test-baggage" not in {p.doc_id for p in in_force.passages}
    airline = retriever.retrieve("refund", k=10, filters=Filters(product_line="airline"))
    assert {p.doc_id for p in airline.passages} == {"test-baggage"}


def test_prefer_areas_reorders_but_keeps_cosine_scores(retriever: KnowledgeRetriever) -> None:
    query = "compensation money for a bag"
    plain = retriever.retrieve(query, k=9)
    boosted = KnowledgeRetriever(
        retriever._store, retriever._embedder, area_boost=1.0, relevance_floor=0.0
    ).retrieve(query, k=9, prefer_areas=["refunds"])
    assert [p.policy_area for p in boosted.passages][:4] == ["refunds"] * 4
    assert {p.chunk_id: p.score for p in boosted.passages} == {
        p.chunk_id: p.score for p in plain.passages
    }


def test_below_the_relevance_floor_nothing_is_relevant(retriever: KnowledgeRetriever) -> None:
    retriever.relevance_floor = 0.99
    result = retriever.retrieve("what is a good lasagna recipe", k=3)
    assert (result.relevant, result.passages) == (False, [])


def test_filters_build_chroma_where_clauses() -> None:
    assert Filters().where() is None
    assert Filters(policy_area="refunds").where() == {"policy_area": "refunds"}
    assert Filters(product_line="retail", effective_on="2026-03-01").where() == {
        "$and": [{"product_line": "retail"}, {"effective_ymd": {"$lte": 20260301}}]
    }
    with pytest.raises(InputError, match="must be YYYY-MM-DD"):
        Filters(effective_on="March")


def test_the_intents_area_may_count_a_little_below_the_floor(
    docs: Path, store: KnowledgeStore, counting: CountingEmbedder
) -> None:
    ingest([docs], store, counting)
    query = "suitcase damaged"
    scores = {
        p.chunk_id: p.score
        for p in KnowledgeRetriever(store, counting, relevance_floor=0.0)
        .retrieve(query, k=20)
        .passages
    }
    baggage = max(s for c, s in scores.items() if c.startswith("test-baggage"))
    floor = baggage + 0.05  # just above the best baggage passage
    strict = KnowledgeRetriever(store, counting, relevance_floor=floor, area_floor_margin=0.1)
    assert not [p for p in strict.retrieve(query, k=5).passages if p.policy_area == "baggage"]
    backed = strict.retrieve(query, k=5, prefer_areas=["baggage"])
    assert backed.relevant
    assert {p.policy_area for p in backed.passages if p.score < floor} == {"baggage"}
