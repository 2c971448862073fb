from pathlib import Path

import pytest

from cx.errors import InputError
from knowledge.embedding_cache import CachedEmbedder
from knowledge.ingest import ingest, remove, sync
from knowledge.store import KnowledgeStore
from tests.knowledge.embedders import CountingEmbedder


def _statuses(report_files: list) -> list[tuple[str, str, int]]:  # type: ignore[type-arg]
    return [(Path(f.path).name, f.status, f.chunks) for f in report_files]


def _ids(store: KnowledgeStore) -> list[str]:
    return sorted(store.chunks.get(include=[])["ids"])


def test_first_ingest_adds_every_document(
    docs: Path, store: KnowledgeStore, counting: CountingEmbedder
) -> None:
    report = ingest([docs], store, counting)
    assert _statuses(report.files) == [
        ("baggage.md", "added", 2),
        ("help.html", "added", 2),
        ("lounge.txt", "added", 1),
        ("refunds.md", "added", 4),
    ]
    assert counting.passages == 9
    assert store.chunks.count() == 9


def test_second_ingest_embeds_nothing(
    docs: Path, store: KnowledgeStore, counting: CountingEmbedder
) -> None:
    ingest([docs], store, counting)
    counting.passages = 0
    report = ingest([docs], store, counting)
    assert [f.status for f in report.files] == ["unchanged"] * 4
    assert counting.passages == 0


def test_changed_document_replaces_all_its_chunks(
    docs: Path, store: KnowledgeStore, cached: CachedEmbedder, counting: CountingEmbedder
) -> None:
    ingest([docs], store, cached)
    counting.passages = 0
    text = (docs / "refunds.md").read_text()
    changed = text.replace(
        "## Refund timing\n\nCard refunds arrive within 7",
        "## Refund speed\n\nCard refunds arrive within 5",
    )
    (docs / "refunds.md").write_text(changed)
    report = ingest([docs / "refunds.md"], store, cached)
    assert _statuses(report.files) == [("refunds.md", "updated", 4)]
    assert counting.passages == 1  # the other three chunk texts come from the cache
    assert [i for i in _ids(store) if i.startswith("test-refunds")] == [
        "test-refunds#overview#0",
        "test-refunds#refund-limits#0",
        "test-refunds#refund-limits-above-the-limit#0",
        "test-refunds#refund-speed#0",
    ]


def test_failed_embedding_keeps_the_old_version(
    docs: Path, store: KnowledgeStore, counting: CountingEmbedder
) -> None:
    ingest([docs / "refunds.md"], store, counting)
    before = _ids(store)
    (docs / "refunds.md").write_text(
        (docs / "refunds.md").read_text() + "\n## New part\n\nMore text.\n"
    )

    def boom(texts: object) -> list[list[float]]:
        raise RuntimeError("model crashed")

    counting.embed_passages = boom  # type: ignore[method-assign]
    with pytest.raises(RuntimeError, match="model crashed"):
        ingest([docs / "refunds.md"], store, counting)
    assert _ids(store) == before


def test_remove_and_sync(docs: Path, store: KnowledgeStore, counting: CountingEmbedder) -> None:
    ingest([docs], store, counting)
    removed = remove(["test-baggage", "nope"], store)
    assert [(f.doc_id, f.status, f.chunks, f.reason) for f in removed.files] == [
        ("test-baggage", "removed", 2, ""),
        ("nope", "skipped", 0, "no such doc_id"),
    ]
    (docs / "lounge.txt").unlink()
    report = sync(docs, store, counting)
    assert _statuses(report.files) == [
        ("baggage.md", "added", 2),
        ("help.html", "unchanged", 2),
        ("refunds.md", "unchanged", 4),
        ("lounge", "removed", 1),
    ]
    assert sorted(store.doc_ids()) == ["help", "test-baggage", "test-refunds"]


def test_bad_files_are_reported_and_skipped(
    tmp_path: Path, store: KnowledgeStore, counting: CountingEmbedder
) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "empty.md").write_text("")
    (folder / "photo.md").write_bytes(b"\x00\x01\x02")
    (folder / "data.json").write_text("{}")
    (folder / "ok.md").write_text("## Hello\n\nWorld.\n")
    (folder / "dup.md").write_text("---\ndoc_id: ok\n---\n## Again\n\nSame id.\n")
    (folder / ".hidden.md").write_text("## Secret\n\nNot ingested.\n")
    report = ingest([folder], store, counting)
    assert [(Path(f.path).name, f.status, f.reason) for f in report.files] == [
        ("data.json", "skipped", "unsupported file type '.json'"),
        ("dup.md", "added", ""),
        ("empty.md", "skipped", "empty file"),
        ("ok.md", "skipped", f"doc_id also used by {folder / 'dup.md'}"),
        ("photo.md", "skipped", "binary content"),
    ]


def test_missing_path_is_an_input_error(
    tmp_path: Path, store: KnowledgeStore, counting: CountingEmbedder
) -> None:
    with pytest.raises(InputError, match="does not exist"):
        ingest([tmp_path / "nowhere"], store, counting)
