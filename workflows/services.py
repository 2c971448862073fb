"""Building a worker's agent services from settings: brain, knowledge base, outbox.

Called once per process in ``main()`` of ``cx worker`` / ``cx dev`` (never at import:
the workflow sandbox re-imports modules). Heavy resources (embedder, Chroma client)
are opened here and shared by every activity of the process.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from agents.backends.local import LocalBackend
from agents.graph import AgentServices
from agents.policy import load_policy
from cx.errors import ConfigError
from cx.settings import Settings
from knowledge import DEFAULT_TAXONOMY_PATH, SAMPLE_CORPUS_DIR
from knowledge.embedding_cache import cached_embedder
from knowledge.ingest import ingest
from knowledge.retrieval import KnowledgeRetriever
from knowledge.risk_index import DEFAULT_RISKS_PATH, RiskIndex, load_risks
from knowledge.store import KnowledgeStore
from knowledge.taxonomy import IntentIndex, load_taxonomy
from workflows.delivery import Outbox


def build_services(settings: Settings) -> AgentServices:
    """Everything the case graph's nodes need in this process."""
    if settings.reasoning.backend != "local":
        raise ConfigError(
            f"reasoning.backend '{settings.reasoning.backend}' is not available in this version; "
            "use 'local' (the LLM backend arrives with the agents issue)."
        )
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
    risks = None
    if settings.risk.semantic_detection:
        risks = RiskIndex(load_risks(paths.risks_path or DEFAULT_RISKS_PATH), embedder)
    backend = LocalBackend(classifier, load_policy(), settings.risk, risks)
    return AgentServices(
        backend=backend,
        retriever=KnowledgeRetriever(store, embedder),
        deliverer=Outbox(settings.outbox_path),
        max_revisions=settings.reasoning.max_revisions,
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
