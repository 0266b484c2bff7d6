"""Responsible roles: the "Vastuu ja aikataulu" cell split into titles and deadlines.

The cell names who is responsible and, often, by when: "Varhaiskasvatuspäällikkö
2022", "Toimialajohtaja, tulosaikapäälliköt, lähihenkilöt", or titles with no
separator at all ("Hyvinvointitoimiala Hyte-koordinaattori Nuorisosihteeri").
Titles are matched, after normalisation, against a small catalogue of the
sector's titles; the source text is kept as written.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .fuzzy import lookup

# Canonical title -> spellings seen or expected (singular and plural).
ROLE_ALIASES: dict[str, tuple[str, ...]] = {
    "Toimialajohtaja": ("toimialajohtaja", "toimialajohtajat"),
    "Hyvinvointijohtaja": ("hyvinvointijohtaja",),
    "Hyvinvointitoimiala": ("hyvinvointitoimiala",),
    "Tulosaluepäällikkö": ("tulosaluepäällikkö", "tulosaluepäälliköt"),
    "Tulosaluejohtaja": ("tulosaluejohtaja", "tulosaluejohtajat"),
    "Lähiesihenkilö": ("lähiesihenkilö", "lähiesihenkilöt", "lähihenkilö", "lähihenkilöt"),
    "Varhaiskasvatuspäällikkö": ("varhaiskasvatuspäällikkö",),
    "Johtava rehtori": ("johtava rehtori",),
    "Vapaa-aikapäällikkö": ("vapaa-aikapäällikkö",),
    "Nuorisosihteeri": ("nuorisosihteeri",),
    "Hyte-koordinaattori": ("hyte-koordinaattori", "hyvinvointikoordinaattori"),
    "Tulosalueen henkilöstö": ("tulosalueen henkilöstö",),
}

_ALIAS_TO_ROLE = {alias: role for role, aliases in ROLE_ALIASES.items() for alias in aliases}
_MIN_SCORE = 80.0

# "2022", "2022-" (from 2022 on), "2022-2023", "5/2022".
_DEADLINE = re.compile(r"(?<![\w/])(?:(?P<month>\d{1,2})/)?(?P<year>(?:19|20)\d{2})(?P<open>-(?:(?:19|20)\d{2})?)?(?!\w)")
_SEPARATORS = re.compile(r",|;|\s+ja\s+|\s+sekä\s+")


@dataclass(frozen=True)
class Role:
    """One responsible party as the source names it."""

    text: str
    role: str | None
    deadline: str | None


def normalise(text: str) -> str:
    """Lower-case, NFC, single spaces: the form titles are compared in."""
    text = unicodedata.normalize("NFC", text).casefold()
    return re.sub(r"\s+", " ", text).strip(" .,;:")


@lru_cache(maxsize=4096)
def match_role(text: str) -> str | None:
    """The canonical title that ``text`` names, or ``None``.

    Examples
    --------
    >>> match_role("tulosaikapäälliköt")
    'Tulosaluepäällikkö'
    >>> match_role("Vapaa-aikapääliikkö")
    'Vapaa-aikapäällikkö'
    >>> match_role("kolmas sektori") is None
    True
    """
    return lookup(normalise(text), _ALIAS_TO_ROLE, _MIN_SCORE)


def _split_run(chunk: str) -> list[str]:
    """Split a run of titles written without separators, where every word is a title."""
    words = chunk.split()
    if len(words) > 1 and all(match_role(w) for w in words):
        return words
    return [chunk]


@lru_cache(maxsize=4096)
def split_roles(text: str) -> tuple[Role, ...]:
    """Split a responsibility cell (plain text, one item) into roles.

    A deadline written in the cell ("2022", "2022-") applies to every role in
    it, as the report writes it once after the titles. Results are cached:
    the same cell text recurs on many rows and in every year.

    Examples
    --------
    >>> [(r.role, r.deadline) for r in split_roles("Johtava rehtori 2022")]
    [('Johtava rehtori', '2022')]
    >>> [r.role for r in split_roles("Vapaa-aikapääliikkö Hyte-koordinaattori")]
    ['Vapaa-aikapäällikkö', 'Hyte-koordinaattori']
    """
    deadlines = [m.group(0) for m in _DEADLINE.finditer(text)]
    deadline = "; ".join(deadlines) if deadlines else None
    without_dates = _DEADLINE.sub(" ", text)
    roles = []
    for chunk in _SEPARATORS.split(without_dates):
        chunk = re.sub(r"\s+", " ", chunk).strip(" .,;:")
        if not chunk:
            continue
        for part in _split_run(chunk):
            roles.append(Role(text=part, role=match_role(part), deadline=deadline))
    return tuple(roles)
