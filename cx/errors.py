"""The errors a cx user can meet, each saying what happened and what to do next.

Hierarchy::

    CxError
    ├── ConfigError            settings are invalid or point to missing files
    ├── InputError             a case, decision or file failed validation
    ├── ServerUnavailableError Temporal (or Chroma) cannot be reached
    ├── CaseNotFoundError      no case has that id
    ├── AccessDeniedError      the caller's identity or role is not allowed
    └── DecisionRejectedError  an approval decision was refused (role, state, version)

The CLI prints ``str(error)`` on one line and exits non-zero; nothing else is needed
to act on it.
"""

from __future__ import annotations


class CxError(Exception):
    """Base of every error cx raises on purpose."""

    exit_code = 1


class ConfigError(CxError):
    """Settings are invalid. Fix ``cx.yaml`` or the ``CX_`` variable named in the message."""

    exit_code = 78


class InputError(CxError):
    """A case file, decision or dataset line is malformed; the message names the field."""

    exit_code = 65


class ServerUnavailableError(CxError):
    """Temporal (or Chroma) cannot be reached.

    Start the embedded stack with ``cx dev`` or set ``CX_TEMPORAL__ADDRESS``.
    """

    exit_code = 69


class CaseNotFoundError(CxError):
    """No case has that id. ``cx case list`` shows the known ones."""

    exit_code = 66


class DecisionRejectedError(CxError):
    """An approver's decision was refused before it changed anything (role, state or version)."""

    exit_code = 75


class AccessDeniedError(CxError):
    """The caller is not a configured user, claims a role they do not hold, or a bad token.

    An admin grants roles under ``access.users`` in ``cx.yaml``.
    """

    exit_code = 77


def first_problem(exc: Exception) -> str:
    """One line naming the first invalid field of a pydantic error ("field 'a.0.b': why").

    Other errors (a YAML syntax error) give their first line, which says where they are.
    """
    errors = getattr(exc, "errors", None)
    if callable(errors):
        first = errors()[0]
        location = ".".join(str(p) for p in first["loc"]) or "file"
        return f"field '{location}': {first['msg']}"
    return str(exc).splitlines()[0]
