"""The LLM backend through the real ``langchain-openai`` client against a loopback server.

Real knowledge base, real policy checker and risk rules, the real case graph (and once,
the real workflow on the session's Temporal server); only the model's answers are
scripted, by an OpenAI-compatible stub that also records every prompt it was sent.
"""

from __future__ import annotations

import dataclasses
import json
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from temporalio.client import Client

from agents.backends.llm import LLMBackend, chat_model_from_settings
from agents.backends.local import LocalBackend
from agents.contracts import CaseInput, CaseStatus, Route
from agents.graph import AgentServices
from agents.policy import load_policy
from cx.settings import ReasoningSettings, Settings
from evals.runner import compile_case_graph, run_in_graph
from tests.agents.openai_stub import OpenAIStub, StubError, openai_stub
from workflows import client as svc
from workflows.services import build_services
from workflows.worker import build_worker

pytestmark = pytest.mark.integration

SAMPLES = Path(__file__).resolve().parents[2] / "cx" / "samples"
CHUNK_ID = re.compile(r"^\[([^\]\s]+#[^\]\s]+)\]", re.M)
REPLY = (
    "Hi Priya, I can see why a tracking page that hasn't moved for days is worrying. "
    "Your kettle has shipped, and standard delivery usually takes 3-5 business days; "
    "the tracking link in your confirmation email will update as it moves. "
    "Prepared with our AI assistant; ask for a person anytime."
)


def scripted_model(body: dict[str, Any]) -> str:
    """A well-behaved model: reads the task from the prompt and answers in the schema."""
    prompt = body["messages"][-1]["content"]
    if prompt.startswith("TASK: interpret"):
        return json.dumps(
            {
                "intent": "delivery_delay",
                "intent_confidence": 0.9,
                "emotion": "anxiety",
                "emotion_intensity": 0.3,
                "urgency": "normal",
                "risks": [],
            }
        )
    cited = [c for c in CHUNK_ID.findall(prompt) if "3-5 business days" in _passage(prompt, c)]
    return "```json\n" + json.dumps({"text": REPLY, "citations": cited[:1]}) + "\n```"


def _passage(prompt: str, chunk_id: str) -> str:
    start = prompt.index(f"[{chunk_id}]")
    end = prompt.find("\n[", start + 1)
    return prompt[start : end if end != -1 else len(prompt)]


def sample(stem: str) -> CaseInput:
    case = json.loads((SAMPLES / f"{stem}.json").read_text())
    case["idempotency_key"] = f"llm-{uuid.uuid4().hex[:8]}"
    return CaseInput.model_validate(case)


def llm_services(
    services: AgentServices, stub: OpenAIStub, tracer_provider: TracerProvider | None = None
) -> AgentServices:
    assert isinstance(services.backend, LocalBackend)
    model = chat_model_from_settings(
        ReasoningSettings(
            backend="openai:stub-model",
            model_options={"base_url": stub.base_url, "api_key": "test", "max_retries": 0},
        )
    )
    tracer = tracer_provider.get_tracer("test") if tracer_provider else None
    backend = LLMBackend(
        model, services.backend, load_policy(), {"delivery_delay": "Where is my order"},
        tracer=tracer,
    )  # fmt: skip
    return dataclasses.replace(services, backend=backend)


@pytest.fixture
def spans() -> Iterator[tuple[TracerProvider, InMemorySpanExporter]]:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    yield provider, exporter
    provider.shutdown()


async def test_a_grounded_model_reply_is_delivered_as_written(
    services: AgentServices, spans: tuple[TracerProvider, InMemorySpanExporter]
) -> None:
    provider, exporter = spans
    with openai_stub(scripted_model) as stub:
        app = compile_case_graph(llm_services(services, stub, provider))
        result = await run_in_graph(app, sample("01-delivery-question"), "llm-case-1")
    assert result.status is CaseStatus.DELIVERED, result.risk.reasons
    assert result.draft.text == REPLY and result.draft.citations
    assert result.interpretation.intent == "delivery_delay"
    assert result.review.passed
    assert [r["model"] for r in stub.requests] == ["stub-model", "stub-model"]
    interpret_prompt = stub.requests[0]["messages"][-1]["content"]
    assert "<customer_message>\nHi, I ordered a kettle" in interpret_prompt
    chats = [s for s in exporter.get_finished_spans() if s.name == "chat stub-model"]
    assert [s.attributes["cx.agent.operation"] for s in chats if s.attributes] == [
        "interpret",
        "draft",
    ]
    tokens = [int(str((s.attributes or {})["gen_ai.usage.input_tokens"])) for s in chats]
    assert min(tokens) > 0


async def test_a_model_outage_routes_the_case_to_a_human_with_the_reason(
    services: AgentServices,
) -> None:
    with openai_stub(lambda body: StubError(503, "overloaded")) as stub:
        app = compile_case_graph(llm_services(services, stub))
        result = await run_in_graph(app, sample("01-delivery-question"), "llm-case-2")
    assert result.risk.route is Route.HUMAN
    assert any("Interpreter model failed" in r for r in result.risk.reasons)
    assert any("Writer model failed" in r for r in result.risk.reasons)
    # The scripted approver decided; nothing reached the customer without that decision.
    assert result.decision is not None
    assert len(stub.requests) == 2


async def test_the_workflow_runs_the_llm_backend_from_a_config_string(
    client: Client, kb_dir: Path
) -> None:
    with openai_stub(scripted_model) as stub:
        settings = Settings(
            data_dir=kb_dir,
            reasoning=ReasoningSettings(
                backend="openai:stub-model",
                model_options={"base_url": stub.base_url, "api_key": "test"},
            ),
        )
        built = build_services(settings)
        assert isinstance(built.backend, LLMBackend)
        queue = f"llm-{uuid.uuid4().hex[:8]}"
        settings.temporal.task_queue = queue
        async with build_worker(client, queue, built):
            submitted = await svc.submit_case(client, sample("01-delivery-question"), settings)
            result = await svc.case_result(client, submitted.case_id)
    assert result.status is CaseStatus.DELIVERED
    assert result.delivery is not None and result.draft.text == REPLY
    assert len(stub.requests) == 2
