"""Suite files: which datasets, which mode and backend, which scorers and gates, which reports.

A suite is YAML so QA can edit it without code::

    name: default
    datasets: [datasets/dev.jsonl]        # relative to the suite file
    mode: graph                           # graph | workflow
    backend: local
    scorers: [tone, accuracy, oversight]   # add judge (with judge: provider:model) for LLM grades
    gates:
      - {metric: oversight.human_routing_recall, min: 1.0}
      - {metric: oversight.unapproved_high_stakes, max: 0.0}
    reports: [terminal, json, junit, html]

Everything is checked before any case runs: an unknown scorer, backend, report format or
metric in a gate is an error that names the allowed values.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from cx.errors import InputError

REPORT_FORMATS = ("terminal", "json", "junit", "html")


class Gate(BaseModel):
    """A threshold on a metric's mean: ``min`` (at least) or ``max`` (at most)."""

    model_config = ConfigDict(extra="forbid")

    metric: str
    min: float | None = None
    max: float | None = None

    @model_validator(mode="after")
    def _one_bound(self) -> Gate:
        if (self.min is None) == (self.max is None):
            raise ValueError(f"gate on {self.metric} needs exactly one of min or max")
        return self


class Suite(BaseModel):
    """A parsed, validated suite file."""

    model_config = ConfigDict(extra="forbid")

    name: str
    datasets: list[Path]
    mode: Literal["graph", "workflow"] = "graph"
    backend: str = "local"
    # LLM-as-judge model for the ``judge`` scorer (a LangChain model string), and its options.
    judge: str | None = None
    judge_options: dict[str, Any] = Field(default_factory=lambda: {"temperature": 0})
    scorers: list[str] = Field(default_factory=lambda: ["tone", "accuracy", "oversight"])
    gates: list[Gate] = Field(default_factory=list)
    reports: list[str] = Field(default_factory=lambda: list(REPORT_FORMATS))


def load_suite(path: Path, known_scorers: dict[str, list[str]]) -> Suite:
    """Parse and check a suite; ``known_scorers`` maps scorer name to its metric names."""
    if not path.is_file():
        raise InputError(f"Suite file {path} does not exist.")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        suite = Suite.model_validate(raw)
    except (yaml.YAMLError, ValidationError) as exc:
        raise InputError(f"{path}: invalid suite: {exc}") from exc
    _check(suite, known_scorers)
    resolved = [d if d.is_absolute() else (path.parent / d).resolve() for d in suite.datasets]
    return suite.model_copy(update={"datasets": resolved})


def _check(suite: Suite, known_scorers: dict[str, list[str]]) -> None:
    unknown = [s for s in suite.scorers if s not in known_scorers]
    if unknown:
        raise InputError(f"Unknown scorer(s) {unknown}; available: {sorted(known_scorers)}.")
    if suite.backend != "local" and ":" not in suite.backend:
        raise InputError(
            f"Unknown backend '{suite.backend}'; use 'local' or a LangChain model string "
            "such as 'openai:gpt-4o-mini'."
        )
    if "judge" in suite.scorers and (suite.judge is None or ":" not in suite.judge):
        raise InputError(
            "The judge scorer needs a judge model: add `judge: provider:model` to the suite, "
            "for example `judge: openai:gpt-4o-mini`."
        )
    bad_reports = [r for r in suite.reports if r not in REPORT_FORMATS]
    if bad_reports:
        raise InputError(f"Unknown report format(s) {bad_reports}; use {list(REPORT_FORMATS)}.")
    metrics = {m for s in suite.scorers for m in known_scorers[s]}
    for gate in suite.gates:
        if gate.metric not in metrics:
            raise InputError(f"Gate on unknown metric '{gate.metric}'; known: {sorted(metrics)}.")
