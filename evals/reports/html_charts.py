"""Inline SVG bar charts of metric means, drawn in Python so the report needs no JS library.

Bars run 0..1 (means outside are clamped for drawing; the printed value is exact). A gate
is a dark tick at its threshold; the bar is green when its gate passed, red when it
failed, blue when the metric has no gate. Colour is never the only signal: the value label
carries ✓ or ✗, and ↓ marks metrics where lower is better.
"""

from __future__ import annotations

from dataclasses import dataclass

from evals.reports import analysis as an
from evals.reports.markup import el, esc
from evals.results import GateResult, MetricSummary

CHAR_W = 7.5  # average width of a 13px system-ui character, to size the label column
BAR_W = 320
VALUE_W = 130
ROW_H = 30
TOP = 8
AXIS_H = 24
COLOURS = {"pass": "#1f7a3a", "fail": "#b42318", "none": "#2f5f98"}


@dataclass(frozen=True)
class _Frame:
    """Where the bars start; the label column is as wide as the longest label."""

    left: float

    def x(self, value: float) -> float:
        return self.left + BAR_W * min(max(value, 0.0), 1.0)


def metric_chart(
    chart_id: str, summaries: list[MetricSummary], gates: list[GateResult], label_chars: int = 0
) -> str:
    """One chart for a scorer's metrics, labelled for screen readers.

    ``label_chars`` widens the label column so several charts on a page line their bars up.
    """
    labels = [_label(s.name, gates) for s in summaries]
    longest = max(label_chars, *(len(label) for label in labels))
    frame = _Frame(left=round(16 + CHAR_W * longest))
    height = TOP + ROW_H * len(summaries) + AXIS_H
    width = frame.left + BAR_W + VALUE_W
    rows = [
        _row(frame, TOP + i * ROW_H, s, label, [g for g in gates if g.metric == s.name])
        for i, (s, label) in enumerate(zip(summaries, labels, strict=True))
    ]
    names = ", ".join(f"{s.name} {s.mean:.3f}" for s in summaries)
    return el(
        "svg",
        el("title", esc(f"Metric means: {names}"), id=f"{chart_id}-title"),
        *rows,
        _axis(frame, TOP + ROW_H * len(summaries)),
        viewBox=f"0 0 {width:.0f} {height}",
        width=f"{width:.0f}",
        height=str(height),
        role="img",
        aria_labelledby=f"{chart_id}-title",
        class_="chart",
    )


def label_length(summaries: list[MetricSummary], gates: list[GateResult]) -> int:
    """The longest label among ``summaries``, for ``metric_chart(label_chars=...)``."""
    return max((len(_label(s.name, gates)) for s in summaries), default=0)


def _label(name: str, gates: list[GateResult]) -> str:
    return f"{name} ↓" if an.lower_is_better(name, gates) else name


def _row(frame: _Frame, y: int, summary: MetricSummary, label: str, own: list[GateResult]) -> str:
    state = "none" if not own else ("pass" if all(g.passed for g in own) else "fail")
    mark = {"pass": " ✓", "fail": " ✗", "none": ""}[state]
    parts = [
        _text(frame.left - 10, y + 19, label, anchor="end"),
        _rect(frame.left, y + 6, BAR_W, "#e8eaed"),
        _rect(frame.left, y + 6, frame.x(summary.mean) - frame.left, COLOURS[state]),
        *(_gate_tick(frame, g, y) for g in own),
        _text(frame.left + BAR_W + 10, y + 19, f"{summary.mean:.3f}{mark}  n={summary.cases}"),
    ]
    return el("g", *parts)


def _gate_tick(frame: _Frame, gate: GateResult, y: int) -> str:
    x = f"{frame.x(gate.threshold):.1f}"
    tip = el("title", esc(f"gate {gate.metric} {gate.op} {gate.threshold:g}"))
    return el("line", tip, x1=x, x2=x, y1=str(y + 1), y2=str(y + 27), class_="gate")


def _axis(frame: _Frame, y: int) -> str:
    ticks = [
        el("line", x1=f"{frame.x(v):.1f}", x2=f"{frame.x(v):.1f}", y1=str(y), y2=str(y + 5))
        + _text(frame.x(v), y + 18, f"{v:g}", anchor="middle")
        for v in (0.0, 0.25, 0.5, 0.75, 1.0)
    ]
    base = el("line", x1=f"{frame.left:.1f}", x2=f"{frame.x(1.0):.1f}", y1=str(y), y2=str(y))
    return el("g", base, *ticks, class_="axis")


def _rect(x: float, y: int, width: float, fill: str) -> str:
    return el("rect", x=f"{x:.1f}", y=str(y), width=f"{max(width, 0):.1f}", height="16", fill=fill)


def _text(x: float, y: int, content: str, anchor: str = "start") -> str:
    return el("text", esc(content), x=f"{x:.1f}", y=str(y), text_anchor=anchor)
