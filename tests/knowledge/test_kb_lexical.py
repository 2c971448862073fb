"""Word features for the intent model: deterministic, normalised, and sensitive to words."""

from __future__ import annotations

import numpy as np
import pytest

from knowledge.lexical import LexicalFeatures

CORPUS = ["my flight was cancelled", "refund for the returned jeans", "where is my parcel"]


def test_rows_are_deterministic_and_have_the_configured_length() -> None:
    first = LexicalFeatures(CORPUS, dim=256, weight=2.0).transform(["flight cancelled, refund"])
    again = LexicalFeatures(CORPUS, dim=256, weight=2.0).transform(["flight cancelled, refund"])
    assert first.shape == (1, 256)
    assert np.array_equal(first, again)
    assert float(np.linalg.norm(first[0])) == pytest.approx(2.0, rel=1e-4)


def test_shared_words_bring_texts_closer_than_unrelated_ones() -> None:
    features = LexicalFeatures(CORPUS, dim=1024)
    cancelled, parcel, query = features.transform(
        ["my flight was cancelled", "where is my parcel", "the flight got cancelled today"]
    )
    assert float(query @ cancelled) > float(query @ parcel)


def test_a_text_with_no_words_gives_a_zero_row_not_an_error() -> None:
    row = LexicalFeatures(CORPUS).transform(["!!! ???"])[0]
    assert not row.any()
