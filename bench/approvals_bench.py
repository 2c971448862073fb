"""Approvals at scale: N cases waiting for a human, the inbox, and approve-to-delivered.

Usage: ``python -m bench.approvals_bench [--cases N] [--approve M] [--concurrency C]``.

It starts a private, persistent Temporal dev server (free ports, temp dir) and a worker
in this process, submits N cases that all stop at the approval gate, then prints:
the time to count and list the inbox (Temporal visibility on our search attributes),
the approve-to-delivered latency p50/p95 over M approvals (one Update each, which
returns once the outbox holds the reply), and memory: this process (worker + client,
with the N waiting workflows in the worker's cache) and the server.

The agents are a fixed stand-in (every case needs a human) on purpose: this measures the
approval machinery (workflow, timers, visibility, updates, delivery), not the agents,
whose throughput ``bench.eval_bench`` measures.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from rich.console import Console
from temporalio.client import Client

from agents.contracts import (
    ApprovalDecision,
    CaseInput,
    CustomerProfile,
    DecisionAction,
    Draft,
    Emotion,
    Finding,
    Interpretation,
    Priority,
    Retrieval,
    Review,
    RiskDecision,
    Route,
    Urgency,
)
from agents.graph import AgentServices
from cx.devstack import DevServer, ephemeral_settings
from cx.settings import Settings
from workflows import client as svc
from workflows.delivery import Outbox
from workflows.worker import build_worker

console = Console()


class AlwaysHuman:
    """A fixed reasoning backend whose every case waits for an approver."""

    name = "bench-fixed"

    def interpret(self, case: CaseInput) -> Interpretation:
        """A frustrated refund request, every time."""
        return Interpretation(
            intent="refund_request",
            intent_confidence=0.9,
            emotion=Emotion.FRUSTRATION,
            emotion_intensity=0.5,
            sentiment=-0.4,
            urgency=Urgency.NORMAL,
        )

    def draft(
        self,
        case: CaseInput,
        interpretation: Interpretation,
        retrieval: Retrieval,
        *,
        version: int,
        previous: Draft | None,
        findings: list[Finding],
    ) -> Draft:
        """One short reply."""
        return Draft(version=version, text=f"Dear {case.customer.name}, we are on it.")

    def review(
        self, case: CaseInput, interpretation: Interpretation, draft: Draft, retrieval: Retrieval
    ) -> Review:
        """A clean verdict."""
        return Review(draft_version=draft.version, passed=True)

    def assess(
        self,
        case: CaseInput,
        interpretation: Interpretation,
        draft: Draft,
        review: Review,
        retrieval: Retrieval,
        *,
        revisions_exhausted: bool,
    ) -> RiskDecision:
        """Always a human."""
        return RiskDecision(route=Route.HUMAN, priority=Priority.P2, reasons=["bench"])


class NoRetrieval:
    """Retrieval stand-in: nothing to cite."""

    def retrieve(
        self, query: str, *, k: int = 5, prefer_areas: list[str] | None = None
    ) -> Retrieval:
        """No passages."""
        return Retrieval(query=query, passages=[], relevant=False)


def _case(i: int, run: str) -> CaseInput:
    return CaseInput(
        message=f"Refund request {i}",
        customer=CustomerProfile(customer_id=f"c-{i}", name="Ada", email="ada@example.com"),
        idempotency_key=f"bench-{run}-{i}",
    )


def _rss_mib(pid: str | int = "self") -> float:
    """Resident memory of a process from /proc (Linux), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def _submit_all(client: Client, settings: Settings, n: int, concurrency: int) -> float:
    run, gate, started = uuid.uuid4().hex[:6], asyncio.Semaphore(concurrency), time.perf_counter()

    async def one(i: int) -> None:
        async with gate:
            await svc.submit_case(client, _case(i, run), settings)

    await asyncio.gather(*(one(i) for i in range(n)))
    query = svc.inbox_query(None, None, None)
    for _ in range(1200):  # visibility lags the workflows a little; give it up to 10 min
        if (await client.count_workflows(query)).count >= n:
            break
        await asyncio.sleep(0.5)
    return time.perf_counter() - started


async def _time_inbox(client: Client, n: int) -> None:
    query = svc.inbox_query(None, None, None)
    t0 = time.perf_counter()
    count = (await client.count_workflows(query)).count
    t1 = time.perf_counter()
    page = await svc.list_approvals(client, limit=100)
    t2 = time.perf_counter()
    everything = await svc.list_approvals(client, limit=n)
    t3 = time.perf_counter()
    console.print(
        f"inbox: count {count} in {(t1 - t0) * 1000:.0f} ms; "
        f"first {len(page)} rows in {(t2 - t1) * 1000:.0f} ms; "
        f"all {len(everything)} rows in {(t3 - t2) * 1000:.0f} ms"
    )


async def _approve(client: Client, case_ids: list[str]) -> list[float]:
    latencies = []
    for case_id in case_ids:
        pending = (await svc.view_case(client, case_id)).pending
        assert pending is not None
        decision = ApprovalDecision(
            action=DecisionAction.APPROVE,
            actor="bench",
            draft_version=pending.draft_version,
            binding_sha256=pending.binding_sha256,
        )
        t0 = time.perf_counter()
        receipt = await svc.decide(client, case_id, decision)
        latencies.append((time.perf_counter() - t0) * 1000)
        assert receipt.status.value == "delivered", receipt
    return latencies


async def measure(cases: int, approvals: int, concurrency: int) -> None:
    with tempfile.TemporaryDirectory(prefix="cx-approvals-bench-") as tmp:
        settings = ephemeral_settings(Settings(), Path(tmp), task_queue="bench")
        outbox = Outbox(settings.outbox_path)
        services = AgentServices(backend=AlwaysHuman(), retriever=NoRetrieval(), deliverer=outbox)
        server = DevServer(settings)
        await server.start()
        try:
            client = await svc.connect(settings)
            async with build_worker(client, "bench", services):
                took = await _submit_all(client, settings, cases, concurrency)
                console.print(
                    f"{cases} cases waiting for approval after {took:.1f}s "
                    f"({cases / took:.1f} cases/s)"
                )
                await _time_inbox(client, cases)
                worker_mib = _rss_mib()
                rows = await svc.list_approvals(client, limit=approvals)
                ms = await _approve(client, [r.case_id for r in rows])
            server_mib = _rss_mib(server.process.pid) if server.process else float("nan")
        finally:
            server.stop()
    p50 = statistics.median(ms)
    p95 = statistics.quantiles(ms, n=20)[18] if len(ms) >= 20 else max(ms)
    console.print(
        f"approve-to-delivered over {len(ms)} approvals: p50 {p50:.0f} ms, p95 {p95:.0f} ms"
    )
    console.print(
        f"memory with {cases} waiting: worker+client process {worker_mib:.0f} MiB, "
        f"Temporal dev server {server_mib:.0f} MiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000, help="cases left waiting")
    parser.add_argument("--approve", type=int, default=200, help="approvals to time")
    parser.add_argument("--concurrency", type=int, default=16, help="submits in flight")
    args = parser.parse_args()
    asyncio.run(measure(args.cases, min(args.approve, args.cases), args.concurrency))


if __name__ == "__main__":
    main()
