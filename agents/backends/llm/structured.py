"""Asking a chat model for JSON that validates against a pydantic schema, with bounded retries.

Works with any chat model (no tool calling or JSON mode required, so local models served
by Ollama or vLLM work too): the schema is in the prompt, the answer is parsed and
validated, and a malformed answer is sent back to the model with the validation error,
at most ``attempts`` times in all. Anything else (network, auth, rate limit after the
client's own retries) is a ``ModelFailure`` at once: the caller falls back safely.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from typing import Any, TypeVar

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from opentelemetry import trace
from pydantic import BaseModel, ValidationError

Schema = TypeVar("Schema", bound=BaseModel)

_FENCE = re.compile(r"```(?:json)?\s*(.*?)```", re.DOTALL)
# Enough of a validation error for the model to fix its answer, not a wall of text.
_ERROR_CHARS = 600


class ModelFailure(Exception):
    """The model could not give a usable answer; the case must go to a human."""


@dataclass
class ModelUsage:
    """Tokens and attempts spent on one agent call (for traces and cost reports)."""

    model: str
    attempts: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    errors: list[str] = field(default_factory=list)


def model_name(model: BaseChatModel) -> str:
    """The model's own name when the integration exposes one, else its class name."""
    for attr in ("model_name", "model", "model_id"):
        value = getattr(model, attr, None)
        if isinstance(value, str) and value:
            return value
    return type(model).__name__


@functools.cache
def schema_text(schema: type[BaseModel]) -> str:
    """The JSON schema a model must follow, compact enough for any context window."""
    return json.dumps(schema.model_json_schema(), separators=(",", ":"))


def ask_structured(
    model: BaseChatModel,
    system: str,
    user: str,
    schema: type[Schema],
    *,
    attempts: int,
    operation: str,
    tracer: trace.Tracer | None = None,
) -> Schema:
    """Ask until the answer validates against ``schema``; ``ModelFailure`` otherwise.

    Tokens and attempts go on the ``chat`` span (GenAI conventions), not to the caller.
    """
    usage = ModelUsage(model=model_name(model))
    messages: list[BaseMessage] = [SystemMessage(system), HumanMessage(user)]
    tracer = tracer or trace.get_tracer("cx.agents.llm")
    with tracer.start_as_current_span(f"chat {usage.model}") as span:
        span.set_attribute("gen_ai.operation.name", "chat")
        span.set_attribute("gen_ai.request.model", usage.model)
        span.set_attribute("cx.agent.operation", operation)
        try:
            return _attempt_loop(model, messages, schema, attempts, usage)
        finally:
            span.set_attribute("gen_ai.usage.input_tokens", usage.input_tokens)
            span.set_attribute("gen_ai.usage.output_tokens", usage.output_tokens)
            span.set_attribute("cx.llm.attempts", usage.attempts)


def _attempt_loop(
    model: BaseChatModel,
    messages: list[BaseMessage],
    schema: type[Schema],
    attempts: int,
    usage: ModelUsage,
) -> Schema:
    for _ in range(attempts):
        usage.attempts += 1
        try:
            reply = model.invoke(messages)
        except Exception as exc:  # any provider error: the caller's fallback handles it
            raise ModelFailure(f"model call failed ({type(exc).__name__}: {exc})"[:300]) from exc
        _count_tokens(reply, usage)
        text = _content_text(reply)
        try:
            return schema.model_validate_json(extract_json(text))
        except (ValueError, ValidationError) as exc:
            error = str(exc)[:_ERROR_CHARS]
            usage.errors.append(error)
            messages = [
                *messages,
                AIMessage(text),
                HumanMessage(
                    "Your answer could not be used: "
                    f"{error}\nAnswer again with only the corrected JSON object."
                ),
            ]
    raise ModelFailure(
        f"model gave no valid {schema.__name__} in {attempts} attempt(s); "
        f"last error: {usage.errors[-1].splitlines()[0] if usage.errors else 'none'}"
    )


def extract_json(text: str) -> str:
    """The JSON object in a reply, tolerating code fences and chatter around it."""
    fenced = _FENCE.search(text)
    if fenced:
        text = fenced.group(1)
    start, end = text.find("{"), text.rfind("}")
    if start == -1 or end < start:
        raise ValueError("the answer contains no JSON object")
    return text[start : end + 1]


def _content_text(reply: BaseMessage) -> str:
    content: Any = reply.content
    if isinstance(content, str):
        return content
    # Some providers return content blocks; keep the text ones.
    parts = [b.get("text", "") if isinstance(b, dict) else str(b) for b in content]
    return "".join(parts)


def _count_tokens(reply: BaseMessage, usage: ModelUsage) -> None:
    meta = getattr(reply, "usage_metadata", None)
    if meta:
        usage.input_tokens += int(meta.get("input_tokens", 0))
        usage.output_tokens += int(meta.get("output_tokens", 0))
