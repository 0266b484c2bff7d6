"""Measuring a draft against a curated (gold) annotation file of the same report.

Used by the tests and ``benchmarks/drafting.py``; drafting itself never imports it.
"""

from __future__ import annotations

import re

import pandas as pd
from rapidfuzz import fuzz


def compare_with_curated(draft: pd.DataFrame, curated: pd.DataFrame) -> dict[str, float]:
    """How well a draft agrees with a curated file of the same report.

    Each curated row is paired with the draft row of the same goal row whose
    quoted target is most alike. ``status_agreement`` is the share of curated
    rows whose paired draft row has the same status (both computed by the
    achievement rules); ``value_recall`` is the share of the curated numeric
    values (targets and actuals) that the draft read on the same goal row.
    """
    agree = 0
    values_total = values_found = 0
    for row in curated.itertuples(index=False):
        candidates = draft[draft["source_line"] == row.source_line]
        if len(candidates):
            scores = [fuzz.token_set_ratio(row.evidence_target or row.metric, t or m)
                      for t, m in zip(candidates["evidence_target"], candidates["metric"])]
            paired = candidates.iloc[max(range(len(scores)), key=scores.__getitem__)]
            agree += paired["status"] == row.status
        found = set(candidates["target_value"].dropna()) | set(candidates["actual_value"].dropna())
        for value in (row.target_value, row.actual_value):
            if pd.notna(value):
                values_total += 1
                values_found += any(abs(value - f) < 1e-9 for f in found)
    return {
        "rows": len(curated),
        "status_agreement": agree / len(curated) if len(curated) else float("nan"),
        "values": values_total,
        "value_recall": values_found / values_total if values_total else float("nan"),
    }


def _same(a: float, b: float) -> bool:
    """Two values read alike: both missing, or equal within rounding (a share read as 33.3 or 33.33)."""
    if pd.isna(a) or pd.isna(b):
        return bool(pd.isna(a) and pd.isna(b))
    return abs(a - b) <= max(0.051, 1e-6 * abs(b))


def grade_draft(draft: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Each gold row beside the draft row read for it, and whether the draft got it right.

    ``draft`` and ``gold`` are metric tables (:func:`kemi_analysis.compute.achievement.build_metrics`).
    Within a goal row, gold and draft rows are paired greedily by how alike their quoted targets
    are. Columns: the gold row's ``source_line``, ``metric_id``, ``status``, ``target_value`` and
    ``actual_value``; the paired draft's ``draft_*`` values and ``confidence``; ``status_right``,
    ``values_right`` (target and actual), ``right`` (both), and ``other_metric`` (the draft's actual
    value is another gold metric's of the same goal row, not its own).
    """
    rows = []
    for line, golds in gold.groupby("source_line", sort=True):
        drafts = draft[draft["source_line"] == line]
        # Alike quoted targets pair first; between rows quoting alike, the one whose values agree.
        pairs = sorted(((fuzz.token_set_ratio(g.evidence_target or g.metric, d.evidence_target or d.metric)
                         + 10 * _same(g.actual_value, d.actual_value) + 5 * _same(g.target_value, d.target_value),
                         -gi, -di)
                        for gi, g in enumerate(golds.itertuples()) for di, d in enumerate(drafts.itertuples())),
                       reverse=True)
        pairs = [(score, -gi, -di) for score, gi, di in pairs]
        paired: dict[int, int] = {}
        for _, gi, di in pairs:
            if gi not in paired and di not in paired.values():
                paired[gi] = di
        actuals = golds["actual_value"].to_numpy()
        for gi, g in enumerate(golds.itertuples()):
            d = drafts.iloc[paired[gi]] if gi in paired else None
            rows.append(_graded(g, d, [a for j, a in enumerate(actuals) if j != gi]))
    return pd.DataFrame(rows)


def _graded(gold, draft: pd.Series | None, others: list[float]) -> dict:
    row = {"source_line": gold.source_line, "metric_id": gold.metric_id, "status": gold.status,
           "target_value": gold.target_value, "actual_value": gold.actual_value}
    if draft is None:
        return row | {"draft_status": "", "draft_target": float("nan"), "draft_actual": float("nan"),
                      "confidence": "none", "status_right": False, "values_right": False, "right": False,
                      "other_metric": False}
    match = re.match(r"DRAFT, confidence (\w+)", str(draft["note"]))
    status_right = draft["status"] == gold.status
    values_right = _same(draft["target_value"], gold.target_value) and _same(draft["actual_value"], gold.actual_value)
    actual = draft["actual_value"]
    other = (not _same(actual, gold.actual_value) and pd.notna(actual)
             and any(pd.notna(o) and _same(actual, o) for o in others))
    return row | {"draft_status": draft["status"], "draft_target": draft["target_value"], "draft_actual": actual,
                  "confidence": match.group(1) if match else "none", "status_right": bool(status_right),
                  "values_right": bool(values_right), "right": bool(status_right and values_right),
                  "other_metric": bool(other)}


def grading_summary(graded: pd.DataFrame) -> dict[str, object]:
    """The figures of a graded draft: shares right, and per confidence level the rows and share right."""
    calibration = {level: (int(len(g)), float(g["right"].mean()))
                   for level, g in graded.groupby("confidence", sort=False)}
    return {"rows": len(graded), "status_right": float(graded["status_right"].mean()),
            "values_right": float(graded["values_right"].mean()), "right": float(graded["right"].mean()),
            "other_metric": int(graded["other_metric"].sum()), "calibration": calibration}
