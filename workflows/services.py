"""Building a worker's agent services from settings: brain, knowledge base, outbox.

Called once per process in ``main()`` of ``cx worker`` / ``cx dev`` (never at import:
the workflow sandbox re-imports modules). Heavy resources (embedder, Chroma client)
are opened here and shared by every activity of the process.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from agents.backends.base import ReasoningBackend
from agents.backends.llm import LLMBackend, chat_model_from_settings
from agents.backends.llm.prompts import Prompts
from agents.backends.local import LocalBackend
from agents.contracts import RiskSignal
from agents.graph import AgentServices
from agents.policy import Policy, load_policy
from agents.spelling import load_dictionary
from cx.errors import ConfigError
from cx.settings import Settings
from knowledge import DEFAULT_TAXONOMY_PATH, SAMPLE_CORPUS_DIR
from knowledge.embedding_cache import cached_embedder
from knowledge.ingest import ingest
from knowledge.retrieval import KnowledgeRetriever
from knowledge.risk_index import DEFAULT_RISKS_PATH, NONE, RiskIndex, load_risks
from knowledge.store import KnowledgeStore
from knowledge.taxonomy import IntentIndex, Taxonomy, load_taxonomy
from workflows.adapters import build_deliverer


def build_services(settings: Settings) -> AgentServices:
    """Everything the case graph's nodes need in this process."""
    embedder = cached_embedder(settings.embedder.name)
    store = KnowledgeStore.open(settings, embedder.name)
    if store.chunks.count() == 0:
        raise ConfigError(
            f"The knowledge base '{settings.chroma.collection}' is empty. "
            f"Load it first: `cx kb ingest {SAMPLE_CORPUS_DIR}` (or your own documents)."
        )
    paths = settings.knowledge
    taxonomy = load_taxonomy(paths.taxonomy_path or DEFAULT_TAXONOMY_PATH)
    classifier = IntentIndex(taxonomy, store, embedder)
    risk_taxonomy = load_risks(paths.risks_path or DEFAULT_RISKS_PATH)
    risks = RiskIndex(risk_taxonomy, embedder) if settings.risk.semantic_detection else None
    policy = load_policy()
    load_dictionary()  # the risk rules' word list, loaded now rather than in the first case
    local = LocalBackend(classifier, policy, settings.risk, risks)
    backend: ReasoningBackend = local
    if settings.reasoning.backend != "local":
        backend = _llm_backend(settings, local, policy, taxonomy)
    return AgentServices(
        backend=backend,
        retriever=KnowledgeRetriever(store, embedder),
        deliverer=build_deliverer(settings),
        max_revisions=settings.reasoning.max_revisions,
        agent_timeout_seconds=settings.reasoning.agent_timeout_seconds,
        intent_areas={intent.id: intent.policy_areas for intent in taxonomy.intents},
        intent_queries={i.id: i.policy_query for i in taxonomy.intents if i.policy_query},
        risk_queries={
            RiskSignal(s.id): s.policy_query
            for s in risk_taxonomy.signals
            if s.policy_query and s.id != NONE
        },
    )


def _llm_backend(
    settings: Settings, floor: LocalBackend, policy: Policy, taxonomy: Taxonomy
) -> ReasoningBackend:
    """A chat-model backend over the local one (its rules stay the floor under the model)."""
    reasoning = settings.reasoning
    return LLMBackend(
        chat_model_from_settings(reasoning),
        floor,
        policy,
        {intent.id: intent.description for intent in taxonomy.intents},
        prompts=Prompts.load(reasoning.prompts_dir),
        attempts=reasoning.output_attempts,
    )


def ensure_knowledge_base(settings: Settings, console: Console, corpus: Path | None = None) -> None:
    """Load the sample corpus when the knowledge base is empty (first ``cx dev``)."""
    embedder = cached_embedder(settings.embedder.name)
    store = KnowledgeStore.open(settings, embedder.name)
    if store.chunks.count():
        return
    source = corpus or SAMPLE_CORPUS_DIR
    with console.status(f"Loading the sample knowledge base from {source} ..."):
        report = ingest([source], store, embedder)
    console.print(f"knowledge base ready: {len(report.files)} documents ingested.")
