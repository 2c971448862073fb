"""``cx``: the command line of the CX orchestrator.

Operators use ``cx case``, approvers ``cx approvals``, knowledge owners ``cx kb``;
``cx dev`` runs the whole embedded stack on one machine and ``cx worker`` runs a
worker against any Temporal server (a cluster in production).
"""

from __future__ import annotations

import typer

from cx.cli import approvals, case, evals, kb, stack

app = typer.Typer(
    name="cx",
    help=(
        "Durable, human-supervised AI customer-experience orchestrator. "
        "Start with `cx dev` (embedded stack) and `cx case submit FILE --wait`."
    ),
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
app.add_typer(case.app, name="case")
app.add_typer(approvals.app, name="approvals")
app.add_typer(kb.app, name="kb")
app.add_typer(evals.app, name="eval")
app.command("dev")(stack.dev)
app.command("worker")(stack.worker)
app.command("demo")(stack.demo)

if __name__ == "__main__":
    app()
