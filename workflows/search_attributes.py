"""Custom search attributes: the approvals inbox is a visibility query on these.

The dev stack registers them when it starts the server (``--search-attribute``); a
production cluster needs them created once (``temporal operator search-attribute create``).
"""

from __future__ import annotations

from temporalio.common import SearchAttributeKey

STATUS = SearchAttributeKey.for_keyword("CxStatus")
PRIORITY = SearchAttributeKey.for_keyword("CxPriority")
INTENT = SearchAttributeKey.for_keyword("CxIntent")
RISKS = SearchAttributeKey.for_keyword_list("CxRisks")

ALL = (STATUS, PRIORITY, INTENT, RISKS)


def server_flags() -> list[str]:
    """``temporal server start-dev`` flags that register every attribute."""
    kinds = {"KEYWORD": "Keyword", "KEYWORD_LIST": "KeywordList"}
    flags: list[str] = []
    for key in ALL:
        flags += ["--search-attribute", f"{key.name}={kinds[key.indexed_value_type.name]}"]
    return flags
