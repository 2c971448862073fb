"""Which business a case is about: the booking says so, else the customer's own words.

A message with no booking attached still usually names its business ("half my order was
missing", "my bag never came off the belt"). Quoting the airline's meal-voucher rule to
someone whose parcel went missing reads as a form letter, so the writer keeps to the
rules of the business the words point to, when they point to one only.
"""

from __future__ import annotations

import re

from agents.contracts import CaseInput, ProductLine

_AIRLINE = re.compile(
    r"\b(?:flights?|flew|fly(?:ing)?|JA ?\d{2,4}|airports?|gate|boarding|board(?:ed)?"
    r"|crew|cabin|luggage|suitcase|check(?:ed)?[- ]in|layover|connection|runway|tarmac"
    r"|plane|aircraft|pilot|lounge|seat(?:s|ing)?|passengers?|baggage)\b",
    re.I,
)
_RETAIL = re.compile(
    r"\b(?:orders?|ordered|JM-\d{6}|parcels?|deliver(?:y|ed|ies)?|courier|shipp(?:ed|ing)"
    r"|items?|package|checkout|basket|warehouse|store credit|return label|tracking)\b",
    re.I,
)


def product_line_of(case: CaseInput) -> ProductLine | None:
    """The attached booking's business, else the only one the message names, else None."""
    if case.context is not None:
        return case.context.product_line
    words = f"{case.subject}\n{case.message}"
    airline, retail = bool(_AIRLINE.search(words)), bool(_RETAIL.search(words))
    if airline == retail:
        return None  # both or neither: the rules of both stay in play
    return "airline" if airline else "retail"
