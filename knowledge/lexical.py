"""Word and word-pair features for the intent classifier, beside the sentence embedding.

A sentence embedding captures what a message is about but blurs the words that decide
between neighbouring intents: "flight cancelled, refund please" and "refund for the jeans I
returned" embed close together. Hashed TF-IDF counts of words and word pairs keep those
words, and the softmax regression learns which of them matter for which intent. On the dev
split this lifted intent accuracy from 0.86 to 0.92 (issue 5 notes).

Hashing with crc32 (stable across processes, unlike ``hash()``) gives a fixed-size vector
with no stored vocabulary; the IDF weights come from the exemplars, so the features are a
pure function of the taxonomy and the model cache key stays honest.
"""

from __future__ import annotations

import itertools
import re
import zlib
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

_TOKEN = re.compile(r"[a-z0-9$']+")


class LexicalFeatures:
    """L2-normalised, log-scaled TF-IDF of hashed unigrams and bigrams, times ``weight``."""

    def __init__(self, corpus: Sequence[str], *, dim: int = 4096, weight: float = 2.0) -> None:
        # ``weight`` sets how much the words count against the (unit-length) embedding;
        # 1.5 to 3 all scored within a point of each other on dev, 2 sits in the middle.
        self.dim, self.weight = dim, weight
        counts = self._counts(corpus)
        seen_in = (counts > 0).sum(axis=0)
        self._idf = (np.log((1 + len(corpus)) / (1 + seen_in)) + 1).astype(np.float32)

    @property
    def config(self) -> dict[str, float]:
        """What decides the features besides the corpus (part of the model cache key)."""
        return {"lexical_dim": self.dim, "lexical_weight": self.weight, "lexical_version": 1}

    def transform(self, texts: Sequence[str]) -> NDArray[np.float32]:
        """One feature row per text."""
        rows = np.log1p(self._counts(texts)) * self._idf
        norms = np.linalg.norm(rows, axis=1, keepdims=True) + 1e-9
        result: NDArray[np.float32] = (self.weight * rows / norms).astype(np.float32)
        return result

    def _counts(self, texts: Sequence[str]) -> NDArray[np.float32]:
        counts = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            words = _TOKEN.findall(text.lower())
            for gram in [*words, *(f"{a} {b}" for a, b in itertools.pairwise(words))]:
                counts[row, zlib.crc32(gram.encode("utf-8")) % self.dim] += 1
        return counts
