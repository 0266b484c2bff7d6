"""The review sheet: every annotation row of a year beside the source text it quotes, flags first.

An analyst checks a draft (or a curated file after an edit) row by row. The
sheet shows, per row, the goal row's metric and realisation cells with the
quoted evidence highlighted, the values read, the ratio and status they give,
the same metric's previous year, and flags that say where to look first:

- the actual value changed a lot since the previous year (:data:`CHANGE_FACTOR`);
- an achievement ratio over :data:`RATIO_ALERT` (300 %);
- the unit or the comparator differs from the previous year's;
- a draft row whose confidence is below high;
- a ``metric_id`` that differs from what the matcher proposes for its text;
- a previous metric absent this year;
- a number in a realisation cell that no row of that goal row uses.

The sheet is one offline HTML file (English, as the tool's messages; source
texts as written), rendered by a Jinja template with autoescape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..compute.pipeline import DataFolder, YearData, discover, load_year
from ..errors import DataError
from ..files import atomic_path
from ..read.parser import collapse_whitespace
from ..schemas import YES_NO_UNITS
from .matching import propose_matches

#: An actual value at least this many times (or at most 1/this of) the previous one is flagged.
CHANGE_FACTOR = 2.0
#: Achievement ratios above this are flagged (a wrong unit or a misread number, most often).
RATIO_ALERT = 3.0
TEMPLATES = Path(__file__).resolve().parent / "templates"

_CONFIDENCE = re.compile(r"^\s*DRAFT,\s*confidence\s+(?P<level>high|medium|low)\b", re.IGNORECASE)
_NUMBER = re.compile(r"(?<![\w/.,:-])(\d{1,3}(?: \d{3})+|\d+)(?:[,.](\d+))?(?![\w/]|[.,]\d|-\d)")
_YEAR = re.compile(r"^(?:19|20)\d{2}$")


@dataclass
class Segment:
    """A piece of a source cell; ``quoted`` when the row's evidence quotes it."""

    text: str
    quoted: bool = False


@dataclass
class Entry:
    """One annotation row (or one previous metric absent this year) as the sheet shows it."""

    metric_id: str
    metric: str
    aim: str
    source_line: int
    file_line: int
    values: list[tuple[str, str]]
    metric_cell: list[Segment]
    realisation_cell: list[Segment]
    previous: list[tuple[str, str]]
    note: str
    draft: bool
    flags: list[str] = field(default_factory=list)


@dataclass
class ReviewSheet:
    """A year's review: its entries, flagged first, and where they come from."""

    year: int
    annotations: Path
    raw: Path
    previous_year: int | None
    entries: list[Entry]

    @property
    def flagged(self) -> int:
        return sum(1 for entry in self.entries if entry.flags)

    @property
    def drafts(self) -> int:
        return sum(1 for entry in self.entries if entry.draft)


# --------------------------------------------------------------------------
# Building the sheet


def build_review(data_dir: str | Path | DataFolder, year: int, annotations: str | Path | None = None) -> ReviewSheet:
    """The review sheet of ``year``'s annotation file (or of ``annotations``, a draft elsewhere).

    The file must pass every check of the contract (``kemi-analysis check``);
    draft rows are expected. The previous annotated year, when there is one,
    gives the comparison and the matcher's proposals.

    Examples
    --------
    >>> sheet = build_review("data", 2022)
    >>> len(sheet.entries), sheet.previous_year
    (27, None)
    """
    folder = discover(data_dir)
    current = _load(folder, year, annotations)
    earlier = [y for y in folder.annotated if y < year]
    previous = load_year(folder, max(earlier), allow_draft=True) if earlier else None
    metrics = current.metrics.reset_index(drop=True)
    flags = _flags(metrics, current, previous)
    entries = [_entry(row, current, previous, flags.get(index, [])) for index, row in metrics.iterrows()]
    entries += _absent(metrics, previous)
    entries.sort(key=lambda e: (not e.flags, e.file_line if e.file_line else 10**9, e.metric_id))
    return ReviewSheet(year=year, annotations=current.annotations.path, raw=current.report.path,
                       previous_year=previous.year if previous else None, entries=entries)


