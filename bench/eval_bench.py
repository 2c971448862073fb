"""Eval throughput: cases per second in graph mode vs workflow mode, measured in one run.

Usage: ``python -m bench.eval_bench [--cases N] [--concurrency C]``. Uses the configured
data dir's knowledge base (loading the sample corpus if empty) and the dev dataset.
Workflow mode includes a real Temporal dev server started for the run.
"""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from rich.console import Console

from cx.settings import load_settings
from evals.scorers import metric_names
from evals.session import RunOptions, run_suite
from evals.suite import load_suite
from workflows.services import build_services, ensure_knowledge_base

SUITE = Path(__file__).resolve().parents[1] / "evals" / "suites" / "default.yaml"


async def measure(cases: int, concurrency: int) -> None:
    console = Console()
    settings = load_settings()
    ensure_knowledge_base(settings, console)
    services = build_services(settings)
    suite = load_suite(SUITE, metric_names())
    rates: dict[str, float] = {}
    for mode in ("graph", "workflow"):
        options = RunOptions(limit=cases, concurrency=concurrency, mode=mode)
        result = await run_suite(suite, settings, services, options, lambda _: None)
        n = len(result.records)
        rates[mode] = n / result.duration_s
        took = result.duration_s
        console.print(f"{mode:9s} {n} cases in {took:6.2f}s = {rates[mode]:6.2f} cases/s")
    ratio = rates["workflow"] / rates["graph"]
    console.print(f"workflow/graph throughput ratio: {ratio:.2f} (concurrency {concurrency})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=60)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    asyncio.run(measure(args.cases, args.concurrency))


if __name__ == "__main__":
    main()
