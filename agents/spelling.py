"""Reading risk words through typos and tricks: "my solisiter", "a chargbak", "i g n o r e".

Customers type on phones, in a hurry and upset, and a risk rule that needs "solicitor"
spelled right misses the case that most needs a person. Before the risk rules run, each
word that is *not* an English word (by pyspellchecker's frequency dictionary) and is one
or two edits from a word the risk rules key on is read as that word. Real words are never
changed ("layer" stays "layer", "later" stays "later"), and neither are short ones, where
one edit turns almost anything into anything.

``respell`` returns the corrected text with a map back to the original characters, so the
evidence shown to an approver quotes what the customer actually wrote.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

from spellchecker import SpellChecker

# Words the risk rules (``agents.risk_signals``) key on, as customers mean them. Only a
# misspelling of one of these is corrected: this is not a general spell checker.
RISK_WORDS: frozenset[str] = frozenset(
    """
    lawyer lawyers solicitor solicitors attorney attorneys lawsuit litigation barrister
    paralegal tribunal ombudsman proceedings legal court suing chargeback chargebacks
    dispute disputing disputed reversal reverse allergic allergy allergies anaphylactic
    anaphylaxis epipen injured injury injuries bleeding burned burnt blister blistered
    sparks smoke smoking choking hospital hospitalised hospitalized ambulance poisoning
    unconscious fainted fainting dizzy insulin inhaler medication medicine oxygen
    concentrator seizure electrocuted funeral bereavement bereaved passed died cancer
    chemotherapy chemo hospice terminal widow widowed widower grieving condolences suicidal
    depression depressed dementia alzheimers pregnant pregnancy miscarriage evicted eviction
    homeless redundant disabled disability wheelchair carer journalist journalists reporter
    reporters newspaper newspapers television facebook twitter tiktok instagram youtube
    viral followers subscribers influencer review reviews instructions ignore previous
    system override assistant developer administrator idiots idiot morons moron incompetent
    useless stupid pathetic clowns imbeciles
    """.split()  # noqa: SIM905 (a word list reads better as text)
)
_WORD = re.compile(r"[A-Za-z][A-Za-z']*[A-Za-z]|[A-Za-z]")
_MIN_LENGTH = 5  # "sue" one edit away is "due", "see", "use": too close to read as a typo


@dataclass(frozen=True)
class Respelled:
    """Text with misspelled risk words corrected, and where each character came from."""

    text: str
    origin: tuple[int, ...] | None  # index in the original per character; None: unchanged

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that ``text[start:end]`` was read from."""
        if self.origin is None:
            return start, end
        last = max(start, end - 1)
        return self.origin[start], self.origin[last] + 1


_loading = threading.Lock()
_loaded: list[SpellChecker] = []


def load_dictionary() -> SpellChecker:
    """The English word list, loaded once per process (about 0.3 s).

    Workers call it at start-up, so the first case does not pay for it; the lock keeps
    the graph nodes of cases running side by side from each loading their own copy.
    """
    with _loading:
        if not _loaded:
            _loaded.append(SpellChecker(distance=1))
        return _loaded[0]


def _dictionary() -> SpellChecker:
    return _loaded[0] if _loaded else load_dictionary()


def _allowed_edits(word: str) -> int:
    return 1 if len(word) < 8 else 2


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (a swap of two letters is one edit), capped."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], prev2[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        prev2, prev = prev, row
    return prev[-1]


@lru_cache(maxsize=4096)
def risk_word_for(token: str) -> str | None:
    """The risk word a non-word token is a typo of, or None ("chargbak" -> "chargeback")."""
    word = token.lower()
    if len(word) < _MIN_LENGTH or word in RISK_WORDS or word in _dictionary():
        return None
    limit = _allowed_edits(word)
    best: tuple[int, int, str] | None = None
    for target in RISK_WORDS:
        if target[0] != word[0] or abs(len(target) - len(word)) > limit:
            continue  # people rarely get the first letter wrong
        distance = edit_distance(word, target, limit)
        # Ties go to the word sharing more letters: "hospitle" is "hospital", not "hospice".
        key = (distance, -len(set(word) & set(target)), target)
        if distance <= limit and (best is None or key < best):
            best = key
    return best[2] if best else None


# "i g n o r e   y o u r   r u l e s": letters spaced out to slip past word rules, words
# apart by two or more spaces. Four letters at least, so "a b c" lists stay as they are.
_SPACED = re.compile(r"\b(?:[A-Za-z] ){3,}[A-Za-z]\b(?: {2,}(?:[A-Za-z] )*[A-Za-z]\b)*")


def _fixes(text: str) -> list[tuple[int, int, str]]:
    """Spans of ``text`` to read as something else, in order, not overlapping."""
    found = [(m.start(), m.end(), _unspace(m.group(0))) for m in _SPACED.finditer(text)]
    taken = [(s, e) for s, e, _ in found]
    for match in _WORD.finditer(text):
        start, end = match.span()
        if any(s <= start < e for s, e in taken):
            continue
        fixed = risk_word_for(match.group(0))
        if fixed is not None:
            found.append((start, end, fixed))
    return sorted(found)


def _unspace(run: str) -> str:
    return " ".join(word.replace(" ", "") for word in re.split(r" {2,}", run))


def respell(text: str) -> Respelled:
    """``text`` as meant: misspelled risk words corrected, spaced-out letters joined."""
    pieces: list[str] = []
    origin: list[int] = []
    cursor = 0
    fixes = _fixes(text)
    for start, end, fixed in fixes:
        pieces.append(text[cursor:start])
        origin.extend(range(cursor, start))
        pieces.append(fixed)
        origin.extend(min(start + i, end - 1) for i in range(len(fixed)))
        cursor = end
    if not fixes:
        return Respelled(text, None)
    pieces.append(text[cursor:])
    origin.extend(range(cursor, len(text)))
    return Respelled("".join(pieces), tuple(origin))
