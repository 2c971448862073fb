"""What the agents need from the outside world, as small protocols.

The knowledge package implements these over Chroma; unit tests may pass simple
in-memory implementations. Keeping them here (not in ``knowledge``) means the agents
never import a database client.
"""

from __future__ import annotations

from typing import Protocol

from agents.contracts import Channel, Contract, Delivery, ProductLine, Retrieval, RiskEvidence


class IntentScore(Contract):
    """How well a message matches one intent of the taxonomy.

    ``score`` is the cosine similarity (0..1): how close the message is to the intent's
    exemplars at all. ``probability``, when the classifier has a trained model, is how
    likely this intent is *among* the taxonomy's intents; ranking then follows it.
    """

    intent: str
    score: float
    probability: float | None = None
    # The model's probability for the whole message alone, when ``probability`` also blends
    # in its sentences: confidence takes the stronger of the two readings.
    message_probability: float | None = None
    # The business the intent belongs to ("a late flight" is the airline's), None for both.
    product_line: ProductLine | None = None
    # The highest probability the model gives this intent for one sentence that asks for
    # something ("Can you send the other order to my office?"): a second question reads
    # clearly in its own sentence even when the whole message is about something else.
    ask_probability: float | None = None


class IntentClassifier(Protocol):
    """Ranks taxonomy intents for a message, best first."""

    def rank(self, text: str, k: int = 5) -> list[IntentScore]:
        """Return the ``k`` best-matching intents with their scores."""
        ...


class PassageRetriever(Protocol):
    """Finds knowledge-base passages for a query."""

    def retrieve(
        self, query: str, *, k: int = 5, prefer_areas: list[str] | None = None
    ) -> Retrieval:
        """Top-``k`` passages; ``prefer_areas`` boosts (never filters) those policy areas."""
        ...


class Deliverer(Protocol):
    """Sends a reply to the customer exactly once per ``(case_id, draft_version)``."""

    def deliver(
        self, *, case_id: str, draft_version: int, channel: Channel, recipient: str, text: str
    ) -> Delivery:
        """Send (or find the earlier send of) this draft; never sends twice."""
        ...


class RiskDetector(Protocol):
    """Finds high-stakes signals by meaning, beyond what keyword rules catch."""

    def detect(self, text: str) -> list[RiskEvidence]:
        """Signals found in ``text``, each with the sentence that raised it."""
        ...
