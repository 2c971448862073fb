"""Stable names of every span attribute, span and metric cx emits.

Dashboards, alerts and eval reports key on these strings, so they change only with a
migration note. Where OpenTelemetry's GenAI semantic conventions name a concept (model,
token usage, agent invocation) the convention's name is used; everything else is in the
``cx.`` namespace. Values are ids, enums, numbers and hashes, never customer free text
(see ``cx.telemetry.redact``).
"""

from __future__ import annotations

from typing import Final

# -- the case -------------------------------------------------------------------------
CASE_ID: Final = "cx.case.id"
CASE_CHANNEL: Final = "cx.case.channel"
CASE_DUPLICATE: Final = "cx.case.duplicate"
CUSTOMER_TIER: Final = "cx.customer.tier"
# A short unsalted SHA-256 of the customer id: joins one customer's cases, shows no id.
CUSTOMER_HASH: Final = "cx.customer.hash"
NODE: Final = "cx.node"
BACKEND: Final = "cx.backend"
OUTCOME: Final = "cx.outcome"

# -- interpret ------------------------------------------------------------------------
INTENT: Final = "cx.intent"
INTENT_CONFIDENCE: Final = "cx.intent.confidence"
EMOTION: Final = "cx.emotion"
URGENCY: Final = "cx.urgency"
RISK_SIGNALS: Final = "cx.risk.signals"
ENTITY_KINDS: Final = "cx.entity.kinds"

# -- retrieve -------------------------------------------------------------------------
RETRIEVAL_K: Final = "cx.retrieval.k"
RETRIEVAL_COUNT: Final = "cx.retrieval.count"
RETRIEVAL_TOP_SCORE: Final = "cx.retrieval.top_score"
RETRIEVAL_CHUNK_IDS: Final = "cx.retrieval.chunk_ids"
RETRIEVAL_RELEVANT: Final = "cx.retrieval.relevant"

# -- draft and policy -----------------------------------------------------------------
DRAFT_VERSION: Final = "cx.draft.version"
DRAFT_REVISION: Final = "cx.draft.revision"
DRAFT_CITATIONS: Final = "cx.draft.citations"
DRAFT_SHA256: Final = "cx.draft.sha256"
POLICY_PASSED: Final = "cx.policy.passed"
POLICY_FINDING_IDS: Final = "cx.policy.finding_ids"
POLICY_BLOCKING: Final = "cx.policy.blocking"
POLICY_VERSION: Final = "cx.policy.version"
POLICY_RULE: Final = "cx.policy.rule"
POLICY_SEVERITY: Final = "cx.policy.severity"
REVISE: Final = "cx.policy.revise"

# -- risk, gate, approval -------------------------------------------------------------
RISK_ROUTE: Final = "cx.risk.route"
RISK_LEVEL: Final = "cx.risk.level"
GATE_DECISION: Final = "cx.gate.decision"
GATE_REASON_CODES: Final = "cx.gate.reason_codes"
GATE_REASON_COUNT: Final = "cx.gate.reason_count"
# Free-text reasons quote the customer: only with ``record_pii``.
GATE_REASONS: Final = "cx.gate.reasons"
APPROVAL_ACTION: Final = "cx.approval.action"
APPROVAL_ROLE: Final = "cx.approval.role"
APPROVAL_DRAFT_VERSION: Final = "cx.approval.draft_version"
APPROVAL_WAIT_S: Final = "cx.approval.wait_s"
APPROVER_HASH: Final = "cx.approval.actor_hash"

# -- delivery -------------------------------------------------------------------------
DELIVERY_NEW: Final = "cx.delivery.newly_written"

# -- OpenTelemetry GenAI semantic conventions (model-backed agent nodes) ---------------
GEN_AI_OPERATION: Final = "gen_ai.operation.name"
GEN_AI_AGENT_NAME: Final = "gen_ai.agent.name"
GEN_AI_REQUEST_MODEL: Final = "gen_ai.request.model"
GEN_AI_RESPONSE_MODEL: Final = "gen_ai.response.model"
GEN_AI_INPUT_TOKENS: Final = "gen_ai.usage.input_tokens"
GEN_AI_OUTPUT_TOKENS: Final = "gen_ai.usage.output_tokens"

# -- span names -----------------------------------------------------------------------
SPAN_SUBMIT: Final = "cx.case.submit"
SPAN_DECIDE: Final = "cx.approval.submit"
SPAN_GATE: Final = "cx.gate"
SPAN_APPROVAL_WAIT: Final = "cx.approval.wait"
SPAN_APPROVAL_DECISION: Final = "cx.approval.decision"
SPAN_CLOSE: Final = "cx.close"


def agent_span_name(node: str) -> str:
    """Span name of an activity-run graph node, e.g. ``cx.agent.retrieve``."""
    return f"cx.agent.{node}"


# -- metric names ---------------------------------------------------------------------
METRIC_CASES: Final = "cx.cases"
METRIC_APPROVAL_WAIT: Final = "cx.approval.wait"
METRIC_REVISIONS: Final = "cx.case.revisions"
METRIC_FINDINGS: Final = "cx.policy.findings"
METRIC_AGENT_DURATION: Final = "cx.agent.duration"

# -- the case's trace id, kept in the workflow memo -----------------------------------
MEMO_TRACE_ID: Final = "cx.trace_id"
MEMO_TRACEPARENT: Final = "cx.traceparent"
