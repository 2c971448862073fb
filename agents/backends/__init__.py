"""Reasoning backends: the brain behind the agent contracts.

``local`` is the deterministic, offline engine (the embedded default); an LLM backend
plugs in through a LangChain ``init_chat_model`` string. Both produce the same types.
"""
