"""Reuse the fitted intent model instead of refitting it at every start.

Fitting ``knowledge.intent_model.SoftmaxRegression`` on the taxonomy's exemplars costs
seconds at every worker, CLI and eval start, yet the result depends only on the exemplar
vectors and labels and the hyperparameters. The weights are saved as ``.npz`` beside the
embedding cache (``$CX_CACHE_DIR`` or ``~/.cache/cx``), named by a sha256 of what decides
them: the embedder's name and dimension (which fix the vectors), the exemplars and labels
in order, the hyperparameters and ``FORMAT_VERSION``. Any change gives a new key, so a
stale model is never loaded. The cache is an optimisation: a file that cannot be read or
written is logged and the model is fit, never an error; the folder is safe to delete.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from knowledge.embedder import Embedder
from knowledge.embedding_cache import default_cache_dir
from knowledge.intent_model import SoftmaxRegression

FORMAT_VERSION = 1
"""Bump when the saved arrays or the model's math change, so older files are ignored."""

_log = logging.getLogger(__name__)

# What a damaged or foreign file raises from np.load or SoftmaxRegression.restore.
_UNREADABLE = (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile)


def model_key(
    embedder: Embedder,
    exemplars: Sequence[tuple[str, str]],
    model: SoftmaxRegression,
    extra: Mapping[str, float] | None = None,
) -> str:
    """sha256 of everything that decides the fitted weights; ``exemplars`` are (label, text).

    ``extra`` names any other input, such as the lexical features' settings.
    """
    payload = {
        "format": FORMAT_VERSION,
        "embedder": [embedder.name, embedder.dim],
        "exemplars": [list(pair) for pair in exemplars],
        "model": model.hyperparameters,
        "extra": dict(extra or {}),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode("utf-8")).hexdigest()


def model_path(key: str, cache_dir: Path | None = None) -> Path:
    """Where the model with this key is (or would be) saved."""
    return (cache_dir or default_cache_dir()) / "intent_models" / f"{key}.npz"


def fitted_intent_model(
    embedder: Embedder,
    exemplars: Sequence[tuple[str, str]],
    vectors: NDArray[np.float32],
    labels: list[str],
    cache_dir: Path | None = None,
    *,
    extra_key: Mapping[str, float] | None = None,
) -> SoftmaxRegression:
    """The model for these exemplars: loaded when saved under the same key, else fit and saved."""
    model = SoftmaxRegression()
    path = model_path(model_key(embedder, exemplars, model, extra_key), cache_dir)
    if path.exists() and _load(model, path, set(labels), vectors.shape[1]):
        return model
    model.fit(vectors, labels)
    _save(model, path)
    return model


def _load(model: SoftmaxRegression, path: Path, labels: set[str], dim: int) -> bool:
    try:
        with np.load(path, allow_pickle=False) as saved:
            model.restore({name: saved[name] for name in ("classes", "w", "b")})
    except _UNREADABLE as exc:
        _log.warning("Refitting the intent model: cannot read %s (%s)", path, exc)
        return False
    if set(model.classes) != labels or model.weights()["w"].shape[0] != dim:
        _log.warning("Refitting the intent model: %s holds another model", path)
        return False
    return True


def _save(model: SoftmaxRegression, path: Path) -> None:
    """Write a temp file in the same folder, then rename: readers never see half a file."""
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as file:
            tmp = file.name
            arrays = model.weights()
            np.savez(file, classes=arrays["classes"], w=arrays["w"], b=arrays["b"])
        os.replace(tmp, path)
    except OSError as exc:
        _log.warning("Could not cache the intent model at %s (%s)", path, exc)
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
