"""Measure retrieval against the labeled set: recall@k and MRR.

Each question lists the ``(doc_id, section)`` pairs that answer it; a hit is any chunk
of an expected section. recall@k counts questions with a hit in the top k; MRR averages
1/rank of the first hit (0 when none is in the top ``depth``). Passages of a long
section split into windows share its section, so they count as that section.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from cx.errors import InputError
from knowledge.retrieval import KnowledgeRetriever


class ExpectedSection(BaseModel):
    """A section that answers a question."""

    doc_id: str
    section: str


class LabeledQuestion(BaseModel):
    """One line of the retrieval set."""

    id: str
    question: str
    expected: list[ExpectedSection]


@dataclass
class EvalReport:
    """Aggregate scores plus the questions that missed, to guide corpus fixes."""

    k: int
    questions: int
    recall_at_k: float
    mrr: float
    misses: list[str] = field(default_factory=list)


def load_retrieval_set(path: Path) -> list[LabeledQuestion]:
    """Parse the JSONL set; a malformed line is an ``InputError`` naming its line number."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"Cannot read retrieval set {path}: {exc.strerror}") from exc
    questions = []
    for number, line in enumerate(lines, 1):
        if line.strip():
            try:
                questions.append(LabeledQuestion.model_validate(json.loads(line)))
            except (json.JSONDecodeError, ValidationError) as exc:
                raise InputError(f"{path}:{number} is not a valid question: {exc}") from exc
    return questions


def first_hit_rank(found: list[tuple[str, str]], expected: list[ExpectedSection]) -> int | None:
    """1-based rank of the first expected section among ``found``, or None."""
    wanted = {(e.doc_id, e.section) for e in expected}
    return next((rank for rank, key in enumerate(found, 1) if key in wanted), None)


def evaluate(
    retriever: KnowledgeRetriever, questions: list[LabeledQuestion], k: int = 5, depth: int = 10
) -> EvalReport:
    """Run every question through ``retriever`` (no relevance floor) and score it."""
    floor, retriever.relevance_floor = retriever.relevance_floor, 0.0
    try:
        ranks = [_rank(retriever, q, depth) for q in questions]
    finally:
        retriever.relevance_floor = floor
    hits = [r is not None and r <= k for r in ranks]
    return EvalReport(
        k=k,
        questions=len(questions),
        recall_at_k=sum(hits) / max(len(questions), 1),
        mrr=sum(1 / r for r in ranks if r) / max(len(questions), 1),
        misses=[q.id for q, hit in zip(questions, hits, strict=True) if not hit],
    )


def _rank(retriever: KnowledgeRetriever, question: LabeledQuestion, depth: int) -> int | None:
    found = retriever.retrieve(question.question, k=depth).passages
    return first_hit_rank([(p.doc_id, p.section) for p in found], question.expected)
