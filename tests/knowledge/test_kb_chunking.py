from pathlib import Path

import pytest

from knowledge.chunking import chunk_document, split_sections
from knowledge.documents import SkipFile, load_document

FIXTURES = Path(__file__).parent / "fixtures"


def test_markdown_chunks_have_exact_ids_sections_and_text() -> None:
    chunks = chunk_document(load_document(FIXTURES / "refunds.md"))
    assert [c.chunk_id for c in chunks] == [
        "test-refunds#overview#0",
        "test-refunds#refund-timing#0",
        "test-refunds#refund-limits#0",
        "test-refunds#refund-limits-above-the-limit#0",
    ]
    assert chunks[3].text == (
        "Test refunds policy — Refund limits > Above the limit: "
        "Refunds above $500 need supervisor approval before they are paid."
    )


def test_markdown_chunk_metadata_is_exact() -> None:
    chunk = chunk_document(load_document(FIXTURES / "refunds.md"))[1]
    assert chunk.metadata == {
        "source": str(FIXTURES / "refunds.md"),
        "doc_id": "test-refunds",
        "title": "Test refunds policy",
        "section": "Refund timing",
        "doc_type": "policy",
        "version": "2.0",
        "effective_date": "2026-01-15",
        "effective_ymd": 20260115,
        "policy_area": "refunds",
        "product_line": "all",
        "tags": "refund,money",
        "content_sha256": "5d5d2745ac8228d5e7679b684189cad0cc66124a7865ed4aabc330fd6b99218e",
        "doc_sha256": chunk.metadata["doc_sha256"],
    }


def test_html_headings_become_sections_and_chrome_is_dropped() -> None:
    chunks = chunk_document(load_document(FIXTURES / "help.html"))
    assert [(c.chunk_id, c.text) for c in chunks] == [
        ("help#overview#0", "Test wifi help — Overview: Onboard wifi is free for everyone."),
        (
            "help#connecting-to-wifi#0",
            "Test wifi help — Connecting to wifi: "
            "Join the network named JuniperSky and open any page.\n\n- Phones\n- Laptops",
        ),
    ]


def test_plain_text_is_one_overview_chunk_titled_by_file_name() -> None:
    (chunk,) = chunk_document(load_document(FIXTURES / "lounge.txt"))
    assert chunk.chunk_id == "lounge#overview#0"
    assert chunk.metadata["title"] == "lounge"
    assert chunk.metadata["effective_ymd"] == 0


def test_long_section_is_split_into_overlapping_windows(tmp_path: Path) -> None:
    words = " ".join(f"w{i}" for i in range(800))
    path = tmp_path / "long.md"
    path.write_text(f"---\ndoc_id: long\ntitle: Long\n---\n## Big part\n{words}\n")
    chunks = chunk_document(load_document(path), max_words=350, overlap=50)
    assert [c.chunk_id for c in chunks] == ["long#big-part#0", "long#big-part#1", "long#big-part#2"]
    bodies = [c.text.removeprefix("Long — Big part: ").split() for c in chunks]
    assert [(b[0], b[-1], len(b)) for b in bodies] == [
        ("w0", "w349", 350),
        ("w300", "w649", 350),
        ("w600", "w799", 200),
    ]


def test_split_sections_names_h3_by_its_h2_path() -> None:
    body = "intro\n## A\ntext a\n### B\ntext b\n## C\n\n## D\ntext d"
    assert split_sections(body) == [
        ("Overview", "intro"),
        ("A", "text a"),
        ("A > B", "text b"),
        ("D", "text d"),
    ]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.md", b"  \n", "empty file"),
        ("image.md", b"\x89PNG\x00\x00data", "binary content"),
        ("latin.txt", b"caf\xe9", "binary content (not UTF-8 text)"),
        ("sheet.csv", b"a,b", "unsupported file type '.csv'"),
        ("only-meta.md", b"---\ndoc_id: x\n---\n", "no text after front matter"),
        (
            "bad-yaml.md",
            b"---\ndoc_id: [x\n---\nbody",
            "invalid YAML front matter: while parsing a flow sequence",
        ),
    ],
)
def test_bad_files_raise_skipfile_with_reason(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(SkipFile) as info:
        load_document(path)
    assert str(info.value) == reason


def test_oversized_file_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    path.write_bytes(b"a " * (1024 * 1024 + 1))
    with pytest.raises(SkipFile) as info:
        load_document(path)
    assert str(info.value) == "file too large (2097154 bytes > 2097152)"
