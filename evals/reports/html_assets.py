"""The report's inline CSS and its one script, kept apart from the markup that uses them.

Nothing here loads anything: the report must open from a CI artifact or an e-mail with
no network, so there are no fonts, CDNs or external files.
"""

from __future__ import annotations

CSS = """
:root { color-scheme: light; --ink: #1b1f24; --muted: #5f6368; --line: #d0d4d9; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif;
  color: var(--ink); background: #f6f7f9; }
header, main { max-width: 1200px; margin: 0 auto; padding: 16px 24px; }
header { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 24px; }
h1 { font-size: 1.5rem; margin: 0; }
h2 { font-size: 1.2rem; margin: 0 0 8px; }
h3 { font-size: 1rem; margin: 16px 0 4px; }
h4 { font-size: .9rem; margin: 10px 0 4px; }
section.card { background: #fff; border: 1px solid var(--line); border-radius: 8px;
  padding: 16px 20px; margin-bottom: 20px; }
.badge { font-weight: 700; padding: 4px 14px; border-radius: 999px; color: #fff;
  letter-spacing: .05em; }
.badge.pass { background: #1f7a3a; } .badge.fail { background: #b42318; }
dl.summary { display: grid; grid-template-columns: repeat(auto-fill, minmax(160px, 1fr));
  gap: 4px 16px; margin: 0; width: 100%; }
dl.summary dt { color: var(--muted); font-size: .8rem; }
dl.summary dd { margin: 0 0 6px; font-weight: 600; }
.doc { color: var(--ink); max-width: 80ch; margin: 0 0 6px; }
.muted { color: var(--muted); }
svg.chart { max-width: 100%; height: auto; font-size: 13px; }
svg.chart text { fill: var(--ink); }
svg.chart line.gate { stroke: #1b1f24; stroke-width: 3; }
svg.chart g.axis line { stroke: #80868b; stroke-width: 1; }
.legend span { display: inline-block; margin-right: 16px; font-size: .85rem; }
.legend i { display: inline-block; width: 12px; height: 12px; margin-right: 4px;
  vertical-align: -1px; }
.pair { display: flex; flex-wrap: wrap; align-items: flex-start; gap: 24px 40px; }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; }
caption { text-align: left; font-weight: 600; padding-bottom: 6px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: #eef0f3; }
table.matrix td { text-align: center; min-width: 3.5em; font-variant-numeric: tabular-nums; }
table.cases { width: 100%; }
table.cases tbody.case > tr:first-child > * { border-top: 2px solid var(--line); }
tr.detail > td { border-top: none; padding: 0 8px 4px; }
details > summary { cursor: pointer; color: #2f5f98; font-size: .85rem; }
.evidence { display: grid; grid-template-columns: repeat(auto-fit, minmax(340px, 1fr));
  gap: 0 24px; }
pre { white-space: pre-wrap; word-break: break-word; background: #f6f7f9; margin: 0;
  padding: 8px; border-radius: 4px; font: 13px/1.45 ui-monospace, Menlo, Consolas, monospace; }
.bad { color: #b42318; font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
table.inner { font-size: .85rem; }
label.filter { display: block; margin: 0 0 8px; }
label.filter input { font: inherit; padding: 4px 8px; width: 22rem; max-width: 100%; }
"""

# Hides every case whose text does not contain the query; a tbody holds one case.
FILTER_JS = """
document.getElementById("case-filter").addEventListener("input", function (event) {
  var query = event.target.value.toLowerCase();
  document.querySelectorAll("#cases tbody.case").forEach(function (body) {
    body.hidden = query !== "" && body.textContent.toLowerCase().indexOf(query) < 0;
  });
});
"""
