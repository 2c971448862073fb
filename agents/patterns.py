"""Compiling phrase lists into one regex, anchored on word boundaries where that works."""

from __future__ import annotations

import re


def bounded(pattern: str) -> str:
    r"""Wrap ``pattern`` in ``\b`` only at ends that are word characters.

    ``\b!{3,}\b`` can never match, and neither can ``\b<!--``: punctuation-led or -ended
    phrases must not be anchored, while words must be ("sue" is not inside "issue").
    """
    head = r"\b" if re.match(r"[\w(\\]", pattern) else ""
    tail = r"\b" if re.search(r"[\w)?*+]$", pattern) else ""
    return f"{head}(?:{pattern}){tail}"


def any_of(patterns: tuple[str, ...] | list[str]) -> re.Pattern[str]:
    """One case-insensitive regex matching any of ``patterns``."""
    return re.compile("|".join(bounded(p) for p in patterns), re.I)
