"""Who is acting: identities and roles from the settings, resolved for the CLI or an API.

The workflow checks roles, queues, assignees and separation of duties on every decision;
this module decides which name and role a caller may claim in the first place:

* open mode (no ``access.users`` configured, the dev default): the CLI acts as ``--as``
  or the OS user, in the role given;
* configured mode: a token (``CX_TOKEN`` / ``--token``) names its owner, otherwise the
  OS user is the actor; acting as another person needs their token, and a role must be
  one the person holds.
"""

from __future__ import annotations

import getpass
import hmac
from dataclasses import dataclass

from agents.contracts import Role
from cx.errors import AccessDeniedError
from cx.settings import Settings

# Most to least privileged: the default role of a person who holds several.
_PRECEDENCE = (Role.ADMIN, Role.SENIOR_APPROVER, Role.APPROVER, Role.QA, Role.OPERATOR)


@dataclass(frozen=True)
class Actor:
    """A resolved identity: the name recorded in the audit trail and the role used."""

    name: str
    role: Role


def resolve_actor(
    settings: Settings,
    *,
    claimed_name: str | None = None,
    role: Role | None = None,
    token: str | None = None,
) -> Actor:
    """The actor for this call, or ``AccessDeniedError`` saying what is missing."""
    users = settings.access.users
    if not users:
        return Actor(claimed_name or getpass.getuser(), role or Role.APPROVER)
    name = _token_owner(settings, token) if token else (claimed_name or getpass.getuser())
    if token and claimed_name and claimed_name != name:
        raise AccessDeniedError(f"The token belongs to {name}, not {claimed_name}.")
    if not token and claimed_name and claimed_name != getpass.getuser():
        raise AccessDeniedError(
            f"Acting as {claimed_name} needs their token (--token or CX_TOKEN)."
        )
    user = users.get(name)
    if user is None:
        raise AccessDeniedError(
            f"{name} is not a cx user; an admin adds them under access.users in cx.yaml."
        )
    if role is None:
        return Actor(name, next(r for r in _PRECEDENCE if r in user.roles))
    if role not in user.roles:
        held = ", ".join(r.value for r in user.roles)
        raise AccessDeniedError(f"{name} does not hold the role '{role.value}' (holds: {held}).")
    return Actor(name, role)


def _token_owner(settings: Settings, token: str) -> str:
    for name, user in settings.access.users.items():
        secret = user.token.get_secret_value() if user.token else ""
        if secret and hmac.compare_digest(secret.encode(), token.encode()):
            return name
    raise AccessDeniedError("The token matches no cx user; check CX_TOKEN.")
