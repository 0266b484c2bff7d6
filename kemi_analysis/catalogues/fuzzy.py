"""The one fuzzy lookup the catalogues share: an exact alias first, else the closest above a score."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from rapidfuzz import fuzz, process

T = TypeVar("T")


def lookup(key: str, aliases: Mapping[str, T], min_score: float) -> T | None:
    """The value of the alias ``key`` names, exactly or closely enough; ``None`` when none is close.

    ``key`` must already be normalised the way the aliases are (the caller
    knows how: header names and role titles normalise differently). Scores
    are rapidfuzz's ``ratio`` (0-100); ``min_score`` is inclusive.

    Examples
    --------
    >>> lookup("tavoitte", {"tavoite": "goal", "sdg": "sdg"}, 85)
    'goal'
    >>> lookup("kolmas sektori", {"tavoite": "goal"}, 85) is None
    True
    """
    if not key:
        return None
    if key in aliases:
        return aliases[key]
    best = process.extractOne(key, aliases.keys(), scorer=fuzz.ratio, score_cutoff=min_score)
    return aliases[best[0]] if best is not None else None
