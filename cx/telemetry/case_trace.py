"""The case's trace on the client side: the root span at submit, and joining it later.

``submit_span`` opens the root of a case's trace; the Temporal interceptor's
``StartWorkflow`` span and everything the workflow does hang below it. ``trace_memo``
gives the trace id and W3C ``traceparent`` that ``submit_case`` stores in the workflow
memo: reports and the audit trail link to the trace by id, and an approver's decision,
sent later from another process, rejoins the same trace through ``decide_span``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from opentelemetry.context import Context
from opentelemetry.trace import Span, SpanKind, set_span_in_context
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

from agents.contracts import ApprovalDecision, CaseInput
from cx.telemetry import attributes as a
from cx.telemetry.redact import fingerprint
from cx.telemetry.setup import Telemetry

_W3C = TraceContextTextMapPropagator()


@contextmanager
def submit_span(t: Telemetry, case_id: str, case: CaseInput) -> Iterator[Span]:
    """The root span of a case: channel, tier and a hash of the customer id, no PII."""
    attributes = {
        a.CASE_ID: case_id,
        a.CASE_CHANNEL: case.channel.value,
        a.CUSTOMER_TIER: case.customer.tier.value,
        a.CUSTOMER_HASH: fingerprint(case.customer.customer_id),
    }
    with t.tracer.start_as_current_span(
        a.SPAN_SUBMIT, kind=SpanKind.PRODUCER, attributes=attributes
    ) as span:
        yield span


def trace_memo(span: Span) -> dict[str, str]:
    """Memo entries that name ``span``'s trace; empty when nothing is traced."""
    ctx = span.get_span_context()
    if not ctx.is_valid:
        return {}
    carrier: dict[str, str] = {}
    _W3C.inject(carrier, set_span_in_context(span))
    return {a.MEMO_TRACE_ID: f"{ctx.trace_id:032x}", a.MEMO_TRACEPARENT: carrier["traceparent"]}


@contextmanager
def decide_span(
    t: Telemetry, case_id: str, decision: ApprovalDecision, traceparent: str
) -> Iterator[Span]:
    """An approver's decision, as a span in the case's trace (``traceparent`` from memo)."""
    parent: Context | None = _W3C.extract({"traceparent": traceparent}) if traceparent else None
    attributes = {
        a.CASE_ID: case_id,
        a.APPROVAL_ACTION: decision.action.value,
        a.APPROVAL_ROLE: decision.role.value,
        a.APPROVAL_DRAFT_VERSION: decision.draft_version,
        a.APPROVER_HASH: fingerprint(decision.actor),
    }
    with t.tracer.start_as_current_span(
        a.SPAN_DECIDE, context=parent, kind=SpanKind.PRODUCER, attributes=attributes
    ) as span:
        yield span
