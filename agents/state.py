"""The LangGraph state of one case, kept JSON-native on purpose.

The Temporal LangGraph plugin serializes every node's arguments and results; a pydantic
model can come back as a plain dict. So the state holds ``model_dump(mode="json")``
values and each node validates what it reads into the contracts (``agents.contracts``).
This module is imported by workflow code, so it must stay free of I/O and heavy imports.
"""

from __future__ import annotations

from typing import Any, TypedDict

# Name under which the case graph is registered with the LangGraph plugin.
CASE_GRAPH = "cx-case"


class CaseState(TypedDict, total=False):
    """Everything the graph knows about a case so far (JSON values of the contracts)."""

    case_id: str
    case: dict[str, Any]
    interpretation: dict[str, Any]
    retrieval: dict[str, Any]
    draft: dict[str, Any]
    review: dict[str, Any]
    # Drafts written so far, including the first (1 means no revision yet).
    drafts_written: int
    # Set by the checker: blocking findings remain and the revision budget allows another draft.
    revise: bool
    risk: dict[str, Any]
    decision: dict[str, Any] | None
    delivery: dict[str, Any] | None
    outcome: str
    # An approver's rewrite instructions for the writer (reject with rewrite).
    instructions: str
    # Set once a human asked for a rewrite: the next draft must come back to a human.
    human_review: bool
