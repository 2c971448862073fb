"""The LLM backend: every agent over any LangChain chat model, with the local engine as floor."""

from agents.backends.llm.backend import LLMBackend
from agents.backends.llm.model import chat_model_from_settings

__all__ = ["LLMBackend", "chat_model_from_settings"]
