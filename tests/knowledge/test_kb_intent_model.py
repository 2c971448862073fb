"""The softmax regression behind intent ranking: learns, is a distribution, is deterministic."""

from __future__ import annotations

import numpy as np

from knowledge.intent_model import SoftmaxRegression


def _toy() -> tuple[np.ndarray, list[str]]:
    rng = np.random.default_rng(7)
    centres = np.eye(3, 8, dtype=np.float32)
    rows, labels = [], []
    for i, name in enumerate(["refund", "delay", "bag"]):
        for _ in range(10):
            v = centres[i] + 0.3 * rng.standard_normal(8).astype(np.float32)
            rows.append(v / np.linalg.norm(v))
            labels.append(name)
    return np.asarray(rows, dtype=np.float32), labels


def test_separates_classes_and_returns_a_distribution() -> None:
    x, labels = _toy()
    model = SoftmaxRegression().fit(x, labels)
    probs = model.probabilities(np.eye(3, 8, dtype=np.float32)[1])
    assert max(probs, key=lambda c: probs[c]) == "delay"
    assert probs["delay"] > 0.8
    assert abs(sum(probs.values()) - 1.0) < 1e-5


def test_same_exemplars_same_model() -> None:
    x, labels = _toy()
    a = SoftmaxRegression().fit(x, labels).probabilities(x[0])
    b = SoftmaxRegression().fit(x, labels).probabilities(x[0])
    assert a == b
