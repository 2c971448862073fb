"""What an ingest, remove or sync did, file by file, for the CLI table and for tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Status = Literal["added", "updated", "unchanged", "skipped", "removed"]


@dataclass(frozen=True)
class FileResult:
    """What happened to one file (or, for ``removed``, one document id)."""

    path: str
    status: Status
    doc_id: str = ""
    chunks: int = 0
    reason: str = ""


@dataclass
class IngestReport:
    """Per-file results of one ingest, remove or sync, in processing order."""

    files: list[FileResult] = field(default_factory=list)

    def count(self, status: Status) -> int:
        """How many files ended with ``status``."""
        return sum(1 for f in self.files if f.status == status)
