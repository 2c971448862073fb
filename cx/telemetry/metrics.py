"""The case metrics: outcomes by route, approval wait, revisions, findings, agent latency.

Instruments come from a meter wrapped by Temporal's ``ReplaySafeMeterProvider``, so the
few recorded from workflow code (a rejected case's outcome, the approval wait) are not
counted again when the workflow replays; activity-side recordings happen once per
successful attempt.
"""

from __future__ import annotations

from dataclasses import dataclass

from opentelemetry.metrics import Counter, Histogram, Meter

from cx.telemetry import attributes as a


@dataclass(frozen=True)
class CaseMetrics:
    """Every instrument cx records, created once per ``Telemetry``."""

    cases: Counter
    approval_wait: Histogram
    revisions: Histogram
    findings: Counter
    agent_duration: Histogram

    @classmethod
    def create(cls, meter: Meter) -> CaseMetrics:
        """The instruments, named by ``cx.telemetry.attributes``."""
        return cls(
            cases=meter.create_counter(
                a.METRIC_CASES, unit="{case}", description="Finished cases by outcome and route."
            ),
            approval_wait=meter.create_histogram(
                a.METRIC_APPROVAL_WAIT,
                unit="s",
                description="Time from the approval request to the settling decision.",
            ),
            revisions=meter.create_histogram(
                a.METRIC_REVISIONS,
                unit="{revision}",
                description="Draft revisions (after the first draft) per finished case.",
            ),
            findings=meter.create_counter(
                a.METRIC_FINDINGS, unit="{finding}", description="Policy findings by rule."
            ),
            agent_duration=meter.create_histogram(
                a.METRIC_AGENT_DURATION, unit="s", description="Latency of each agent node."
            ),
        )

    def case_finished(self, *, outcome: str, route: str, revisions: int) -> None:
        """Count a finished case and its revisions."""
        labels = {a.OUTCOME: outcome, a.RISK_ROUTE: route}
        self.cases.add(1, labels)
        self.revisions.record(revisions, labels)
