"""The case graph: interpret -> retrieve -> draft -> check_policy (revise) -> assess -> gate.

Built by a factory so every process (a Temporal worker, the in-process eval runner)
gets its own ``StateGraph`` bound to its own services: the LangGraph plugin rewrites a
registered graph's nodes into activities, so one graph object must not serve two
plugins. Nodes are thin adapters from JSON state to the typed agent functions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from langgraph.errors import GraphInterrupt
from langgraph.graph import END, START, StateGraph
from temporalio.common import RetryPolicy

from agents.approval_gate import after_gate, gate, instruction_findings
from agents.backends.base import ReasoningBackend
from agents.contracts import (
    ApprovalDecision,
    CaseInput,
    Draft,
    Interpretation,
    Retrieval,
    Review,
    RiskSignal,
)
from agents.ports import Deliverer, PassageRetriever
from agents.state import CaseState
from cx.telemetry import Telemetry, current
from cx.telemetry import agent_spans as spans
from cx.telemetry import workflow_events as events


@dataclass(frozen=True)
class AgentServices:
    """What the nodes of one process use: the brain, the knowledge base, the outbox."""

    backend: ReasoningBackend
    retriever: PassageRetriever
    deliverer: Deliverer
    max_revisions: int = 2
    retrieval_k: int = 5
    # Start-to-close limit of the model-backed agent nodes (interpret, draft); an LLM
    # backend with retries on malformed output needs more than the local engine's seconds.
    agent_timeout_seconds: float = 60
    # Policy areas of each intent (from the taxonomy): retrieval favours the areas of the
    # intents the interpreter found, so a refund question ranks the refund policy first.
    intent_areas: Mapping[str, Sequence[str]] = field(default_factory=dict)
    # A search for the rules an intent always needs (the tier caps for a goodwill ask),
    # run beside the message's own search: "the delay ruined our anniversary" does not
    # read like the table of voucher caps, yet the reply cannot offer one without it.
    intent_queries: Mapping[str, str] = field(default_factory=dict)
    # A search for the policy on handling each risk signal (the chargeback rights, the
    # vulnerable-customer specialist), so a draft that hands a case over says why, and cites it.
    risk_queries: Mapping[RiskSignal, str] = field(default_factory=dict)


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

    def __init__(self, services: AgentServices, telemetry: Telemetry) -> None:
        self.s = services
        self.t = telemetry

    def _span(self, node: str, state: CaseState) -> Any:
        return spans.agent_span(self.t, node, state, self.s.backend.name)

    def interpret(self, state: CaseState) -> dict[str, Any]:
        """Interpreter agent: intent, emotion, urgency, entities, risk signals."""
        case = CaseInput.model_validate(state["case"])
        with self._span("interpret", state) as span:
            interpretation = self.s.backend.interpret(case)
            span.set_attributes(spans.interpretation_attributes(interpretation))
        return {"interpretation": interpretation.model_dump(mode="json")}

    def retrieve(self, state: CaseState) -> dict[str, Any]:
        """Retrieval: policy passages for the message, boosted toward the intent's areas."""
        case = CaseInput.model_validate(state["case"])
        interpretation = Interpretation.model_validate(state["interpretation"])
        query = f"{case.subject}\n{case.message}".strip()
        with self._span("retrieve", state) as span:
            asked = [interpretation.second_ask] if interpretation.second_ask else []
            intents = [interpretation.intent, *interpretation.secondary_intents, *asked]
            areas = list(dict.fromkeys(a for i in intents for a in self.s.intent_areas.get(i, ())))
            found = self.s.retriever.retrieve(query, k=self.s.retrieval_k, prefer_areas=areas)
            found = self._with_intent_rules(interpretation.intent, found, areas)
            found = self._with_risk_policies(interpretation, found)
            span.set_attributes(spans.retrieval_attributes(found, self.s.retrieval_k))
        return {"retrieval": found.model_dump(mode="json")}

    def _with_intent_rules(self, intent: str, found: Retrieval, areas: list[str]) -> Retrieval:
        """``found`` plus the best passage for the intent's own rules, when it lacks it."""
        rules_query = self.s.intent_queries.get(intent)
        if not rules_query or not found.relevant:
            return found
        have = {p.chunk_id for p in found.passages}
        extra = self.s.retriever.retrieve(rules_query, k=1, prefer_areas=areas).passages
        added = [p for p in extra if p.chunk_id not in have]
        return found.model_copy(update={"passages": [*found.passages, *added]})

    def _with_risk_policies(self, interpretation: Interpretation, found: Retrieval) -> Retrieval:
        """``found`` plus the handling policy of each risk signal raised, noted per signal.

        Added even when nothing else was relevant: how a legal threat is handled does not
        depend on whether the message's own topic is in the knowledge base.
        """
        passages, by_signal = list(found.passages), {}
        for signal in sorted(interpretation.risk_signals):
            query = self.s.risk_queries.get(signal)
            if not query:
                continue
            best = self.s.retriever.retrieve(query, k=1).passages
            if not best:
                continue
            by_signal[signal] = best[0].chunk_id
            if all(p.chunk_id != best[0].chunk_id for p in passages):
                passages.append(best[0])
        if not by_signal:
            return found
        return found.model_copy(update={"passages": passages, "signal_passages": by_signal})

    def draft(self, state: CaseState) -> dict[str, Any]:
        """Empathy writer: first draft, or a revision that fixes the last review's findings."""
        case = CaseInput.model_validate(state["case"])
        previous = Draft.model_validate(state["draft"]) if state.get("draft") else None
        review = Review.model_validate(state["review"]) if state.get("review") else None
        written = state.get("drafts_written", 0)
        with self._span("draft", state) as span:
            draft = self.s.backend.draft(
                case,
                Interpretation.model_validate(state["interpretation"]),
                Retrieval.model_validate(state["retrieval"]),
                version=written + 1,
                previous=previous,
                findings=[*(review.findings if review else []), *instruction_findings(state)],
            )
            span.set_attributes(spans.draft_attributes(draft))
        return {"draft": draft.model_dump(mode="json"), "drafts_written": written + 1}

    def check_policy(self, state: CaseState) -> dict[str, Any]:
        """Policy checker: policy-as-code rules and grounding of every fact."""
        with self._span("check_policy", state) as span:
            review = self.s.backend.review(
                CaseInput.model_validate(state["case"]),
                Interpretation.model_validate(state["interpretation"]),
                Draft.model_validate(state["draft"]),
                Retrieval.model_validate(state["retrieval"]),
            )
            revise = bool(review.blocking) and not _revisions_exhausted(state, self.s.max_revisions)
            span.set_attributes(spans.review_attributes(review, revise=revise))
        spans.record_findings(self.t, review)
        return {"review": review.model_dump(mode="json"), "revise": revise}

    def assess(self, state: CaseState) -> dict[str, Any]:
        """Risk decision: may this reply go out without a human?"""
        with self._span("assess", state) as span:
            decision = self.s.backend.assess(
                CaseInput.model_validate(state["case"]),
                Interpretation.model_validate(state["interpretation"]),
                Draft.model_validate(state["draft"]),
                Review.model_validate(state["review"]),
                Retrieval.model_validate(state["retrieval"]),
                revisions_exhausted=_revisions_exhausted(state, self.s.max_revisions),
            )
            span.set_attributes(spans.risk_attributes(decision))
        return {"risk": decision.model_dump(mode="json")}

    def deliver(self, state: CaseState) -> dict[str, Any]:
        """Send exactly the reviewed (and, if required, approved) draft, once."""
        case = CaseInput.model_validate(state["case"])
        draft = Draft.model_validate(state["draft"])
        _check_binding(state.get("decision"), draft)
        with self._span("deliver", state) as span:
            delivery = self.s.deliverer.deliver(
                case_id=state["case_id"],
                draft_version=draft.version,
                channel=case.channel,
                recipient=_recipient(case),
                text=draft.text,
            )
            span.set_attributes(spans.delivery_attributes(delivery))
        if delivery.newly_written:  # a retried send that found its outbox row counts once
            route = "human" if state.get("decision") else "auto"
            revisions = max(draft.version - 1, 0)
            self.t.metrics.case_finished(outcome="delivered", route=route, revisions=revisions)
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
    if decision.approved_sha256 and decision.approved_sha256 != draft.sha256:
        raise ValueError(
            f"Approval for draft v{decision.draft_version} does not match draft v{draft.version}."
        )


