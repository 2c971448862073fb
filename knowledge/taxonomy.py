"""Intent taxonomy and the exemplar index that ranks intents for a customer message.

Intents are defined by labeled example messages (``knowledge/taxonomy/intents.yaml`` or
a user's own file). A message scores against an intent by the mean cosine of its
``top_n`` most similar exemplars: more robust than the single best match (one odd
exemplar cannot win alone) and than the mean of all (intents have many phrasings).
Exemplar vectors live in the ``<collection>_intents`` Chroma collection, embedded once.
A softmax regression fit on the same exemplars (``knowledge.intent_model``) then ranks
the intents: it separates intents that share words better than similarity alone, while
the cosine score still tells the interpreter whether the message resembles any intent.
The fitted model is cached on disk by a hash of its inputs (``knowledge.intent_model_cache``).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import numpy as np
import yaml
from numpy.typing import NDArray
from pydantic import BaseModel, Field, ValidationError

from agents.contracts import OutOfScope, ProductLine
from agents.ports import IntentScore
from cx.errors import InputError, first_problem
from knowledge.embedder import Embedder
from knowledge.intent_model_cache import fitted_intent_model
from knowledge.lexical import LexicalFeatures
from knowledge.store import KnowledgeStore


class Intent(BaseModel):
    """One intent with the messages that exemplify it."""

    id: str
    description: str = ""
    policy_areas: list[str] = Field(default_factory=list)
    # The business the intent belongs to; None when either business may have it.
    product_line: ProductLine | None = None
    # A search that finds the rules this intent always needs (the goodwill tier caps for a
    # compensation ask), run beside the message's own search.
    policy_query: str = ""
    exemplars: list[str] = Field(min_length=1)


class Taxonomy(BaseModel):
    """The whole taxonomy file.

    ``out_of_scope`` holds messages that no policy answers (off-topic, unclear). They are
    learned as classes of their own, so "general_question" keeps meaning a real how-to
    question; the interpreter reports them as general_question and the gate sends them to
    a person.
    """

    version: str | int
    intents: list[Intent] = Field(min_length=1)
    out_of_scope: dict[OutOfScope, list[str]] = Field(default_factory=dict)

    def classes(self) -> list[tuple[str, list[str]]]:
        """Every label the classifier learns, with its exemplars: intents, then out-of-scope."""
        return [(i.id, i.exemplars) for i in self.intents] + [
            (label, texts) for label, texts in self.out_of_scope.items() if texts
        ]

    def areas(self, intent_id: str) -> list[str]:
        """Policy areas of an intent (empty for unknown ids)."""
        return next((i.policy_areas for i in self.intents if i.id == intent_id), [])


def load_taxonomy(path: Path) -> Taxonomy:
    """Read and validate a taxonomy YAML file; problems are an ``InputError`` naming the field."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return Taxonomy.model_validate(data)
    except OSError as exc:
        raise InputError(f"Cannot read taxonomy {path}: {exc.strerror}") from exc
    except (yaml.YAMLError, ValidationError) as exc:
        raise InputError(f"{path} is not a valid intent taxonomy: {first_problem(exc)}") from exc


# How much the whole message counts against its sentences' average, and how many sentences
# of a long message are read on their own.
WHOLE_WEIGHT = 0.6
MAX_SENTENCES = 20
# A sentence that asks for something: a question, or a request ("please", "can you").
_ASKS = re.compile(
    r"\?|\b(?:can you|could you|would you|please|pls|i want|i'?d like|i would like|i need"
    r"|how do i|how can i|what (?:do|should|can) i|is it possible|let me know|tell me)\b",
    re.I,
)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n+")


