"""Building the chat model named by ``reasoning.backend`` with LangChain's ``init_chat_model``.

Any provider LangChain knows works once its integration package is installed
(``langchain-openai`` is; ``pip install langchain-ollama`` for ``ollama:llama3.1``, and so
on). Every way this can go wrong at start-up becomes a ``ConfigError`` that says what to
do, so a worker never starts half-configured.
"""

from __future__ import annotations

from langchain.chat_models import init_chat_model
from langchain_core.language_models import BaseChatModel

from cx.errors import ConfigError
from cx.settings import ReasoningSettings


def chat_model_from_settings(reasoning: ReasoningSettings) -> BaseChatModel:
    """The configured chat model; ``ConfigError`` with a fix-it hint when it cannot be made."""
    spec = reasoning.backend
    provider = spec.split(":", 1)[0]
    try:
        model = init_chat_model(spec, **reasoning.model_options)
    except ImportError as exc:
        raise ConfigError(
            f"reasoning.backend '{spec}' needs the LangChain integration for '{provider}': "
            f"pip install langchain-{provider.replace('_', '-')} ({exc})"
        ) from exc
    except Exception as exc:  # providers raise their own types (missing key, bad option)
        raise ConfigError(
            f"reasoning.backend '{spec}' could not be started: {str(exc).rstrip('.')}. Check "
            "the provider's API key variable (e.g. OPENAI_API_KEY) and reasoning.model_options."
        ) from exc
    if not isinstance(model, BaseChatModel):
        raise ConfigError(f"reasoning.backend '{spec}' did not give a chat model.")
    return model
