"""The case graph: interpret -> retrieve -> draft -> check_policy (revise) -> assess -> gate.

Built by a factory so every process (a Temporal worker, the in-process eval runner)
gets its own ``StateGraph`` bound to its own services: the LangGraph plugin rewrites a
registered graph's nodes into activities, so one graph object must not serve two
plugins. Nodes are thin adapters from JSON state to the typed agent functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from langgraph.graph import END, START, StateGraph
from langgraph.types import interrupt
from temporalio.common import RetryPolicy

from agents.backends.base import ReasoningBackend
from agents.contracts import (
    ApprovalDecision,
    ApprovalRequest,
    CaseInput,
    DecisionAction,
    Draft,
    Interpretation,
    Retrieval,
    Review,
    RiskDecision,
    Route,
)
from agents.ports import Deliverer, PassageRetriever
from agents.state import CaseState


@dataclass(frozen=True)
class AgentServices:
    """What the nodes of one process use: the brain, the knowledge base, the outbox."""

    backend: ReasoningBackend
    retriever: PassageRetriever
    deliverer: Deliverer
    max_revisions: int = 2
    retrieval_k: int = 5


# Agent nodes retry transient failures under Temporal's policy (never LangGraph's);
# a contract violation is a bug, so it is not retried.
_AGENT_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=1),
    backoff_coefficient=2.0,
    maximum_interval=timedelta(seconds=30),
    maximum_attempts=5,
    non_retryable_error_types=["ValidationError"],
)


def _activity(timeout_s: float, summary: str) -> dict[str, Any]:
    return {
        "execute_in": "activity",
        "start_to_close_timeout": timedelta(seconds=timeout_s),
        "retry_policy": _AGENT_RETRY,
        "summary": summary,
    }


class CaseNodes:
    """Node functions bound to one process's services."""

    def __init__(self, services: AgentServices) -> None:
        self.s = services

    def interpret(self, state: CaseState) -> dict[str, Any]:
        """Interpreter agent: intent, emotion, urgency, entities, risk signals."""
        case = CaseInput.model_validate(state["case"])
        return {"interpretation": self.s.backend.interpret(case).model_dump(mode="json")}

    def retrieve(self, state: CaseState) -> dict[str, Any]:
        """Retrieval: policy passages for the message, boosted toward the intent's areas."""
        case = CaseInput.model_validate(state["case"])
        query = f"{case.subject}\n{case.message}".strip()
        found = self.s.retriever.retrieve(query, k=self.s.retrieval_k)
        return {"retrieval": found.model_dump(mode="json")}

    def draft(self, state: CaseState) -> dict[str, Any]:
        """Empathy writer: first draft, or a revision that fixes the last review's findings."""
        case = CaseInput.model_validate(state["case"])
        previous = Draft.model_validate(state["draft"]) if state.get("draft") else None
        review = Review.model_validate(state["review"]) if state.get("review") else None
        written = state.get("drafts_written", 0)
        draft = self.s.backend.draft(
            case,
            Interpretation.model_validate(state["interpretation"]),
            Retrieval.model_validate(state["retrieval"]),
            version=written + 1,
            previous=previous,
            findings=list(review.findings) if review else [],
        )
        return {"draft": draft.model_dump(mode="json"), "drafts_written": written + 1}

    def check_policy(self, state: CaseState) -> dict[str, Any]:
        """Policy checker: policy-as-code rules and grounding of every fact."""
        review = self.s.backend.review(
            CaseInput.model_validate(state["case"]),
            Interpretation.model_validate(state["interpretation"]),
            Draft.model_validate(state["draft"]),
            Retrieval.model_validate(state["retrieval"]),
        )
        revise = bool(review.blocking) and not _revisions_exhausted(state, self.s.max_revisions)
        return {"review": review.model_dump(mode="json"), "revise": revise}

    def assess(self, state: CaseState) -> dict[str, Any]:
        """Risk decision: may this reply go out without a human?"""
        decision = self.s.backend.assess(
            CaseInput.model_validate(state["case"]),
            Interpretation.model_validate(state["interpretation"]),
            Draft.model_validate(state["draft"]),
            Review.model_validate(state["review"]),
            Retrieval.model_validate(state["retrieval"]),
            revisions_exhausted=_revisions_exhausted(state, self.s.max_revisions),
        )
        return {"risk": decision.model_dump(mode="json")}

    def deliver(self, state: CaseState) -> dict[str, Any]:
        """Send exactly the reviewed (and, if required, approved) draft, once."""
        case = CaseInput.model_validate(state["case"])
        draft = Draft.model_validate(state["draft"])
        _check_binding(state.get("decision"), draft)
        delivery = self.s.deliverer.deliver(
            case_id=state["case_id"],
            draft_version=draft.version,
            channel=case.channel,
            recipient=_recipient(case),
            text=draft.text,
        )
        return {"delivery": delivery.model_dump(mode="json"), "outcome": "delivered"}


