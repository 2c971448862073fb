"""Hard metadata filters for retrieval, as Chroma ``where`` clauses and as a Python test.

The same filter must hold for candidates found by Chroma's vector search (``where``) and
for those found by BM25 over all chunks (``allows``), so both forms live together here.
Chroma compares only numbers with ``$lte``, hence the ``effective_ymd`` integer; undated
documents have 0 there and so are always in force.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from cx.errors import InputError


@dataclass(frozen=True)
class Filters:
    """Hard metadata filters; ``effective_on`` (YYYY-MM-DD) keeps documents in force by then."""

    policy_area: str | None = None
    product_line: str | None = None
    effective_on: str | None = None

    def __post_init__(self) -> None:
        if self.effective_on and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", self.effective_on):
            raise InputError(f"effective date '{self.effective_on}' must be YYYY-MM-DD.")

    def where(self) -> dict[str, Any] | None:
        """The Chroma ``where`` clause for these filters, or None when there are none."""
        clauses: list[dict[str, Any]] = []
        if self.policy_area:
            clauses.append({"policy_area": self.policy_area})
        if self.product_line:
            clauses.append({"product_line": self.product_line})
        if self.effective_on:
            clauses.append({"effective_ymd": {"$lte": int(self.effective_on.replace("-", ""))}})
        if len(clauses) > 1:
            return {"$and": clauses}
        return clauses[0] if clauses else None

    def allows(self, meta: dict[str, Any]) -> bool:
        """The same test in Python, for candidates found by BM25."""
        where = self.where()
        return where is None or all(_clause_ok(c, meta) for c in where.get("$and", [where]))


def _clause_ok(clause: dict[str, Any], meta: dict[str, Any]) -> bool:
    ((key, want),) = clause.items()
    if isinstance(want, dict):
        return int(meta.get(key, 0)) <= int(want["$lte"])
    return bool(meta.get(key) == want)
