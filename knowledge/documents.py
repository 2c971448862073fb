"""Load knowledge documents (Markdown with YAML front matter, plain text, HTML) from disk.

Every file becomes a ``Document`` with Markdown-style body text, so one chunker handles
all formats. Files that cannot be used are not errors: ``load_document`` raises
``SkipFile`` with a reason the ingest report shows beside the file name.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from knowledge.html_text import html_to_markdown

MAX_FILE_BYTES = 2 * 1024 * 1024
SUPPORTED_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*(?:\n|\Z)", re.DOTALL)
_H1 = re.compile(r"^#\s+(.+?)\s*$", re.MULTILINE)


class SkipFile(Exception):
    """A file cannot be ingested; ``str(self)`` is the reason shown to the user."""


@dataclass(frozen=True)
class Document:
    """One source document with the metadata every chunk of it carries."""

    doc_id: str
    title: str
    body: str
    source: str
    sha256: str
    doc_type: str = ""
    policy_area: str = ""
    product_line: str = ""
    version: str = ""
    effective_date: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by dashes; stable ids must not depend on punctuation."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


def load_document(path: Path) -> Document:
    """Read and parse one file, or raise ``SkipFile`` saying why it cannot be used."""
    raw = _read_checked(path)
    text = raw.decode("utf-8")
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        title, body = html_to_markdown(text)
        return _build(path, raw, {"title": title} if title else {}, body)
    meta, body = _split_front_matter(text) if suffix != ".txt" else ({}, text)
    return _build(path, raw, meta, body)


def _read_checked(path: Path) -> bytes:
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise SkipFile(f"unsupported file type '{path.suffix or '(none)'}'")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SkipFile(f"file too large ({size} bytes > {MAX_FILE_BYTES})")
        raw = path.read_bytes()
    except OSError as exc:
        raise SkipFile(f"unreadable: {exc.strerror or exc}") from exc
    if b"\x00" in raw[:8192]:
        raise SkipFile("binary content")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SkipFile("binary content (not UTF-8 text)") from exc
    if not text.strip():
        raise SkipFile("empty file")
    return raw


def _split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        raise SkipFile(f"invalid YAML front matter: {exc}".splitlines()[0]) from exc
    if not isinstance(meta, dict):
        raise SkipFile("front matter is not a mapping")
    return meta, text[match.end() :]


def _build(path: Path, raw: bytes, meta: dict[str, Any], body: str) -> Document:
    if not body.strip():
        raise SkipFile("no text after front matter")
    h1 = _H1.search(body)
    title = str(meta.get("title") or (h1.group(1) if h1 else path.stem.replace("-", " ")))
    tags = meta.get("tags") or []
    return Document(
        doc_id=slugify(str(meta.get("doc_id") or path.stem)),
        title=title,
        body=body,
        source=str(path),
        sha256=hashlib.sha256(raw).hexdigest(),
        doc_type=_text(meta.get("doc_type")),
        policy_area=_text(meta.get("policy_area")),
        product_line=_text(meta.get("product_line")),
        version=_text(meta.get("version")),
        effective_date=_text(meta.get("effective_date")),
        tags=tuple(str(t) for t in (tags if isinstance(tags, list) else [tags])),
    )


def _text(value: object) -> str:
    """YAML turns ``2026-03-01`` into a date and ``3.1`` into a float; metadata wants text."""
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)