def _load(folder: DataFolder, year: int, annotations: str | Path | None) -> YearData:
    """The year with the annotation file given, else its own (``<year>.csv``, else ``<year>.draft.csv``)."""
    if annotations is None:
        if folder.files(year).annotations is not None:
            return load_year(folder, year, allow_draft=True)
        annotations = folder.path / "annotations" / f"{year}.draft.csv"
        if not annotations.is_file():
            raise DataError(f"no annotation file for {year}: neither {year}.csv nor {year}.draft.csv.",
                            path=annotations.parent, hint=f"draft one with 'kemi-analysis draft "
                                                          f"{folder.files(year).raw}'.")
    from ..compute.achievement import build_metrics
    from ..read.annotations import load_annotations
    from ..read.parser import load_report

    report = load_report(folder.files(year).raw, year=year)
    loaded = load_annotations(annotations, report)
    return YearData(year=year, report=report, annotations=loaded, metrics=build_metrics(report, loaded))


def _number(value: float, unit: str = "") -> str:
    if pd.isna(value):
        return "–"
    if unit.casefold() in YES_NO_UNITS:
        return "yes" if value == 1 else "no"
    text = f"{value:,.2f}".rstrip("0").rstrip(".").replace(",", " ")
    return f"{text} {unit}".strip()


def _values(row: pd.Series) -> list[tuple[str, str]]:
    target = _number(row["target_value"], row["target_unit"])
    if row["comparator"] and not pd.isna(row["target_value"]):
        target = f"{row['comparator']} {target}"
    status = row["status"] + (" (set by the analyst; computed: " + row["status_computed"] + ")"
                              if row["status_overridden"] else "")
    ratio = "–" if pd.isna(row["achievement_ratio"]) else f"{row['achievement_ratio'] * 100:.0f} %"
    return [("Target", target), ("Deadline", row["deadline"] or "–"),
            ("Actual", _number(row["actual_value"], row["target_unit"])), ("Ratio", ratio), ("Status", status)]


def _highlight(cell: str, quote: str) -> list[Segment]:
    """The cell (whitespace collapsed, as the check compares it) split around the quote."""
    cell, quote = collapse_whitespace(cell), collapse_whitespace(quote)
    start = cell.find(quote) if quote else -1
    if start < 0:
        return [Segment(cell)]
    parts = [Segment(cell[:start]), Segment(quote, quoted=True), Segment(cell[start + len(quote):])]
    return [part for part in parts if part.text]


def _entry(row: pd.Series, current: YearData, previous: YearData | None, flags: list[str]) -> Entry:
    goal = current.report.goals.set_index("source_line").loc[row["source_line"]]
    return Entry(
        metric_id=row["metric_id"], metric=row["metric"], aim=row["aim"], source_line=int(row["source_line"]),
        file_line=int(row["file_line"]), values=_values(row),
        metric_cell=_highlight(goal["metric"], row["evidence_target"]),
        realisation_cell=_highlight(goal["realisation"], row["evidence_actual"]),
        previous=_previous(row["metric_id"], previous), note=row["note"], draft=bool(row["draft"]), flags=flags)


def _previous(metric_id: str, previous: YearData | None) -> list[tuple[str, str]]:
    if previous is None:
        return []
    match = previous.metrics[previous.metrics["metric_id"] == metric_id]
    if match.empty:
        return [("Previous year", f"{previous.year}: no metric {metric_id!r}")]
    row = match.iloc[0]
    return [("Year", str(previous.year)), ("Metric", row["metric"]), *_values(row)[:4],
            ("Status", row["status"]), ("Quoted result", row["evidence_actual"] or "–")]


def _absent(metrics: pd.DataFrame, previous: YearData | None) -> list[Entry]:
    """Entries for the previous year's metrics that this year's file has no row for."""
    if previous is None:
        return []
    gone = previous.metrics[~previous.metrics["metric_id"].isin(metrics["metric_id"])]
    return [Entry(metric_id=row["metric_id"], metric=row["metric"], aim=row["aim"], source_line=0, file_line=0,
                  values=[], metric_cell=[], realisation_cell=[], previous=_previous(row["metric_id"], previous),
                  note="", draft=False,
                  flags=[f"the {previous.year} metric {row['metric_id']!r} has no row this year: add one (status "
                         "not_reported if the report is silent on it), or note that it was dropped"])
            for _, row in gone.iterrows()]


# --------------------------------------------------------------------------
# Flags