class IntentIndex:
    """``agents.ports.IntentClassifier`` by semantic similarity to labeled exemplars."""

    def __init__(
        self,
        taxonomy: Taxonomy,
        store: KnowledgeStore,
        embedder: Embedder,
        top_n: int = 3,
        cache_dir: Path | None = None,
    ):
        self.taxonomy, self._embedder, self._top_n = taxonomy, embedder, top_n
        self._product_lines = {i.id: i.product_line for i in taxonomy.intents}
        self.labels, self.vectors, texts = _sync_exemplars(taxonomy, store, embedder)
        self._lexical = LexicalFeatures(texts)
        features = np.hstack([self.vectors, self._lexical.transform(texts)])
        # Fitting takes seconds; the fitted model is cached by a hash of what decides it.
        exemplars = list(zip(self.labels.tolist(), texts, strict=True))
        self._model = fitted_intent_model(
            embedder,
            exemplars,
            features,
            self.labels.tolist(),
            cache_dir,
            extra_key=self._lexical.config,
        )

    def rank(self, text: str, k: int = 5) -> list[IntentScore]:
        """The ``k`` most probable intents for ``text``, with cosine score and probability."""
        query = np.asarray(self._embedder.embed_query(text), dtype=np.float32)
        by_cosine = self._rank_vector(query, np.ones(len(self.labels), dtype=bool))
        whole, blended, asks = self._probabilities(text, query)
        scored = [
            s.model_copy(
                update={
                    "probability": blended.get(s.intent, 0.0),
                    "message_probability": whole.get(s.intent, 0.0),
                    "product_line": self._product_lines.get(s.intent),
                    "ask_probability": asks.get(s.intent),
                }
            )
            for s in by_cosine
        ]
        return sorted(scored, key=lambda s: -(s.probability or 0.0))[:k]

    def _probabilities(
        self, text: str, query: NDArray[np.float32]
    ) -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
        """The model's readings: whole message, blended with its sentences', and asks.

        The third is each intent's best reading in a sentence that asks for something
        (``agents.interpreter.second_ask``).

        In a long message the ask is one sentence among greetings and backstory; reading
        each sentence as well lets that sentence count. Averaging flattens the
        distribution, so the blend ranks the intents while confidence may keep the whole
        message's reading (``agents.interpreter.calibrate``). On dev: accuracy of the
        model's pick 0.876 -> 0.887, with no more cases left unsure.
        """
        whole = self._model.probabilities(np.hstack([query, self._lexical.transform([text])[0]]))
        parts = [p.strip() for p in _SENTENCE_BREAK.split(text) if len(p.strip()) > 12]
        if len(parts) < 2:
            return whole, whole, {}
        parts = parts[:MAX_SENTENCES]
        vectors = np.asarray([self._embedder.embed_query(p) for p in parts], dtype=np.float32)
        rows = np.hstack([vectors, self._lexical.transform(parts)])
        each = [self._model.probabilities(row) for row in rows]
        asked = [e for part, e in zip(parts, each, strict=True) if _ASKS.search(part)]
        asks = {label: max(e[label] for e in asked) for label in whole} if asked else {}
        return (
            whole,
            {
                label: WHOLE_WEIGHT * p
                + (1 - WHOLE_WEIGHT) * float(np.mean([e[label] for e in each]))
                for label, p in whole.items()
            },
            asks,
        )

    def _rank_vector(
        self, query: NDArray[np.float32], keep: NDArray[np.bool_]
    ) -> list[IntentScore]:
        sims = self.vectors @ query
        scores = []
        for label, _ in self.taxonomy.classes():
            mine = np.sort(sims[(self.labels == label) & keep])[::-1][: self._top_n]
            if mine.size:
                scores.append(IntentScore(intent=label, score=float(np.clip(mine.mean(), 0, 1))))
        return sorted(scores, key=lambda s: -s.score)

    def leave_one_out_accuracy(self) -> float:
        """Share of exemplars whose own intent ranks first when that exemplar is held out."""
        correct = 0
        for i, label in enumerate(self.labels):
            keep = np.ones(len(self.labels), dtype=bool)
            keep[i] = False
            correct += self._rank_vector(self.vectors[i], keep)[0].intent == label
        return correct / max(len(self.labels), 1)


def _exemplar_id(intent: str, text: str) -> str:
    return f"{intent}#{hashlib.sha256(text.encode('utf-8')).hexdigest()[:16]}"


def _sync_exemplars(
    taxonomy: Taxonomy, store: KnowledgeStore, embedder: Embedder
) -> tuple[NDArray[np.str_], NDArray[np.float32], list[str]]:
    """Embed only exemplars the collection lacks, drop stale ones; labels, vectors, texts."""
    wanted = {
        _exemplar_id(label, t): (label, t) for label, texts in taxonomy.classes() for t in texts
    }
    stored = set(store.intents.get(include=[])["ids"])
    stale = sorted(stored - set(wanted))
    if stale:
        store.intents.delete(ids=stale)
    new = [eid for eid in wanted if eid not in stored]
    if new:
        # Exemplars are messages, like the queries they are compared with: embed them as queries.
        vectors = [embedder.embed_query(wanted[eid][1]) for eid in new]
        metas = [{"intent": wanted[eid][0]} for eid in new]
        docs = [wanted[eid][1] for eid in new]
        store.intents.add(ids=new, embeddings=vectors, metadatas=metas, documents=docs)  # type: ignore[arg-type]
    # Chroma does not promise to return ids in the order asked, so vectors are matched to the
    # taxonomy's order by id: labels and texts come from the taxonomy itself, and the model
    # cache key (which hashes them in order) stays the same from run to run.
    got = store.intents.get(ids=list(wanted), include=["embeddings"])
    embeddings = got["embeddings"] if got["embeddings"] is not None else []
    by_id = dict(zip(got["ids"], embeddings, strict=True))
    matrix = np.asarray([by_id[eid] for eid in wanted], dtype=np.float32)
    labels = np.array([label for label, _ in wanted.values()])
    return labels, matrix, [text for _, text in wanted.values()]
