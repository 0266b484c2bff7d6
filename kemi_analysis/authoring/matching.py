"""Matching a new year's metric texts to the previous year's ``metric_id``: the one matcher.

Wording changes between years ("Asiakastyytyväisyyskysely" one year,
"asiakaskyselyt" the next), so texts are scored against each previous
annotation row's quoted target and its short description with rapidfuzz (the
better of a partial and a token-set comparison, 0-100), and each previous
``metric_id`` is proposed for the text it fits best when that score is at
least :data:`MATCH_THRESHOLD`. ``kemi-analysis match`` and ``draft`` both use
:func:`assign`; the analyst confirms.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process, utils

from ..read.parser import Report

from . import MATCH_THRESHOLD  # On the fictional multi-year fixture a reworded metric scores 72, unrelated texts <= 63.

__all__ = ["MATCH_THRESHOLD", "assign", "propose_matches", "score_matrix"]
ALTERNATIVES = 3


def _cdist(queries: list[str], texts: list[str]) -> np.ndarray:
    kwargs = {"processor": utils.default_process, "dtype": np.float32}
    partial = process.cdist(queries, texts, scorer=fuzz.partial_ratio, **kwargs)
    token_set = process.cdist(queries, texts, scorer=fuzz.token_set_ratio, **kwargs)
    return np.maximum(partial, token_set)


def score_matrix(previous: pd.DataFrame, texts: list[str]) -> np.ndarray:
    """Scores previous rows x texts: the best of the quoted target and the description, each compared
    both ways (partial and token set)."""
    if previous.empty or not texts:
        return np.zeros((len(previous), len(texts)), dtype=np.float32)
    descriptions = previous["metric"].astype(str).tolist()
    quotes = [q or m for q, m in zip(previous["evidence_target"].astype(str), descriptions)]
    return np.maximum(_cdist(quotes, texts), _cdist(descriptions, texts))


def assign(scores: np.ndarray, threshold: float = MATCH_THRESHOLD) -> dict[int, list[int]]:
    """Text index -> the previous rows proposed for it, best first.

    Each previous row goes to the text it scores highest against, when that
    score reaches ``threshold``; one text can take several previous rows (a
    cell that states several metrics).

    Examples
    --------
    >>> assign(np.array([[90.0, 10.0], [20.0, 50.0], [80.0, 30.0]]))
    {0: [0, 2]}
    """
    proposals: dict[int, list[int]] = {}
    if scores.size == 0:
        return proposals
    best = scores.argmax(axis=1)
    for p, t in enumerate(best):
        if scores[p, t] >= threshold:
            proposals.setdefault(int(t), []).append(p)
    return {t: sorted(ps, key=lambda p: -scores[p, t]) for t, ps in sorted(proposals.items())}


def propose_matches(report: Report, previous: pd.DataFrame, *, threshold: float = MATCH_THRESHOLD) -> pd.DataFrame:
    """Propose a previous ``metric_id`` for each metric item of ``report``.

    Parameters
    ----------
    report
        The new year's report.
    previous
        The previous year's annotation table (``metric_id``, ``metric``,
        ``evidence_target``).

    Returns
    -------
    One row per proposal, per unmatched item and per previous metric found
    nowhere: ``source_line``, ``item``, ``item_text``, ``metric_id``,
    ``score``, ``alternatives`` (the next best ids with scores) and
    ``decision``: ``match``, ``unmatched`` (an item no previous metric fits:
    a new metric?) or ``not_found`` (a previous metric fitting no item:
    dropped?).

    Examples
    --------
    >>> from kemi_analysis.read.annotations import read_annotations
    >>> from kemi_analysis.read.parser import load_report
    >>> report = load_report("data/raw/000_09050fdfe5e94683.txt")
    >>> proposals = propose_matches(report, read_annotations("data/annotations/2022.csv").table)
    >>> sorted(proposals.loc[proposals["source_line"] == 19, "metric_id"])
    ['customer_surveys', 'sports_forum_meetings', 'youth_council_meetings']
    """
    items = report.items[report.items["field"] == "metric"].reset_index(drop=True)
    previous = previous.reset_index(drop=True)
    scores = score_matrix(previous, items["text"].tolist())
    chosen = assign(scores, threshold)
    rows = []
    for i, item in items.iterrows():
        base = {"year": report.year, "source_line": item["source_line"], "item": item["item"],
                "item_text": item["text"]}
        order = np.argsort(-scores[:, i], kind="stable") if len(previous) else []
        others = [p for p in order if p not in chosen.get(i, [])][:ALTERNATIVES]
        alternatives = "; ".join(f"{previous.at[p, 'metric_id']} ({scores[p, i]:.0f})" for p in others)
        for p in chosen.get(i, []):
            rows.append({**base, "metric_id": previous.at[p, "metric_id"], "score": float(scores[p, i]),
                         "alternatives": alternatives, "decision": "match"})
        if i not in chosen:
            best = float(scores[order[0], i]) if len(previous) else 0.0
            rows.append({**base, "metric_id": "", "score": best, "alternatives": alternatives,
                         "decision": "unmatched"})
    matched = {p for ps in chosen.values() for p in ps}
    for p in range(len(previous)):
        if p not in matched:
            rows.append({"year": report.year, "source_line": 0, "item": 0, "item_text": "",
                         "metric_id": previous.at[p, "metric_id"],
                         "score": float(scores[p].max()) if scores.shape[1] else 0.0,
                         "alternatives": "", "decision": "not_found"})
    columns = ["year", "source_line", "item", "item_text", "metric_id", "score", "alternatives", "decision"]
    return pd.DataFrame(rows, columns=columns)
