"""Scorers: tiny typed classes, one ``score(record)`` method returning metrics with reasons.

``SCORERS`` is the registry suite files name; each scorer lists its metric names so a gate
on an unknown metric is caught before a run starts.
"""

from __future__ import annotations

from langchain_core.language_models import BaseChatModel

from evals.scorers.accuracy import AccuracyScorer
from evals.scorers.base import Scorer
from evals.scorers.judge import JudgeScorer
from evals.scorers.oversight import OversightScorer
from evals.scorers.tone import ToneScorer

SCORERS: dict[str, Scorer] = {
    s.name: s for s in (ToneScorer(), AccuracyScorer(), OversightScorer(), JudgeScorer())
}


def metric_names() -> dict[str, list[str]]:
    """Scorer name to the metric names it produces."""
    return {name: list(s.metrics) for name, s in SCORERS.items()}


def lower_is_better_metrics() -> frozenset[str]:
    """Every metric, across scorers, where a higher value is worse."""
    return frozenset(m for s in SCORERS.values() for m in s.lower_is_better)


def configured_scorers(names: list[str], judge: BaseChatModel | None) -> list[Scorer]:
    """The suite's scorers, the judge bound to the suite's judge model."""
    return [JudgeScorer(judge) if n == "judge" else SCORERS[n] for n in names]
