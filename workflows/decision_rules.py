"""Who may decide what, when: the checks behind the ``decide`` Update's validator.

Pure functions over the decision and the workflow's current task, raising
``ApplicationError`` with a type the client maps to a clear message. Running them in
the validator means a refused decision never reaches the workflow history.
"""

from __future__ import annotations

from temporalio.exceptions import ApplicationError

from agents.contracts import ApprovalDecision, CaseStatus, DecisionAction, Review, Role, Severity
from workflows.contracts import SENIOR_QUEUE, ApprovalPolicy, ApprovalTask

DECIDING_ROLES = frozenset({Role.APPROVER, Role.SENIOR_APPROVER, Role.ADMIN})
SENIOR_ROLES = frozenset({Role.SENIOR_APPROVER, Role.ADMIN})


def refuse(kind: str, message: str) -> ApplicationError:
    """A refusal the client shows as one line; ``kind`` names the rule."""
    return ApplicationError(message, type=kind, non_retryable=True)


def describe(decision: ApprovalDecision) -> str:
    """``approve by ben (approver) at 2026-11-23T19:01:02Z`` for loser messages and logs."""
    when = f" at {decision.decided_at.isoformat(timespec='seconds')}" if decision.decided_at else ""
    return f"{decision.action.value} by {decision.actor} ({decision.role.value}){when}"


def check_decision(
    decision: ApprovalDecision,
    *,
    case_id: str,
    status: CaseStatus,
    task: ApprovalTask | None,
    claimed: ApprovalDecision | None,
    policy: ApprovalPolicy,
    in_flight: bool = False,
) -> None:
    """Raise unless ``decision`` may be applied to the case right now.

    ``claimed`` is the first settling decision on the pending draft; ``in_flight`` says
    it is still being checked (an edit before its policy verdict).
    """
    if decision.role not in DECIDING_ROLES:
        raise refuse(
            "WrongRole",
            f"Role '{decision.role.value}' cannot decide approvals; "
            "an approver, senior approver or admin must.",
        )
    if claimed is not None:
        state = "is being decided right now" if in_flight else "was already decided"
        raise refuse(
            "AlreadyDecided", f"Case {case_id} {state}: {describe(claimed)}. Nothing was changed."
        )
    if task is None or status is not CaseStatus.AWAITING_APPROVAL:
        raise refuse(
            "NotAwaitingApproval",
            f"Case {case_id} is not awaiting approval (status: {status.value}).",
        )
    _check_version(decision, case_id, task)
    _check_authority(decision, case_id, task, policy)
    _check_fields(decision, task)


def _check_version(decision: ApprovalDecision, case_id: str, task: ApprovalTask) -> None:
    req = task.request
    stale = decision.draft_version != req.draft_version or any(
        given and given != current
        for given, current in (
            (decision.draft_sha256, req.draft_sha256),
            (decision.binding_sha256, req.binding_sha256),
        )
    )
    if stale:
        raise refuse(
            "StaleDraft",
            f"Decision is for draft v{decision.draft_version}, but case {case_id} waits on "
            f"draft v{req.draft_version} (or its text or verdict changed). "
            f"Run `cx approvals show {case_id}` and decide again.",
        )


def _check_authority(
    decision: ApprovalDecision, case_id: str, task: ApprovalTask, policy: ApprovalPolicy
) -> None:
    senior = decision.role in SENIOR_ROLES
    if task.queue == SENIOR_QUEUE and not senior:
        raise refuse(
            "WrongRole",
            f"Case {case_id} is in the senior queue; a senior approver or admin must act.",
        )
    if task.assignee and decision.actor != task.assignee and not senior:
        raise refuse(
            "NotAssignee",
            f"Case {case_id} is assigned to {task.assignee}; "
            "only they, a senior approver or an admin may act on it.",
        )
    submitter = task.request.submitted_by
    if policy.separation_of_duties and decision.settles and decision.actor == submitter:
        raise refuse(
            "SeparationOfDuties",
            f"{decision.actor} submitted case {case_id} and cannot also decide it "
            "(separation of duties); another approver must.",
        )


def _check_fields(decision: ApprovalDecision, task: ApprovalTask) -> None:
    action = decision.action
    if decision.decided_at is not None or decision.review is not None:
        raise refuse("InvalidDecision", "decided_at and review are set by the workflow.")
    if action in (DecisionAction.APPROVE, DecisionAction.EDIT) and not decision.binding_sha256:
        raise refuse(
            "MissingBinding",
            "An approval must name the exact draft it approves (its binding hash, as shown "
            "by `cx approvals show`).",
        )
    needs_reason = {
        DecisionAction.REJECT: "A rejection needs a reason (--reason).",
        DecisionAction.ESCALATE: "An escalation needs a reason (--reason).",
    }
    if action in needs_reason and not decision.reason.strip():
        raise refuse("MissingReason", needs_reason[action])
    if action is DecisionAction.EDIT:
        if not (decision.text or "").strip():
            raise refuse("EmptyEdit", "The edited text is empty; nothing was changed.")
        if decision.text == task.request.draft_text:
            raise refuse("EmptyEdit", "The edit does not change the draft; approve it instead.")
    if action is DecisionAction.ESCALATE and task.queue == SENIOR_QUEUE:
        raise refuse("AlreadyEscalated", "The case is already in the senior queue.")
    if action is DecisionAction.REASSIGN and (
        not decision.assignee or decision.assignee == task.assignee
    ):
        raise refuse("InvalidAssignee", "Reassign needs a new assignee (--to NAME).")


def check_edit_verdict(decision: ApprovalDecision, review: Review) -> None:
    """An edit with blocking findings is refused; warnings need a written override reason."""
    if review.blocking:
        found = "; ".join(f"{f.rule_id}: {f.message}" for f in review.blocking)
        raise refuse("EditViolatesPolicy", f"The edit violates policy ({found}); not applied.")
    warnings = [f.rule_id for f in review.findings if f.severity is Severity.WARN]
    if warnings and not decision.reason.strip():
        raise refuse(
            "OverrideReasonRequired",
            f"The edit has policy warnings ({', '.join(warnings)}); give an override "
            "reason (--reason) to send it anyway. Nothing was changed.",
        )
