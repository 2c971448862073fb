"""Client-side service functions shared by the CLI, the API and the tests.

Each function takes a connected ``Client`` and returns typed values, translating
Temporal's errors into ``cx.errors`` so every interface reports them the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from temporalio.client import (
    Client,
    WorkflowExecutionStatus,
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
from workflows import search_attributes as sa
from workflows.case_workflow import CaseWorkflow
from workflows.contracts import CaseResult, CaseView, DecisionReceipt

__all__ = ["CaseResult", "CaseSummary", "CaseView", "Client", "Submission"]


async def connect(settings: Settings) -> Client:
    """Connect to the configured Temporal server, or say how to start one."""
    t = settings.temporal
    try:
        return await Client.connect(
            t.address,
            namespace=t.namespace,
            data_converter=pydantic_data_converter,
            tls=TLSConfig() if t.tls else False,
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


async def submit_case(client: Client, case: CaseInput, settings: Settings) -> Submission:
    """Start the case workflow; the same idempotency key returns the existing case."""
    case_id = case_id_for(case)
    try:
        await client.start_workflow(
            CaseWorkflow.run,
            args=[case, settings.temporal.approval_timeout_seconds],
            id=case_id,
            task_queue=settings.temporal.task_queue,
            id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,
            search_attributes=TypedSearchAttributes(
                [SearchAttributePair(sa.STATUS, CaseStatus.RECEIVED.value)]
            ),
        )
    except WorkflowAlreadyStartedError:
        return Submission(case_id=case_id, already_existed=True)
    return Submission(case_id=case_id, already_existed=False)


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
            )
        )
    return rows


async def list_approvals(client: Client, *, limit: int = 100) -> list[CaseSummary]:
    """Cases waiting for an approver, most urgent first."""
    rows = await list_cases(
        client,
        query=f'{sa.STATUS.name} = "{CaseStatus.AWAITING_APPROVAL.value}" '
        'AND ExecutionStatus = "Running"',
        limit=limit,
    )
    return sorted(rows, key=lambda r: (r.priority or "P9", r.started))


async def decide(client: Client, case_id: str, decision: ApprovalDecision) -> DecisionReceipt:
    """Send an approver's decision as a validated Update and wait for its effect."""
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
            raise DecisionRejectedError(
                f"Case {case_id} is already closed (status: {closed}); nothing was changed."
            ) from exc
        raise _translate(exc, case_id) from exc


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
