"""Every shipped dataset passes the validation check: a broken case fails CI, not a metric."""

from __future__ import annotations

from evals.validate import default_datasets, validate_datasets


def test_every_repo_dataset_follows_the_labeling_rules() -> None:
    paths = default_datasets()
    assert {"dev.jsonl", "test.jsonl"} <= {p.name for p in paths}
    result = validate_datasets(paths)
    assert [str(p) for p in result.problems] == []
    assert result.cases >= 400
