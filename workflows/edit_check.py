"""The edit-check activity: an approver's edited text goes through the policy checker.

An edit is a new draft written by a human; it gets no free pass. The workflow's
``decide`` handler runs this activity before accepting an edit: blocking findings refuse
the edit, warnings need a written override reason. It is a plain activity (not a graph
node) so the approver's Update can wait for its verdict and fail with a clear reason.
"""

from __future__ import annotations

import asyncio

from temporalio import activity

from agents.backends.base import ReasoningBackend
from agents.contracts import Review
from workflows.contracts import EditCheck

CHECK_EDIT = "cx-check-edit"


class EditChecker:
    """Holds the process's reasoning backend for the activity."""

    def __init__(self, backend: ReasoningBackend) -> None:
        self.backend = backend

    @activity.defn(name=CHECK_EDIT)
    async def check(self, edit: EditCheck) -> Review:
        """The policy checker's verdict on the edited draft (off the event loop: CPU work)."""
        return await asyncio.to_thread(
            self.backend.review, edit.case, edit.interpretation, edit.draft, edit.retrieval
        )
