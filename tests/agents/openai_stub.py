"""An OpenAI-compatible chat-completions server on loopback, for driving the real client.

It speaks just enough of ``POST /v1/chat/completions`` for ``langchain-openai``: the
test gives it a ``responder`` that turns the request body into the assistant's text (or
an HTTP error), and every request body is kept for assertions about the prompts.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Responder = Callable[[dict[str, Any]], "str | StubError"]


@dataclass(frozen=True)
class StubError:
    """Answer with this HTTP status instead of a completion."""

    status: int
    message: str = "stub error"


@dataclass
class OpenAIStub:
    """The running server: its base URL and the requests it has served."""

    base_url: str
    requests: list[dict[str, Any]] = field(default_factory=list)


@contextmanager
def openai_stub(responder: Responder) -> Iterator[OpenAIStub]:
    """Serve ``responder`` on a free loopback port for the ``with`` block."""
    stub = OpenAIStub(base_url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            stub.requests.append(body)
            answer = responder(body)
            if isinstance(answer, StubError):
                self._send(answer.status, {"error": {"message": answer.message, "type": "x"}})
                return
            prompt_chars = sum(len(str(m.get("content", ""))) for m in body["messages"])
            self._send(200, _completion(body["model"], answer, prompt_chars // 4))

        def _send(self, status: int, payload: dict[str, Any]) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: test output is for test results."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    stub.base_url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield stub
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _completion(model: str, content: str, prompt_tokens: int) -> dict[str, Any]:
    completion_tokens = max(1, len(content) // 4)
    return {
        "id": "chatcmpl-stub",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": "stop",
            }
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }
