"""``cx kb``: load, search, inspect and evaluate the knowledge base from the terminal.

A thin layer over ``knowledge``: each command builds the settings, opens the store and
the cached embedder, calls one service function and renders the result with Rich.
Expected failures (``CxError``) print one red line and exit with the error's code.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from cx.errors import CxError
from cx.settings import load_settings
from knowledge import DEFAULT_RETRIEVAL_SET
from knowledge.embedding_cache import CachedEmbedder, cached_embedder
from knowledge.evaluation import evaluate, load_retrieval_set
from knowledge.filters import Filters
from knowledge.ingest import discover, ingest, remove, sync
from knowledge.ingest_report import IngestReport
from knowledge.retrieval import KnowledgeRetriever
from knowledge.store import KnowledgeStore

app = typer.Typer(help="Manage the knowledge base: ingest documents, search, evaluate retrieval.")
console = Console()
P = ParamSpec("P")
R = TypeVar("R")


def _cx_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn a ``CxError`` into one red line and the error's exit code."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except CxError as exc:
            console.print(f"[red]{exc}[/red]", soft_wrap=True, highlight=False)
            raise typer.Exit(exc.exit_code) from exc

    return wrapper


def _open() -> tuple[KnowledgeStore, CachedEmbedder]:
    settings = load_settings()
    embedder = cached_embedder(settings.embedder.name)
    return KnowledgeStore.open(settings, embedder.name), embedder


def _print_report(report: IngestReport) -> None:
    table = Table("file", "status", "doc_id", "chunks", "reason")
    for f in report.files:
        table.add_row(f.path, f.status, f.doc_id, str(f.chunks), f.reason)
    console.print(table)
    counts = ", ".join(
        f"{s} {report.count(s)}" for s in ("added", "updated", "unchanged", "skipped", "removed")
    )
    console.print(counts)


def _with_progress(
    paths: list[Path], run: Callable[[Callable[[Path], None]], IngestReport]
) -> IngestReport:
    total = len(discover(paths))  # fails on a missing path before the bar is drawn
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("Ingesting", total=total)
        return run(lambda _path: progress.advance(task))


@app.command("ingest")
@_cx_errors
def ingest_cmd(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (.md, .txt, .html).")],
) -> None:
    """Add or update documents; unchanged ones are skipped and nothing is embedded twice."""
    store, embedder = _open()
    _print_report(_with_progress(paths, lambda cb: ingest(paths, store, embedder, cb)))


@app.command("sync")
@_cx_errors
def sync_cmd(
    folder: Annotated[Path, typer.Argument(help="Folder the knowledge base should mirror.")],
) -> None:
    """Ingest a folder and remove documents that are no longer in it."""
    store, embedder = _open()
    _print_report(_with_progress([folder], lambda cb: sync(folder, store, embedder, cb)))


@app.command("rm")
@_cx_errors
def rm_cmd(doc_ids: Annotated[list[str], typer.Argument(help="Document ids to delete.")]) -> None:
    """Delete documents (all their chunks) by doc_id."""
    store, _ = _open()
    _print_report(remove(doc_ids, store))


@app.command("search")
@_cx_errors
def search_cmd(
    text: Annotated[str, typer.Argument(help="What to look for, in the customer's words.")],
    k: Annotated[int, typer.Option("--k", help="How many passages.", min=1, max=50)] = 5,
    area: Annotated[str | None, typer.Option(help="Only this policy_area.")] = None,
    product: Annotated[str | None, typer.Option(help="Only this product_line.")] = None,
) -> None:
    """Show the best passages with their scores and citations."""
    store, embedder = _open()
    result = KnowledgeRetriever(store, embedder).retrieve(
        text, k=k, filters=Filters(policy_area=area, product_line=product)
    )
    if not result.relevant:
        console.print(
            "[yellow]Nothing relevant found (all passages below the relevance floor).[/yellow]"
        )
    table = Table("score", "section", "version", "effective", "text")
    table.add_column("chunk (cite as)", overflow="fold")
    for p in result.passages:
        body = p.text.removeprefix(f"{p.title} — {p.section}: ")[:160]
        table.add_row(f"{p.score:.3f}", p.section, p.version, p.effective_date, body, p.chunk_id)
    console.print(table)


@app.command("stats")
@_cx_errors
def stats_cmd() -> None:
    """Count documents, chunks and intent exemplars in the configured collection."""
    store, embedder = _open()
    table = Table("collection", "embedder", "documents", "chunks", "intent exemplars")
    table.add_row(
        store.chunks.name,
        embedder.name,
        str(len(store.doc_ids())),
        str(store.chunks.count()),
        str(store.intents.count()),
    )
    console.print(table)


@app.command("eval")
@_cx_errors
def eval_cmd(
    dataset: Annotated[
        Path, typer.Option(help="Labeled JSONL retrieval set.")
    ] = DEFAULT_RETRIEVAL_SET,
    k: Annotated[int, typer.Option("--k", help="Cut-off for recall.", min=1)] = 5,
    min_recall: Annotated[float, typer.Option(help="Exit 1 when recall@k is below this.")] = 0.0,
) -> None:
    """Measure recall@k and MRR on a labeled set (a CI gate with --min-recall)."""
    store, embedder = _open()
    report = evaluate(KnowledgeRetriever(store, embedder), load_retrieval_set(dataset), k=k)
    console.print(
        f"questions {report.questions}  recall@{k} {report.recall_at_k:.3f}  MRR {report.mrr:.3f}"
    )
    if report.misses:
        console.print(f"missed: {', '.join(report.misses)}")
    if report.recall_at_k < min_recall:
        console.print(
            f"[red]recall@{k} {report.recall_at_k:.3f} is below --min-recall {min_recall}[/red]"
        )
        raise typer.Exit(1)
