"""The fitted intent model is saved by a hash of its inputs and reused, never trusted blindly."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from knowledge.intent_model import SoftmaxRegression
from knowledge.intent_model_cache import fitted_intent_model, model_key
from knowledge.store import KnowledgeStore
from knowledge.taxonomy import IntentIndex, Taxonomy
from tests.knowledge.embedders import CountingEmbedder

EXEMPLARS = {
    "refund_request": ["I want my money back", "please refund my order", "where is my refund"],
    "lost_bag": ["my suitcase never arrived", "the airline lost my luggage", "bag missing"],
}
QUERY = "you lost my luggage on the flight"


def _taxonomy(exemplars: dict[str, list[str]] = EXEMPLARS) -> Taxonomy:
    intents = [{"id": k, "exemplars": v} for k, v in exemplars.items()]
    return Taxonomy.model_validate({"version": 1, "intents": intents})


def _pairs(taxonomy: Taxonomy) -> list[tuple[str, str]]:
    return [(i.id, t) for i in taxonomy.intents for t in i.exemplars]


class _Fits:
    """Counts ``SoftmaxRegression.fit`` calls (the thing the cache exists to skip)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        real = SoftmaxRegression.fit

        def counted(model: SoftmaxRegression, *args: object) -> SoftmaxRegression:
            self.count += 1
            return real(model, *args)  # type: ignore[arg-type]

        monkeypatch.setattr(SoftmaxRegression, "fit", counted)


@pytest.fixture
def fits(monkeypatch: pytest.MonkeyPatch) -> _Fits:
    return _Fits(monkeypatch)


def _saved(tmp_path: Path) -> list[Path]:
    """The saved models (the index owns its key's inputs, so look at what it wrote)."""
    return sorted(tmp_path.glob("intent_models/*"))


def test_cache_hit_gives_identical_probabilities(
    store: KnowledgeStore, counting: CountingEmbedder, fits: _Fits, tmp_path: Path
) -> None:
    fresh = IntentIndex(_taxonomy(), store, counting, cache_dir=tmp_path)
    (saved,) = _saved(tmp_path)
    assert saved.suffix == ".npz"
    cached = IntentIndex(_taxonomy(), store, counting, cache_dir=tmp_path)
    assert fits.count == 1
    assert cached.rank(QUERY) == fresh.rank(QUERY)
    assert _saved(tmp_path) == [saved]


def test_changed_exemplar_changes_the_key_and_refits(
    store: KnowledgeStore, counting: CountingEmbedder, fits: _Fits, tmp_path: Path
) -> None:
    IntentIndex(_taxonomy(), store, counting, cache_dir=tmp_path)
    changed = _taxonomy(EXEMPLARS | {"lost_bag": ["my suitcase never arrived", "bag missing"]})
    assert model_key(counting, _pairs(changed), SoftmaxRegression()) != model_key(
        counting, _pairs(_taxonomy()), SoftmaxRegression()
    )
    IntentIndex(changed, store, counting, cache_dir=tmp_path)
    assert fits.count == 2
    assert len(_saved(tmp_path)) == 2


def test_key_covers_labels_order_hyperparameters_embedder_and_extra(
    counting: CountingEmbedder,
) -> None:
    pairs = _pairs(_taxonomy())
    key = model_key(counting, pairs, SoftmaxRegression())
    relabeled = [
        ("other", text) if i == 0 else (label, text) for i, (label, text) in enumerate(pairs)
    ]
    counting.dim += 1
    variants = {
        model_key(counting, pairs, SoftmaxRegression()),
        model_key(counting, relabeled, SoftmaxRegression()),
        model_key(counting, pairs[::-1], SoftmaxRegression()),
        model_key(counting, pairs, SoftmaxRegression(epochs=401)),
        model_key(counting, pairs, SoftmaxRegression(), {"max_features": 64}),
    }
    # Each variant differs from the first in one input; the first from ``key`` in dim.
    assert key not in variants and len(variants) == 5


def _other_intents(path: Path) -> None:
    with np.load(path) as saved:
        arrays = {name: saved[name] for name in saved.files}
    np.savez(path, **arrays | {"classes": np.array([f"x{i}" for i in arrays["classes"]])})


def _wrong_shapes(path: Path) -> None:
    np.savez(path, classes=np.array(["lost_bag"]), w=np.zeros((3, 5)), b=np.zeros(2))


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p.write_bytes(b"not a zip file"),
        lambda p: p.write_bytes(b"PK\x03\x04truncated"),
        _wrong_shapes,
        _other_intents,
    ],
    ids=["garbage", "truncated-zip", "wrong-shapes", "other-intents"],
)
def test_unreadable_cache_file_falls_back_to_fitting(
    damage: Callable[[Path], object],
    store: KnowledgeStore,
    counting: CountingEmbedder,
    fits: _Fits,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    expected = IntentIndex(_taxonomy(), store, counting, cache_dir=tmp_path).rank(QUERY)
    (path,) = _saved(tmp_path)
    damage(path)
    with caplog.at_level(logging.WARNING, logger="knowledge.intent_model_cache"):
        index = IntentIndex(_taxonomy(), store, counting, cache_dir=tmp_path)
    assert index.rank(QUERY) == expected
    assert fits.count == 2
    assert [r.getMessage().split(":")[0] for r in caplog.records] == ["Refitting the intent model"]
    IntentIndex(_taxonomy(), store, counting, cache_dir=tmp_path)  # the refit was saved again
    assert fits.count == 2


def test_unwritable_cache_dir_still_gives_a_model(
    fits: _Fits, tmp_path: Path, caplog: pytest.LogCaptureFixture, counting: CountingEmbedder
) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("")
    x = np.eye(2, 4, dtype=np.float32)
    with caplog.at_level(logging.WARNING, logger="knowledge.intent_model_cache"):
        model = fitted_intent_model(counting, [("a", "x"), ("b", "y")], x, ["a", "b"], blocker)
    assert model.classes == ["a", "b"]
    assert "Could not cache the intent model" in caplog.text
