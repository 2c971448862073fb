"""Semantic risk detection: each sentence of a message against labeled risk exemplars.

Keyword rules (``agents.risk_signals``) are precise but brittle: "I'll see you in front of
a judge" threatens legal action without the word "lawyer". This index compares every
sentence with single-sentence exemplars per signal (``knowledge/taxonomy/risks.yaml``),
plus hard negatives ("none") that share words with the signals, and raises a signal only
when its exemplars match clearly better than the negatives. The margin over the negatives
does most of the work, so the similarity floor can sit low (0.38): this detector is the
safety net for threats the keyword rules have no word for, and a missed one reaches a
customer unreviewed. Same embedder as retrieval;
exemplar vectors come from the content-hash cache, so they are embedded once.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import yaml
from numpy.typing import NDArray
from pydantic import BaseModel, Field, ValidationError

from agents.contracts import RiskEvidence, RiskSignal
from cx.errors import InputError, first_problem
from knowledge.embedder import Embedder

DEFAULT_RISKS_PATH = Path(__file__).resolve().parent / "taxonomy" / "risks.yaml"
NONE = "none"
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+|<!--|-->")


class RiskExemplars(BaseModel):
    """One signal (or ``none``) with the sentences that exemplify it."""

    id: str
    description: str = ""
    # A search that finds the policy for handling such a case (who takes it over, the
    # customer's rights), added to the case's passages whenever the signal is raised.
    policy_query: str = ""
    exemplars: list[str] = Field(min_length=1)


class RiskTaxonomy(BaseModel):
    """The whole risks file."""

    version: str | int
    signals: list[RiskExemplars] = Field(min_length=2)


def load_risks(path: Path = DEFAULT_RISKS_PATH) -> RiskTaxonomy:
    """Read and validate a risks YAML file."""
    try:
        taxonomy = RiskTaxonomy.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise InputError(f"{path} is not a valid risk taxonomy: {first_problem(exc)}") from exc
    unknown = {s.id for s in taxonomy.signals} - {s.value for s in RiskSignal} - {NONE}
    if unknown:
        raise InputError(f"{path}: unknown risk signal(s) {sorted(unknown)}.")
    return taxonomy


class RiskIndex:
    """``agents.ports.RiskDetector`` by similarity to labeled exemplar sentences."""

    def __init__(
        self, taxonomy: RiskTaxonomy, embedder: Embedder, *, threshold: float = 0.38,
        margin: float = 0.10, top_n: int = 3, short_words: int = 9,
        short_threshold: float = 0.6,
    ) -> None:  # fmt: skip
        self._embedder, self.threshold, self.margin, self._top_n = (
            embedder,
            threshold,
            margin,
            top_n,
        )
        # A short sentence carries little meaning, so its similarity to a threat is mostly
        # noise ("Is there any other way?" scored as a chargeback, "The gate agent told me
        # to contact you." as abuse): under ``short_words`` words it must match strongly.
        # Harm and hardship are exempt: "That was my rent money." is short and real, and on
        # the dev split every short match for them was right.
        self.short_words, self.short_threshold = short_words, short_threshold
        self.short_exempt = {RiskSignal.VULNERABLE_CUSTOMER.value, RiskSignal.SAFETY.value}
        pairs = [(s.id, t) for s in taxonomy.signals for t in s.exemplars]
        self.labels = np.array([label for label, _ in pairs])
        self.vectors = np.asarray([embedder.embed_query(t) for _, t in pairs], dtype=np.float32)

    def detect(self, text: str) -> list[RiskEvidence]:
        """Signals whose exemplars a sentence of ``text`` clearly resembles."""
        found: dict[RiskSignal, RiskEvidence] = {}
        for sentence in sentences(text):
            scores = self.scores(sentence)
            negative = scores.pop(NONE, 0.0)
            short = len(sentence.split()) < self.short_words
            for signal, score in scores.items():
                strict = short and signal not in self.short_exempt
                floor = self.short_threshold if strict else self.threshold
                if score >= floor and score >= negative + self.margin:
                    found.setdefault(
                        RiskSignal(signal),
                        RiskEvidence(signal=RiskSignal(signal), evidence=sentence),
                    )
        return list(found.values())

    def scores(self, sentence: str) -> dict[str, float]:
        """Mean cosine of the ``top_n`` closest exemplars of each label."""
        sims: NDArray[np.float32] = self.vectors @ np.asarray(
            self._embedder.embed_query(sentence), dtype=np.float32
        )
        result = {}
        for label in dict.fromkeys(self.labels.tolist()):
            best = np.sort(sims[self.labels == label])[::-1][: self._top_n]
            result[label] = float(best.mean())
        return result


def sentences(text: str, max_sentences: int = 40) -> list[str]:
    """The message's sentences worth checking (3+ words), capped for very long messages."""
    parts = (p.strip() for p in _SENTENCE.split(text))
    return [p[:400] for p in parts if len(p.split()) >= 3][:max_sentences]