def _flags(metrics: pd.DataFrame, current: YearData, previous: YearData | None) -> dict[int, list[str]]:
    """Row index -> what deserves a look, in the order the module lists the checks."""
    flags: dict[int, list[str]] = {}

    def add(index: int, message: str) -> None:
        flags.setdefault(index, []).append(message)

    if previous is not None:
        _compare_with_previous(metrics, previous, add)
    for index, ratio in metrics["achievement_ratio"].items():
        if ratio > RATIO_ALERT:
            add(index, f"achievement ratio {ratio * 100:.0f} % is over {RATIO_ALERT * 100:.0f} %: check the "
                       "target, the value and their units")
    for index, note in metrics["note"].items():
        level = _CONFIDENCE.match(note)
        if level and level["level"].lower() != "high":
            add(index, f"drafted with {level['level'].lower()} confidence: read the note and the source")
    if previous is not None:
        _compare_with_matcher(metrics, current, previous, add)
    _unused_numbers(metrics, current, add)
    return flags


def _compare_with_previous(metrics: pd.DataFrame, previous: YearData, add) -> None:
    before = previous.metrics.drop_duplicates("metric_id").set_index("metric_id")
    for index, row in metrics.iterrows():
        if row["metric_id"] not in before.index:
            continue
        old = before.loc[row["metric_id"]]
        now, then = row["actual_value"], old["actual_value"]
        if not pd.isna(now) and not pd.isna(then) and _changed_a_lot(then, now):
            add(index, f"the actual value changed from {_number(then)} ({previous.year}) to {_number(now)}")
        for column, name in (("target_unit", "unit"), ("comparator", "comparator")):
            if row[column] != old[column]:
                add(index, f"the {name} differs from {previous.year}'s: {old[column] or '(none)'!r} then, "
                           f"{row[column] or '(none)'!r} now")


def _changed_a_lot(then: float, now: float) -> bool:
    if then == 0 or now == 0:
        return then != now
    factor = now / then
    return factor >= CHANGE_FACTOR or factor <= 1 / CHANGE_FACTOR or factor < 0


def _compare_with_matcher(metrics: pd.DataFrame, current: YearData, previous: YearData, add) -> None:
    proposals = propose_matches(current.report, previous.annotations.table)
    proposed = proposals[proposals["decision"] == "match"]
    lines_of = {metric_id: sorted(set(group["source_line"])) for metric_id, group in proposed.groupby("metric_id")}
    used = set(metrics["metric_id"])
    previous_ids = set(previous.metrics["metric_id"])
    for index, row in metrics.iterrows():
        metric_id, line = row["metric_id"], row["source_line"]
        if metric_id in previous_ids:
            elsewhere = [n for n in lines_of.get(metric_id, []) if n != line]
            if elsewhere and line not in lines_of.get(metric_id, []):
                add(index, f"the matcher proposes {metric_id!r} for line {elsewhere[0]}, not line {line}")
            continue
        unused = sorted(set(proposed.loc[proposed["source_line"] == line, "metric_id"]) - used)
        if unused:
            add(index, f"the matcher proposes the {previous.year} metric {unused[0]!r} for this line: is "
                       f"{metric_id!r} the same metric under a new id?")


def _numbers(text: str) -> set[float]:
    found = set()
    for match in _NUMBER.finditer(text):
        whole = match.group(1).replace(" ", "")
        if _YEAR.match(whole) and not match.group(2):
            continue
        found.add(float(f"{whole}.{match.group(2)}" if match.group(2) else whole))
    return found


def _unused_numbers(metrics: pd.DataFrame, current: YearData, add) -> None:
    """Flag, on the first row of each goal row, the realisation's numbers that no row of it uses."""
    goals = current.report.goals.set_index("source_line")
    for line, rows in metrics.groupby("source_line", sort=False):
        used = set(rows["actual_value"].dropna()) | set(rows["target_value"].dropna())
        unused = sorted(_numbers(goals.loc[line, "realisation"]) - used)
        if unused:
            shown = ", ".join(_number(n) for n in unused)
            add(int(rows.index[0]), f"the realisation of line {line} mentions {shown}, which no row of it uses")


# --------------------------------------------------------------------------
# HTML


@cache
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined, trim_blocks=True,
                       lstrip_blocks=True, autoescape=select_autoescape(["html", "html.j2"], default_for_string=True))


def render_review(sheet: ReviewSheet) -> str:
    """The review sheet as one self-contained HTML page."""
    return _environment().get_template("review.html.j2").render(sheet=sheet)


def write_review(sheet: ReviewSheet, path: str | Path) -> Path:
    """Write the review sheet atomically; return its path."""
    path = Path(path)
    with atomic_path(path) as tmp:
        tmp.write_text(render_review(sheet), encoding="utf-8")
    return path
