"""LLM-as-judge: a chat model grades each reply's empathy, helpfulness and groundedness.

Optional and off unless a suite names a judge model (``judge: openai:gpt-4o-mini``): the
deterministic scorers gate releases; a judge adds the reading a person would give, for
trends and for spotting what rules miss. A judge that fails gives no score (``None``,
with the reason), never a made-up one.
"""

from __future__ import annotations

import functools
from pathlib import Path
from string import Template

from langchain_core.language_models import BaseChatModel
from pydantic import BaseModel, ConfigDict, Field

from agents.backends.llm.context import fenced, passages_text
from agents.backends.llm.prompts import render
from agents.backends.llm.structured import ModelFailure, ask_structured, schema_text
from evals.results import CaseRecord, Metric
from evals.scorers.base import not_applicable

PROMPT_FILE = Path(__file__).parents[1] / "prompts" / "judge.md"
SYSTEM = "You grade customer-service replies. Answer with one JSON object and nothing else."
_PARTS = ("empathy", "helpfulness", "groundedness")


@functools.cache
def _prompt() -> Template:
    """The judge's prompt, read the first time a judge scores (not when evals is imported)."""
    return Template(PROMPT_FILE.read_text("utf-8"))


class JudgeAnswer(BaseModel):
    """The judge's grades, 1 to 5, and its main criticism."""

    model_config = ConfigDict(extra="ignore")
    empathy: int = Field(ge=1, le=5)
    helpfulness: int = Field(ge=1, le=5)
    groundedness: int = Field(ge=1, le=5)
    reason: str = Field(default="", max_length=600)


class JudgeScorer:
    """Scores with ``model`` when the suite configures one; otherwise every metric is n/a."""

    name = "judge"
    description = (
        "A chat model (the suite's `judge:`) grades each reply 1-5 for empathy, helpfulness "
        "and groundedness in the cited passages; values are scaled to 0-1 ((grade-1)/4) and "
        "judge.score is their mean. No judge model, or a judge failure, means no score."
    )
    metrics = ("judge.score", *(f"judge.{p}" for p in _PARTS))
    lower_is_better: tuple[str, ...] = ()

    def __init__(self, model: BaseChatModel | None = None, attempts: int = 2) -> None:
        self._model = model
        self._attempts = attempts

    def score(self, record: CaseRecord) -> list[Metric]:
        """Ask the judge about the final draft of one case."""
        if self._model is None:
            return [
                not_applicable(m, "no judge model configured (suite `judge:`)")
                for m in self.metrics
            ]
        if record.draft is None:
            return [not_applicable(m, "no draft was written") for m in self.metrics]
        passages = record.retrieval.passages if record.retrieval else []
        prompt = render(
            _prompt(),
            message=fenced(record.eval_case.case.message, 4000),
            passages=passages_text(passages),
            reply=fenced(record.draft.text, 9000),
            schema=schema_text(JudgeAnswer),
        )
        try:
            answer = ask_structured(
                self._model, SYSTEM, prompt, JudgeAnswer, attempts=self._attempts, operation="judge"
            )
        except ModelFailure as exc:
            return [not_applicable(m, f"judge failed: {exc}") for m in self.metrics]
        parts = [
            Metric(name=f"judge.{p}", value=(getattr(answer, p) - 1) / 4, reason=answer.reason)
            for p in _PARTS
        ]
        mean = sum(m.value or 0.0 for m in parts) / len(parts)
        return [Metric(name="judge.score", value=mean, reason=answer.reason), *parts]
