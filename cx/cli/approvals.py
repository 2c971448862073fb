"""``cx approvals``: the approver's inbox and decisions.

Decisions are Temporal Updates: the workflow validates role, state and draft version
before anything is recorded, so a refused decision changes nothing.
"""

from __future__ import annotations

import getpass

import typer

from agents.contracts import ApprovalDecision, DecisionAction, Role
from cx.cli.common import console, run, settings
from cx.cli.render import approval_panel, cases_table
from cx.errors import DecisionRejectedError
from workflows import client as svc
from workflows.contracts import DecisionReceipt

app = typer.Typer(help="Review and decide cases that wait for a human.", no_args_is_help=True)

ACTOR = typer.Option(None, "--as", help="Who is deciding (default: your OS user name).")
ROLE = typer.Option(Role.APPROVER, "--role", help="Your role; only approvers and admins decide.")


@app.command("list")
def list_(limit: int = typer.Option(100, min=1, max=1000, help="At most this many rows.")) -> None:
    """Cases waiting for an approver, most urgent first."""
    rows = run(_list(limit))
    console.print(cases_table(rows, f"{len(rows)} case(s) awaiting approval"))


async def _list(limit: int) -> list[svc.CaseSummary]:
    client = await svc.connect(settings())
    return await svc.list_approvals(client, limit=limit)


@app.command()
def show(case_id: str = typer.Argument(..., help="Case id from `cx approvals list`.")) -> None:
    """Everything needed to decide: reasons, amount, findings, citations, the exact draft."""
    view = run(_view(case_id))
    if view.pending is None:
        console.print(f"{case_id} is not awaiting approval (status: {view.status.value}).")
        raise typer.Exit(DecisionRejectedError.exit_code)
    console.print(approval_panel(view.pending))


async def _view(case_id: str) -> svc.CaseView:
    client = await svc.connect(settings())
    return await svc.view_case(client, case_id)


@app.command()
def approve(
    case_id: str = typer.Argument(..., help="Case id."),
    actor: str | None = ACTOR,
    role: Role = ROLE,
    note: str = typer.Option("", "--note", help="Optional note for the audit trail."),
) -> None:
    """Approve the pending draft exactly as shown by `cx approvals show`; it is then sent."""
    receipt = run(_decide(case_id, DecisionAction.APPROVE, actor, role, note))
    console.print(f"Approved draft v{receipt.draft_version} of {case_id}: {receipt.status.value}.")


@app.command()
def reject(
    case_id: str = typer.Argument(..., help="Case id."),
    reason: str = typer.Option(..., "--reason", help="Why (kept in the audit trail)."),
    actor: str | None = ACTOR,
    role: Role = ROLE,
) -> None:
    """Reject the pending draft: nothing is sent and the case closes as handled by a human."""
    receipt = run(_decide(case_id, DecisionAction.REJECT, actor, role, reason))
    console.print(f"Rejected draft v{receipt.draft_version} of {case_id}: nothing was sent.")


async def _decide(
    case_id: str, action: DecisionAction, actor: str | None, role: Role, reason: str
) -> DecisionReceipt:
    client = await svc.connect(settings())
    view = await svc.view_case(client, case_id)
    if view.pending is None:
        raise DecisionRejectedError(
            f"Case {case_id} is not awaiting approval (status: {view.status.value}); "
            "nothing was changed."
        )
    decision = ApprovalDecision(
        action=action,
        actor=actor or getpass.getuser(),
        role=role,
        reason=reason,
        draft_version=view.pending.draft_version,
        draft_sha256=view.pending.draft_sha256,
    )
    return await svc.decide(client, case_id, decision)
