"""Achievement: ratios, statuses and roll-ups, as pure functions over tables.

The rules, applied to every metric the same way every year:

- ``achievement_ratio``: actual / target for ``>=``; target / actual for ``<=``
  (lower is better); for ``=``, 1 when met, else the smaller over the larger.
  A yes/no target (unit ``kyllä/ei``) counts 1 or 0. Where a quotient means
  nothing (a zero or negative value), the ratio is 1 when the comparison is
  met and 0 when it is not: never a division error, never a silent NaN.
  Without a target or an actual value the ratio is NaN and the status says why.
  So for ``<=`` an actual of 0 has ratio 1 (met), while an actual of half the
  target has ratio 2: the quotient is defined for positive values only.
- Status, unless an analyst overrode it: no actual value and no realisation in
  the report -> ``not_reported``; no actual value -> ``no_data``; a value
  without a target -> ``no_target``; ratio >= 1 -> ``achieved``;
  0 < ratio < 1 -> ``partial``; 0 -> ``not_achieved``.
- Roll-ups count metrics by status; ``share_achieved`` is achieved metrics
  over metrics with a target; ``mean_ratio_capped`` averages the ratios capped
  at 1 (110 % counts as 100 %), so one over-achiever cannot hide a miss.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..schemas import EXPORT_COLUMNS, STATUSES, YES_NO_UNITS, Status, is_draft

if TYPE_CHECKING:
    from ..read.annotations import Annotations
    from ..read.parser import Report

#: Relative tolerance within which a ratio counts as exactly 1 (float noise).
RATIO_TOLERANCE = 1e-9
#: Ratios above this are recorded as this (a near-zero denominator; never reached by real data).
RATIO_MAX = 1e6


def _array(values: object, dtype: type = float) -> np.ndarray:
    if dtype is float:
        if getattr(values, "dtype", None) is not None and values.dtype.kind == "f":  # the common case: no copy
            return np.asarray(values, dtype=float)
        return pd.to_numeric(pd.Series(values, dtype="object"), errors="coerce").to_numpy(dtype=float)
    return pd.Series(values, dtype="object").fillna("").astype(str).to_numpy(dtype=object)


def achievement_ratio(
    target: Sequence[float] | pd.Series,
    actual: Sequence[float] | pd.Series,
    comparator: Sequence[str] | pd.Series,
    unit: Sequence[str] | pd.Series | None = None,
) -> np.ndarray:
    """Achievement ratios, element by element (see the module's rules).

    Examples
    --------
    >>> achievement_ratio([50, 20, 4, 1], [25, 10, 4, 0], [">=", "<=", "=", "="],
    ...                   ["%", "kpl", "krt/v", "kyllä/ei"]).tolist()
    [0.5, 2.0, 1.0, 0.0]
    >>> achievement_ratio([0], [3], [">="]).tolist()
    [1.0]
    """
    t = _array(target)
    a = _array(actual)
    comp = _array(comparator, str)
    units = _array(unit if unit is not None else [""] * len(t), str)
    codes, distinct = pd.factorize(units)  # a unit is one of a few: each is lower-cased once
    yes_no = np.array([unit.lower() in YES_NO_UNITS for unit in distinct], dtype=bool)[codes] if len(distinct) \
        else np.zeros(len(units), dtype=bool)

    at_least, at_most, equal = comp == ">=", comp == "<=", comp == "="
    known = ~np.isnan(t) & ~np.isnan(a) & (at_least | at_most | equal)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        close = np.isclose(a, t, rtol=RATIO_TOLERANCE, atol=0.0)
        met = np.where(at_least, (a >= t) | close, np.where(at_most, (a <= t) | close, close))
        met_ratio = met.astype(float)
        ge = np.where((t > 0) & (a >= 0), a / t, met_ratio)
        le = np.where((t > 0) & (a > 0), t / a, met_ratio)
        eq = np.where(met, 1.0, np.where((t > 0) & (a > 0), np.minimum(a, t) / np.maximum(a, t), 0.0))
    ratio = np.select([at_least, at_most, equal], [ge, le, eq], default=np.nan)
    ratio = np.where(yes_no, met_ratio, ratio)
    ratio = np.where(np.isclose(ratio, 1.0, rtol=RATIO_TOLERANCE, atol=0.0), 1.0, np.minimum(ratio, RATIO_MAX))
    return np.where(known, ratio, np.nan)


def compute_status(
    ratio: Sequence[float] | np.ndarray,
    target: Sequence[float] | pd.Series,
    actual: Sequence[float] | pd.Series,
    realisation_reported: Sequence[bool] | pd.Series,
) -> np.ndarray:
    """Statuses from ratios and what is missing (see the module's rules).

    Examples
    --------
    >>> compute_status([1.2, 0.5, 0.0, np.nan, np.nan, np.nan],
    ...                [1, 1, 1, np.nan, 1, 1], [1, 1, 0, 5, np.nan, np.nan],
    ...                [True, True, True, True, True, False]).tolist()
    ['achieved', 'partial', 'not_achieved', 'no_target', 'no_data', 'not_reported']
    """
    r = np.asarray(ratio, dtype=float)
    t = _array(target)
    a = _array(actual)
    reported = np.asarray(realisation_reported, dtype=bool)
    no_actual = np.isnan(a)
    conditions = [
        no_actual & ~reported,
        no_actual,
        np.isnan(t) | np.isnan(r),
        r >= 1.0,
        r > 0.0,
    ]
    choices = [Status.NOT_REPORTED.value, Status.NO_DATA.value, Status.NO_TARGET.value,
               Status.ACHIEVED.value, Status.PARTIAL.value]
    return np.select(conditions, choices, default=Status.NOT_ACHIEVED.value).astype(object)


def build_metrics(report: Report, annotations: Annotations) -> pd.DataFrame:
    """Join annotations to their goal rows and compute ratio and status for each metric.

    The result has one row per annotation row: the contract's columns plus
    ``year``, ``file_line`` (the row's line in the annotation file),
    ``achievement_ratio``, ``status`` (the analyst's override where given),
    ``status_computed``, ``status_overridden``, ``realisation_reported``,
    ``draft`` (the row is not yet reviewed) and the goal row's ``goal``,
    ``responsible`` and ``realisation`` texts.

    Examples
    --------
    >>> from kemi_analysis.read.annotations import load_annotations
    >>> from kemi_analysis.read.parser import load_report
    >>> report = load_report("data/raw/000_09050fdfe5e94683.txt")
    >>> metrics = build_metrics(report, load_annotations("data/annotations/2022.csv", report))
    >>> metrics.loc[metrics.metric_id == "daycare_env_audits", "achievement_ratio"].item()
    0.5
    """
    goals = report.goals[["source_line", "goal", "responsible", "realisation", "realisation_reported"]]
    metrics = annotations.table.merge(goals, on="source_line", how="left", validate="many_to_one")
    metrics["realisation_reported"] = metrics["realisation_reported"].fillna(False).astype(bool)
    metrics["draft"] = is_draft(metrics["note"]).to_numpy(dtype=bool)
    metrics.insert(0, "year", report.year)
    return compute_achievement(metrics)


def compute_achievement(metrics: pd.DataFrame) -> pd.DataFrame:
    """Add ``achievement_ratio``, ``status_computed``, ``status`` and ``status_overridden``.

    ``metrics`` needs ``target_value``, ``actual_value``, ``comparator``,
    ``target_unit``, ``status`` (override or empty) and ``realisation_reported``.
    """
    metrics = metrics.copy()
    ratio = achievement_ratio(metrics["target_value"], metrics["actual_value"], metrics["comparator"],
                              metrics["target_unit"])
    computed = compute_status(ratio, metrics["target_value"], metrics["actual_value"],
                              metrics["realisation_reported"])
    override = metrics["status"].fillna("").astype(str).to_numpy(dtype=object)
    metrics["achievement_ratio"] = ratio
    metrics["status_computed"] = computed
    metrics["status_overridden"] = override != ""
    metrics["status"] = np.where(override != "", override, computed)
    for column in ("status", "status_computed"):
        metrics[column] = metrics[column].astype(str)
    return metrics


def export_table(metrics: pd.DataFrame) -> pd.DataFrame:
    """The metric table as ``kemi-analysis export`` writes it."""
    return metrics[list(EXPORT_COLUMNS)].copy()


# --------------------------------------------------------------------------
# Roll-ups


def per_value(values: pd.Series, function) -> np.ndarray:
    """``function(values)`` as a NumPy array, computed once per distinct value.

    ``function`` takes and returns a Series element by element (for example
    ``lambda s: s.astype(str).str[:4]``); it runs on the distinct values only and
    the result is taken back to every row by code, so a text column of a million
    rows with a few distinct values costs one hash pass.
    """
    codes, uniques = pd.factorize(values, use_na_sentinel=False)  # a missing value is a value too
    return np.asarray(function(pd.Series(uniques))).take(codes)


def summarise(metrics: pd.DataFrame, by: str | list[str]) -> pd.DataFrame:
    """Counts by status, share achieved and mean capped ratio per group of ``by``.

    Columns: ``by``, ``metrics``, one count column per status, ``with_target``,
    ``share_achieved`` (achieved metrics with a target / with_target: a
    metric an analyst marked achieved without a target never counts, so the
    share stays within 0-1) and ``mean_ratio_capped`` (the mean of the ratios
    capped at 1, over metrics that have a ratio).

    Groups are in order of first appearance and rows with a missing key are
    left out, as ``groupby(by, sort=False)`` does.
    """
    keys = [by] if isinstance(by, str) else list(by)
    # One grouping of the rows, pandas' own (its group order, its dropping of missing keys, its key
    # types), for the capped mean; the counts are np.bincount over its group numbers.
    grouped = metrics["achievement_ratio"].clip(upper=1.0).groupby([metrics[key] for key in keys], sort=False)
    mean_capped = grouped.mean()
    group = grouped.ngroup()  # NaN where a key is missing: such rows belong to no group
    kept = group.notna().to_numpy()
    group = group.to_numpy()[kept].astype(np.int64)
    n_groups = len(mean_capped)
    # Each row's status as its position in STATUSES; -1 for a missing or unknown status (not counted).
    status_index = per_value(metrics["status"], lambda values: values.map(
        {status: index for index, status in enumerate(STATUSES)}).fillna(-1))[kept].astype(np.int64)
    with_target = metrics["target_value"].notna().to_numpy()[kept]
    achieved_with_target = with_target & (status_index == STATUSES.index(Status.ACHIEVED.value))
    counted = status_index >= 0
    counts = np.bincount(group[counted] * len(STATUSES) + status_index[counted],
                         minlength=n_groups * len(STATUSES)).reshape(n_groups, len(STATUSES))

    with_target_count = np.bincount(group[with_target], minlength=n_groups).astype("int64")
    achieved_count = np.bincount(group[achieved_with_target], minlength=n_groups).astype("int64")
    result = {"metrics": np.bincount(group, minlength=n_groups).astype("int64")}
    for index, status in enumerate(STATUSES):
        result[status] = counts[:, index].astype("int64")
    result["with_target"] = with_target_count
    with np.errstate(divide="ignore", invalid="ignore"):
        result["share_achieved"] = np.where(with_target_count > 0, achieved_count / with_target_count, np.nan)
    result["mean_ratio_capped"] = mean_capped.to_numpy()
    return pd.DataFrame(result, index=mean_capped.index).reset_index()


def _owners(report: Report) -> pd.DataFrame:
    roles = report.roles.assign(owner=report.roles["role"].where(report.roles["role"] != "",
                                                                report.roles["role_text"]))
    return roles[["source_line", "owner"]].drop_duplicates()


def rollup(metrics: pd.DataFrame, by: str, report: Report | None = None) -> pd.DataFrame:
    """Roll metrics up per ``"aim"``, ``"goal"`` (goal row), ``"role"`` or ``"sdg"``.

    A metric counts for every responsible role of its goal row and for every
    SDG of its aim, so the role and SDG roll-ups overlap by design. ``role``
    and ``sdg`` need the ``report``. With several years in ``metrics``, each
    year is rolled up separately.

    Examples
    --------
    >>> from kemi_analysis.compute.pipeline import load_year
    >>> metrics = load_year("data", 2022).metrics
    >>> rollup(metrics, "aim")["share_achieved"].round(2).tolist()
    [0.25, 0.57, 0.17]
    """
    years = ["year"] if "year" in metrics and metrics["year"].nunique() > 1 else []
    if by == "aim":
        return summarise(metrics, [*years, "aim"])
    if by == "goal":
        return summarise(metrics, [*years, "aim", "source_line"])
    if report is None:
        raise ValueError(f"rollup by {by!r} needs the report")
    if by == "role":
        joined = metrics.merge(_owners(report), on="source_line", how="inner")
        return summarise(joined, [*years, "owner"]).rename(columns={"owner": "role"})
    if by == "sdg":
        sdgs = report.sdgs[["aim", "sdg", "name_fi", "name_en", "colour"]]
        joined = metrics.merge(sdgs, on="aim", how="inner")
        summary = summarise(joined, [*years, "sdg"])
        return summary.merge(sdgs.drop(columns="aim").drop_duplicates("sdg"), on="sdg").sort_values("sdg",
                                                                                                   ignore_index=True)
    raise ValueError(f"rollup by {by!r}: choose aim, goal, role or sdg")


def metric_quality(metrics: pd.DataFrame, report: Report) -> pd.DataFrame:
    """How SMART the metrics are, per aim: shares with a numeric target, a deadline,
    a named owner (a role from the catalogue on the goal row) and a measured actual value."""
    named = set(report.roles.loc[report.roles["role"] != "", "source_line"])
    frame = metrics.assign(
        has_target=metrics["target_value"].notna(),
        has_deadline=metrics["deadline"].fillna("").astype(str) != "",
        has_owner=metrics["source_line"].isin(named),
        has_actual=metrics["actual_value"].notna(),
    )
    shares = frame.groupby("aim", sort=False)[["has_target", "has_deadline", "has_owner", "has_actual"]].mean()
    shares.insert(0, "metrics", frame.groupby("aim", sort=False).size())
    shares.columns = ["metrics", "share_with_target", "share_with_deadline", "share_with_owner",
                      "share_with_actual"]
    total = frame[["has_target", "has_deadline", "has_owner", "has_actual"]].mean()
    shares.loc["(all)"] = [len(frame), *total.tolist()]
    shares["metrics"] = shares["metrics"].astype("int64")
    return shares.reset_index().rename(columns={"index": "aim"})
