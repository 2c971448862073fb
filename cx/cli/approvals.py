"""``cx approvals``: the approver's inbox and decisions.

The inbox is a Temporal visibility query; decisions are Temporal Updates the workflow
validates (role, queue, assignee, separation of duties, state, draft version and
binding) before anything is recorded, so a refused decision changes nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click
import typer

from agents.contracts import ApprovalDecision, DecisionAction, Priority, Role
from cx.cli.approval_render import task_panel
from cx.cli.common import console, fail, run, settings
from cx.cli.render import cases_table
from cx.errors import DecisionRejectedError, InputError
from cx.identity import resolve_actor
from workflows import client as svc
from workflows.contracts import DecisionReceipt

app = typer.Typer(help="Review and decide cases that wait for a human.", no_args_is_help=True)

ACTOR = typer.Option(None, "--as", help="Who is deciding (default: your OS user name).")
ROLE = typer.Option(None, "--role", help="Role to act in (default: your highest role).")
TOKEN = typer.Option(None, "--token", envvar="CX_TOKEN", help="Your cx token (configured users).")
EXPECT = typer.Option(
    None,
    "--expect",
    help="Binding hash (or its prefix) from `cx approvals show`: refuse if the draft changed.",
)


@app.command("list")
def list_(
    queue: str | None = typer.Option(None, "--queue", help="Only this queue (e.g. senior)."),
    priority: Priority | None = typer.Option(None, "--priority", help="Only this priority."),
    overdue: bool = typer.Option(False, "--overdue", help="Only cases past their SLA."),
    limit: int = typer.Option(100, min=1, max=1000, help="At most this many rows."),
) -> None:
    """Cases waiting for an approver, most urgent first."""
    overdue_at = datetime.now(UTC) if overdue else None
    rows = run(_list(limit, queue, priority.value if priority else None, overdue_at))
    console.print(cases_table(rows, f"{len(rows)} case(s) awaiting approval", inbox=True))


async def _list(
    limit: int, queue: str | None, priority: str | None, overdue_at: datetime | None
) -> list[svc.CaseSummary]:
    client = await svc.connect(settings())
    return await svc.list_approvals(
        client, limit=limit, queue=queue, priority=priority, overdue_at=overdue_at
    )


@app.command()
def show(case_id: str = typer.Argument(..., help="Case id from `cx approvals list`.")) -> None:
    """The approval task: case, message, reading, draft, verdict, passages, SLA, history."""
    view = run(_view(case_id))
    if view.task is None:
        console.print(f"{case_id} is not awaiting approval (status: {view.status.value}).")
        raise typer.Exit(DecisionRejectedError.exit_code)
    console.print(task_panel(view.task, view.history))


async def _view(case_id: str) -> svc.CaseView:
    client = await svc.connect(settings())
    return await svc.view_case(client, case_id)


@app.command()
def approve(
    case_id: str = typer.Argument(..., help="Case id."),
    note: str = typer.Option("", "--note", help="Optional note for the audit trail."),
    expect: str | None = EXPECT,
    actor: str | None = ACTOR,
    role: Role | None = ROLE,
    token: str | None = TOKEN,
) -> None:
    """Approve the pending draft exactly as shown by `cx approvals show`; it is then sent."""
    ident = (actor, role, token, expect)
    receipt = run(_decide(case_id, DecisionAction.APPROVE, ident, reason=note))
    console.print(f"Approved draft v{receipt.draft_version} of {case_id}: {receipt.status.value}.")


@app.command()
def edit(
    case_id: str = typer.Argument(..., help="Case id."),
    text: str | None = typer.Option(None, "--text", help="The new reply text."),
    file: Path | None = typer.Option(None, "--file", help="Read the new reply from a file."),
    reason: str = typer.Option("", "--reason", help="Why; required to override warnings."),
    expect: str | None = EXPECT,
    actor: str | None = ACTOR,
    role: Role | None = ROLE,
    token: str | None = TOKEN,
) -> None:
    """Replace the draft (from --text, --file or $EDITOR); it is policy-checked, then sent."""
    new_text, shown = _edited_text(case_id, text, file)
    # Text typed over a draft applies to that draft only: if another approver changed it
    # while the editor was open, the edit is refused instead of landing on the new version.
    ident = (actor, role, token, expect or shown)
    receipt = run(_decide(case_id, DecisionAction.EDIT, ident, reason=reason, text=new_text))
    console.print(
        f"Edited draft v{receipt.draft_version} of {case_id} and approved it: "
        f"{receipt.status.value}."
    )


def _edited_text(case_id: str, text: str | None, file: Path | None) -> tuple[str, str | None]:
    """The new reply (from --text, --file, or $EDITOR over the current draft).

    Also returns the binding of the draft shown in the editor (None for --text/--file).
    """
    if text is not None and file is not None:
        fail(InputError("Give the new text with --text or --file, not both."))
    if text is not None:
        return text, None
    if file is not None:
        try:
            return file.read_text(encoding="utf-8"), None
        except OSError as exc:
            fail(InputError(f"Cannot read {file}: {exc.strerror}."))
    view = run(_view(case_id))
    if view.pending is None:
        fail(_not_awaiting(case_id, view))
    edited = click.edit(view.pending.draft_text, extension=".txt")
    if edited is None:
        fail(InputError("The editor closed without saving; nothing was changed."))
    return edited.rstrip("\n"), view.pending.binding_sha256


def _not_awaiting(case_id: str, view: svc.CaseView) -> DecisionRejectedError:
    return DecisionRejectedError(
        f"Case {case_id} is not awaiting approval (status: {view.status.value}); "
        "nothing was changed."
    )


@app.command()
def reject(
    case_id: str = typer.Argument(..., help="Case id."),
    reason: str = typer.Option(..., "--reason", help="Why (kept in the audit trail)."),
    rewrite: bool = typer.Option(
        False, "--rewrite", help="Send back to the writer with --reason as instructions."
    ),
    actor: str | None = ACTOR,
    role: Role | None = ROLE,
    token: str | None = TOKEN,
) -> None:
    """Reject the draft: close the case as handled by a human, or have it rewritten."""
    ident = (actor, role, token, None)
    receipt = run(_decide(case_id, DecisionAction.REJECT, ident, reason=reason, rewrite=rewrite))
    if rewrite:
        console.print(
            f"Sent draft v{receipt.draft_version} of {case_id} back for a rewrite; "
            f"now {receipt.status.value}"
            + (f" (draft v{receipt.pending_version})." if receipt.pending_version else ".")
        )
    else:
        console.print(f"Rejected draft v{receipt.draft_version} of {case_id}: nothing was sent.")


@app.command()
def escalate(
    case_id: str = typer.Argument(..., help="Case id."),
    reason: str = typer.Option(..., "--reason", help="Why a senior approver must decide."),
    actor: str | None = ACTOR,
    role: Role | None = ROLE,
    token: str | None = TOKEN,
) -> None:
    """Move the case to the senior queue; only senior approvers and admins decide it then."""
    ident = (actor, role, token, None)
    run(_decide(case_id, DecisionAction.ESCALATE, ident, reason=reason))
    console.print(f"Escalated {case_id} to the senior queue.")


@app.command()
def reassign(
    case_id: str = typer.Argument(..., help="Case id."),
    to: str = typer.Option(..., "--to", help="Who takes the case over."),
    reason: str = typer.Option("", "--reason", help="Why (kept in the audit trail)."),
    actor: str | None = ACTOR,
    role: Role | None = ROLE,
    token: str | None = TOKEN,
) -> None:
    """Assign the case to another approver."""
    ident = (actor, role, token, None)
    run(_decide(case_id, DecisionAction.REASSIGN, ident, reason=reason, assignee=to))
    console.print(f"Reassigned {case_id} to {to}.")


Ident = tuple[str | None, Role | None, str | None, str | None]


async def _decide(
    case_id: str, action: DecisionAction, ident: Ident, **fields: Any
) -> DecisionReceipt:
    """Build the decision for the draft pending now and send it as an Update."""
    cfg = settings()
    claimed, role, token, expect = ident
    who = resolve_actor(cfg, claimed_name=claimed, role=role, token=token)
    client = await svc.connect(cfg)
    view = await svc.view_case(client, case_id)
    pending = view.pending
    if pending is None:
        raise _not_awaiting(case_id, view)
    if expect and not pending.binding_sha256.startswith(expect):
        raise DecisionRejectedError(
            f"The draft of {case_id} changed since you looked (binding "
            f"{pending.binding_sha256[:16]}, expected {expect}); run `cx approvals show` again."
        )
    decision = ApprovalDecision(
        action=action,
        actor=who.name,
        role=who.role,
        draft_version=pending.draft_version,
        draft_sha256=pending.draft_sha256,
        binding_sha256=pending.binding_sha256,
        **fields,
    )
    return await svc.decide(client, case_id, decision)
