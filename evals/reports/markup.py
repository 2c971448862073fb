"""The two helpers every HTML part is built with, so escaping happens in one obvious place.

Rule: ``el`` escapes attribute values; its children are markup already, so any text that
came from a run (customer messages, drafts, reasons) goes through ``esc`` first. Customer
text can hold ``<script>``; the tests check it arrives escaped.
"""

from __future__ import annotations

import html


def esc(value: object) -> str:
    """Text made safe to place in HTML content or attributes."""
    return html.escape(str(value), quote=True)


def el(tag: str, *children: str, **attrs: str | None) -> str:
    """An element; ``class_`` becomes ``class`` and ``aria_label`` becomes ``aria-label``.

    Attributes whose value is None are left out, so optional ones need no branching.
    """
    rendered = "".join(
        f' {name.rstrip("_").replace("_", "-")}="{esc(value)}"'
        for name, value in attrs.items()
        if value is not None
    )
    return f"<{tag}{rendered}>{''.join(children)}</{tag}>"


def shade(rgb: tuple[int, int, int], share: float) -> str:
    """An inline style filling a cell with ``rgb`` by ``share`` (0..1), text kept readable.

    Dark fills get white text: past ~55% opacity, dark text on these hues drops below
    WCAG AA contrast.
    """
    if share <= 0:
        return "color:#5f6368"
    alpha = 0.12 + 0.88 * min(share, 1.0)
    ink = "#ffffff" if alpha > 0.55 else "#1b1f24"
    red, green, blue = rgb
    return f"background:rgba({red},{green},{blue},{alpha:.2f});color:{ink}"
