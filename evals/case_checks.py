"""The labeling rules of ``evals/datasets/README.md`` as checks on one parsed case.

A mislabeled case does not fail loudly: it silently moves a metric (an intent the taxonomy
lacks can never be predicted; a ``must_cite`` heading that is not in the corpus can never
be retrieved), so every rule a labeler can break gets a check here. Each check yields
one message per problem; ``evals.validate`` runs them over whole files.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from agents.contracts import RiskSignal, Route
from evals.contracts import EvalCase
from knowledge import DEFAULT_TAXONOMY_PATH, SAMPLE_CORPUS_DIR
from knowledge.documents import load_document
from knowledge.risk_index import DEFAULT_RISKS_PATH, NONE, load_risks
from knowledge.taxonomy import load_taxonomy

FORCING_RISKS = frozenset(
    {"legal_threat", "safety", "vulnerable_customer", "chargeback", "prompt_injection"}
    | {"abuse", "media_threat"}
)
"""Risks that send a case to a human whatever else it says (README "Route")."""

_H2 = re.compile(r"^## (.+?)[ \t]*$", re.MULTILINE)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class References:
    """What labels may point at: intent ids, risk ids and the corpus' ``##`` sections."""

    intents: frozenset[str]
    risks: frozenset[str]
    corpus_dir: Path
    _sections: dict[str, dict[str, str] | None] = field(default_factory=dict, compare=False)

    def sections(self, doc_id: str) -> dict[str, str] | None:
        """``heading -> text`` of ``<doc_id>.md`` (None when there is no such document)."""
        if doc_id not in self._sections:
            path = self.corpus_dir / f"{doc_id}.md"
            self._sections[doc_id] = _h2_sections(path) if path.is_file() else None
        return self._sections[doc_id]


@cache
def default_references() -> References:
    """The shipped taxonomy, risk exemplars and sample corpus."""
    intents = frozenset(i.id for i in load_taxonomy(DEFAULT_TAXONOMY_PATH).intents)
    # pii is matched by pattern (agents.risk_signals), so risks.yaml has no exemplars for it.
    risks = {s.id for s in load_risks(DEFAULT_RISKS_PATH).signals} - {NONE} | {RiskSignal.PII}
    return References(intents, frozenset(risks), SAMPLE_CORPUS_DIR)


def _h2_sections(path: Path) -> dict[str, str]:
    """Each ``## `` heading with its text up to the next one (its ``###`` parts included)."""
    parts = _H2.split(load_document(path).body)
    return {heading: _normal(text) for heading, text in zip(parts[1::2], parts[2::2], strict=True)}


def _normal(text: str) -> str:
    """Lowercase with whitespace runs as one space: phrases match across line wraps."""
    return _SPACE.sub(" ", text).strip().lower()


def _labels(case: EvalCase, refs: References) -> Iterator[str]:
    for intent in [case.expect.intent, *case.expect.secondary_intents]:
        if intent not in refs.intents:
            yield f"intent '{intent}' is not in the taxonomy (knowledge/taxonomy/intents.yaml)"
    for risk in case.expect.risks:
        if risk not in refs.risks:
            yield f"risk '{risk}' is not a risk id of knowledge/taxonomy/risks.yaml"


def _citations(case: EvalCase, refs: References) -> Iterator[str]:
    cited: list[str] = []
    for cite in case.expect.must_cite:
        sections = refs.sections(cite.doc_id)
        if sections is None:
            yield f"must_cite doc '{cite.doc_id}' is not a file in knowledge/corpus/"
        elif cite.section not in sections:
            yield f"must_cite '{cite.section}' is not a '## ' heading of {cite.doc_id}.md"
        else:
            cited.append(sections[cite.section])
    for phrase in case.expect.must_state:
        if not any(_normal(phrase) in text for text in cited):
            yield f"must_state '{phrase}' appears in no cited section"


def _entities(case: EvalCase, refs: References) -> Iterator[str]:
    for entity in case.expect.entities:
        if entity.value not in case.case.message:
            yield f"entity {entity.kind} '{entity.value}' is not written in the message"


def _route(case: EvalCase, refs: References) -> Iterator[str]:
    forcing = sorted(FORCING_RISKS.intersection(case.expect.risks))
    if case.case.customer.vulnerable:
        forcing.append("customer.vulnerable")
    if forcing and case.expect.route != Route.HUMAN:
        yield f"route must be 'human' because of {', '.join(forcing)}"


def _idempotency(case: EvalCase, refs: References) -> Iterator[str]:
    if case.case.idempotency_key and case.case.idempotency_key != case.id:
        yield f"case.idempotency_key '{case.case.idempotency_key}' differs from the id"


CHECKS: tuple[Callable[[EvalCase, References], Iterator[str]], ...] = (
    _labels,
    _citations,
    _entities,
    _route,
    _idempotency,
)
"""Every per-case check, in the order their problems are listed."""


def check_case(case: EvalCase, refs: References) -> list[str]:
    """Every problem of one parsed case, as fix-it messages."""
    return [message for check in CHECKS for message in check(case, refs)]
