"""``cx case``: what operators do: submit cases, follow them, read their outcome."""

from __future__ import annotations

import asyncio

import typer
from temporalio.client import Client

from agents.contracts import CaseInput, CaseStatus, Role
from cx.case_files import read_cases
from cx.cli.approval_render import audit_view
from cx.cli.common import console, fail, run, settings
from cx.cli.render import cases_table, result_panel, status_text
from cx.errors import CxError
from cx.identity import resolve_actor
from cx.settings import Settings
from workflows import client as svc
from workflows.audit import AuditTrail, fetch_trail
from workflows.contracts import CaseResult, CaseView

app = typer.Typer(help="Submit customer cases and follow them to delivery.", no_args_is_help=True)

_SETTLED = {CaseStatus.AWAITING_APPROVAL, CaseStatus.DELIVERED, CaseStatus.REJECTED}


@app.command()
def submit(
    file: str = typer.Argument(
        ..., help="Case file: JSON or YAML (one case) or JSONL (one per line); - for stdin."
    ),
    wait: bool = typer.Option(
        False,
        "--wait",
        "-w",
        help="Wait until the case is delivered, rejected or waiting for an approver.",
    ),
    timeout: float = typer.Option(
        120, help="With --wait: give up waiting after this many seconds."
    ),
    token: str | None = typer.Option(
        None, "--token", envvar="CX_TOKEN", help="Your cx token (configured users)."
    ),
) -> None:
    """Submit one or more cases; resubmitting the same case returns the existing one."""
    cfg = settings()
    try:
        cases = read_cases(file, max_message_chars=cfg.limits.max_message_chars)
        cases = _stamp_submitter(cfg, cases, token)
    except CxError as exc:
        fail(exc)
    for case in cases:
        run(_submit_one(cfg, case, wait, timeout))


def _stamp_submitter(cfg: Settings, cases: list[CaseInput], token: str | None) -> list[CaseInput]:
    """With configured users, the case's operator is whoever submits it (an operator).

    Separation of duties compares approvers with this name, so it must be the
    authenticated submitter, not whatever the case file says.
    """
    if not cfg.access.users:
        return cases
    who = resolve_actor(cfg, role=Role.OPERATOR, token=token)
    return [c.model_copy(update={"operator_id": who.name}) for c in cases]


async def _submit_one(cfg: Settings, case: CaseInput, wait: bool, patience_s: float) -> None:
    client = await svc.connect(cfg)
    sub = await svc.submit_case(client, case, cfg)
    verb = "exists already (same idempotency key)" if sub.already_existed else "submitted"
    trace = f" (trace {sub.trace_id})" if sub.trace_id else ""
    console.print(f"[bold]{sub.case_id}[/] {verb}{trace}")
    if wait:
        await _wait_settled(client, sub.case_id, patience_s)


async def _wait_settled(client: Client, case_id: str, patience_s: float) -> None:
    with console.status(f"Working on {case_id}..."):
        for _ in range(int(patience_s / 0.25)):
            view = await svc.view_case(client, case_id)
            if view.status in _SETTLED:
                break
            await asyncio.sleep(0.25)
        else:
            raise CxError(f"{case_id} is still {view.status.value} after {patience_s:.0f}s.")
    if view.result:
        console.print(result_panel(view.result))
    elif view.pending:
        reasons = "; ".join(view.pending.reasons)
        priority = view.pending.priority.value
        console.print(f"{case_id} is [yellow]awaiting approval[/] ({priority}): {reasons}")
        console.print(f"  next: cx approvals show {case_id}")


@app.command()
def status(case_id: str = typer.Argument(..., help="Case id, e.g. case-1234.")) -> None:
    """Show where a case is now."""
    view = run(_view(case_id))
    console.print(f"{view.case_id}: ", status_text(view.status), sep="", end="")
    if view.pending:
        console.print(f"  waiting on draft v{view.pending.draft_version}: "
                      + "; ".join(view.pending.reasons))  # fmt: skip
    else:
        console.print()


async def _view(case_id: str) -> CaseView:
    client = await svc.connect(settings())
    return await svc.view_case(client, case_id)


@app.command("list")
def list_(
    status_filter: CaseStatus | None = typer.Option(
        None, "--status", help="Only cases in this status."
    ),
    limit: int = typer.Option(50, min=1, max=1000, help="At most this many rows."),
) -> None:
    """List recent cases, newest first."""
    query = f'CxStatus = "{status_filter.value}"' if status_filter else ""
    rows = run(_list(query, limit))
    console.print(cases_table(rows, f"{len(rows)} case(s)"))


async def _list(query: str, limit: int) -> list[svc.CaseSummary]:
    client = await svc.connect(settings())
    return await svc.list_cases(client, query=query, limit=limit)


@app.command()
def result(
    case_id: str = typer.Argument(..., help="Case id."),
    wait: bool = typer.Option(False, "--wait", "-w", help="Wait for the case to finish."),
) -> None:
    """Show the outcome of a case: route, decision, and the text sent (or why not)."""
    view = run(_view(case_id))
    if view.result is None and wait:
        outcome = run(_result(case_id))
        console.print(result_panel(outcome))
    elif view.result is None:
        console.print(f"{case_id} has no result yet: it is ", status_text(view.status), sep="")
        raise typer.Exit(2)
    else:
        console.print(result_panel(view.result))


async def _result(case_id: str) -> CaseResult:
    client = await svc.connect(settings())
    return await svc.case_result(client, case_id)


@app.command()
def audit(
    case_id: str = typer.Argument(..., help="Case id."),
    as_json: bool = typer.Option(False, "--json", help="Print the trail as JSON (for export)."),
) -> None:
    """Every decision on a case and the proof that the delivered text is the approved one.

    Read from the workflow itself (its query, or its result once closed): who, in what
    role, when, what, why, and each edit as a diff.
    """
    trail = run(_audit(case_id))
    if as_json:
        print(trail.model_dump_json(indent=2))
    else:
        console.print(audit_view(trail))


async def _audit(case_id: str) -> AuditTrail:
    client = await svc.connect(settings())
    return await fetch_trail(client, case_id)
