"""The fact-weight fit learns which sentence traits mark a needed fact, and scores choices."""

from __future__ import annotations

import numpy as np

from evals.fit_fact_weights import NAMES, Case, facts_stated, fit


def _case() -> Case:
    """The case's rule, a sentence with the needed figure, and a relevant but idle one."""
    rows = np.zeros((3, len(NAMES)))
    rows[:, NAMES.index("bias")] = 1.0
    rows[0, NAMES.index("intent_terms")] = 2.0  # the most relevant: quoted first anyway
    rows[1, NAMES.index("has_figure")] = 1.0
    rows[1:, NAMES.index("customer_words")] = 1.0
    return Case(
        facts=["7 business days"],
        limit=2,
        texts=[
            "You may choose a refund or a new flight.",
            "We process it within 7 business days.",
            "Refunds go back to your card.",
        ],
        traits=rows,
    )


def test_a_trait_that_marks_needed_facts_gets_a_positive_weight() -> None:
    cases = [_case() for _ in range(40)]
    weights = fit(cases, l2=1.0)
    assert weights[NAMES.index("has_figure")] > 1.0
    assert facts_stated(cases, weights) == 1.0


def test_weights_that_prefer_the_idle_sentence_state_no_needed_fact() -> None:
    cases = [_case() for _ in range(5)]
    wrong = np.zeros(len(NAMES))
    wrong[NAMES.index("has_figure")] = -10.0
    wrong[NAMES.index("bias")] = 5.0
    assert facts_stated(cases, wrong) == 0.0
