"""``run_suite``: everything one eval run needs, set up and torn down in one place.

Graph mode builds the agent services in-process. Workflow mode also starts a throwaway
Temporal dev server (on free ports, in a temp dir) and a worker in this process, so an
eval run never touches production cases. Deliveries go to a temp outbox in both modes.
"""

from __future__ import annotations

import dataclasses
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

from langchain_core.language_models import BaseChatModel

from agents.backends.llm import chat_model_from_settings
from agents.graph import AgentServices
from cx.devstack import DevServer, ephemeral_settings
from cx.settings import ReasoningSettings, Settings
from evals.dataset import load_dataset
from evals.results import RunResult
from evals.runner import Progress, RunOne, graph_runner, new_run_id, run_cases, workflow_runner
from evals.scorers import configured_scorers
from evals.scoring import check_gates, score_records, summarize
from evals.suite import Suite
from workflows.client import connect
from workflows.delivery import Outbox
from workflows.worker import build_worker


@dataclasses.dataclass(frozen=True)
class RunOptions:
    """Command-line choices that override or bound the suite."""

    limit: int | None = None
    concurrency: int = 4
    repeat: int = 1
    mode: str | None = None


async def run_suite(
    suite: Suite,
    settings: Settings,
    services: AgentServices,
    options: RunOptions,
    progress: Progress,
) -> RunResult:
    """Run the suite's datasets through the system and score them."""
    dataset = load_dataset(suite.datasets, limit=options.limit)
    judge = _judge_model(suite)  # before any case runs: a bad judge config fails fast
    mode = options.mode or suite.mode
    started, clock = datetime.now(UTC), time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="cx-eval-") as tmp:
        isolated = dataclasses.replace(services, deliverer=Outbox(Path(tmp) / "outbox.sqlite3"))
        async with _runner(mode, isolated, settings, Path(tmp)) as run_one:
            records = await run_cases(
                dataset.cases,
                run_one,
                repeat=options.repeat,
                concurrency=options.concurrency,
                progress=progress,
            )
    scorers = configured_scorers(suite.scorers, judge)
    records = score_records(records, scorers)
    summaries = summarize(records, scorers)
    return RunResult(
        suite=suite.name,
        mode="workflow" if mode == "workflow" else "graph",
        backend=suite.backend,
        started_at=started.isoformat(timespec="seconds"),
        duration_s=round(time.perf_counter() - clock, 2),
        repeat=options.repeat,
        records=records,
        metrics=summaries,
        gates=check_gates(suite.gates, summaries),
        skipped_lines=dataset.skipped,
        scorer_docs={s.name: s.description for s in scorers},
    )


def _judge_model(suite: Suite) -> BaseChatModel | None:
    """The suite's LLM judge, built like a reasoning backend (same errors, same options)."""
    if "judge" not in suite.scorers or suite.judge is None:
        return None
    return chat_model_from_settings(
        ReasoningSettings(backend=suite.judge, model_options=suite.judge_options)
    )


@asynccontextmanager
async def _runner(
    mode: str, services: AgentServices, settings: Settings, tmp: Path
) -> AsyncIterator[RunOne]:
    run_id = new_run_id()
    if mode == "graph":
        yield graph_runner(services, run_id)
        return
    eval_settings = ephemeral_settings(settings, tmp, task_queue="cx-eval")
    server = DevServer(eval_settings)
    await server.start()
    try:
        client = await connect(eval_settings)
        async with build_worker(client, eval_settings.temporal.task_queue, services):
            yield workflow_runner(client, eval_settings, run_id)
    finally:
        server.stop()
