"""Client-side service functions shared by the CLI, the API and the tests.

Each function takes a connected ``Client`` and returns typed values, translating
Temporal's errors into ``cx.errors`` so every interface reports them the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from temporalio.client import (
    Client,
    WorkflowExecutionDescription,
    WorkflowExecutionStatus,
    WorkflowFailureError,
    WorkflowHandle,
    WorkflowUpdateFailedError,
)
from temporalio.common import SearchAttributePair, TypedSearchAttributes, WorkflowIDReusePolicy
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.exceptions import ApplicationError, WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode, TLSConfig

from agents.contracts import ApprovalDecision, CaseInput, CaseStatus
from cx.errors import CaseNotFoundError, DecisionRejectedError, ServerUnavailableError
from cx.settings import Settings
from cx.telemetry import Telemetry, current, install
from cx.telemetry import attributes as otel
from cx.telemetry.case_trace import decide_span, submit_span, trace_memo
from workflows import search_attributes as sa
from workflows.case_workflow import CaseWorkflow
from workflows.contracts import CaseResult, CaseView, CaseWorkflowInput, DecisionReceipt
from workflows.decision_rules import describe

__all__ = ["CaseResult", "CaseSummary", "CaseView", "Client", "Submission"]


async def connect(settings: Settings, telemetry: Telemetry | None = None) -> Client:
    """Connect to the configured Temporal server, or say how to start one.

    The client carries the tracing interceptor when telemetry is on (``telemetry``, or
    the process's, installed here from ``settings.telemetry`` on first use), so workers
    built from it trace workflows and activities too.
    """
    tracing = telemetry or install(settings.telemetry)
    t = settings.temporal
    try:
        return await Client.connect(
            t.address,
            namespace=t.namespace,
            data_converter=pydantic_data_converter,
            tls=TLSConfig() if t.tls else False,
            interceptors=tracing.interceptors(),
        )
    except RuntimeError as exc:
        raise ServerUnavailableError(
            f"Cannot reach Temporal at {t.address} ({exc}). Start the embedded stack with "
            "`cx dev` (or `make demo`), or point CX_TEMPORAL__ADDRESS at your cluster."
        ) from exc


def case_id_for(case: CaseInput) -> str:
    """Workflow id of a case: derived from its idempotency key, so resubmits collide."""
    return f"case-{case.idempotency_key}"


@dataclass(frozen=True)
class Submission:
    """What submitting a case did."""

    case_id: str
    already_existed: bool
    # The case's OpenTelemetry trace id ("" when tracing is off).
    trace_id: str = ""


async def submit_case(
    client: Client, case: CaseInput, settings: Settings, telemetry: Telemetry | None = None
) -> Submission:
    """Start the case workflow; the same idempotency key returns the existing case.

    With tracing on, this opens the case's trace and keeps its id in the workflow memo.
    """
    case_id = case_id_for(case)
    with submit_span(telemetry or current(), case_id, case) as span:
        memo = trace_memo(span)
        try:
            await _start(client, case, settings, case_id, memo)
        except WorkflowAlreadyStartedError:
            span.set_attribute(otel.CASE_DUPLICATE, True)
            trace_id = await case_trace_id(client, case_id) if memo else ""
            return Submission(case_id=case_id, already_existed=True, trace_id=trace_id)
    return Submission(case_id, already_existed=False, trace_id=memo.get(otel.MEMO_TRACE_ID, ""))


async def case_trace_id(client: Client, case_id: str) -> str:
    """The trace id stored with a case ("" when it was submitted without tracing)."""
    return await _memo_str(client, case_id, otel.MEMO_TRACE_ID)


async def describe_case(client: Client, case_id: str) -> WorkflowExecutionDescription:
    """The case workflow's description (status, memo); unknown ids are ``CaseNotFoundError``."""
    try:
        return await _handle(client, case_id).describe()
    except RPCError as exc:
        raise _translate(exc, case_id) from exc


async def _memo_str(client: Client, case_id: str, key: str) -> str:
    described = await describe_case(client, case_id)
    return str(await described.memo_value(key, default=""))


async def _start(
    client: Client, case: CaseInput, settings: Settings, case_id: str, memo: dict[str, str]
) -> None:
    await client.start_workflow(
        CaseWorkflow.run,
        CaseWorkflowInput(case=case, policy=settings.approvals),
        id=case_id,
        task_queue=settings.temporal.task_queue,
        id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
        search_attributes=TypedSearchAttributes(
            [SearchAttributePair(sa.STATUS, CaseStatus.RECEIVED.value)]
        ),
        memo=memo or None,
    )


def _handle(client: Client, case_id: str) -> WorkflowHandle[CaseWorkflow, CaseResult]:
    return client.get_workflow_handle_for(CaseWorkflow.run, case_id)


async def view_case(client: Client, case_id: str) -> CaseView:
    """Live status of a case; ``CaseNotFoundError`` for an unknown id."""
    try:
        return await _handle(client, case_id).query(CaseWorkflow.view)
    except RPCError as exc:
        raise _translate(exc, case_id) from exc


async def case_result(client: Client, case_id: str) -> CaseResult:
    """Wait for a case to finish and return its result."""
    try:
        return await _handle(client, case_id).result()
    except RPCError as exc:
        raise _translate(exc, case_id) from exc


@dataclass(frozen=True)
class CaseSummary:
    """One row of ``cx case list`` / ``cx approvals list``."""

    case_id: str
    status: str
    priority: str
    intent: str
    started: datetime
    running: bool
    queue: str = ""
    assignee: str = ""
    sla_due: datetime | None = None
    risks: tuple[str, ...] = ()


async def list_cases(client: Client, *, query: str = "", limit: int = 50) -> list[CaseSummary]:
    """Cases newest first, from Temporal visibility (no second database)."""
    full = 'WorkflowType = "CaseWorkflow"' + (f" AND {query}" if query else "")
    rows: list[CaseSummary] = []
    async for wf in client.list_workflows(full, limit=limit):
        attrs = wf.typed_search_attributes
        rows.append(
            CaseSummary(
                case_id=wf.id,
                status=attrs.get(sa.STATUS) or "",
                priority=attrs.get(sa.PRIORITY) or "",
                intent=attrs.get(sa.INTENT) or "",
                started=wf.start_time,
                running=wf.status == WorkflowExecutionStatus.RUNNING,
                queue=attrs.get(sa.QUEUE) or "",
                assignee=attrs.get(sa.ASSIGNEE) or "",
                sla_due=attrs.get(sa.SLA_DUE),
                risks=tuple(attrs.get(sa.RISKS) or ()),
            )
        )
    return rows


async def list_approvals(
    client: Client,
    *,
    limit: int = 100,
    queue: str | None = None,
    priority: str | None = None,
    overdue_at: datetime | None = None,
) -> list[CaseSummary]:
    """Cases waiting for an approver, most urgent first (a visibility query, no cache).

    ``overdue_at``: only cases whose respond-by SLA passed before that instant.
    """
    rows = await list_cases(client, query=inbox_query(queue, priority, overdue_at), limit=limit)
    return sorted(rows, key=lambda r: (r.priority or "P9", r.sla_due or r.started, r.started))


def inbox_query(queue: str | None, priority: str | None, overdue_at: datetime | None) -> str:
    """The visibility query behind the approvals inbox and its filters."""
    parts = [
        f'{sa.STATUS.name} = "{CaseStatus.AWAITING_APPROVAL.value}"',
        'ExecutionStatus = "Running"',
    ]
    if queue:
        parts.append(f'{sa.QUEUE.name} = "{_quoted(queue)}"')
    if priority:
        parts.append(f'{sa.PRIORITY.name} = "{_quoted(priority)}"')
    if overdue_at is not None:
        parts.append(f'{sa.SLA_DUE.name} < "{overdue_at.isoformat()}"')
    return " AND ".join(parts)


def _quoted(value: str) -> str:
    """A filter value safe inside a double-quoted visibility literal."""
    return value.replace("\\", "").replace('"', "")


async def decide(
    client: Client,
    case_id: str,
    decision: ApprovalDecision,
    telemetry: Telemetry | None = None,
) -> DecisionReceipt:
    """Send an approver's decision as a validated Update and wait for its effect.

    With tracing on, the decision is a span in the case's own trace (from the memo).
    """
    t = telemetry or current()
    traceparent = await _traceparent(client, case_id) if t.enabled else ""
    with decide_span(t, case_id, decision, traceparent):
        return await _decide(client, case_id, decision)


async def _traceparent(client: Client, case_id: str) -> str:
    try:
        return await _memo_str(client, case_id, otel.MEMO_TRACEPARENT)
    except CaseNotFoundError:
        return ""  # _decide reports the missing or closed case


async def _decide(client: Client, case_id: str, decision: ApprovalDecision) -> DecisionReceipt:
    try:
        return await _handle(client, case_id).execute_update(CaseWorkflow.decide, decision)
    except WorkflowUpdateFailedError as exc:
        cause = exc.cause
        message = cause.message if isinstance(cause, ApplicationError) else str(cause)
        raise DecisionRejectedError(message) from exc
    except RPCError as exc:
        if exc.status == RPCStatusCode.NOT_FOUND and (
            closed := await _closed_status(client, case_id)
        ):
            decided = await _last_decision(client, case_id)
            raise DecisionRejectedError(
                f"Case {case_id} is already closed (status: {closed})"
                + (f", already decided: {describe(decided)}" if decided else "")
                + "; nothing was changed."
            ) from exc
        raise _translate(exc, case_id) from exc


async def _last_decision(client: Client, case_id: str) -> ApprovalDecision | None:
    """The decision that settled a closed case: a late approver learns who and how."""
    try:
        result = await _handle(client, case_id).result()
    except (RPCError, WorkflowFailureError):
        return None
    return result.history[-1].decision if result.history else None


async def _closed_status(client: Client, case_id: str) -> str:
    """The final status of a closed case, or "" when no such case exists."""
    try:
        described = await _handle(client, case_id).describe()
    except RPCError:
        return ""
    return described.typed_search_attributes.get(sa.STATUS) or "closed"


def _translate(exc: RPCError, case_id: str) -> Exception:
    if exc.status == RPCStatusCode.NOT_FOUND:
        return CaseNotFoundError(f"No case with id '{case_id}'. `cx case list` shows known cases.")
    if exc.status == RPCStatusCode.UNAVAILABLE:
        return ServerUnavailableError(
            f"Temporal is unavailable ({exc.message}). Is `cx dev` running?"
        )
    return exc
