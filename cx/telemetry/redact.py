"""Keeping customer PII out of spans and logs.

The first line of defence is what cx records at all: attributes are ids, enums, numbers
and hashes (``cx.telemetry.attributes``), never names, addresses or message text. This
module is the second line, for text cx does not choose:

- exception messages and stack traces (a pydantic error or a provider's error quotes
  its input, a name included, which no pattern can recognise) are dropped from span
  events and status descriptions: the exception's type stays;
- any other string attribute and every log message pass ``scrub``, which masks what
  looks like an email, phone, card, booking or order number, and, while an agent node
  works on a case (``case_pii``), that case's own customer values: name (and each part
  of it), email, phone, customer id, booking reference, subject and message.

Exporters (``redacting_exporter``) and log handlers (``logs``) apply this unless
``record_pii`` is set for debugging.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

# One pass, one alternation; at a position the first alternative wins, so cards come
# before phones (both are digit runs). Word boundaries keep hex digests and ids intact.
PII = re.compile(
    "|".join(
        [
            r"(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)",
            r"(?P<card>(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w-]))",
            # Starts at a token's start, never at an ISO date ("2025-06-01 2026.03").
            r"(?P<phone>(?<![\w+.-])(?!\d{4}-\d\d-\d\d)\+?\(?\d[\d ().-]{6,17}\d(?!\w))",
            r"(?P<order>\b[A-Z]{2,4}-\d{4,10}\b)",
            # Airline-style booking references: six capitals/digits, at least one digit.
            r"(?P<booking>\b(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{6}\b)",
        ]
    )
)
MAX_TEXT = 300


# The current case's own customer values, as one alternation (None outside a case).
_case_values: ContextVar[re.Pattern[str] | None] = ContextVar("cx_case_pii", default=None)


def customer_values(case: Mapping[str, Any]) -> list[str]:
    """The customer data of a JSON case (``CaseInput``), the name's parts included."""
    customer = case.get("customer") or {}
    context = case.get("context") or {}
    name = str(customer.get("name") or "")
    found = [
        name,
        *(part for part in name.split() if len(part) >= 3),
        *(str(customer.get(k) or "") for k in ("email", "phone", "customer_id")),
        *(str(context.get(k) or "") for k in ("reference", "description")),
        *(str(case.get(k) or "") for k in ("subject", "message")),
    ]
    return [v for v in found if len(v) >= 3]


@contextmanager
def case_pii(case: Mapping[str, Any] | None) -> Iterator[None]:
    """While the block runs (same thread or context), ``scrub`` also masks ``case``'s PII."""
    token = _case_values.set(_alternation(tuple(customer_values(case or {}))))
    try:
        yield
    finally:
        _case_values.reset(token)


@functools.lru_cache(maxsize=256)
def _alternation(values: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for all ``values``, longest first (cached: a case has several nodes)."""
    ordered = sorted(set(values), key=len, reverse=True)
    return re.compile("|".join(rf"\b{re.escape(v)}\b" for v in ordered)) if ordered else None


def fingerprint(value: str) -> str:
    """A short, stable SHA-256 of ``value``: joins records about one person, names none."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()[:16]


def scrub(text: str, limit: int | None = MAX_TEXT) -> str:
    """``text`` with anything that looks like contact, card or booking data masked."""
    known = _case_values.get()
    if known is not None:
        text = known.sub("[pii]", text)
    text = PII.sub(label, text)
    return text if limit is None or len(text) <= limit else text[:limit] + "…"


_MIN_PHONE_DIGITS = 9


def label(match: re.Match[str]) -> str:
    """The mask for one ``PII`` match (or the text itself when it is no phone number)."""
    kind, text = match.lastgroup, match.group(0)
    # Dates and versions ("2025-06-01", "2026.03-1") look like short numbers: a phone
    # number has at least nine digits (eleven or more with a country code).
    if kind == "phone" and sum(c.isdigit() for c in text) < _MIN_PHONE_DIGITS:
        return text
    return f"[{kind}]"
