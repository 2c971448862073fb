"""A softmax (multinomial logistic) regression over exemplar embeddings, in numpy.

Nearest-exemplar similarity treats every dimension of the embedding alike, so two intents
that share vocabulary ("refund" in a cancelled flight and in a return) stay close. A
linear model fit on the labeled exemplars learns which directions separate the intents,
and its probabilities say how sure it is among them. It is fit on the taxonomy's
exemplars only (never on evaluation cases), deterministically (zero start, full-batch
gradient descent, fixed epochs), in about a second for a few hundred exemplars.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from numpy.typing import NDArray


class SoftmaxRegression:
    """Multinomial logistic regression with L2 regularisation, fit by gradient descent."""

    def __init__(
        self, *, l2: float = 1e-3, epochs: int = 400, step: float = 0.5, scale: float = 10.0
    ) -> None:
        # Embeddings are unit vectors whose cosines differ by hundredths; ``scale`` stretches
        # them so a few hundred steps reach confident, well-separated logits.
        self.l2, self.epochs, self.step, self.scale = l2, epochs, step, scale
        self.classes: list[str] = []
        self._w: NDArray[np.float32] = np.zeros((0, 0), dtype=np.float32)
        self._b: NDArray[np.float32] = np.zeros(0, dtype=np.float32)

    def fit(self, x: NDArray[np.float32], labels: list[str]) -> SoftmaxRegression:
        """Learn one weight vector per class from rows of ``x`` labeled by ``labels``."""
        self.classes = list(dict.fromkeys(labels))
        # float32 throughout: several times faster than float64 here and just as accurate.
        data = x.astype(np.float32) * np.float32(self.scale)
        target = np.eye(len(self.classes), dtype=np.float32)[
            [self.classes.index(c) for c in labels]
        ]
        self._w = np.zeros((data.shape[1], len(self.classes)), dtype=np.float32)
        self._b = np.zeros(len(self.classes), dtype=np.float32)
        for _ in range(self.epochs):
            error = self._softmax(data @ self._w + self._b) - target
            self._w -= self.step * (data.T @ error / len(data) + self.l2 * self._w)
            self._b -= self.step * error.mean(axis=0)
        return self

    @property
    def hyperparameters(self) -> dict[str, float]:
        """Everything besides the data that decides the fitted weights (part of a cache key)."""
        return {"l2": self.l2, "epochs": self.epochs, "step": self.step, "scale": self.scale}

    def weights(self) -> dict[str, NDArray[Any]]:
        """The fitted state as plain arrays, so it can be saved (``np.savez``) and restored."""
        return {"classes": np.array(self.classes, dtype=np.str_), "w": self._w, "b": self._b}

    def restore(self, weights: Mapping[str, NDArray[Any]]) -> SoftmaxRegression:
        """Adopt a state from ``weights()`` instead of fitting (``ValueError`` if malformed)."""
        classes = [str(c) for c in weights["classes"]]
        w = np.asarray(weights["w"], dtype=np.float32)
        b = np.asarray(weights["b"], dtype=np.float32)
        if w.ndim != 2 or w.shape[1] != len(classes) or b.shape != (len(classes),):
            raise ValueError(f"weights of shape {w.shape} and {b.shape} for {len(classes)} classes")
        self.classes, self._w, self._b = classes, w, b
        return self

    def probabilities(self, x: NDArray[np.float32]) -> dict[str, float]:
        """Probability of each class for one embedding."""
        logits = (x.astype(np.float32) * np.float32(self.scale)) @ self._w + self._b
        probs = self._softmax(logits[np.newaxis, :])[0]
        return {c: float(p) for c, p in zip(self.classes, probs, strict=True)}

    @staticmethod
    def _softmax(z: NDArray[np.floating[Any]]) -> NDArray[np.float32]:
        # numpy's stubs widen float32 products to float64; the cast keeps the math float32.
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        result: NDArray[np.float32] = (e / e.sum(axis=1, keepdims=True)).astype(np.float32)
        return result
