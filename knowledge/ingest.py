"""Load files into the knowledge base idempotently, all-or-nothing per document.

A document whose file hash matches what is stored is left alone (nothing embedded).
Changed documents are embedded first and only then swapped in (delete old chunks, add
new ones), so a failure while embedding leaves the old version intact. Documents are
embedded in groups of about ``batch_chunks`` chunks: the model batches similar lengths
together, which is ~25% faster than one call per document. Unchanged chunk texts inside
a changed document come from the embedding cache.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cx.errors import InputError
from knowledge.chunking import Chunk, chunk_document
from knowledge.documents import Document, SkipFile, load_document
from knowledge.embedder import Embedder
from knowledge.ingest_report import FileResult, IngestReport, Status
from knowledge.store import KnowledgeStore

Progress = Callable[[Path], None]


@dataclass(frozen=True)
class _Pending:
    """A changed document waiting for its group to be embedded."""

    path: Path
    doc: Document
    chunks: list[Chunk]
    existed: bool


def discover(paths: Iterable[Path]) -> list[Path]:
    """Files named directly plus every non-hidden file under named folders, sorted."""
    found: list[Path] = []
    for path in paths:
        if not path.exists():
            raise InputError(f"{path} does not exist. Pass existing files or folders.")
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path))
        else:
            found.append(path)
    return found


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def ingest(
    paths: Iterable[Path],
    store: KnowledgeStore,
    embedder: Embedder,
    progress: Progress | None = None,
    batch_chunks: int = 64,
) -> IngestReport:
    """Ingest files and folders; every file gets a result, bad ones are skipped with a reason."""
    files = discover(paths)
    results: dict[Path, FileResult] = {}
    done = progress or (lambda _path: None)
    pending: list[_Pending] = []
    seen: dict[str, str] = {}
    for path in files:
        planned = _plan(path, store, seen)
        if isinstance(planned, FileResult):
            results[path] = planned
            done(path)
            continue
        pending.append(planned)
        if sum(len(p.chunks) for p in pending) >= batch_chunks:
            results |= _write_group(pending, store, embedder, done)
            pending = []
    results |= _write_group(pending, store, embedder, done)
    return IngestReport([results[p] for p in files if p in results])


def _plan(path: Path, store: KnowledgeStore, seen: dict[str, str]) -> FileResult | _Pending:
    """A final result for skipped and unchanged files, or the work for a changed one."""
    try:
        doc = load_document(path)
    except SkipFile as exc:
        return FileResult(str(path), "skipped", reason=str(exc))
    if doc.doc_id in seen:
        reason = f"doc_id also used by {seen[doc.doc_id]}"
        return FileResult(str(path), "skipped", doc.doc_id, reason=reason)
    seen[doc.doc_id] = str(path)
    chunks = chunk_document(doc)
    stored = store.doc_chunks(doc.doc_id)
    if _unchanged(doc, chunks, stored):
        return FileResult(str(path), "unchanged", doc.doc_id, len(chunks))
    return _Pending(path, doc, chunks, bool(stored))


def _unchanged(doc: Document, chunks: list[Chunk], stored: dict[str, dict[str, Any]]) -> bool:
    """Same chunk ids, same file hash and same source: nothing to do."""
    if set(stored) != {c.chunk_id for c in chunks}:
        return False
    return all(
        m.get("doc_sha256") == doc.sha256 and m.get("source") == doc.source for m in stored.values()
    )


def _write_group(
    group: list[_Pending], store: KnowledgeStore, embedder: Embedder, done: Progress
) -> dict[Path, FileResult]:
    """Embed every chunk of the group first; then swap each document in."""
    vectors = iter(embedder.embed_passages([c.text for p in group for c in p.chunks]))
    results: dict[Path, FileResult] = {}
    for item in group:
        embeddings = [next(vectors) for _ in item.chunks]
        store.delete_docs([item.doc.doc_id])
        store.chunks.add(
            ids=[c.chunk_id for c in item.chunks],
            documents=[c.text for c in item.chunks],
            metadatas=[c.metadata for c in item.chunks],
            # Chroma's stub wants Sequence[float] rows; list is invariant, so list[list] fails.
            embeddings=embeddings,  # type: ignore[arg-type]
        )
        status: Status = "updated" if item.existed else "added"
        results[item.path] = FileResult(str(item.path), status, item.doc.doc_id, len(item.chunks))
        done(item.path)
    return results


def remove(doc_ids: Iterable[str], store: KnowledgeStore) -> IngestReport:
    """Delete documents by id; unknown ids are reported as skipped."""
    report = IngestReport()
    for doc_id in doc_ids:
        gone = store.delete_docs([doc_id])
        status: Status = "removed" if gone else "skipped"
        reason = "" if gone else "no such doc_id"
        report.files.append(FileResult(doc_id, status, doc_id, gone, reason))
    return report


def sync(
    folder: Path, store: KnowledgeStore, embedder: Embedder, progress: Progress | None = None
) -> IngestReport:
    """Make the collection mirror ``folder``: ingest it, then remove documents not in it."""
    if not folder.is_dir():
        raise InputError(f"{folder} is not a folder. `cx kb sync` mirrors one folder.")
    report = ingest([folder], store, embedder, progress)
    present = {f.doc_id for f in report.files if f.doc_id}
    report.files += remove(sorted(store.doc_ids() - present), store).files
    return report
