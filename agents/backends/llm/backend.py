"""``LLMBackend``: the four agent judgements from any LangChain chat model.

The deterministic local engine is the floor under the model, never replaced by it:

- **interpret**: the model judges intent, feeling, urgency and risk by meaning; regex
  entities, amounts and every risk signal the local detectors raise are kept (a model
  talked out of seeing an injection cannot drop the rule that caught it).
- **draft**: the model writes; citations it invents are dropped and noted.
- **review**: the policy-as-code checker only, identical in both backends.
- **assess**: the local risk rules; any backend note (model failed, fell back, cited an
  unknown passage) also sends the case to a human.

When the model fails (provider error, or no valid answer in ``attempts`` tries) the
local engine's work is used and the case is routed to a human, with the reason.
"""

from __future__ import annotations

from typing import TypeVar

from langchain_core.language_models import BaseChatModel
from opentelemetry import trace

from agents.backends.base import LLM_PREFIX
from agents.backends.llm import context as ctx
from agents.backends.llm.prompts import Prompts, render
from agents.backends.llm.schemas import DraftAnswer, InterpretAnswer
from agents.backends.llm.structured import (
    ModelFailure,
    ask_structured,
    model_name,
    schema_text,
)
from agents.backends.local import LocalBackend
from agents.contracts import (
    CaseInput,
    Draft,
    Finding,
    Interpretation,
    Passage,
    Retrieval,
    Review,
    RiskDecision,
    RiskEvidence,
    Route,
    Urgency,
)
from agents.policy import Policy

Answer = TypeVar("Answer", InterpretAnswer, DraftAnswer)
Noted = TypeVar("Noted", Interpretation, Draft)
_URGENCY_ORDER = [Urgency.LOW, Urgency.NORMAL, Urgency.HIGH, Urgency.CRITICAL]
UNKNOWN_INTENT = "unknown"


class LLMBackend:
    """Implements ``ReasoningBackend`` over a chat model, with ``floor`` as safety net."""

    def __init__(
        self,
        model: BaseChatModel,
        floor: LocalBackend,
        policy: Policy,
        intents: dict[str, str],
        *,
        prompts: Prompts | None = None,
        attempts: int = 3,
        company: str = "our company",
        tracer: trace.Tracer | None = None,
    ) -> None:
        self.model = model
        self._floor = floor
        self._policy = policy
        self._intents = intents
        self._prompts = prompts or Prompts.load()
        self._attempts = attempts
        # Fixed for the backend's life: rendered once (a bad placeholder fails here, not
        # mid-case).
        self._system = render(self._prompts.system, company=company)
        self._intent_lines = "\n".join(f"- {k}: {v}" for k, v in intents.items())
        self._tracer = tracer
        self.name = f"{LLM_PREFIX}{model_name(model)}"

    # ------------------------------------------------------------------ interpret

    def interpret(self, case: CaseInput) -> Interpretation:
        """The model's reading, merged onto the local interpreter's (see module doc)."""
        local = self._floor.interpret(case)
        prompt = render(
            self._prompts.interpret,
            intents=self._intent_lines,
            channel=case.channel.value,
            tier=case.customer.tier.value,
            history=ctx.history_text(case),
            context=ctx.context_text(case),
            subject=ctx.fenced(case.subject, 500),
            message=ctx.fenced(case.message),
            schema=schema_text(InterpretAnswer),
        )
        try:
            answer = self._ask(prompt, InterpretAnswer, "interpret")
        except ModelFailure as exc:
            return _noted(local, f"Interpreter model failed, local reading used: {exc}")
        return merge_interpretation(local, answer, set(self._intents))

    # ---------------------------------------------------------------------- draft

    def draft(
        self,
        case: CaseInput,
        interpretation: Interpretation,
        retrieval: Retrieval,
        *,
        version: int,
        previous: Draft | None,
        findings: list[Finding],
    ) -> Draft:
        """A model-written reply (or revision); the local writer's if the model fails."""
        passages = retrieval.passages if retrieval.relevant else []
        revising = previous is not None and bool(findings)
        prompt = (
            self._revise_prompt(case, previous, findings, passages)
            if revising and previous is not None
            else self._draft_prompt(case, interpretation, passages)
        )
        try:
            answer = self._ask(prompt, DraftAnswer, "revise" if revising else "draft")
        except ModelFailure as exc:
            fallback = self._floor.draft(
                case,
                interpretation,
                retrieval,
                version=version,
                previous=previous,
                findings=findings,
            )
            return _noted(fallback, f"Writer model failed, local draft used: {exc}")
        return self._to_draft(answer, version, passages, findings if revising else [])

    def _draft_prompt(
        self, case: CaseInput, interpretation: Interpretation, passages: list[Passage]
    ) -> str:
        p, tier = self._policy, case.customer.tier
        currency = case.context.currency if case.context else "USD"
        return render(
            self._prompts.draft,
            first_name=case.customer.name.split()[0],
            customer_name=case.customer.name,
            voucher_cap=p.voucher_cap(tier),
            refund_cap=p.caps.refund,
            currency=currency,
            tier=tier.value,
            channel=case.channel.value,
            length_rule=ctx.length_rule(case.channel, p),
            disclosure=ctx.disclosure_text(case.channel, p),
            forbidden="; ".join(r.pattern for r in [*p.forbidden, *p.tone]),
            intent=interpretation.intent,
            emotion=interpretation.emotion.value,
            urgency=interpretation.urgency.value,
            history=ctx.history_text(case),
            context=ctx.context_text(case),
            passages=ctx.passages_text(passages),
            subject=ctx.fenced(case.subject, 500),
            message=ctx.fenced(case.message, 4000),
            schema=schema_text(DraftAnswer),
        )

    def _revise_prompt(
        self,
        case: CaseInput,
        previous: Draft,
        findings: list[Finding],
        passages: list[Passage],
    ) -> str:
        return render(
            self._prompts.revise,
            findings=ctx.findings_text(findings),
            previous=ctx.fenced(previous.text, 9000),
            passages=ctx.passages_text(passages),
            disclosure=ctx.disclosure_text(case.channel, self._policy),
            channel=case.channel.value,
            length_rule=ctx.length_rule(case.channel, self._policy),
            schema=schema_text(DraftAnswer),
        )

    def _to_draft(
        self,
        answer: DraftAnswer,
        version: int,
        passages: list[Passage],
        fixed: list[Finding],
    ) -> Draft:
        known = {p.chunk_id for p in passages}
        citations = [c for c in dict.fromkeys(answer.citations) if c in known]
        invented = [c for c in answer.citations if c not in known]
        notes = [f"Writer model cited passages it was not shown: {', '.join(invented)}"]
        text = answer.text.strip()
        return Draft(
            version=version,
            text=text,
            citations=citations,
            offers=[o for o in answer.offers if o.kind != "none"],
            discloses_ai=self._policy.disclosure.found_in(text),
            revision_notes=[f"Revised for {f.rule_id}" for f in fixed],
            backend_notes=notes if invented else [],
        )

    # ------------------------------------------------------------ review, assess

    def review(
        self, case: CaseInput, interpretation: Interpretation, draft: Draft, retrieval: Retrieval
    ) -> Review:
        """The deterministic policy checker: the same rules bind every backend."""
        return self._floor.review(case, interpretation, draft, retrieval)

    def assess(
        self,
        case: CaseInput,
        interpretation: Interpretation,
        draft: Draft,
        review: Review,
        retrieval: Retrieval,
        *,
        revisions_exhausted: bool,
    ) -> RiskDecision:
        """The local risk rules, plus: a degraded judgement always goes to a human."""
        decision = self._floor.assess(
            case,
            interpretation,
            draft,
            review,
            retrieval,
            revisions_exhausted=revisions_exhausted,
        )
        notes = [*interpretation.backend_notes, *draft.backend_notes]
        if not notes:
            return decision
        return decision.model_copy(
            update={"route": Route.HUMAN, "reasons": [*decision.reasons, *notes]}
        )

    def _ask(self, prompt: str, schema: type[Answer], operation: str) -> Answer:
        return ask_structured(
            self.model,
            self._system,
            prompt,
            schema,
            attempts=self._attempts,
            operation=operation,
            tracer=self._tracer,
        )


