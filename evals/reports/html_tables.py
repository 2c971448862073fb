"""The two matrices of the HTML report: intent confusion and expected-vs-actual routes.

Both are real tables (row and column headers with ``scope``) shaded by count, so they
read as heat-maps and still work with a screen reader. Each count cell names its row and
column in ``data-`` attributes, which is what the tests read.
"""

from __future__ import annotations

from agents.contracts import Route
from evals.reports import analysis as an
from evals.reports.markup import el, esc, shade
from evals.results import RunResult

RIGHT = (31, 122, 58)
WRONG = (180, 35, 24)
OVER = (176, 96, 0)
UNSEEN = (95, 99, 104)


def confusion_table(result: RunResult) -> str:
    """Expected intents as rows, predicted as columns, cells shaded by count."""
    counts = an.confusion(result)
    row_labels, col_labels = an.intent_labels(result)
    peak = max(counts.values(), default=1)
    head = el(
        "tr", el("th", "Expected ↓ / predicted →", scope="col"), *map(_col_header, col_labels)
    )
    rows = []
    for expected in row_labels:
        cells = [
            _count_cell(counts[expected, p], peak, RIGHT if p == expected else WRONG, expected, p)
            for p in col_labels
        ]
        rows.append(el("tr", el("th", esc(expected), scope="row"), *cells))
    caption = el("caption", "Intent confusion: diagonal is correct, off-diagonal is a mistake")
    return el(
        "table",
        caption,
        el("thead", head),
        el("tbody", *rows),
        class_="matrix",
        id="confusion",
    )


def routes_table(result: RunResult) -> str:
    """Expected route as rows, actual as columns; a column for cases the gate never saw."""
    counts = an.route_matrix(result)
    actual: list[Route | None] = [Route.AUTO, Route.HUMAN]
    if any(a is None for _, a in counts):
        actual.append(None)
    peak = max(counts.values(), default=1)
    head = el("tr", el("th", "Expected ↓ / actual →", scope="col"), *map(_route_header, actual))
    rows = [
        el(
            "tr",
            el("th", esc(expected.value), scope="row"),
            *(
                _count_cell(
                    counts[expected, a], peak, _route_hue(expected, a), expected, _route_name(a)
                )
                for a in actual
            ),
        )
        for expected in (Route.AUTO, Route.HUMAN)
    ]
    caption = el("caption", "Routes: human → auto is a missed escalation")
    return el("table", caption, el("thead", head), el("tbody", *rows), class_="matrix", id="routes")


def _col_header(label: str) -> str:
    return el("th", esc(label), scope="col")


def _route_name(route: Route | None) -> str:
    return "not reached" if route is None else route.value


def _route_header(route: Route | None) -> str:
    return el("th", esc(_route_name(route)), scope="col")


def _route_hue(expected: Route, actual: Route | None) -> tuple[int, int, int]:
    if actual is None:
        return UNSEEN
    if actual is expected:
        return RIGHT
    return OVER if expected is Route.AUTO else WRONG


def _count_cell(count: int, peak: int, hue: tuple[int, int, int], row: str, col: str) -> str:
    return el("td", str(count), style=shade(hue, count / peak), data_row=row, data_col=col)
