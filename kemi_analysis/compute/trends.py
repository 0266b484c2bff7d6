"""Comparing years: changes, status transitions and progress over a series.

Pure functions over the long metric table (one row per metric and year, as
:attr:`kemi_analysis.compute.pipeline.Dataset.metrics` gives it). Metrics join across
years on ``metric_id``.

Progress over a series follows the Open SDG method (open-sdg/sdg-build,
``sdg/ProgressMeasure.py``), itself Statistics Canada's:

- base year = first year with a value, current = latest; at least two years;
- ``CAGR_obs = (current / base) ** (1 / (t_current - t_base)) - 1``;
- with a target already met by the current value: ``target_achieved``;
- with a target: ``CAGR_req = (target / base) ** (1 / (t_target - t_base)) - 1``
  and ``P = sign * d * CAGR_obs / |CAGR_req|``; P >= 0.95 substantial,
  0.60 <= P < 0.95 moderate, 0 <= P < 0.60 limited, P < 0 deterioration;
- without a target: ``P = sign * d * CAGR_obs``; thresholds 0.015 and 0.005;
- a zero base or target is replaced by 0.001; a base and current of opposite
  sign give ``not_available``. ``sign`` is -1 for a negative base.
- P is compared with the thresholds after rounding to 12 decimals, so float
  noise cannot move a value that meets a threshold exactly below it.

Municipal series are short (two to four points) and targets change with the
council term: a category summarises the direction, it is no forecast.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..schemas import EXPORT_COLUMNS, YES_NO_UNITS, ProgressCategory, Status
from .achievement import per_value, summarise

#: Open SDG thresholds: (substantial, moderate) lower bounds; limited from 0.
THRESHOLDS_WITH_TARGET = (0.95, 0.60)
THRESHOLDS_WITHOUT_TARGET = (0.015, 0.005)
ZERO_REPLACEMENT = 0.001

# Realisation wording that says the work goes on into the next year.
CONTINUES = re.compile(r"\b(?:jatku\w*|jatke\w*|menossa|menellään|käynnissä|kesken)\b", re.IGNORECASE)
_RANK = {Status.ACHIEVED.value: 2, Status.PARTIAL.value: 1, Status.NOT_ACHIEVED.value: 0}


# --------------------------------------------------------------------------
# Year over year


def flag_carried_over(metrics: pd.DataFrame) -> pd.Series:
    """True where a metric was not achieved and carries over into the next year.

    That is: a deadline in or before the metric's year passed without
    achievement, or the realisation text says the work continues ("jatkuu",
    "jatkuvat 2023", "menossa", "käynnissä").
    """
    # Each function below runs once per distinct value of its column and is taken back to the rows by code.
    applicable = per_value(metrics["status"], lambda values: values.isin(
        [Status.PARTIAL.value, Status.NOT_ACHIEVED.value, Status.IN_PROGRESS.value]))
    deadline_year = per_value(metrics["deadline"], _deadline_year)
    with np.errstate(invalid="ignore"):
        deadline_passed = deadline_year <= metrics["year"].to_numpy()
    texts = [metrics["evidence_actual"]] + ([metrics["realisation"]] if "realisation" in metrics else [])
    continues = np.zeros(len(metrics), dtype=bool)
    for column in texts:  # each distinct text is searched once (a goal row's text recurs for its metrics)
        codes, uniques = pd.factorize(column)
        searched = np.flatnonzero(np.bincount(codes[applicable & (codes >= 0)], minlength=len(uniques)))
        found = np.zeros(len(uniques), dtype=bool)  # only texts on applicable rows are searched
        found[searched] = [bool(CONTINUES.search(str(text))) for text in uniques.take(searched)]
        continues |= (codes >= 0) & found[np.maximum(codes, 0)]
    return pd.Series(applicable & (deadline_passed | continues), index=metrics.index, dtype=bool)


def _deadline_year(deadline: pd.Series) -> np.ndarray:
    """The year a deadline names (its first four characters), NaN where it names none."""
    return pd.to_numeric(deadline.astype(str).str[:4], errors="coerce").to_numpy(dtype=float)


def year_pairs(years: list[int], compare_years: list[int] | None = None) -> list[tuple[int, int]]:
    """Consecutive pairs of the years present: ``[2022, 2023, 2024]`` -> ``[(2022, 2023), (2023, 2024)]``.

    With ``compare_years``, only pairs whose later year is in it or is the
    latest, and whose earlier year is in it.
    """
    years = sorted(set(years))
    if compare_years:
        years = sorted((set(compare_years) | {years[-1]}) & set(years))
    return list(zip(years, years[1:]))


def year_over_year(metrics: pd.DataFrame, pairs: list[tuple[int, int]] | None = None) -> pd.DataFrame:
    """Per metric and pair of years: changes, status transition and flags.

    Columns: ``metric_id, aim, metric, unit, year_from, year_to, actual_from,
    actual_to, change_abs, change_rel, ratio_from, ratio_to, ratio_change,
    status_from, status_to, transition, first_achieved, fell_back,
    carried_over``. ``change_rel`` is NaN where the earlier value is 0.
    Only metrics present in both years appear; see :func:`new_and_dropped`.
    """
    if pairs is None:
        pairs = year_pairs(metrics["year"].unique().tolist())
    # Everything is worked out on row positions and integer codes; the text columns are only
    # taken (Arrow take, no Python strings) into the joined rows at the end.
    codes = _Codes.of(metrics)
    year = metrics["year"].to_numpy()
    rows_by_year = {value: np.flatnonzero(year == value) for value in pd.unique(year) if pd.notna(value)}
    # The inner join on metric_id for each pair of years, on integer ids: the same rows in the same
    # order as merging on the text keys. All pairs' rows are then built as one table.
    joined = []
    for year_from, year_to in pairs:
        if year_from not in rows_by_year or year_to not in rows_by_year:
            continue
        row_from, row_to = _inner_join(codes.ids, rows_by_year[year_from], rows_by_year[year_to])
        joined.append(pd.DataFrame({"row_from": row_from, "row_to": row_to, "year_from": year_from,
                                    "year_to": year_to}))
    if not joined:
        return pd.DataFrame(columns=["metric_id", "aim", "metric", "unit", "year_from", "year_to", "actual_from", "actual_to",
                                     "change_abs", "change_rel", "ratio_from", "ratio_to", "ratio_change",
                                     "status_from", "status_to", "transition", "first_achieved", "fell_back",
                                     "carried_over"])
    if any(part.empty for part in joined):
        # A pair of years with no metric in common changes the column types of the concatenated
        # result (an empty transition column), so such a call is built pair by pair, as it always was.
        return pd.concat([_changes(metrics, codes, part) for part in joined], ignore_index=True)
    return _changes(metrics, codes, pd.concat(joined, ignore_index=True))


@dataclass(frozen=True)
class _Codes:
    """The long table's keys as integer codes and flags per row, worked out once for every pair of years."""

    ids: np.ndarray  # metric_id's code (a missing id is a key too: merge joins missing ids with each other)
    status_codes: np.ndarray
    status_values: pd.Index
    achieved: np.ndarray
    rank: np.ndarray  # achieved 2, partial 1, not achieved 0, else NaN
    first_year_achieved: np.ndarray  # per metric code; +inf if never
    carried_over: np.ndarray

    @classmethod
    def of(cls, metrics: pd.DataFrame) -> _Codes:
        year = metrics["year"].to_numpy()
        ids, _ = pd.factorize(metrics["metric_id"], use_na_sentinel=False)
        status_codes, status_values = pd.factorize(metrics["status"])
        # Per distinct status, then taken by code (each list's extra last entry is for code -1, a missing status).
        achieved = np.array([value == Status.ACHIEVED.value for value in status_values] + [False])[status_codes]
        rank = np.array([_RANK.get(value, np.nan) for value in status_values] + [np.nan])[status_codes]
        # The first year each metric was achieved: "achieved in or before a year" is then a comparison.
        first_year_achieved = np.full(ids.max() + 1 if len(ids) else 0, np.inf)
        achieved_rows = np.flatnonzero(achieved & pd.notna(year))
        np.minimum.at(first_year_achieved, ids[achieved_rows], year[achieved_rows].astype(float))
        return cls(ids, status_codes, status_values, achieved, rank, first_year_achieved,
                   flag_carried_over(metrics).to_numpy())


