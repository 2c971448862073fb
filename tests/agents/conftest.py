"""Fixtures shared by the agent tests."""

from __future__ import annotations

import pytest

from tests.agents.agent_fixtures import KeywordClassifier


@pytest.fixture
def classifier() -> KeywordClassifier:
    return KeywordClassifier()