def merge_interpretation(
    local: Interpretation, answer: InterpretAnswer, intents: set[str]
) -> Interpretation:
    """The model's judgement where it is better, the local rules' where they are exact.

    Intent must be one the taxonomy knows (else the local one stands, with a note);
    urgency is the higher of the two; risk signals are the union.
    """
    notes: list[str] = []
    intent, confidence = answer.intent, answer.intent_confidence
    if intent not in intents and intent != UNKNOWN_INTENT:
        notes.append(f"Interpreter model named an intent outside the taxonomy: {intent!r}")
        intent, confidence = local.intent, local.intent_confidence
    seen = local.risk_signals
    extra = [
        RiskEvidence(signal=r.signal, evidence=ctx.fenced(r.evidence, 200))
        for r in answer.risks
        if r.signal not in seen
    ]
    urgency = max(local.urgency, answer.urgency, key=_URGENCY_ORDER.index)
    return local.model_copy(
        update={
            "intent": intent,
            "intent_confidence": confidence,
            "secondary_intents": [
                i for i in _unique(answer.secondary_intents) if i in intents and i != intent
            ],
            "emotion": answer.emotion,
            "emotion_intensity": answer.emotion_intensity,
            "urgency": urgency,
            "urgency_reasons": _unique([*local.urgency_reasons, *answer.urgency_reasons]),
            "risks": [*local.risks, *extra],
            "backend_notes": [*local.backend_notes, *notes],
            # The local reading of an off-topic or unclear message stands only if the
            # model also found no specific intent in it.
            "out_of_scope": local.out_of_scope if intent == local.intent else None,
            # The local second ask is no second ask once the model makes it the main one.
            "second_ask": None if local.second_ask == intent else local.second_ask,
        }
    )


def _noted(item: Noted, note: str) -> Noted:
    return item.model_copy(update={"backend_notes": [*item.backend_notes, note]})


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
