"""The knowledge base: policy and help-center documents in Chroma, retrieved with citations.

Modules: ``documents`` and ``html_text`` (load files), ``chunking`` (sections to chunks),
``embedder`` and ``minilm`` (text to vectors), ``embedding_cache`` (never embed the same
text twice), ``store`` (Chroma client), ``ingest`` (idempotent load), ``retrieval`` and
``bm25`` (cited passages, hybrid ranking), ``taxonomy`` (intent ranking by exemplars),
``intent_model`` and ``intent_model_cache`` (the intent classifier and its saved fit),
``evaluation`` (recall@5 / MRR).
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent

SAMPLE_CORPUS_DIR: Path = _HERE / "corpus"
"""Sample Juniper Group policy and help-center documents shipped with the package."""

DEFAULT_TAXONOMY_PATH: Path = _HERE / "taxonomy" / "intents.yaml"
"""The intent taxonomy with labeled exemplars used by the local interpreter."""

DEFAULT_RETRIEVAL_SET: Path = _HERE / "eval" / "retrieval_set.jsonl"
"""Labeled questions with the sections that answer them, for recall@5 / MRR."""
