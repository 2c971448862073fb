"""Rich renderings of cases, approvals and results, shared by the CLI commands."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from agents.contracts import CaseStatus, Route
from workflows.client import CaseSummary
from workflows.contracts import CaseResult

_STATUS_STYLE = {
    CaseStatus.DELIVERED: "green",
    CaseStatus.AWAITING_APPROVAL: "yellow",
    CaseStatus.REJECTED: "red",
    CaseStatus.TIMED_OUT: "red",
}


def status_text(status: CaseStatus | str) -> Text:
    """A status word in its colour."""
    style = _STATUS_STYLE.get(CaseStatus(status), "cyan") if status else "dim"
    return Text(str(status) or "-", style=style)


def result_panel(result: CaseResult) -> Panel:
    """The outcome of a finished case: route, reasons, decision, the text sent (or not)."""
    interp, risk = result.interpretation, result.risk
    facts = Table.grid(padding=(0, 2))
    facts.add_row("status", status_text(result.status))
    facts.add_row("intent / emotion", f"{interp.intent} / {interp.emotion.value}")
    if risk.route is Route.HUMAN:
        facts.add_row("route", f"human approval ({risk.priority.value})")
        facts.add_row("why a human", "\n".join(f"• {r}" for r in risk.reasons))
    else:
        facts.add_row("route", "automatic (no human needed)")
    facts.add_row("drafts written", str(result.drafts_written))
    facts.add_row("cites", ", ".join(result.draft.citations) or "-")
    if result.decision:
        d = result.decision
        facts.add_row("decision", f"{d.action.value} by {d.actor} ({d.role.value}) {d.reason}")
    if result.delivery:
        facts.add_row("delivered to", f"{result.delivery.recipient} via {result.delivery.channel}")
    label = "Sent to the customer" if result.delivery else "Draft (not sent)"
    body = Panel(result.draft.text, title=label, title_align="left", border_style="dim")
    return Panel(Group(facts, body), title=result.case_id, title_align="left")


def cases_table(rows: list[CaseSummary], title: str, *, inbox: bool = False) -> Table:
    """A table of cases from the visibility store.

    ``inbox``: the approver's columns (queue, SLA due, risks) instead of the start time.
    """
    table = Table(title=title, title_justify="left")
    columns = ["case", "status", "priority", "intent"]
    columns += ["queue", "SLA due (UTC)", "risks"] if inbox else ["started (UTC)"]
    # The case id is what the next command needs: never cut it; other cells wrap instead.
    widest_id = max((len(r.case_id) for r in rows), default=4)
    table.add_column(columns[0], no_wrap=True, min_width=min(widest_id, 48))
    for column in columns[1:]:
        table.add_column(column, overflow="fold")
    for r in rows:
        cells: list[RenderableType] = [
            r.case_id,
            status_text(r.status),
            r.priority or "-",
            r.intent or "-",
        ]
        if inbox:
            due = r.sla_due.strftime("%Y-%m-%d %H:%M") if r.sla_due else "-"
            queue = r.queue + (f" ({r.assignee})" if r.assignee else "")
            cells += [queue or "-", due, ", ".join(r.risks) or "-"]
        else:
            cells.append(r.started.strftime("%Y-%m-%d %H:%M:%S"))
        table.add_row(*cells)
    return table
