"""A persistent dev server (``--db-filename``) restarted while 50 cases wait for approval."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from agents.contracts import CaseStatus
from agents.graph import AgentServices
from cx.devstack import DevServer, free_port
from cx.settings import Settings
from tests.workflows.harness import decision, make_case
from tests.workflows.scripted import ScriptedBackend, StaticRetriever
from workflows import client as svc
from workflows.delivery import Outbox
from workflows.worker import build_worker

pytestmark = pytest.mark.integration
WAITING = 50


async def _inbox(settings: Settings, expected: int) -> list[str]:
    """Case ids in the inbox, polled until ``expected`` are listed (visibility lags)."""
    client = await svc.connect(settings)
    rows: list[svc.CaseSummary] = []
    for _ in range(300):
        rows = await svc.list_approvals(client, limit=1000)
        if len(rows) >= expected:
            break
        await asyncio.sleep(0.1)
    return sorted(r.case_id for r in rows)


async def test_fifty_waiting_cases_survive_a_server_restart(tmp_path: Path) -> None:
    settings = Settings(
        data_dir=tmp_path,
        temporal={"address": f"127.0.0.1:{free_port()}", "ui_port": free_port(), "task_queue": "r"},
    )
    outbox = Outbox(settings.outbox_path)
    services = AgentServices(
        backend=ScriptedBackend(), retriever=StaticRetriever(), deliverer=outbox
    )
    server = DevServer(settings)
    await server.start()
    try:
        client = await svc.connect(settings)
        async with build_worker(client, "r", services):
            for i in range(WAITING):
                case = make_case(f"Refund {i} [human]")
                await svc.submit_case(client, case, settings)
            before = await _inbox(settings, WAITING)
    finally:
        server.stop()
    assert len(before) == WAITING

    server = DevServer(settings)
    await server.start()
    try:
        after = await _inbox(settings, WAITING)
        client = await svc.connect(settings)
        async with build_worker(client, "r", services):
            receipts = []
            for case_id in after:
                pending = (await svc.view_case(client, case_id)).pending
                assert pending is not None
                receipts.append(await svc.decide(client, case_id, decision(pending)))
    finally:
        server.stop()
    assert after == before
    assert {r.status for r in receipts} == {CaseStatus.DELIVERED}
    assert sum(len(outbox.for_case(c)) for c in after) == WAITING
