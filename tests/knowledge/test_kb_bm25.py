import math

import pytest

from knowledge.bm25 import BM25, tokenize


def test_tokenize_drops_stop_words_and_punctuation() -> None:
    assert tokenize("Where is MY refund for JA4K7Q?") == ["where", "refund", "ja4k7q"]


def test_scores_follow_okapi_bm25() -> None:
    index = BM25(["a", "b", "c"], ["refund refund card", "card wallet", "baggage"], k1=1.5, b=0.75)
    scores = index.scores("refund")
    # n=3, df=1 -> idf = ln(1 + 2.5/1.5); tf=2, |d|=3, avgdl=(3+2+1)/3=2.
    idf = math.log(1 + 2.5 / 1.5)
    norm = 1.5 * (1 - 0.75 + 0.75 * 3 / 2)
    assert scores == {"a": pytest.approx(idf * 2 * 2.5 / (2 + norm))}
    assert set(index.scores("card wallet")) == {"a", "b"}
    assert index.scores("unknown words") == {}
