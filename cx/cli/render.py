"""Rich renderings of cases, approvals and results, shared by the CLI commands."""

from __future__ import annotations

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from agents.contracts import ApprovalRequest, CaseStatus, Route
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


def approval_panel(request: ApprovalRequest) -> Panel:
    """What an approver needs to decide: why, what is at stake, the exact draft."""
    facts = Table.grid(padding=(0, 2))
    facts.add_row("priority", request.priority.value)
    facts.add_row("intent / emotion", f"{request.intent} / {request.emotion.value}")
    facts.add_row("amount at stake", f"${request.amount_at_stake}")
    facts.add_row("why a human", "\n".join(f"• {r}" for r in request.reasons) or "-")
    if request.findings:
        lines = [f"• [{f.severity.value}] {f.rule_id}: {f.message}" for f in request.findings]
        facts.add_row("policy findings", "\n".join(lines))
    facts.add_row("cites", ", ".join(request.citations) or "-")
    facts.add_row("draft", f"v{request.draft_version} sha256 {request.draft_sha256[:12]}")
    body = Panel(request.draft_text, title="Draft awaiting approval", border_style="yellow")
    return Panel(Group(facts, body), title=request.case_id, title_align="left")


def cases_table(rows: list[CaseSummary], title: str) -> Table:
    """A table of cases from the visibility store."""
    table = Table(title=title, title_justify="left")
    for column in ("case", "status", "priority", "intent", "started (UTC)"):
        table.add_column(column)
    for r in rows:
        started = r.started.strftime("%Y-%m-%d %H:%M:%S")
        table.add_row(r.case_id, status_text(r.status), r.priority or "-", r.intent or "-", started)
    return table
