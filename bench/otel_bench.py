"""Tracing overhead: case throughput with OpenTelemetry on vs off, measured in one run.

Usage: ``python -m bench.otel_bench [--cases N] [--rounds R] [--concurrency C]``.

A private Temporal dev server (free ports, temp dir) and the configured knowledge base
with the local backend run the dev dataset's cases end to end (approvals decided by the
eval approver). Rounds alternate off/on, each with its own worker, so drift on a shared
machine hits both sides alike. "On" is the production path: the Temporal tracing
interceptor, agent spans, workflow events, metrics, redaction and a batch processor
whose exporter encodes every span to OTLP protobuf (the CPU an OTLP export costs)
without a network. Status polling is never traced (see ``run_case``). Prints cases/s
for each and the on/off throughput ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import statistics
import tempfile
import time
import uuid
from collections.abc import Sequence
from pathlib import Path

from opentelemetry.exporter.otlp.proto.common.trace_encoder import encode_spans
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export import SpanExporter, SpanExportResult
from rich.console import Console
from temporalio.client import Client

from agents.contracts import CaseInput
from agents.graph import AgentServices
from cx.devstack import DevServer, ephemeral_settings
from cx.settings import Settings, TelemetrySettings, load_settings
from cx.telemetry import DISABLED, Telemetry, build_telemetry
from evals import approver
from evals.dataset import load_dataset
from workflows import client as svc
from workflows.delivery import Outbox
from workflows.services import build_services, ensure_knowledge_base
from workflows.worker import build_worker

DATASET = Path(__file__).resolve().parents[1] / "evals" / "datasets" / "dev.jsonl"


class EncodingExporter(SpanExporter):
    """Encodes spans as an OTLP exporter would, then drops them; counts what it saw."""

    def __init__(self) -> None:
        self.spans = 0
        self.bytes = 0

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        """Encode and drop ``spans``."""
        self.spans += len(spans)
        self.bytes += len(encode_spans(spans).SerializeToString())
        return SpanExportResult.SUCCESS


async def run_case(
    client: Client, watcher: Client, case: CaseInput, settings: Settings, t: Telemetry
) -> None:
    """Submit, approve when asked, until the case has a result.

    Polling goes through ``watcher`` (never traced): the 20 ms status polls are this
    harness's, not a case's work, and would otherwise add a query trace every poll.
    """
    keyed = case.model_copy(update={"idempotency_key": uuid.uuid4().hex})
    case_id = (await svc.submit_case(client, keyed, settings, t)).case_id
    while (view := await svc.view_case(watcher, case_id)).result is None:
        if view.pending is not None and view.decision is None:
            await svc.decide(client, case_id, approver.decide(view.pending), t)
        else:
            await asyncio.sleep(0.02)


async def one_round(
    base: Client,
    settings: Settings,
    services: AgentServices,
    cases: list[CaseInput],
    t: Telemetry,
    concurrency: int,
) -> float:
    """Seconds to run ``cases`` through a fresh worker with telemetry ``t``."""
    config = base.config()
    config["interceptors"] = t.interceptors()
    client = Client(**config)
    queue = f"bench-{uuid.uuid4().hex[:6]}"
    run_settings = settings.model_copy(
        update={"temporal": settings.temporal.model_copy(update={"task_queue": queue})}
    )
    with tempfile.TemporaryDirectory() as tmp:
        services = dataclasses.replace(services, deliverer=Outbox(Path(tmp) / "outbox.db"))
        gate = asyncio.Semaphore(concurrency)

        async def bounded(case: CaseInput) -> None:
            async with gate:
                await run_case(client, base, case, run_settings, t)

        async with build_worker(client, queue, services, t):
            started = time.perf_counter()
            await asyncio.gather(*(bounded(c) for c in cases))
            took = time.perf_counter() - started
    t.flush()
    return took


async def measure(n: int, rounds: int, concurrency: int) -> None:
    console = Console()
    settings = load_settings()
    ensure_knowledge_base(settings, console)
    cases = [c.case for c in load_dataset([DATASET]).cases][:n]
    services = build_services(settings)
    exporter = EncodingExporter()
    traced = build_telemetry(
        TelemetrySettings(), spans=exporter, metrics=InMemoryMetricReader(), batch=True
    )
    modes = {"off": DISABLED, "on": traced}
    times: dict[str, list[float]] = {"off": [], "on": []}
    cpu = {"off": 0.0, "on": 0.0}
    with tempfile.TemporaryDirectory(prefix="cx-otel-bench-") as tmp:
        server = DevServer(ephemeral_settings(settings, Path(tmp)))
        await server.start()
        try:
            base = await svc.connect(server.settings, DISABLED)
            await one_round(base, settings, services, cases[:4], traced, concurrency)  # warm-up
            exporter.spans = exporter.bytes = 0
            for r in range(rounds):
                # Alternate which side goes first, so a slow spell on the box is shared.
                order = ("off", "on") if r % 2 == 0 else ("on", "off")
                for mode in order:
                    cpu_before = time.process_time()
                    took = await one_round(
                        base, settings, services, cases, modes[mode], concurrency
                    )
                    cpu[mode] += time.process_time() - cpu_before
                    times[mode].append(took)
                    console.print(f"round {r + 1} {mode:3s}: {took:6.2f}s")
        finally:
            server.stop()
            traced.shutdown()
    report(console, times, cpu, len(cases), exporter, concurrency)


def report(
    console: Console,
    times: dict[str, list[float]],
    cpu: dict[str, float],
    per_round: int,
    exporter: EncodingExporter,
    concurrency: int,
) -> None:
    """Throughput per side (all rounds, and the median round) and the on/off ratios."""
    total = per_round * len(times["off"])
    for mode in ("off", "on"):
        seconds = sum(times[mode])
        console.print(
            f"tracing {mode:3s}: {total} cases in {seconds:6.2f}s = {total / seconds:5.2f} "
            f"cases/s; median round {statistics.median(times[mode]):5.2f}s; "
            f"worker+client CPU {1000 * cpu[mode] / total:5.1f} ms/case"
        )
    console.print(
        f"spans exported: {exporter.spans} ({exporter.spans / total:.1f} per case, "
        f"{exporter.bytes} B OTLP)"
    )
    overall = sum(times["off"]) / sum(times["on"])
    median = statistics.median(times["off"]) / statistics.median(times["on"])
    console.print(
        f"throughput ratio on/off: {overall:.3f} over all rounds, {median:.3f} median round "
        f"(tracing cost {100 * (1 - median):+.1f}%; target < 10%; concurrency {concurrency})"
    )
    # Each off round ran next to an on round: their ratio cancels slow spells on a shared
    # box. Off rounds compared with each other show how much a round varies with no
    # change at all: a cost smaller than that noise cannot be told from zero.
    paired = sorted(off / on for off, on in zip(times["off"], times["on"], strict=True))
    offs = times["off"]
    noise = statistics.median(abs(t - statistics.median(offs)) for t in offs)
    console.print(
        f"paired round ratios on/off: median {statistics.median(paired):.3f} "
        f"(range {paired[0]:.3f}..{paired[-1]:.3f}); off rounds vary by "
        f"±{100 * noise / statistics.median(offs):.1f}% among themselves; "
        f"CPU per case on/off: {cpu['on'] / cpu['off']:.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    asyncio.run(measure(args.cases, args.rounds, args.concurrency))


if __name__ == "__main__":
    main()
