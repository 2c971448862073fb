"""GenAI semantic-convention attributes on model-backed agent spans (fake chat model)."""

from __future__ import annotations

from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from cx.settings import TelemetrySettings
from cx.telemetry import build_telemetry
from cx.telemetry.agent_spans import agent_span


def _answer(tokens_in: int, tokens_out: int) -> AIMessage:
    return AIMessage(
        content="ok",
        response_metadata={"model_name": "fake-4o"},
        usage_metadata={
            "input_tokens": tokens_in,
            "output_tokens": tokens_out,
            "total_tokens": tokens_in + tokens_out,
        },
    )


def test_llm_node_span_has_model_and_summed_token_usage() -> None:
    exporter = InMemorySpanExporter()
    telemetry = build_telemetry(TelemetrySettings(), spans=exporter)
    answers = [_answer(120, 30), _answer(80, 10), _answer(999, 999)]
    model = GenericFakeChatModel(messages=iter(answers))
    with agent_span(telemetry, "draft", {"case_id": "case-1"}, "llm:fake-4o"):
        model.invoke("first try")
        model.invoke("second try")
    model.invoke("outside the node")  # not counted: the node span has ended
    telemetry.shutdown()
    (span,) = exporter.get_finished_spans()
    assert {k: v for k, v in (span.attributes or {}).items() if k.startswith("gen_ai.")} == {
        "gen_ai.operation.name": "invoke_agent",
        "gen_ai.agent.name": "draft",
        "gen_ai.request.model": "fake-4o",
        "gen_ai.response.model": ("fake-4o",),
        "gen_ai.usage.input_tokens": 200,
        "gen_ai.usage.output_tokens": 40,
    }


def test_local_backend_spans_carry_no_gen_ai_attributes() -> None:
    exporter = InMemorySpanExporter()
    telemetry = build_telemetry(TelemetrySettings(), spans=exporter)
    with agent_span(telemetry, "interpret", {"case_id": "case-1"}, "local"):
        pass
    telemetry.shutdown()
    (span,) = exporter.get_finished_spans()
    assert dict(span.attributes or {}) == {
        "cx.case.id": "case-1",
        "cx.node": "interpret",
        "cx.backend": "local",
    }