def _revisions_exhausted(state: CaseState, max_revisions: int) -> bool:
    """True once the first draft and ``max_revisions`` revisions have all been written."""
    return state.get("drafts_written", 1) > max_revisions


def _recipient(case: CaseInput) -> str:
    if case.channel == "sms" and case.customer.phone:
        return case.customer.phone
    return case.customer.email or case.customer.customer_id


def _check_binding(raw_decision: dict[str, Any] | None, draft: Draft) -> None:
    """An approval names the exact text it approves; anything else must not be sent."""
    if raw_decision is None:
        return
    decision = ApprovalDecision.model_validate(raw_decision)
    if decision.draft_version != draft.version or (
        decision.draft_sha256 and decision.draft_sha256 != draft.sha256
    ):
        raise ValueError(
            f"Approval for draft v{decision.draft_version} does not match draft v{draft.version}."
        )


def gate(state: CaseState) -> dict[str, Any]:
    """Human-approval gate; runs in the workflow and only builds the request.

    LangGraph re-runs an interrupted node from its start on resume, so nothing here
    may have side effects before ``interrupt()``.
    """
    risk = RiskDecision.model_validate(state["risk"])
    if risk.route is Route.AUTO:
        return {"decision": None}
    draft = Draft.model_validate(state["draft"])
    interpretation = Interpretation.model_validate(state["interpretation"])
    review = Review.model_validate(state["review"])
    request = ApprovalRequest(
        case_id=state["case_id"],
        draft_version=draft.version,
        draft_text=draft.text,
        draft_sha256=draft.sha256,
        priority=risk.priority,
        reasons=risk.reasons,
        intent=interpretation.intent,
        emotion=interpretation.emotion,
        amount_at_stake=risk.amount_at_stake,
        findings=review.findings,
        citations=draft.citations,
    )
    answer = interrupt(request.model_dump(mode="json"))
    decision = ApprovalDecision.model_validate(answer)
    return {"decision": decision.model_dump(mode="json")}


def close_without_sending(state: CaseState) -> dict[str, Any]:
    """A rejected case ends here: handled by a human, nothing sent."""
    return {"outcome": "rejected", "delivery": None}


async def after_review(state: CaseState) -> str:
    """Revise while the checker asks for it (it knows the revision budget); else assess."""
    return "draft" if state.get("revise") else "assess"


async def after_gate(state: CaseState) -> str:
    """Approved or auto-approved drafts are delivered; rejected ones are closed."""
    raw = state.get("decision")
    if raw is None or ApprovalDecision.model_validate(raw).action is DecisionAction.APPROVE:
        return "deliver"
    return "close"


def make_case_graph(services: AgentServices) -> StateGraph[CaseState, Any, CaseState, CaseState]:
    """Build a fresh, uncompiled case graph bound to ``services``."""
    nodes = CaseNodes(services)
    g: StateGraph[CaseState, Any, CaseState, CaseState] = StateGraph(CaseState)
    g.add_node("interpret", nodes.interpret, metadata=_activity(60, "interpret the case"))
    g.add_node("retrieve", nodes.retrieve, metadata=_activity(60, "retrieve policy passages"))
    g.add_node("draft", nodes.draft, metadata=_activity(60, "write the reply"))
    g.add_node("check_policy", nodes.check_policy, metadata=_activity(30, "check policy"))
    g.add_node("assess", nodes.assess, metadata=_activity(30, "assess risk"))
    g.add_node("gate", gate, metadata={"execute_in": "workflow"})
    g.add_node("deliver", nodes.deliver, metadata=_activity(30, "deliver the reply"))
    g.add_node("close", close_without_sending, metadata={"execute_in": "workflow"})
    g.add_edge(START, "interpret")
    g.add_edge("interpret", "retrieve")
    g.add_edge("retrieve", "draft")
    g.add_edge("draft", "check_policy")
    g.add_conditional_edges("check_policy", after_review, ["draft", "assess"])
    g.add_edge("assess", "gate")
    g.add_conditional_edges("gate", after_gate, ["deliver", "close"])
    g.add_edge("deliver", END)
    g.add_edge("close", END)
    return g