def _changes(metrics: pd.DataFrame, codes: _Codes, matches: pd.DataFrame) -> pd.DataFrame:
    """The result's rows for matched pairs of rows (``row_from``, ``row_to``, ``year_from``, ``year_to``)."""
    row_from, row_to = matches["row_from"].to_numpy(), matches["row_to"].to_numpy()
    # Only the columns the result needs, each taken on its own (no copy of the rest of the table).
    before = {name: _at(metrics[name], row_from) for name in ("metric_id", "actual_value", "achievement_ratio",
                                                              "status")}
    after = {name: _at(metrics[name], row_to) for name in ("aim", "metric", "target_unit", "actual_value",
                                                           "achievement_ratio", "status")}
    change = after["actual_value"] - before["actual_value"]
    with np.errstate(divide="ignore", invalid="ignore"):
        relative = change / before["actual_value"].abs()
    achieved_before = codes.first_year_achieved[codes.ids[row_to]] <= matches["year_from"].to_numpy()
    return pd.DataFrame({
        "metric_id": before["metric_id"],
        "aim": after["aim"],
        "metric": after["metric"],
        "unit": after["target_unit"],
        "year_from": matches["year_from"],
        "year_to": matches["year_to"],
        "actual_from": before["actual_value"],
        "actual_to": after["actual_value"],
        "change_abs": change,
        "change_rel": relative.where(before["actual_value"] != 0),
        "ratio_from": before["achievement_ratio"],
        "ratio_to": after["achievement_ratio"],
        "ratio_change": after["achievement_ratio"] - before["achievement_ratio"],
        "status_from": before["status"],
        "status_to": after["status"],
        "transition": _transitions(metrics["status"], codes.status_codes, codes.status_values, row_from, row_to),
        "first_achieved": codes.achieved[row_to] & ~achieved_before,
        "fell_back": codes.rank[row_to] < codes.rank[row_from],
        "carried_over": codes.carried_over[row_from],
    }, copy=False)  # new arrays all: no copy needed


