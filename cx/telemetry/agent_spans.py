"""Spans and metrics of the activity-run agent nodes (``agents.graph.CaseNodes``).

A node opens ``agent_span`` around its work; inside an activity the span is a child of
the Temporal interceptor's ``RunActivity`` span, so it joins the case's trace. The
``*_attributes`` helpers turn agent contracts into attributes that carry ids, enums,
numbers and hashes only, never customer text.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from opentelemetry.trace import INVALID_SPAN, Span
from opentelemetry.util.types import Attributes

from agents.backends.base import LLM_PREFIX
from agents.contracts import Delivery, Draft, Interpretation, Retrieval, Review, RiskDecision
from cx.telemetry import attributes as a
from cx.telemetry.genai import model_usage
from cx.telemetry.redact import case_pii
from cx.telemetry.setup import Telemetry


@contextmanager
def agent_span(t: Telemetry, node: str, state: Mapping[str, Any], backend: str) -> Iterator[Span]:
    """A span for one run of ``node``, timed into the agent-latency histogram.

    With telemetry on (and PII not allowed), log lines written while the node works on
    the case have that case's customer values masked (``redact.case_pii``).
    """
    if not t.enabled:  # the default: no span, no masking, no timing on the hot path
        yield INVALID_SPAN
        return
    started = time.perf_counter()
    labels = {a.NODE: node, a.BACKEND: backend}
    attributes = {a.CASE_ID: state.get("case_id", ""), **labels}
    masking = not t.record_pii
    try:
        with (
            case_pii(state.get("case") if masking else None),
            t.tracer.start_as_current_span(a.agent_span_name(node), attributes=attributes) as span,
        ):
            if backend.startswith(LLM_PREFIX):
                with model_usage(span, node, backend):
                    yield span
            else:
                yield span
    finally:
        t.metrics.agent_duration.record(time.perf_counter() - started, labels)


def interpretation_attributes(i: Interpretation) -> Attributes:
    """Intent, emotion, urgency, risk signals and entity kinds (not the entities)."""
    return {
        a.INTENT: i.intent,
        a.INTENT_CONFIDENCE: round(i.intent_confidence, 3),
        a.EMOTION: i.emotion.value,
        a.URGENCY: i.urgency.value,
        a.RISK_SIGNALS: sorted({r.signal.value for r in i.risks}),
        a.ENTITY_KINDS: sorted({str(e.kind) for e in i.entities}),
    }


def retrieval_attributes(r: Retrieval, k: int) -> Attributes:
    """How many passages were asked for and found, the best score, and their chunk ids."""
    return {
        a.RETRIEVAL_K: k,
        a.RETRIEVAL_COUNT: len(r.passages),
        a.RETRIEVAL_TOP_SCORE: max((p.score for p in r.passages), default=0.0),
        a.RETRIEVAL_CHUNK_IDS: [p.chunk_id for p in r.passages],
        a.RETRIEVAL_RELEVANT: r.relevant,
    }


def draft_attributes(d: Draft) -> Attributes:
    """Version, revision number, citation count and the text's hash (not the text)."""
    return {
        a.DRAFT_VERSION: d.version,
        a.DRAFT_REVISION: d.version - 1,
        a.DRAFT_CITATIONS: len(d.citations),
        a.DRAFT_SHA256: d.sha256,
    }


def review_attributes(r: Review, *, revise: bool) -> Attributes:
    """Verdict, the rule ids of the findings, and whether the draft goes back."""
    return {
        a.DRAFT_VERSION: r.draft_version,
        a.POLICY_PASSED: r.passed,
        a.POLICY_FINDING_IDS: [f.rule_id for f in r.findings],
        a.POLICY_BLOCKING: len(r.blocking),
        a.POLICY_VERSION: r.policy_version,
        a.REVISE: revise,
    }


def risk_attributes(r: RiskDecision) -> Attributes:
    """Route and risk level; reasons are counted (their text quotes the customer)."""
    return {
        a.RISK_ROUTE: r.route.value,
        a.RISK_LEVEL: r.priority.value,
        a.GATE_REASON_COUNT: len(r.reasons),
    }


def delivery_attributes(d: Delivery) -> Attributes:
    """Channel, the draft version sent, and whether this attempt wrote the outbox row."""
    return {
        a.CASE_CHANNEL: d.channel.value,
        a.DRAFT_VERSION: d.draft_version,
        a.DELIVERY_NEW: d.newly_written,
    }


def record_findings(t: Telemetry, review: Review) -> None:
    """Count the review's findings by rule and severity."""
    for f in review.findings:
        t.metrics.findings.add(1, {a.POLICY_RULE: f.rule_id, a.POLICY_SEVERITY: f.severity.value})
