"""Identities and roles from the settings: who may claim which name and role."""

from __future__ import annotations

import getpass

import pytest
from pydantic import ValidationError

from agents.contracts import Priority, Role
from cx.errors import AccessDeniedError
from cx.identity import Actor, resolve_actor
from cx.settings import Settings

ME = getpass.getuser()


def configured() -> Settings:
    return Settings(
        access={
            "users": {
                ME: {"roles": ["approver", "operator"]},
                "sol": {"roles": ["senior_approver", "approver"], "token": "s3cret-sol"},
            }
        }
    )


def test_open_mode_trusts_the_claimed_name_and_role() -> None:
    got = resolve_actor(Settings(), claimed_name="dana", role=Role.SENIOR_APPROVER)
    assert got == Actor("dana", Role.SENIOR_APPROVER)
    assert resolve_actor(Settings()) == Actor(ME, Role.APPROVER)


def test_configured_os_user_gets_their_highest_role_or_a_held_one() -> None:
    assert resolve_actor(configured()) == Actor(ME, Role.APPROVER)
    assert resolve_actor(configured(), role=Role.OPERATOR) == Actor(ME, Role.OPERATOR)
    with pytest.raises(AccessDeniedError, match=r"does not hold the role 'admin' \(holds: appr"):
        resolve_actor(configured(), role=Role.ADMIN)


def test_token_names_its_owner_and_impersonation_needs_one() -> None:
    assert resolve_actor(configured(), token="s3cret-sol") == Actor("sol", Role.SENIOR_APPROVER)
    with pytest.raises(AccessDeniedError, match="Acting as sol needs their token"):
        resolve_actor(configured(), claimed_name="sol")
    with pytest.raises(AccessDeniedError, match="matches no cx user"):
        resolve_actor(configured(), token="guess")
    with pytest.raises(AccessDeniedError, match="belongs to sol, not dana"):
        resolve_actor(configured(), token="s3cret-sol", claimed_name="dana")


def test_unknown_os_user_is_refused() -> None:
    only_sol = Settings(access={"users": {"sol": {"roles": ["approver"], "token": "t"}}})
    with pytest.raises(AccessDeniedError, match=f"{ME} is not a cx user"):
        resolve_actor(only_sol)


def test_approval_policy_is_configurable_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CX_APPROVALS__ON_FINAL_DEADLINE", "escalate")
    monkeypatch.setenv("CX_APPROVALS__SLA_SECONDS", '{"P1": 60}')
    policy = Settings().approvals
    assert policy.on_final_deadline == "escalate"
    # A tier left out of a partial override falls back to the strictest one given.
    assert (policy.sla_for(Priority.P1), policy.sla_for(Priority.P4)) == (60, 60)
    with pytest.raises(ValidationError):
        Settings(approvals={"on_final_deadline": "send"})
