"""Spans and metrics recorded from workflow code: the gate, the approval, the close.

These run inside the case workflow (the gate and close nodes execute in the workflow),
so they must be deterministic and replay-safe:

- spans are ``temporalio.contrib.opentelemetry.workflow.completed_span``: zero-length
  spans stamped with workflow time, emitted only when not replaying, parented to the
  case's trace by the Temporal tracing interceptor (and skipped when the workflow was
  started without a trace);
- metrics go through ``ReplaySafeMeterProvider`` instruments (see ``metrics``);
- the moment a case starts waiting is remembered per workflow instance from
  ``workflow.now()``; replay re-runs the gate and so restores it after a worker restart.

Outside a workflow (the eval runner's in-process graph) the same events are ordinary
spans from the process tracer.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any
from weakref import WeakKeyDictionary

from opentelemetry import trace
from opentelemetry.util.types import Attributes
from temporalio import workflow
from temporalio.contrib.opentelemetry.workflow import completed_span

from agents.contracts import ApprovalDecision, Interpretation, RiskDecision
from cx.telemetry import attributes as a
from cx.telemetry.agent_spans import risk_attributes
from cx.telemetry.redact import fingerprint
from cx.telemetry.setup import Telemetry

# When each waiting workflow instance's current approval request was raised.
_waiting_since: WeakKeyDictionary[object, datetime] = WeakKeyDictionary()


def event_span(t: Telemetry, name: str, attributes: Attributes) -> None:
    """Record a point-in-time span in the case's trace (replay-safe in a workflow)."""
    if not t.enabled:
        return
    if not workflow.in_workflow():
        t.tracer.start_span(name, attributes=attributes).end()
    elif trace.get_current_span() is not trace.INVALID_SPAN:
        completed_span(name, attributes=attributes)


def gate_opened(t: Telemetry, state: Mapping[str, Any]) -> None:
    """The gate asked for a human: remember when, and record the gate's verdict."""
    if not t.enabled:  # nothing to record: skip parsing state on every gate run
        return
    if workflow.in_workflow():
        _waiting_since[workflow.instance()] = workflow.now()
    event_span(t, a.SPAN_GATE, _gate_attributes(t, state, "human"))


def gate_passed(t: Telemetry, state: Mapping[str, Any], update: dict[str, Any]) -> None:
    """The gate let the case through: automatically, or with a human's decision."""
    if not t.enabled:
        return
    raw = update.get("decision")
    if raw is None:
        event_span(t, a.SPAN_GATE, _gate_attributes(t, state, "auto"))
        return
    decision = ApprovalDecision.model_validate(raw)
    case = {a.CASE_ID: state.get("case_id", "")}
    waited = _waited_s(decision)
    if waited is not None:
        event_span(t, a.SPAN_APPROVAL_WAIT, {**case, a.APPROVAL_WAIT_S: waited})
        t.metrics.approval_wait.record(waited, {a.APPROVAL_ACTION: decision.action.value})
    attrs: dict[str, Any] = {
        **case,
        a.APPROVAL_ACTION: decision.action.value,
        a.APPROVAL_ROLE: decision.role.value,
        a.APPROVAL_DRAFT_VERSION: decision.draft_version,
        a.APPROVER_HASH: fingerprint(decision.actor),
    }
    event_span(t, a.SPAN_APPROVAL_DECISION, attrs)


def case_closed(t: Telemetry, state: Mapping[str, Any]) -> None:
    """A case ended without sending (rejected by a human or by the final deadline)."""
    if not t.enabled:
        return
    revisions = max(state.get("drafts_written", 1) - 1, 0)
    t.metrics.case_finished(outcome="rejected", route="human", revisions=revisions)
    attrs = {a.CASE_ID: state.get("case_id", ""), a.OUTCOME: "rejected"}
    event_span(t, a.SPAN_CLOSE, attrs)


def _waited_s(decision: ApprovalDecision) -> float | None:
    if not workflow.in_workflow():
        return None
    since = _waiting_since.get(workflow.instance())
    if since is None:
        return None
    return max(((decision.decided_at or workflow.now()) - since).total_seconds(), 0.0)


def _gate_attributes(t: Telemetry, state: Mapping[str, Any], verdict: str) -> dict[str, Any]:
    risk = RiskDecision.model_validate(state["risk"])
    interp = Interpretation.model_validate(state["interpretation"])
    attrs: dict[str, Any] = {
        a.CASE_ID: state.get("case_id", ""),
        a.GATE_DECISION: verdict,
        a.GATE_REASON_CODES: sorted({r.signal.value for r in interp.risks}),
        **(risk_attributes(risk) or {}),
    }
    if t.record_pii:
        attrs[a.GATE_REASONS] = risk.reasons
    return attrs
