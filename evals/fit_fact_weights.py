"""Fit the writer's fact weights (``agents.writing.passages.FACT_WEIGHTS``) from a dev run.

Usage: ``python -m evals.fit_fact_weights RUN_JSON [--folds 5] [--l2 10]``, where RUN_JSON
is the ``run.json`` of ``cx eval run`` on the dev split (it holds each case's labels and the
passages retrieved for it). Every quotable sentence of those passages is an example; it is
positive when it contains one of the case's ``must_state`` facts. A logistic regression
over ``fact_traits`` learns which traits mark a needed fact. The script prints, by k-fold
cross-validation over cases, how many needed facts the reply's sentences would contain
choosing by relevance alone (the writer before the fit), with the current weights and with
refitted ones, then the refitted weights to paste.

Only ever fit on dev: a held-out split used here stops being held out.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from agents.contracts import Channel, Passage
from agents.policy import load_policy
from agents.writing.passages import (
    FACT_WEIGHTS,
    RELEVANCE,
    WORTH_QUOTING_LOGIT,
    _read_ask,
    body,
    fact_traits,
    near_repeat,
    quotable,
    sentences,
)

_PER_CHANNEL = {Channel.EMAIL: 3, Channel.CHAT: 2, Channel.SMS: 1}
NAMES = list(FACT_WEIGHTS)
# Kept at their value in FACT_WEIGHTS, not fitted (see the comment there).
HAND_SET = ("exclusion",)


@dataclass
class Case:
    """One labeled case: its needed facts, how many sentences fit, and its sentences."""

    facts: list[str]
    limit: int
    texts: list[str]
    traits: np.ndarray  # one row per sentence, columns in NAMES order


def load_cases(run_path: Path) -> list[Case]:
    """Cases with needed facts, each with the traits of every quotable retrieved sentence."""
    policy = load_policy()
    banned = [re.compile(r.pattern, re.I) for r in [*policy.forbidden, *policy.tone]]
    run = json.loads(run_path.read_text(encoding="utf-8"))
    cases: list[Case] = []
    for record in run["records"]:
        expect, case = record["eval_case"]["expect"], record["eval_case"]["case"]
        if not expect["must_state"] or not record.get("retrieval"):
            continue
        handling = set((record["retrieval"].get("signal_passages") or {}).values())
        passages = [
            Passage.model_validate(p)
            for p in record["retrieval"]["passages"]
            if p["chunk_id"] not in handling
        ]
        ask = _read_ask(record["interpretation"]["intent"], case["message"])
        texts, rows = [], []
        for rank, passage in enumerate(passages):
            for position, sentence in enumerate(sentences(body(passage))):
                if quotable(sentence, banned):
                    traits = fact_traits(sentence, position, rank, passage, ask)
                    texts.append(sentence)
                    rows.append([traits[name] for name in NAMES])
        if texts:
            limit = _PER_CHANNEL[Channel(case["channel"])]
            cases.append(Case(expect["must_state"], limit, texts, np.array(rows)))
    return cases


def fit(cases: list[Case], l2: float, epochs: int = 400) -> np.ndarray:
    """Logistic-regression weights (in NAMES order, bias included) by gradient descent."""
    x = np.vstack([c.traits for c in cases])
    y = np.array([_needed(c, t) for c in cases for t in c.texts], dtype=float)
    fixed = [NAMES.index(n) for n in HAND_SET]
    offset = x[:, fixed] @ np.array([FACT_WEIGHTS[n] for n in HAND_SET])
    varying = [i for i, n in enumerate(NAMES) if n != "bias" and n not in HAND_SET]
    mean, std = x[:, varying].mean(0), x[:, varying].std(0) + 1e-9
    xn = (x[:, varying] - mean) / std
    w, b = np.zeros(len(varying)), 0.0
    for _ in range(epochs):
        p = 1 / (1 + np.exp(-(xn @ w + b + offset)))
        w -= (xn.T @ (p - y) + l2 * w) / len(y)
        b -= float((p - y).mean())
    weights = np.zeros(len(NAMES))
    weights[varying] = w / std
    weights[fixed] = [FACT_WEIGHTS[n] for n in HAND_SET]
    weights[NAMES.index("bias")] = b - float((mean * w / std).sum())
    return weights


def facts_stated(cases: list[Case], weights: np.ndarray | None) -> float:
    """Share of needed facts in the sentences the writer would pick with these weights.

    As ``agents.writing.passages.select``: the most relevant sentence first, then the
    likeliest needed facts among relevant ones. ``weights=None`` picks every sentence by
    relevance alone, as the writer did before the fit.
    """
    relevance_weights = np.array([RELEVANCE.get(n, 0.0) for n in NAMES])
    hit = total = 0
    for case in cases:
        relevance = case.traits @ relevance_weights
        fact = relevance if weights is None else case.traits @ weights - WORTH_QUOTING_LOGIT
        by_relevance = list(np.argsort(-relevance, kind="stable"))
        chosen: list[str] = []
        if relevance[by_relevance[0]] > 0:
            chosen.append(case.texts[by_relevance[0]])
        for i in np.argsort(-fact, kind="stable"):
            if len(chosen) == case.limit or fact[i] <= 0:
                break
            text = case.texts[i]
            if text in chosen or relevance[i] <= 0:
                continue
            if not any(near_repeat(text, c) for c in chosen):
                chosen.append(text)
        said = " ".join(chosen).lower()
        hit += sum(f.lower() in said for f in case.facts)
        total += len(case.facts)
    return hit / total if total else 0.0


def _needed(case: Case, text: str) -> bool:
    return any(f.lower() in text.lower() for f in case.facts)


def main() -> None:
    """Cross-validate, then print weights fitted on every case of the run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run", type=Path, help="run.json of a dev eval run")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--l2", type=float, default=10.0)
    args = parser.parse_args()
    cases = load_cases(args.run)
    current = np.array([FACT_WEIGHTS[n] for n in NAMES])
    order = list(range(len(cases)))
    random.Random(0).shuffle(order)
    folds = [order[i :: args.folds] for i in range(args.folds)]
    before, now, refit = [], [], []
    for fold in folds:
        held = set(fold)
        train = [cases[i] for i in order if i not in held]
        test = [cases[i] for i in fold]
        before.append(facts_stated(test, None))
        now.append(facts_stated(test, current))
        refit.append(facts_stated(test, fit(train, args.l2)))
    print(f"{len(cases)} cases with needed facts, {args.folds}-fold cross-validation")
    print(
        f"needed facts stated: by relevance alone {np.mean(before):.3f}, current"
        f" {np.mean(now):.3f} (fitted on all of dev), refitted per fold {np.mean(refit):.3f}"
    )
    print("FACT_WEIGHTS = {")
    for name, weight in zip(NAMES, fit(cases, args.l2), strict=True):
        print(f'    "{name}": {weight:.2f},')
    print("}")


if __name__ == "__main__":
    main()
