"""Matching a new year's metrics to the previous year's ``metric_id``.

Wording changes between years ("Asiakastyytyväisyyskysely" one year,
"asiakaskyselyt" the next), so the new report's metric items are scored
against the previous annotation rows with rapidfuzz, and each previous
``metric_id`` is proposed for the item it fits best. The analyst confirms.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process, utils

from .parser import Report

#: Scores (0-100) at or above this are proposed as matches.
MATCH_THRESHOLD = 65.0
ALTERNATIVES = 3


def _score(previous_texts: list[str], items: list[str]) -> np.ndarray:
    """Score matrix previous x items: the better of a partial and a token-set comparison."""
    kwargs = {"processor": utils.default_process, "dtype": np.float32}
    partial = process.cdist(previous_texts, items, scorer=fuzz.partial_ratio, **kwargs)
    token_set = process.cdist(previous_texts, items, scorer=fuzz.token_set_ratio, **kwargs)
    return np.maximum(partial, token_set)


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
    >>> proposals = propose_matches(report, annotations.table)
    >>> sorted(proposals.loc[proposals["source_line"] == 19, "metric_id"])
    ['customer_surveys', 'sports_forum_meetings', 'youth_council_meetings']
    """
    items = report.items[report.items["field"] == "metric"].reset_index(drop=True)
    previous = previous.reset_index(drop=True)
    columns = ["year", "source_line", "item", "item_text", "metric_id", "score", "alternatives", "decision"]
    if items.empty or previous.empty:
        rows = [{"year": report.year, "source_line": r.source_line, "item": r.item, "item_text": r.text,
                 "metric_id": "", "score": 0.0, "alternatives": "", "decision": "unmatched"}
                for r in items.itertuples()]
        return pd.DataFrame(rows, columns=columns)
    quotes = [(q or m) for q, m in zip(previous["evidence_target"].astype(str), previous["metric"].astype(str))]
    by_quote = _score(quotes, items["text"].tolist())
    by_description = _score(previous["metric"].astype(str).tolist(), items["text"].tolist())
    scores = np.maximum(by_quote, by_description)

    best_item = scores.argmax(axis=1)
    rows = []
    assigned: dict[int, list[int]] = {}
    for p, item_index in enumerate(best_item):
        if scores[p, item_index] >= threshold:
            assigned.setdefault(int(item_index), []).append(p)
    for i, item in items.iterrows():
        order = np.argsort(-scores[:, i], kind="stable")
        chosen = sorted(assigned.get(i, []), key=lambda p: -scores[p, i])
        base = {"year": report.year, "source_line": item["source_line"], "item": item["item"],
                "item_text": item["text"]}
        others = [p for p in order if p not in chosen][:ALTERNATIVES]
        alternatives = "; ".join(f"{previous.at[p, 'metric_id']} ({scores[p, i]:.0f})" for p in others)
        for p in chosen:
            rows.append({**base, "metric_id": previous.at[p, "metric_id"], "score": float(scores[p, i]),
                         "alternatives": alternatives, "decision": "match"})
        if not chosen:
            rows.append({**base, "metric_id": "", "score": float(scores[order[0], i]),
                         "alternatives": alternatives, "decision": "unmatched"})
    for p in range(len(previous)):
        if scores[p, best_item[p]] < threshold:
            rows.append({"year": report.year, "source_line": 0, "item": 0, "item_text": "",
                         "metric_id": previous.at[p, "metric_id"], "score": float(scores[p, best_item[p]]),
                         "alternatives": "", "decision": "not_found"})
    return pd.DataFrame(rows, columns=columns)
