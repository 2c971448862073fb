"""Token usage of the chat models an agent node calls, for GenAI semantic conventions.

LangChain reports each model answer's ``usage_metadata`` to callback handlers. One
context variable, registered once as an inheritable configure hook, lets a node collect
every call made inside it without the backend knowing about telemetry. (LangChain's own
``get_usage_metadata_callback`` registers a new hook per use, which would grow without
bound over a worker's life.)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from langchain_core.callbacks import UsageMetadataCallbackHandler
from langchain_core.tracers.context import register_configure_hook
from opentelemetry.trace import Span

from agents.backends.base import LLM_PREFIX
from cx.telemetry import attributes as a

_usage: ContextVar[UsageMetadataCallbackHandler | None] = ContextVar("cx_genai_usage", default=None)
register_configure_hook(_usage, inheritable=True)


@contextmanager
def model_usage(span: Span, node: str, backend: str) -> Iterator[None]:
    """Annotate ``span`` with the GenAI attributes of the model calls made in the block."""
    handler = UsageMetadataCallbackHandler()
    token = _usage.set(handler)
    try:
        yield
    finally:
        _usage.reset(token)
        span.set_attributes(
            {
                a.GEN_AI_OPERATION: "invoke_agent",
                a.GEN_AI_AGENT_NAME: node,
                a.GEN_AI_REQUEST_MODEL: backend.removeprefix(LLM_PREFIX),
            }
        )
        usage = handler.usage_metadata
        if usage:
            span.set_attributes(
                {
                    a.GEN_AI_RESPONSE_MODEL: sorted(usage),
                    a.GEN_AI_INPUT_TOKENS: sum(u.get("input_tokens", 0) for u in usage.values()),
                    a.GEN_AI_OUTPUT_TOKENS: sum(u.get("output_tokens", 0) for u in usage.values()),
                }
            )
