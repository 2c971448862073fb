"""Split a document into citable chunks along its ``##`` and ``###`` headings.

A section is the unit a drafted sentence cites, so one section is one chunk; only
sections longer than ``max_words`` are cut into overlapping windows. Each chunk's text
starts with "Title — Section: " so it reads on its own in a prompt or a citation, and
so the embedding knows what the passage is about.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from knowledge.documents import Document, slugify

PREAMBLE_SECTION = "Overview"
_HEADING = re.compile(r"^(#{1,3})\s+(.+?)\s*#*\s*$")
_WORD = re.compile(r"\S+\s*")


@dataclass(frozen=True)
class Chunk:
    """One passage to embed and store, with Chroma-ready metadata."""

    chunk_id: str
    text: str
    metadata: dict[str, str | int]


def chunk_document(doc: Document, max_words: int = 350, overlap: int = 50) -> list[Chunk]:
    """Chunks of ``doc`` in reading order; ids are ``{doc_id}#{slug(section)}#{n}``."""
    chunks: list[Chunk] = []
    for section, body in split_sections(doc.body):
        for n, piece in enumerate(_windows(body, max_words, overlap)):
            chunk_id = f"{doc.doc_id}#{slugify(section)}#{n}"
            text = f"{doc.title} — {section}: {piece}"
            chunks.append(Chunk(chunk_id, text, _metadata(doc, section, text)))
    return chunks


def split_sections(body: str) -> list[tuple[str, str]]:
    """``(section, text)`` pairs; ``###`` sections are named "H2 > H3"; empty ones dropped."""
    sections: list[tuple[str, list[str]]] = [(PREAMBLE_SECTION, [])]
    h2 = ""
    for line in body.splitlines():
        match = _HEADING.match(line)
        level = len(match.group(1)) if match else 0
        if level == 0:
            sections[-1][1].append(line)
        elif level == 2:
            h2 = match.group(2) if match else ""
            sections.append((h2, []))
        elif level == 3 and match:
            sections.append((f"{h2} > {match.group(2)}" if h2 else match.group(2), []))
        # A level-1 heading is the title, already carried by every chunk.
    pairs = [(name, "\n".join(lines).strip()) for name, lines in sections]
    return [(name, text) for name, text in pairs if text]


def _windows(body: str, max_words: int, overlap: int) -> list[str]:
    """The body whole, or overlapping word windows that keep the original line breaks."""
    words = _WORD.findall(body)
    if len(words) <= max_words:
        return [body]
    step = max_words - overlap
    starts = range(0, len(words) - overlap, step)
    return ["".join(words[s : s + max_words]).strip() for s in starts]


def _metadata(doc: Document, section: str, text: str) -> dict[str, str | int]:
    return {
        "source": doc.source,
        "doc_id": doc.doc_id,
        "title": doc.title,
        "section": section,
        "doc_type": doc.doc_type,
        "version": doc.version,
        "effective_date": doc.effective_date,
        # Chroma compares only numbers with $lte, so the date is also kept as 20260301.
        "effective_ymd": int(doc.effective_date.replace("-", "")[:8] or 0)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc.effective_date)
        else 0,
        "policy_area": doc.policy_area,
        "product_line": doc.product_line,
        "tags": ",".join(doc.tags),
        "content_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "doc_sha256": doc.sha256,
    }
