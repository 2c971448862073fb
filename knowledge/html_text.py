"""HTML to Markdown-style text with the stdlib parser, so HTML help pages chunk like Markdown.

Only what matters for chunking survives: ``<title>``/``<h1>`` as the title, ``<h2>``/``<h3>``
as ``##``/``###`` headings, block elements as line breaks, list items as ``- `` lines.
Scripts, styles and navigation chrome are dropped.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "br",
    "tr",
    "table",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "h3",
}
_SKIP = {"script", "style", "nav", "header", "footer", "noscript", "template"}
_HEADING_MARK = {"h1": "# ", "h2": "## ", "h3": "### "}


class _Collector(HTMLParser):
    """Accumulates text and headings in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self._skip_depth = 0
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip_depth += 1
        elif tag in _BLOCKS:
            self.parts.append("\n\n" if tag != "li" else "\n- ")
            self.parts.append(_HEADING_MARK.get(tag, ""))
        if tag in ("title", "h1"):
            self._in = tag

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self._skip_depth:
            self._skip_depth -= 1
        elif tag in _BLOCKS and tag != "li":
            self.parts.append("\n")
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._skip_depth:
            return
        if self._in in ("title", "h1") and not self.title:
            self.title = data.strip()
        if self._in != "title":
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_markdown(html: str) -> tuple[str, str]:
    """Return ``(title, body)``; the body uses ``##``/``###`` for ``<h2>``/``<h3>``."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    lines = [line.strip() for line in "".join(collector.parts).splitlines()]
    body = "\n".join(lines)
    while "\n\n\n" in body:
        body = body.replace("\n\n\n", "\n\n")
    return collector.title, body.strip()
