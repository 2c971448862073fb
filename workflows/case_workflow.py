"""``CaseWorkflow``: one durable workflow per customer case, the case's system of record.

It runs the LangGraph case graph through the Temporal LangGraph plugin (agent nodes are
activities), pauses at the approval gate's ``interrupt()``, publishes the approval task
through search attributes and a query, takes approvers' decisions as validated Updates,
runs the SLA timers, and resumes the graph with ``Command(resume=...)``.

Every decision is stamped with ``workflow.now()`` and kept in the workflow's history
list, which the ``view`` query and the result expose: the audit trail is derived from
the workflow itself, so it cannot drift from what happened.

Workflow code must stay deterministic: no I/O, clocks, randomness or settings here; time
comes from ``workflow.now()`` and every side effect lives in an activity.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from temporalio import workflow
from temporalio.common import RetryPolicy

with workflow.unsafe.imports_passed_through():
    from langchain_core.runnables import RunnableConfig
    from langgraph.checkpoint.memory import InMemorySaver
    from langgraph.types import Command
    from temporalio.langgraph import graph

    from agents.approval_gate import edited_draft
    from agents.contracts import (
        ApprovalDecision,
        ApprovalRequest,
        CaseInput,
        CaseStatus,
        DecisionAction,
        Draft,
        Interpretation,
        Retrieval,
        Review,
        Role,
    )
    from agents.state import CASE_GRAPH
    from workflows import search_attributes as sa
    from workflows import sla
    from workflows.case_result import result_from_state
    from workflows.contracts import (
        SENIOR_QUEUE,
        ApprovalPolicy,
        ApprovalTask,
        AuditEntry,
        CaseResult,
        CaseView,
        CaseWorkflowInput,
        DecisionReceipt,
        EditCheck,
    )
    from workflows.decision_rules import check_decision, check_edit_verdict
    from workflows.edit_check import EditChecker

SLA_ACTOR = "system-sla"
_EDIT_CHECK_RETRY = RetryPolicy(maximum_attempts=3, non_retryable_error_types=["ValidationError"])


@workflow.defn
class CaseWorkflow:
    """Runs one case from the operator's submit to delivery or a human's rejection."""

    def __init__(self) -> None:
        self._status = CaseStatus.RECEIVED
        self._policy = ApprovalPolicy()
        self._task: ApprovalTask | None = None
        self._context: dict[str, Any] = {}
        self._history: list[AuditEntry] = []
        # The first settling decision for the pending draft (first writer wins).
        self._claimed: ApprovalDecision | None = None
        # The decision the graph resumes with, once accepted (and, for edits, checked).
        self._resume: ApprovalDecision | None = None
        self._decision: ApprovalDecision | None = None
        self._result: CaseResult | None = None
        self._timed_out = False

    @workflow.run
    async def run(self, inp: CaseWorkflowInput) -> CaseResult:
        """Run the graph; wait for an approver whenever the gate asks for one."""
        case_id = workflow.info().workflow_id
        self._policy = inp.policy
        self._set_status(CaseStatus.PROCESSING)
        app = graph(CASE_GRAPH).compile(checkpointer=InMemorySaver())
        config: RunnableConfig = {"configurable": {"thread_id": case_id}}
        initial: dict[str, Any] = {"case_id": case_id, "case": inp.case.model_dump(mode="json")}
        state = await app.ainvoke(initial, config)
        while "__interrupt__" in state:
            decision = await self._await_decision(state)
            self._set_status(CaseStatus.PROCESSING)
            resume: Command[Any] = Command(resume=decision.model_dump(mode="json"))
            state = await app.ainvoke(resume, config)
        self._result = result_from_state(
            case_id, state, timed_out=self._timed_out, history=self._history
        )
        self._set_status(self._result.status, intent=self._result.interpretation.intent)
        await workflow.wait_condition(workflow.all_handlers_finished)
        return self._result

    # ------------------------------------------------------------------ waiting + SLA

    async def _await_decision(self, state: dict[str, Any]) -> ApprovalDecision:
        request = ApprovalRequest.model_validate(state["__interrupt__"][0].value)
        self._context = {k: state[k] for k in ("case", "interpretation", "retrieval", "draft")}
        self._task = sla.open_task(request, self._policy, workflow.now(), self._task)
        self._claimed = self._resume = None
        self._status = CaseStatus.AWAITING_APPROVAL
        self._publish()
        while self._resume is None:
            due = sla.next_due(self._task)
            timeout = None if due is None else (due - workflow.now()).total_seconds()
            try:
                if timeout is None or timeout > 0:
                    await workflow.wait_condition(lambda: self._resume is not None, timeout=timeout)
                    continue
            except TimeoutError:
                pass
            if self._claimed is not None:  # an edit is being checked: let it settle first
                await workflow.wait_condition(
                    lambda: self._resume is not None or self._claimed is None
                )
                continue
            self._on_deadline()
        return self._resume

    def _on_deadline(self) -> None:
        """Breach: senior queue, priority up. Final deadline: the configured safe default."""
        task = self._task
        assert task is not None  # only called while a task waits
        if not task.breached and workflow.now() < task.final_due:
            self._task = sla.breach(task)
            self._system(
                DecisionAction.ESCALATE,
                f"SLA breached: no decision by {task.sla_due.isoformat(timespec='seconds')}; "
                f"escalated to the senior queue, priority {task.priority} -> "
                f"{self._task.priority}.",
                task,
            )
        elif self._policy.on_final_deadline == "escalate":
            self._task = sla.park(task)
            self._system(
                DecisionAction.ESCALATE,
                "Final deadline passed with no decision; parked in the senior queue. "
                "Nothing was sent.",
                task,
            )
        else:
            self._timed_out = True
            self._resume = self._system(
                DecisionAction.REJECT,
                "Final deadline passed with no decision; nothing was sent, a human follows up.",
                task,
            )
            self._decision = self._resume
        self._publish()

    def _system(self, action: DecisionAction, reason: str, task: ApprovalTask) -> ApprovalDecision:
        decision = ApprovalDecision(
            action=action,
            actor=SLA_ACTOR,
            role=Role.ADMIN,
            reason=reason,
            draft_version=task.request.draft_version,
            draft_sha256=task.request.draft_sha256,
            binding_sha256=task.request.binding_sha256,
            decided_at=workflow.now(),
        )
        self._record(decision, task)
        return decision

    # ------------------------------------------------------------------ decisions

    @workflow.update
    async def decide(self, decision: ApprovalDecision) -> DecisionReceipt:
        """Apply an approver's decision, then wait until it has taken effect."""
        task = self._task
        assert task is not None  # the validator guarantees a waiting task
        stamped = decision.model_copy(
            update={
                "decided_at": workflow.now(),
                "draft_sha256": task.request.draft_sha256,
                "binding_sha256": task.request.binding_sha256,
            }
        )
        if not stamped.settles:
            self._move(stamped, task)
            return self._receipt(stamped)
        self._claimed = stamped  # set before any await: a concurrent decision now loses
        if stamped.action is DecisionAction.EDIT:
            try:
                stamped = await self._checked_edit(stamped)
            except Exception:
                self._claimed = None
                raise
        self._record(stamped, task)
        self._decision = self._resume = stamped
        shown = task.request.draft_version
        await workflow.wait_condition(
            lambda: self._result is not None or self._awaiting_newer_than(shown)
        )
        return self._receipt(stamped)

    @decide.validator
    def _validate_decision(self, decision: ApprovalDecision) -> None:
        """Refuse a decision before it reaches history: role, state, version, fields."""
        check_decision(
            decision,
            case_id=workflow.info().workflow_id,
            status=self._status,
            task=self._task,
            claimed=self._claimed,
            policy=self._policy,
            in_flight=self._claimed is not None and self._resume is None,
        )

    def _move(self, decision: ApprovalDecision, task: ApprovalTask) -> None:
        """Escalate or reassign: the draft keeps waiting, in another queue or hands."""
        if decision.action is DecisionAction.ESCALATE:
            self._task = task.model_copy(update={"queue": SENIOR_QUEUE})
        else:
            self._task = task.model_copy(update={"assignee": decision.assignee})
        self._record(decision, task)
        self._publish()

    async def _checked_edit(self, decision: ApprovalDecision) -> ApprovalDecision:
        """Run the policy checker on the edit: violations refuse it, warnings need a reason."""
        shown = Draft.model_validate(self._context["draft"])
        check = EditCheck(
            case=CaseInput.model_validate(self._context["case"]),
            interpretation=Interpretation.model_validate(self._context["interpretation"]),
            retrieval=Retrieval.model_validate(self._context["retrieval"]),
            draft=edited_draft(shown, decision.text or "", decision.actor),
        )
        review: Review = await workflow.execute_activity_method(
            EditChecker.check,
            check,
            start_to_close_timeout=timedelta(seconds=60),
            retry_policy=_EDIT_CHECK_RETRY,
        )
        check_edit_verdict(decision, review)
        return decision.model_copy(update={"review": review})

    def _awaiting_newer_than(self, version: int) -> bool:
        task = self._task
        return (
            self._status is CaseStatus.AWAITING_APPROVAL
            and task is not None
            and task.request.draft_version > version
        )

    def _record(self, decision: ApprovalDecision, task: ApprovalTask) -> None:
        self._history.append(
            AuditEntry(
                decision=decision,
                before_text=task.request.draft_text,
                queue=task.queue,
                priority=task.priority,
            )
        )

    def _receipt(self, decision: ApprovalDecision) -> DecisionReceipt:
        task = self._task
        waiting = self._status is CaseStatus.AWAITING_APPROVAL and task is not None
        return DecisionReceipt(
            case_id=workflow.info().workflow_id,
            action=decision.action.value,
            draft_version=decision.draft_version,
            status=self._status,
            pending_version=task.request.draft_version if waiting and task else None,
            queue=task.queue if task else "",
            assignee=task.assignee if task else None,
        )

    # ------------------------------------------------------------------ visibility

    def _set_status(self, status: CaseStatus, intent: str = "") -> None:
        self._status = status
        updates = [sa.STATUS.value_set(status.value)]
        if intent:
            updates.append(sa.INTENT.value_set(intent))
        workflow.upsert_search_attributes(updates)

    def _publish(self) -> None:
        """Mirror the waiting task into search attributes: the inbox queries these."""
        if self._task is not None:
            workflow.upsert_search_attributes(sa.task_updates(self._status.value, self._task))

    @workflow.query
    def view(self) -> CaseView:
        """Status, the waiting task (if any), every decision so far and the result."""
        task = self._task if self._status is CaseStatus.AWAITING_APPROVAL else None
        return CaseView(
            case_id=workflow.info().workflow_id,
            status=self._status,
            pending=task.request if task else None,
            task=task,
            decision=self._decision,
            history=self._history,
            result=self._result,
        )
