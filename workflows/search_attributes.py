"""Custom search attributes: the approvals inbox is a visibility query on these.

The dev stack registers them when it starts the server (``--search-attribute``); a
production cluster needs them created once (``temporal operator search-attribute create``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from temporalio.common import SearchAttributeKey, SearchAttributeUpdate

if TYPE_CHECKING:
    from workflows.contracts import ApprovalTask

STATUS = SearchAttributeKey.for_keyword("CxStatus")
PRIORITY = SearchAttributeKey.for_keyword("CxPriority")
INTENT = SearchAttributeKey.for_keyword("CxIntent")
RISKS = SearchAttributeKey.for_keyword_list("CxRisks")
QUEUE = SearchAttributeKey.for_keyword("CxQueue")
ASSIGNEE = SearchAttributeKey.for_keyword("CxAssignee")
# The respond-by SLA of a waiting case (not moved by escalation: overdue stays overdue).
SLA_DUE = SearchAttributeKey.for_datetime("CxSlaDue")

ALL = (STATUS, PRIORITY, INTENT, RISKS, QUEUE, ASSIGNEE, SLA_DUE)


def server_flags() -> list[str]:
    """``temporal server start-dev`` flags that register every attribute."""
    kinds = {"KEYWORD": "Keyword", "KEYWORD_LIST": "KeywordList", "DATETIME": "Datetime"}
    flags: list[str] = []
    for key in ALL:
        flags += ["--search-attribute", f"{key.name}={kinds[key.indexed_value_type.name]}"]
    return flags


def task_updates(status: str, task: ApprovalTask) -> list[SearchAttributeUpdate[Any]]:
    """The attributes that mirror a waiting approval task (what the inbox filters on)."""
    req = task.request
    return [
        STATUS.value_set(status),
        PRIORITY.value_set(task.priority.value),
        INTENT.value_set(req.intent),
        QUEUE.value_set(task.queue),
        SLA_DUE.value_set(task.sla_due),
        RISKS.value_set(sorted({r.signal.value for r in req.risks})),
        ASSIGNEE.value_set(task.assignee) if task.assignee else ASSIGNEE.value_unset(),
    ]