class WorkflowNodes:
    """The gate and close nodes, which run in the workflow, with their telemetry.

    Only deterministic, replay-safe recording happens here (``workflow_events``).
    """

    def __init__(self, telemetry: Telemetry) -> None:
        self.t = telemetry

    def gate(self, state: CaseState) -> dict[str, Any]:
        """The approval gate, recording its verdict, the wait and the human's decision."""
        try:
            update = gate(state)
        except GraphInterrupt:
            events.gate_opened(self.t, state)
            raise
        events.gate_passed(self.t, state, update)
        return update

    def close(self, state: CaseState) -> dict[str, Any]:
        """Close without sending, counting the case's outcome."""
        update = close_without_sending(state)
        events.case_closed(self.t, state)
        return update


def close_without_sending(state: CaseState) -> dict[str, Any]:
    """A rejected case ends here: handled by a human, nothing sent."""
    return {"outcome": "rejected", "delivery": None}


async def after_review(state: CaseState) -> str:
    """Revise while the checker asks for it (it knows the revision budget); else assess."""
    return "draft" if state.get("revise") else "assess"


def make_case_graph(
    services: AgentServices, telemetry: Telemetry | None = None
) -> StateGraph[CaseState, Any, CaseState, CaseState]:
    """Build a fresh, uncompiled case graph bound to ``services`` (and ``telemetry``).

    Without ``telemetry`` the process's installed one is used (off unless configured).
    """
    t = telemetry or current()
    nodes, in_workflow = CaseNodes(services, t), WorkflowNodes(t)
    g: StateGraph[CaseState, Any, CaseState, CaseState] = StateGraph(CaseState)
    model_s = services.agent_timeout_seconds
    g.add_node("interpret", nodes.interpret, metadata=_activity(model_s, "interpret the case"))
    g.add_node("retrieve", nodes.retrieve, metadata=_activity(60, "retrieve policy passages"))
    g.add_node("draft", nodes.draft, metadata=_activity(model_s, "write the reply"))
    g.add_node("check_policy", nodes.check_policy, metadata=_activity(30, "check policy"))
    g.add_node("assess", nodes.assess, metadata=_activity(30, "assess risk"))
    g.add_node("gate", in_workflow.gate, metadata={"execute_in": "workflow"})
    g.add_node("deliver", nodes.deliver, metadata=_activity(30, "deliver the reply"))
    g.add_node("close", in_workflow.close, metadata={"execute_in": "workflow"})
    g.add_edge(START, "interpret")
    g.add_edge("interpret", "retrieve")
    g.add_edge("retrieve", "draft")
    g.add_edge("draft", "check_policy")
    g.add_conditional_edges("check_policy", after_review, ["draft", "assess"])
    g.add_edge("assess", "gate")
    g.add_conditional_edges("gate", after_gate, ["deliver", "close", "draft"])
    g.add_edge("deliver", END)
    g.add_edge("close", END)
    return g
