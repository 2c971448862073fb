"""``CaseWorkflow``: one durable workflow per customer case, the case's system of record.

It runs the LangGraph case graph through the Temporal LangGraph plugin (agent nodes are
activities), pauses at the approval gate's ``interrupt()``, exposes the pending approval
through search attributes and a query, takes the approver's decision as a validated
Update, and resumes the graph with ``Command(resume=...)``.

Workflow code must stay deterministic: no I/O, clocks, randomness or settings here; time
comes from ``workflow.now()`` and every side effect lives in an activity-executed node.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from temporalio import workflow
from temporalio.exceptions import ApplicationError

with workflow.unsafe.imports_passed_through():
    from langchain_core.runnables import RunnableConfig
    from langgraph.checkpoint.memory import InMemorySaver
    from langgraph.types import Command
    from temporalio.langgraph import graph

    from agents.contracts import (
        ApprovalDecision,
        ApprovalRequest,
        CaseInput,
        CaseStatus,
        DecisionAction,
        Role,
    )
    from agents.state import CASE_GRAPH
    from workflows import search_attributes as sa
    from workflows.case_result import result_from_state
    from workflows.contracts import CaseResult, CaseView, DecisionReceipt

DECIDING_ROLES = frozenset({Role.APPROVER, Role.SENIOR_APPROVER, Role.ADMIN})


@workflow.defn
class CaseWorkflow:
    """Runs one case from the operator's submit to delivery or a human's rejection."""

    def __init__(self) -> None:
        self._status = CaseStatus.RECEIVED
        self._pending: ApprovalRequest | None = None
        self._decision: ApprovalDecision | None = None
        self._result: CaseResult | None = None
        self._timed_out = False

    @workflow.run
    async def run(self, case: CaseInput, approval_timeout_seconds: float = 86_400) -> CaseResult:
        """Run the graph; wait for an approver when the gate asks for one."""
        case_id = workflow.info().workflow_id
        self._set_status(CaseStatus.PROCESSING)
        app = graph(CASE_GRAPH).compile(checkpointer=InMemorySaver())
        config: RunnableConfig = {"configurable": {"thread_id": case_id}}
        initial: dict[str, Any] = {"case_id": case_id, "case": case.model_dump(mode="json")}
        state = await app.ainvoke(initial, config)
        while "__interrupt__" in state:
            decision = await self._await_decision(
                state, timedelta(seconds=approval_timeout_seconds)
            )
            self._set_status(CaseStatus.PROCESSING)
            resume: Command[Any] = Command(resume=decision.model_dump(mode="json"))
            state = await app.ainvoke(resume, config)
        self._result = result_from_state(case_id, state, timed_out=self._timed_out)
        self._pending = None
        self._set_status(self._result.status, intent=self._result.interpretation.intent)
        await workflow.wait_condition(workflow.all_handlers_finished)
        return self._result

    async def _await_decision(self, state: dict[str, Any], sla: timedelta) -> ApprovalDecision:
        request = ApprovalRequest.model_validate(state["__interrupt__"][0].value)
        self._pending = request
        self._decision = None
        workflow.upsert_search_attributes(
            [
                sa.STATUS.value_set(CaseStatus.AWAITING_APPROVAL.value),
                sa.PRIORITY.value_set(request.priority.value),
                sa.INTENT.value_set(request.intent),
            ]
        )
        self._status = CaseStatus.AWAITING_APPROVAL
        try:
            await workflow.wait_condition(lambda: self._decision is not None, timeout=sla)
        except TimeoutError:
            # The safe default when nobody decides in time: do not send; a human follows up.
            self._timed_out = True
            self._decision = ApprovalDecision(
                action=DecisionAction.REJECT,
                actor="system-sla",
                role=Role.ADMIN,
                reason=f"No decision within {sla}; nothing was sent.",
                draft_version=request.draft_version,
                draft_sha256=request.draft_sha256,
            )
        assert self._decision is not None
        return self._decision

    def _set_status(self, status: CaseStatus, intent: str = "") -> None:
        self._status = status
        updates = [sa.STATUS.value_set(status.value)]
        if intent:
            updates.append(sa.INTENT.value_set(intent))
        workflow.upsert_search_attributes(updates)

    @workflow.update
    async def decide(self, decision: ApprovalDecision) -> DecisionReceipt:
        """Record an approver's decision, then wait until it has taken effect."""
        self._decision = decision
        await workflow.wait_condition(lambda: self._result is not None)
        assert self._result is not None
        return DecisionReceipt(
            case_id=workflow.info().workflow_id,
            action=decision.action.value,
            draft_version=decision.draft_version,
            status=self._result.status,
        )

    @decide.validator
    def _validate_decision(self, decision: ApprovalDecision) -> None:
        """Refuse a decision before it reaches history: wrong role, state or version."""
        case_id = workflow.info().workflow_id
        if decision.role not in DECIDING_ROLES:
            raise ApplicationError(
                f"Role '{decision.role.value}' cannot decide approvals; "
                "an approver, senior approver or admin must.",
                type="WrongRole",
            )
        pending = self._pending
        if pending is None or self._decision is not None:
            raise ApplicationError(
                f"Case {case_id} is not awaiting approval (status: {self._status.value}).",
                type="NotAwaitingApproval",
            )
        if decision.draft_version != pending.draft_version or (
            decision.draft_sha256 and decision.draft_sha256 != pending.draft_sha256
        ):
            raise ApplicationError(
                f"Decision is for draft v{decision.draft_version}, but case {case_id} waits on "
                f"draft v{pending.draft_version}. "
                f"Run `cx approvals show {case_id}` and decide again.",
                type="StaleDraft",
            )
        if decision.action is DecisionAction.REJECT and not decision.reason.strip():
            raise ApplicationError("A rejection needs a reason (--reason).", type="MissingReason")

    @workflow.query
    def view(self) -> CaseView:
        """Status, the pending approval request (if any), the decision and the result."""
        return CaseView(
            case_id=workflow.info().workflow_id,
            status=self._status,
            pending=self._pending,
            decision=self._decision,
            result=self._result,
        )
