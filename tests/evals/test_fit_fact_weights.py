"""The fact-weight fit learns which sentence traits mark a needed fact, and scores choices."""

from __future__ import annotations

import numpy as np

from evals.fit_fact_weights import NAMES, Case, facts_stated, fit, fitted_scores


def _case(needed_has_digit: bool) -> Case:
    """Two sentences; the needed one carries a figure when ``needed_has_digit``."""
    rows = np.zeros((2, len(NAMES)))
    rows[:, NAMES.index("bias")] = 1.0
    digit = NAMES.index("has_digit")
    rows[0, digit] = 1.0 if needed_has_digit else 0.0
    rows[1, digit] = 0.0 if needed_has_digit else 1.0
    return Case(
        facts=["7 business days"],
        limit=1,
        texts=["We refund within 7 business days.", "Refunds go to your card."],
        traits=rows,
    )


def test_a_trait_that_marks_needed_facts_gets_a_positive_weight() -> None:
    cases = [_case(True) for _ in range(40)]
    weights = fit(cases, l2=1.0)
    assert weights[NAMES.index("has_digit")] > 1.0
    assert facts_stated(cases, fitted_scores(weights)) == 1.0


def test_weights_that_prefer_the_wrong_sentence_state_no_needed_fact() -> None:
    cases = [_case(True) for _ in range(5)]
    wrong = np.zeros(len(NAMES))
    wrong[NAMES.index("has_digit")] = -5.0
    wrong[NAMES.index("bias")] = 5.0
    assert facts_stated(cases, fitted_scores(wrong)) == 0.0
