"""A small Okapi BM25 over the stored chunks, for hybrid (lexical + vector) retrieval.

Customers quote exact words (``JA4K7Q``, "wheelchair", "chargeback") that a small
embedding model can blur; BM25 catches those. The index is rebuilt from the collection
when its chunk count changes, which is cheap at knowledge-base sizes.
"""

from __future__ import annotations

import math
import re
from collections import Counter

_TOKEN = re.compile(r"[a-z0-9]+")
_STOP_WORDS = (
    "a an and are as at be by can do for from has have how i if in is it me my of on or our "
    "so that the their this to was we what when will with you your"
)
_STOP = frozenset(_STOP_WORDS.split(" "))


def tokenize(text: str) -> list[str]:
    """Lower-case alphanumeric tokens without common stop words."""
    return [t for t in _TOKEN.findall(text.lower()) if t not in _STOP]


class BM25:
    """Okapi BM25 with an inverted index, so a query only touches chunks sharing its terms."""

    def __init__(self, ids: list[str], texts: list[str], k1: float = 1.5, b: float = 0.75) -> None:
        self.ids = ids
        docs = [Counter(tokenize(t)) for t in texts]
        lengths = [sum(d.values()) for d in docs]
        avg = sum(lengths) / max(len(docs), 1)
        self._postings: dict[str, list[tuple[int, float]]] = {}
        for i, (doc, length) in enumerate(zip(docs, lengths, strict=True)):
            norm = k1 * (1 - b + b * length / avg)
            for term, tf in doc.items():
                # The per-document part of the BM25 term weight is fixed: precompute it.
                self._postings.setdefault(term, []).append((i, tf * (k1 + 1) / (tf + norm)))
        n = len(docs)
        self._idf = {
            t: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5)) for t, p in self._postings.items()
        }

    def scores(self, query: str) -> dict[str, float]:
        """Positive BM25 scores by chunk id (ids that share no term are absent)."""
        totals: dict[int, float] = {}
        for term in set(tokenize(query)):
            idf = self._idf.get(term, 0.0)
            for i, weight in self._postings.get(term, ()):
                totals[i] = totals.get(i, 0.0) + idf * weight
        return {self.ids[i]: score for i, score in totals.items() if score > 0}
