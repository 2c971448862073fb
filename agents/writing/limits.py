"""What we cannot do, said plainly, before what we can.

The tone-of-voice guide: "If we cannot do what the customer asks, say so kindly and
clearly ... and offer what we can do instead." A reply that answers "can you speed it
up?" with the late-delivery rule alone leaves the customer wondering whether anyone read
the question. Each limit here is something no policy lets an agent do; the rest of the
reply (tracking, the late-delivery refund) is what we can do instead.
"""

from __future__ import annotations

import re

_LIMITS: tuple[tuple[re.Pattern[str], frozenset[str], str], ...] = (
    (
        re.compile(
            r"\b(?:speed (?:it|this|things|the (?:delivery|parcel|order)) up|expedite"
            r"|hurry (?:it|this|them) (?:up|along)|rush (?:it|the (?:delivery|parcel|order))"
            r"|get (?:it|the (?:parcel|order)) (?:here|to me) (?:faster|sooner|quicker|earlier)"
            r"|deliver(?:ed)? (?:it )?(?:faster|sooner|earlier|quicker))\b",
            re.I,
        ),
        frozenset({"delivery_delay", "lost_parcel", "order_change_or_cancel"}),
        "I'm sorry, but I can't make the courier deliver sooner once a parcel is on its way.",
    ),
)


def cannot_do(message: str, intent: str) -> str:
    """The plain 'I can't' for an ask no policy allows, or "" when there is none."""
    return next(
        (said for asks, intents, said in _LIMITS if intent in intents and asks.search(message)),
        "",
    )
