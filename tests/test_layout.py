"""Our top-level packages must be ours: `agents` also names the OpenAI Agents SDK's module."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", ["agents", "workflows", "knowledge", "evals", "cx"])
def test_top_level_package_resolves_inside_the_repo(name: str) -> None:
    module = importlib.import_module(name)
    assert module.__file__ is not None
    assert Path(module.__file__).resolve().parent == REPO / name
