"""Rich renderings of an approval task and of a case's audit trail."""

from __future__ import annotations

from datetime import datetime

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from workflows.audit import AuditTrail
from workflows.contracts import ApprovalTask, AuditEntry


def _when(at: datetime | None) -> str:
    return at.strftime("%Y-%m-%d %H:%M:%S UTC") if at else "-"


def task_panel(task: ApprovalTask, history: list[AuditEntry]) -> Panel:
    """Everything needed to decide: the case, the reading, the draft, verdict, SLA, history."""
    req = task.request
    facts = Table.grid(padding=(0, 2))
    facts.add_row("customer", f"{req.customer_name} ({req.tier.value}, via {req.channel.value})")
    facts.add_row("submitted by", req.submitted_by or "-")
    facts.add_row(
        "queue / priority",
        f"{task.queue} / {task.priority.value}"
        + (f" / assigned to {task.assignee}" if task.assignee else ""),
    )
    overdue = " [red](overdue)[/]" if task.breached else ""
    facts.add_row("SLA due", _when(task.sla_due) + overdue)
    facts.add_row("final deadline", _when(task.final_due))
    facts.add_row("intent / emotion", f"{req.intent} / {req.emotion.value}")
    facts.add_row("urgency", req.urgency.value)
    facts.add_row("amount at stake", f"${req.amount_at_stake}")
    facts.add_row("why a human", "\n".join(f"• {r}" for r in req.reasons) or "-")
    if req.risks:
        facts.add_row(
            "risk evidence", "\n".join(f"• {r.signal.value}: “{r.evidence}”" for r in req.risks)
        )
    verdict = "passed" if req.policy_passed else "did not pass"
    lines = [f"• [{f.severity.value}] {f.rule_id}: {f.message}" for f in req.findings]
    facts.add_row("policy check", "\n".join([verdict, *lines]))
    facts.add_row("draft", f"v{req.draft_version}  binding {req.binding_sha256[:16]}")
    if req.revision_notes:
        facts.add_row("writer's notes", "\n".join(f"• {n}" for n in req.revision_notes))
    if req.backend_notes:
        facts.add_row("[red]model problems[/]", "\n".join(f"• {n}" for n in req.backend_notes))
    parts: list[RenderableType] = [facts]
    message = f"{req.subject}\n\n{req.message}".strip()
    parts.append(Panel(message, title="Customer message", title_align="left", border_style="dim"))
    for p in req.passages:
        excerpt = p.text if len(p.text) <= 300 else p.text[:297] + "..."
        parts.append(
            Panel(
                excerpt,
                title=f"cited: {p.title} § {p.section} [{p.chunk_id}]",
                title_align="left",
                border_style="dim",
            )
        )
    parts.append(Panel(req.draft_text, title="Draft awaiting approval", border_style="yellow"))
    if history:
        parts.append(history_table(history, "Earlier decisions"))
    return Panel(Group(*parts), title=req.case_id, title_align="left")


def _action_label(action: str, rewrite: bool, assignee: str | None) -> str:
    """The action as an approver would say it: "reject (rewrite)", "reassign -> cleo"."""
    return action + (" (rewrite)" if rewrite else "") + (f" -> {assignee}" if assignee else "")


def history_table(history: list[AuditEntry], title: str) -> Table:
    """Decisions so far, oldest first."""
    table = Table(title=title, title_justify="left")
    for column in ("when", "who", "role", "action", "draft", "queue", "reason"):
        table.add_column(column)
    for e in history:
        d = e.decision
        action = _action_label(d.action.value, d.rewrite, d.assignee)
        table.add_row(
            _when(d.decided_at),
            d.actor,
            d.role.value,
            action,
            f"v{d.draft_version}",
            e.queue,
            d.reason or "-",
        )
    return table


def audit_view(trail: AuditTrail) -> Group:
    """The audit trail: every decision, each edit's diff, and the delivery proof."""
    table = Table(
        title=f"Audit trail of {trail.case_id} ({trail.status.value})", title_justify="left"
    )
    for column in ("when", "who", "role", "action", "draft", "queue/prio", "reason"):
        table.add_column(column)
    parts: list[RenderableType] = [table]
    for r in trail.records:
        action = _action_label(r.action.value, r.rewrite, r.assignee)
        table.add_row(
            _when(r.at),
            r.actor,
            r.role.value,
            action,
            f"v{r.draft_version} {r.draft_sha256[:10]}",
            f"{r.queue}/{r.priority.value}",
            r.reason or "-",
        )
        if r.diff:
            diff = Text("\n".join(r.diff))
            parts.append(
                Panel(
                    diff,
                    title=f"edit by {r.actor} at {_when(r.at)}",
                    title_align="left",
                    border_style="dim",
                )
            )
    if trail.delivery is not None:
        d = trail.delivery
        proof = {
            True: "[green]matches the approved text[/]",
            False: "[red]DOES NOT match the approved text[/]",
            None: "no human approval (automatic route)",
        }[trail.delivered_matches_approval]
        parts.append(
            Text.from_markup(
                f"delivered v{d.draft_version} to {d.recipient} via {d.channel.value} at "
                f"{d.delivered_at}; sha256 {d.text_sha256[:16]} {proof}"
            )
        )
    else:
        parts.append(Text("nothing delivered"))
    if trail.trace_id:
        parts.append(Text(f"trace {trail.trace_id} (find it in your tracing backend)"))
    return Group(*parts)
