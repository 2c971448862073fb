"""Retrieval adds the rules an intent always needs beside what the message itself found."""

from __future__ import annotations

from typing import Any

from agents.backends.local import LocalBackend
from agents.contracts import Passage, Retrieval
from agents.graph import AgentServices, CaseNodes
from agents.policy import load_policy
from cx.settings import RiskSettings
from cx.telemetry import DISABLED
from tests.agents.agent_fixtures import (
    GOODWILL,
    SHIPPING,
    KeywordClassifier,
    interpretation,
    make_case,
)


class QueryRetriever:
    """The voucher caps for a search about caps, the shipping rules for anything else."""

    def __init__(self) -> None:
        self.queries: list[str] = []

    def retrieve(
        self, query: str, *, k: int = 5, prefer_areas: list[str] | None = None
    ) -> Retrieval:
        self.queries.append(query)
        passages: list[Passage] = [GOODWILL] if "voucher cap" in query else [SHIPPING]
        return Retrieval(query=query, passages=passages[:k], relevant=True)


def _state(intent: str) -> dict[str, Any]:
    interp = interpretation(intent)
    case = make_case("The delay ruined our anniversary trip, I think something is owed.")
    return {"case": case.model_dump(mode="json"), "interpretation": interp.model_dump(mode="json")}


def _nodes(retriever: QueryRetriever) -> CaseNodes:
    services = AgentServices(
        backend=LocalBackend(KeywordClassifier(), load_policy(), RiskSettings()),
        retriever=retriever,
        deliverer=None,  # type: ignore[arg-type]  # retrieval never delivers
        intent_queries={"compensation_request": "goodwill voucher cap per tier"},
    )
    return CaseNodes(services, DISABLED)


def test_a_compensation_ask_also_gets_the_voucher_caps() -> None:
    retriever = QueryRetriever()
    found = Retrieval.model_validate(
        _nodes(retriever).retrieve(_state("compensation_request"))["retrieval"]
    )
    assert [p.chunk_id for p in found.passages] == [SHIPPING.chunk_id, GOODWILL.chunk_id]
    assert retriever.queries[1] == "goodwill voucher cap per tier"


def test_other_intents_search_only_the_message() -> None:
    retriever = QueryRetriever()
    found = Retrieval.model_validate(
        _nodes(retriever).retrieve(_state("delivery_delay"))["retrieval"]
    )
    assert [p.chunk_id for p in found.passages] == [SHIPPING.chunk_id]
    assert len(retriever.queries) == 1
