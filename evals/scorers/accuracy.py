"""Accuracy: right intent, emotion and entities; grounded facts; required facts; retrieval."""

from __future__ import annotations

import re
from decimal import Decimal

from evals.results import CaseRecord, Metric
from evals.scorers.base import flag, not_applicable

# Factual claims a reply can make: money, percentages, durations, dates.
_CLAIM = re.compile(
    r"\$\s?\d[\d,]*(?:\.\d+)?|\d+(?:\.\d+)?\s?%"
    r"|\b\d+(?:\s?(?:-|to)\s?\d+)?\s(?:business\s)?(?:days?|hours?|minutes?|weeks?|months?|years?)\b"
    r"|\b\d{4}-\d{2}-\d{2}\b",
    re.I,
)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower().replace(",", "").replace(" to ", "-"))


class AccuracyScorer:
    """Interpretation, grounding, required and forbidden content, retrieval, compensation."""

    name = "accuracy"
    description = (
        "Intent and emotion match the label; entity F1 over (kind, value); grounding is the "
        "share of factual claims in the reply (amounts, percentages, durations, dates) found "
        "in a cited passage or the case itself; required facts present; forbidden phrases "
        "absent; retrieval recall of the labeled KB sections; offers within the labeled "
        "compensation ceiling."
    )
    metrics = (
        "accuracy.intent", "accuracy.emotion", "accuracy.entity_f1", "accuracy.grounding",
        "accuracy.required_facts", "accuracy.must_not_say", "accuracy.retrieval_recall",
        "accuracy.compensation",
    )  # fmt: skip
    lower_is_better: tuple[str, ...] = ()

    def score(self, record: CaseRecord) -> list[Metric]:
        """Score the interpretation, retrieval and final draft of one case."""
        expect = record.eval_case.expect
        interp = record.interpretation
        if interp is None:
            return [not_applicable(m, "the case did not run") for m in self.metrics]
        return [
            flag("accuracy.intent", interp.intent == expect.intent,
                 f"expected {expect.intent}, got {interp.intent}"),
            flag("accuracy.emotion", interp.emotion == expect.emotion,
                 f"expected {expect.emotion.value}, got {interp.emotion.value}"),
            _entity_f1(record),
            _grounding(record),
            _required(record),
            _forbidden(record),
            _retrieval(record),
            _compensation(record),
        ]  # fmt: skip


def _entity_f1(record: CaseRecord) -> Metric:
    expected = {(e.kind, _same_value(e.value)) for e in record.eval_case.expect.entities}
    found = (
        {(e.kind, _same_value(e.value)) for e in record.interpretation.entities}
        if record.interpretation
        else set()
    )
    if not expected and not found:
        return not_applicable("accuracy.entity_f1", "no entities expected or found")
    hits = len(expected & found)
    precision = hits / len(found) if found else 0.0
    recall = hits / len(expected) if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    missed = sorted(v for _, v in expected - found)
    return Metric(
        name="accuracy.entity_f1", value=round(f1, 3), reason=f"missed {missed}" if missed else ""
    )


def _same_value(value: str) -> str:
    """An entity's identity: "JA 214" as written and "JA214" as normalized are one flight."""
    return re.sub(r"\s+", "", value).casefold()


def _grounding(record: CaseRecord) -> Metric:
    if record.draft is None:
        return not_applicable("accuracy.grounding", "no draft")
    claims = [_norm(c) for c in _CLAIM.findall(record.draft.text)]
    if not claims:
        return not_applicable("accuracy.grounding", "no factual claims")
    cited = set(record.draft.citations)
    passages = record.retrieval.passages if record.retrieval else []
    case = record.eval_case.case
    sources = [p.text for p in passages if p.chunk_id in cited]
    sources += [case.message, case.subject, case.model_dump_json()]
    if case.context and case.context.amount is not None and case.context.currency == "USD":
        # The booking's own amount, written as money: "$286.40" is the case's "286.40".
        sources.append(f"${case.context.amount}")
    haystack = _norm(" ".join(sources))
    unsupported = [c for c in claims if c not in haystack]
    value = 1 - len(unsupported) / len(claims)
    return Metric(
        name="accuracy.grounding",
        value=round(value, 3),
        reason=f"unsupported {unsupported}" if unsupported else "",
    )


def _required(record: CaseRecord) -> Metric:
    facts = record.eval_case.expect.must_state
    if not facts or record.draft is None:
        return not_applicable("accuracy.required_facts", "no required facts")
    text = _norm(record.draft.text)
    missing = [f for f in facts if _norm(f) not in text]
    value = 1 - len(missing) / len(facts)
    return Metric(
        name="accuracy.required_facts",
        value=round(value, 3),
        reason=f"missing {missing}" if missing else "",
    )


def _forbidden(record: CaseRecord) -> Metric:
    phrases = record.eval_case.expect.must_not_say
    if not phrases or record.draft is None:
        return not_applicable("accuracy.must_not_say", "nothing forbidden for this case")
    said = [p for p in phrases if p.lower() in record.draft.text.lower()]
    return flag("accuracy.must_not_say", not said, f"says {said}")


def _retrieval(record: CaseRecord) -> Metric:
    wanted = record.eval_case.expect.must_cite
    if not wanted:
        return not_applicable("accuracy.retrieval_recall", "no sections labeled")
    got = [(p.doc_id, p.section) for p in (record.retrieval.passages if record.retrieval else [])]
    found = [w for w in wanted if any(d == w.doc_id and s.startswith(w.section) for d, s in got)]
    value = len(found) / len(wanted)
    missing = [f"{w.doc_id}#{w.section}" for w in wanted if w not in found]
    return Metric(
        name="accuracy.retrieval_recall",
        value=value,
        reason=f"missing {missing}" if missing else "",
    )


def _compensation(record: CaseRecord) -> Metric:
    offered = (
        sum((o.amount or Decimal(0) for o in record.draft.offers), Decimal(0))
        if record.draft
        else Decimal(0)
    )
    ceiling = record.eval_case.expect.max_compensation or Decimal(0)
    return flag(
        "accuracy.compensation", offered <= ceiling, f"offers ${offered}, ceiling ${ceiling}"
    )
