"""Open the Chroma collections of the knowledge base from ``cx.settings.Settings``.

Embedded mode keeps a ``PersistentClient`` under ``settings.chroma_path``; server mode
talks to ``chroma run`` over HTTP. Vectors are always passed explicitly (never Chroma's
default embedding function, which downloads a model), the space is cosine, and each
collection records the embedder that filled it so vectors of two models never mix.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import chromadb
from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.config import Settings as ChromaClientSettings

from cx.errors import ConfigError, ServerUnavailableError
from cx.settings import Settings


def open_client(settings: Settings) -> ClientAPI:
    """A Chroma client for the configured mode; a down server is a fix-it error."""
    chroma = settings.chroma
    client_settings = ChromaClientSettings(anonymized_telemetry=False)
    if chroma.mode == "embedded":
        settings.chroma_path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(settings.chroma_path), settings=client_settings)
    try:
        client = chromadb.HttpClient(host=chroma.host, port=chroma.port, settings=client_settings)
        client.heartbeat()
    except Exception as exc:  # the client raises several types for "cannot connect"
        raise ServerUnavailableError(
            f"Chroma server at {chroma.host}:{chroma.port} is not reachable "
            f"({type(exc).__name__}). "
            f"Start one with `chroma run --path {settings.chroma_path} --port {chroma.port}` "
            "or set CX_CHROMA__MODE=embedded."
        ) from exc
    return client


def open_collection(client: ClientAPI, name: str, embedder_name: str) -> Collection:
    """Get or create a cosine collection bound to ``embedder_name``."""
    collection = client.get_or_create_collection(
        name,
        configuration={"hnsw": {"space": "cosine"}},
        metadata={"embedder": embedder_name},
        embedding_function=None,
    )
    stored = (collection.metadata or {}).get("embedder")
    if stored not in (None, embedder_name):
        raise ConfigError(
            f"Collection '{name}' was built with embedder '{stored}', not '{embedder_name}'. "
            f"Set CX_EMBEDDER__NAME={stored}, or use another CX_CHROMA__COLLECTION and re-ingest."
        )
    return collection


@dataclass
class KnowledgeStore:
    """The chunk collection and the intent-exemplar collection of one knowledge base."""

    client: ClientAPI
    chunks: Collection
    intents: Collection

    @classmethod
    def open(cls, settings: Settings, embedder_name: str) -> KnowledgeStore:
        """Open (creating if needed) ``<collection>`` and ``<collection>_intents``."""
        client = open_client(settings)
        name = settings.chroma.collection
        return cls(
            client,
            open_collection(client, name, embedder_name),
            open_collection(client, f"{name}_intents", embedder_name),
        )

    def doc_chunks(self, doc_id: str) -> dict[str, dict[str, Any]]:
        """Stored chunk ids of one document with their metadata."""
        got = self.chunks.get(where={"doc_id": doc_id}, include=["metadatas"])
        metas = got["metadatas"] or []
        return {cid: dict(meta) for cid, meta in zip(got["ids"], metas, strict=True)}

    def doc_ids(self) -> set[str]:
        """Every document id present in the chunk collection."""
        metas = self.chunks.get(include=["metadatas"])["metadatas"] or []
        return {str(m["doc_id"]) for m in metas}

    def delete_docs(self, doc_ids: list[str]) -> int:
        """Delete all chunks of these documents; returns how many chunks went."""
        if not doc_ids:
            return 0
        where: Any = {"doc_id": {"$in": doc_ids}}
        found = self.chunks.get(where=where, include=[])["ids"]
        if found:
            self.chunks.delete(ids=found)
        return len(found)