def _at(column: pd.Series, rows: np.ndarray) -> pd.Series:
    """``column`` at the positions ``rows``, with a fresh RangeIndex and its own dtype."""
    return pd.Series(column.array.take(rows), dtype=column.dtype)  # the dtype, or object text would turn str


def _inner_join(ids: np.ndarray, rows_from: np.ndarray, rows_to: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of rows with equal ``ids``, in the order ``merge(how="inner")`` gives: the earlier rows' order."""
    if _distinct(ids[rows_from]) and _distinct(ids[rows_to]):  # the usual case: a lookup by id
        position = np.full(ids.max() + 1, -1, dtype=np.int64)
        position[ids[rows_to]] = rows_to
        matched = position[ids[rows_from]]
        return rows_from[matched >= 0], matched[matched >= 0]
    joined = pd.DataFrame({"id": ids[rows_from], "row_from": rows_from}).merge(
        pd.DataFrame({"id": ids[rows_to], "row_to": rows_to}), on="id")
    return joined["row_from"].to_numpy(), joined["row_to"].to_numpy()


def _distinct(values: np.ndarray) -> bool:
    """Whether no non-negative integer occurs twice in ``values``."""
    return not len(values) or np.bincount(values).max() == 1


def _transitions(status: pd.Series, codes: np.ndarray, values: pd.Index, row_from: np.ndarray,
                 row_to: np.ndarray) -> pd.api.extensions.ExtensionArray | list[str]:
    """``"<status_from> -> <status_to>"`` for each joined pair of rows (``codes``/``values``: the factorized status).

    Each label is built once per combination of distinct statuses and taken by
    code, instead of formatting a string per row. A missing status prints as the
    missing value itself (``nan``), formatted per row as before (such rows are rare).
    """
    if not len(row_from):
        return []  # what the per-row list of labels was for a pair of years with no metric in common
    labels = [f"{value}" for value in values]
    count = len(labels)
    # Number each row's (from, to) combination; a row with a missing status gets a number of its own.
    combination = codes[row_from] * count + codes[row_to]
    missing = np.flatnonzero((codes[row_from] < 0) | (codes[row_to] < 0))
    combination[missing] = count * count + np.arange(len(missing))
    missing_labels = [f"{a} -> {b}" for a, b in zip(status.take(row_from[missing]).to_numpy(dtype=object),
                                                    status.take(row_to[missing]).to_numpy(dtype=object))]
    # Only the combinations that occur get a label.
    combination, occurring = pd.factorize(combination)
    table = [f"{labels[number // count]} -> {labels[number % count]}" if number < count * count
             else missing_labels[number - count * count] for number in occurring.tolist()]
    # The labels typed as pandas types a list of strings (the str dtype), then taken by code.
    return pd.Series(table).array.take(combination)


def new_and_dropped(metrics: pd.DataFrame, year_from: int, year_to: int) -> pd.DataFrame:
    """Metrics present in only one of two years: ``change`` is ``new`` or ``dropped``."""
    before = metrics[metrics["year"] == year_from]
    after = metrics[metrics["year"] == year_to]
    new = after[~after["metric_id"].isin(before["metric_id"])].assign(change="new", year=year_to)
    dropped = before[~before["metric_id"].isin(after["metric_id"])].assign(change="dropped", year=year_from)
    result = pd.concat([new, dropped], ignore_index=True)
    result.insert(0, "year_to", year_to)
    result.insert(0, "year_from", year_from)
    return result[["year_from", "year_to", "change", "metric_id", "aim", "metric", "year"]]


def status_by_aim_and_year(metrics: pd.DataFrame) -> pd.DataFrame:
    """Per aim and year: counts by status and share achieved, with the change since the previous year."""
    summary = summarise(metrics, ["aim", "year"]).sort_values(["aim", "year"], ignore_index=True)
    summary["share_achieved_change"] = summary.groupby("aim", sort=False)["share_achieved"].diff()
    return summary


def changes_table(metrics: pd.DataFrame) -> pd.DataFrame:
    """The long metric table with each row's change since the metric's previous year (``export --years``)."""
    changes = year_over_year(metrics)
    keep = ["metric_id", "year_to", "year_from", "change_abs", "change_rel", "ratio_change", "status_from",
            "transition", "first_achieved", "fell_back", "carried_over"]
    table = metrics[list(EXPORT_COLUMNS)].merge(changes[keep].rename(columns={"year_to": "year"}),
                                          on=["metric_id", "year"], how="left")
    table = table.rename(columns={"year_from": "previous_year", "status_from": "previous_status"})
    table["previous_year"] = table["previous_year"].astype("Int64")
    return table


# --------------------------------------------------------------------------
# Progress over a series (Open SDG)


@dataclass(frozen=True)
class Progress:
    """The Open SDG progress assessment of one series."""

    category: str
    value: float | None
    base_year: int | None = None
    current_year: int | None = None
    cagr_observed: float | None = None
    cagr_required: float | None = None
    reason: str = ""


def _categorise(value: np.ndarray, with_target: np.ndarray) -> np.ndarray:
    # Rounded to 12 decimals first, so that float noise (1015 / 1000 - 1 = 0.01499999...)
    # does not move a value that meets a threshold exactly below it.
    value = np.round(value, 12)
    high = np.where(with_target, THRESHOLDS_WITH_TARGET[0], THRESHOLDS_WITHOUT_TARGET[0])
    medium = np.where(with_target, THRESHOLDS_WITH_TARGET[1], THRESHOLDS_WITHOUT_TARGET[1])
    return np.select(
        [np.isnan(value), value >= high, value >= medium, value >= 0],
        [ProgressCategory.NOT_AVAILABLE.value, ProgressCategory.SUBSTANTIAL.value, ProgressCategory.MODERATE.value,
         ProgressCategory.LIMITED.value],
        default=ProgressCategory.DETERIORATION.value,
    ).astype(object)


def progress_arrays(
    base_value: np.ndarray,
    base_year: np.ndarray,
    current_value: np.ndarray,
    current_year: np.ndarray,
    target: np.ndarray,
    target_year: np.ndarray,
    direction: np.ndarray,
) -> dict[str, np.ndarray]:
    """The Open SDG computation, element by element (see the module's docstring).

    Returns ``category``, ``value``, ``cagr_observed``, ``cagr_required`` and ``reason``.
    """
    base = np.asarray(base_value, dtype=float).copy()
    current = np.asarray(current_value, dtype=float)
    t_base = np.asarray(base_year, dtype=float)
    t_current = np.asarray(current_year, dtype=float)
    target = np.asarray(target, dtype=float).copy()
    t_target = np.asarray(target_year, dtype=float)
    d = np.asarray(direction, dtype=float)
    with_target = ~np.isnan(target)

    base[base == 0] = ZERO_REPLACEMENT
    target[target == 0] = ZERO_REPLACEMENT
    sign = np.where(base < 0, -1.0, 1.0)
    reason = np.full(base.shape, "", dtype=object)
    too_short = ~(t_current - t_base >= 1)
    opposite = (base > 0) & (current < 0) | (base < 0) & (current > 0)
    no_horizon = with_target & ~(t_target - t_base > 0)
    reason[no_horizon] = "target year not after the base year"
    # The base already equals the target: no growth is required, so P = observed / 0. The category
    # follows the observed direction (substantial when not falling, deterioration when falling).
    reason[opposite] = "base and current values have opposite signs"
    reason[too_short] = "fewer than two years with a value"

    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        cagr_obs = (current / base) ** (1.0 / (t_current - t_base)) - 1.0
        cagr_req = np.where(with_target, (target / base) ** (1.0 / (t_target - t_base)) - 1.0, np.nan)
        observed = sign * d * cagr_obs
        value = np.where(with_target, observed / np.abs(cagr_req), observed)
        flat_requirement = with_target & (cagr_req == 0)
        value = np.where(flat_requirement, np.where(observed < 0, -np.inf, np.inf), value)
    invalid = too_short | opposite | no_horizon
    value = np.where(invalid, np.nan, value)
    category = _categorise(value, with_target)
    value = np.where(flat_requirement, np.nan, value)
    reason[flat_requirement & ~invalid] = "the base value equals the target: category by the observed direction"
    achieved = with_target & ~too_short & np.where(d > 0, current >= target, current <= target)
    category[achieved] = ProgressCategory.TARGET_ACHIEVED.value
    return {
        "category": category,
        "value": value,
        "cagr_observed": np.where(too_short | opposite, np.nan, cagr_obs),
        "cagr_required": np.where(invalid, np.nan, cagr_req),
        "reason": reason,
    }


def open_sdg_progress(
    series: dict[int, float],
    *,
    target: float | None = None,
    target_year: int | None = None,
    direction: int = 1,
) -> Progress:
    """Assess one series by the Open SDG method.

    Parameters
    ----------
    series
        Year -> value; years without a value may be left out.
    target, target_year
        The target and the year it is for; without a target the no-target
        thresholds apply. A missing ``target_year`` means the current year.
    direction
        +1 where higher is better, -1 where lower is better.

    Examples
    --------
    >>> open_sdg_progress({2021: 20, 2022: 16}, target=14, target_year=2022, direction=-1).category
    'moderate_progress'
    >>> open_sdg_progress({2022: 5}).category
    'not_available'
    """
    points = {y: v for y, v in series.items() if v is not None and not np.isnan(v)}
    if len(points) < 2:
        return Progress(ProgressCategory.NOT_AVAILABLE.value, None, reason="fewer than two years with a value")
    base_year, current_year = min(points), max(points)
    result = progress_arrays(
        np.array([points[base_year]]), np.array([base_year]),
        np.array([points[current_year]]), np.array([current_year]),
        np.array([np.nan if target is None else target]),
        np.array([current_year if target_year is None else target_year]),
        np.array([direction]),
    )
    value = float(result["value"][0])
    return Progress(
        category=str(result["category"][0]),
        value=None if np.isnan(value) else value,
        base_year=base_year,
        current_year=current_year,
        cagr_observed=float(result["cagr_observed"][0]),
        cagr_required=float(result["cagr_required"][0]),
        reason=str(result["reason"][0]),
    )


def _yes_no_progress(result: dict[str, np.ndarray], yes_no: np.ndarray, base: np.ndarray, current: np.ndarray,
                     target: np.ndarray) -> None:
    """Yes/no metrics have no growth rate: met now is ``target_achieved``, met before but not now
    ``deterioration``, never met ``not_available``."""
    met_now, met_before = current == target, base == target
    category = np.select([met_now, met_before], [ProgressCategory.TARGET_ACHIEVED.value,
                                                 ProgressCategory.DETERIORATION.value],
                         default=ProgressCategory.NOT_AVAILABLE.value).astype(object)
    reason = np.where(met_now | met_before, "a yes/no metric: met or not, no growth rate",
                      "a yes/no metric not met yet: no growth rate").astype(object)
    result["category"] = np.where(yes_no, category, result["category"])
    result["reason"] = np.where(yes_no, reason, result["reason"])
    result["value"] = np.where(yes_no, np.nan, result["value"])


def _as_from_numpy(values: pd.Series) -> pd.api.extensions.ExtensionArray | np.ndarray:
    """``values.to_numpy()``, typed as a DataFrame types it, without Python strings where possible.

    Text in pandas' default str dtype comes back as that dtype from an object
    array, so its Arrow array is kept as it is; anything else (object columns,
    all-missing text) goes through NumPy, and the DataFrame infers its type.
    """
    if values.dtype == pd.Series(np.array([""], dtype=object)).dtype and values.notna().any():
        return values.array
    return values.to_numpy()


def progress(metrics: pd.DataFrame) -> pd.DataFrame:
    """Open SDG progress per metric over all its years with a numeric value.

    Target, comparator and deadline come from the latest year with a value.
    Direction: ``>=`` +1, ``<=`` -1, ``=`` towards the target from the base,
    no target +1 (higher is better, stated in the report). Yes/no metrics get
    no growth rate (0/1 values have none): ``target_achieved`` when met now,
    ``deterioration`` when met at the base but not now, else ``not_available``.
    """
    # Rows with a value ordered by (metric_id, year), as a stable sort_values would order them, on
    # integer codes: metric ids numbered in sorted order (a missing id is dropped, as groupby drops it).
    ids, _ = pd.factorize(metrics["metric_id"], sort=True)
    year = metrics["year"].to_numpy()
    rows = np.flatnonzero(metrics["actual_value"].notna().to_numpy() & (ids >= 0))
    if not len(rows):
        return pd.DataFrame(columns=["metric_id", "aim", "metric", "years", "base_year", "base_value",
                                     "current_year", "current_value", "target_value", "target_year", "direction",
                                     "cagr_observed", "cagr_required", "progress_value", "progress", "reason"])
    rows = rows[np.lexsort((year[rows], ids[rows]))]  # np.lexsort is stable: ties keep the table's order
    # A metric's rows are now consecutive: the first is its base year, the last its current year.
    sorted_ids = ids[rows]
    starts = np.flatnonzero(np.r_[True, sorted_ids[1:] != sorted_ids[:-1]])
    ends = np.r_[starts[1:], len(rows)] - 1
    first_rows, last_rows = rows[starts], rows[ends]
    first = {name: _at(metrics[name], first_rows) for name in ("year", "actual_value")}
    last = {name: _at(metrics[name], last_rows) for name in ("metric_id", "aim", "metric", "year", "actual_value",
                                                             "target_value", "target_unit", "comparator",
                                                             "deadline")}
    target = last["target_value"].to_numpy(dtype=float)
    deadline_year = per_value(last["deadline"], _deadline_year)
    target_year = np.where(np.isnan(deadline_year) | (deadline_year <= first["year"].to_numpy()),
                           last["year"].to_numpy(dtype=float), deadline_year)
    comparator = last["comparator"]
    base_value = first["actual_value"].to_numpy(dtype=float)
    direction = np.select([per_value(comparator, lambda values: values.astype(str) == "<="),
                           per_value(comparator, lambda values: values.astype(str) == "=")],
                          [-1.0, np.where(target >= base_value, 1.0, -1.0)], default=1.0)
    result = progress_arrays(base_value, first["year"].to_numpy(), last["actual_value"].to_numpy(dtype=float),
                             last["year"].to_numpy(), target, target_year, direction)
    yes_no = per_value(last["target_unit"], lambda values: values.astype(str).str.casefold().isin(YES_NO_UNITS))
    _yes_no_progress(result, yes_no, base_value, last["actual_value"].to_numpy(dtype=float), target)
    return pd.DataFrame({
        "metric_id": pd.Index(last["metric_id"]),
        "aim": _as_from_numpy(last["aim"]),
        "metric": _as_from_numpy(last["metric"]),
        "years": (ends - starts + 1).astype("int64"),
        "base_year": first["year"].to_numpy(),
        "base_value": base_value,
        "current_year": last["year"].to_numpy(),
        "current_value": last["actual_value"].to_numpy(),
        "target_value": target,
        "target_year": np.where(np.isnan(target), np.nan, target_year),
        "direction": direction.astype(int),
        "cagr_observed": result["cagr_observed"],
        "cagr_required": result["cagr_required"],
        "progress_value": result["value"],
        "progress": result["category"],
        "reason": result["reason"],
    }, copy=False)  # new arrays all: no copy needed
