"""Running eval cases through the system, in one of two modes.

``graph``: the same compiled case graph the workflow runs, in-process (fast, for
iteration). ``workflow``: every case through the real ``CaseWorkflow`` on a Temporal dev
server started for the run, with a worker in this process; oversight is then measured
on the real path. In both, approval requests go to the scripted approver.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.graph.state import CompiledStateGraph
from langgraph.types import Command
from temporalio.client import Client

from agents.contracts import ApprovalRequest, CaseInput
from agents.graph import AgentServices, make_case_graph
from agents.state import CaseState
from cx.settings import Settings
from evals import approver
from evals.contracts import EvalCase
from evals.results import CaseRecord
from workflows import client as svc
from workflows.case_result import result_from_state
from workflows.contracts import CaseResult

Progress = Callable[[CaseRecord], None]
RunOne = Callable[[EvalCase, int], Awaitable[CaseRecord]]


def record_from_result(case: EvalCase, rep: int, result: CaseResult, elapsed: float) -> CaseRecord:
    """A case record from the typed outcome (the same type in both modes)."""
    return CaseRecord(
        eval_case=case,
        repetition=rep,
        status=result.status,
        interpretation=result.interpretation,
        retrieval=result.retrieval,
        draft=result.draft,
        review=result.review,
        risk=result.risk,
        decision=result.decision,
        delivery=result.delivery,
        drafts_written=result.drafts_written,
        elapsed_s=round(elapsed, 3),
    )


async def run_cases(
    cases: list[EvalCase], run_one: RunOne, *, repeat: int, concurrency: int, progress: Progress
) -> list[CaseRecord]:
    """Run every case ``repeat`` times with bounded concurrency; a failure is a record."""
    gate = asyncio.Semaphore(concurrency)

    async def guarded(case: EvalCase, rep: int) -> CaseRecord:
        async with gate:
            try:
                record = await run_one(case, rep)
            except Exception as exc:  # one broken case must not stop the run
                record = CaseRecord(
                    eval_case=case, repetition=rep, error=f"{type(exc).__name__}: {exc}"
                )
        progress(record)
        return record

    jobs = [guarded(c, rep) for rep in range(repeat) for c in cases]
    return list(await asyncio.gather(*jobs))


CompiledCaseGraph = CompiledStateGraph[CaseState, Any, CaseState, CaseState]


def compile_case_graph(services: AgentServices) -> CompiledCaseGraph:
    """The case graph compiled for in-process runs (the workflow compiles its own)."""
    return make_case_graph(services).compile(checkpointer=InMemorySaver())


async def run_in_graph(app: CompiledCaseGraph, case: CaseInput, case_id: str) -> CaseResult:
    """One case through the compiled graph, approvals answered by the scripted approver."""
    config: RunnableConfig = {"configurable": {"thread_id": case_id}}
    first: CaseState = {"case_id": case_id, "case": case.model_dump(mode="json")}
    state = await app.ainvoke(first, config)
    while "__interrupt__" in state:
        request = ApprovalRequest.model_validate(state["__interrupt__"][0].value)
        # Stamped here as the workflow stamps it (with workflow.now()) in workflow mode.
        decision = approver.decide(request).model_copy(update={"decided_at": datetime.now(UTC)})
        resume: Command[Any] = Command(resume=decision.model_dump(mode="json"))
        state = await app.ainvoke(resume, config)
    return result_from_state(case_id, state, timed_out=False)


def graph_runner(services: AgentServices, run_id: str) -> RunOne:
    """Cases through the compiled case graph in this process."""
    app = compile_case_graph(services)

    async def run_one(case: EvalCase, rep: int) -> CaseRecord:
        started = time.perf_counter()
        result = await run_in_graph(app, case.case, f"eval-{run_id}-{case.id}-{rep}")
        return record_from_result(case, rep, result, time.perf_counter() - started)

    return run_one


def workflow_runner(client: Client, settings: Settings, run_id: str) -> RunOne:
    """Cases through the real CaseWorkflow; a worker must serve ``settings``' task queue."""

    async def run_one(case: EvalCase, rep: int) -> CaseRecord:
        started = time.perf_counter()
        key = f"eval-{run_id}-{case.id}-{rep}"
        submitted = CaseInput.model_validate({**case.case.model_dump(), "idempotency_key": key})
        submission = await svc.submit_case(client, submitted, settings)
        case_id = submission.case_id
        while (view := await svc.view_case(client, case_id)).result is None:
            if view.pending is not None and view.decision is None:
                await svc.decide(client, case_id, approver.decide(view.pending))
            else:
                await asyncio.sleep(0.05)
        record = record_from_result(case, rep, view.result, time.perf_counter() - started)
        return record.model_copy(update={"trace_id": submission.trace_id})

    return run_one


def new_run_id() -> str:
    """A short id that keeps one run's cases apart from another's."""
    return uuid.uuid4().hex[:8]
