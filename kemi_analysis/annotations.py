"""Reading and checking the analysts' annotation files.

``data/annotations/<year>.csv`` records, for every metric of a year's report,
the target, the actual value and the quotes of the source text they come from.
It is a data contract that people edit by hand, so reading it checks
everything at once and reports every problem with its line in the file.
"""

from __future__ import annotations

import csv
import io
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import AnnotationError
from .parser import Report, collapse_whitespace
from .schemas import COMPARATORS, STATUSES

logger = logging.getLogger(__name__)

#: The contract's columns, in order.
COLUMNS = (
    "metric_id",
    "aim",
    "source_line",
    "metric",
    "target_value",
    "target_unit",
    "comparator",
    "deadline",
    "actual_value",
    "status",
    "evidence_target",
    "evidence_actual",
    "note",
)
#: Units that mark a yes/no target: the value is 1 (yes) or 0 (no).
YES_NO_UNITS = ("kyllä/ei", "yes/no")

_METRIC_ID = re.compile(r"^[a-z0-9][a-z0-9_]*$")
_DEADLINE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2]))?$")
# Cells whose surrounding spaces matter to the checks; quotes are compared after collapsing whitespace.
_STRIPPED = ("metric_id", "aim", "source_line", "target_value", "target_unit", "comparator", "deadline",
             "actual_value", "status", "evidence_target", "evidence_actual")
_LINE_NUMBER = re.compile(r"^\d+$")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


@dataclass
class Annotations:
    """An annotation file read and checked against its raw report.

    ``table`` has the contract's columns, with ``target_value`` and
    ``actual_value`` as floats (NaN where empty), ``source_line`` as int, and
    ``file_line``: the row's line in the CSV file.
    """

    path: Path
    sha256: str
    table: pd.DataFrame
    warnings: list[str] = field(default_factory=list)


def read_annotations(path: str | Path) -> Annotations:
    """Read an annotation CSV and check each cell's form (not yet against the report).

    Every problem in the file is collected, and one :class:`AnnotationError`
    lists them all with their line numbers.
    """
    import hashlib

    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise AnnotationError(f"cannot read the annotation file: {exc.strerror}.", path=path,
                              hint="annotation files live in data/annotations/<year>.csv.") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise AnnotationError("the annotation file is not UTF-8.", path=path, line=line,
                              hint="save it as UTF-8 (in Excel: 'CSV UTF-8').") from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise AnnotationError("the annotation file is empty.", path=path, line=1,
                              hint=f"the first line must name the columns: {','.join(COLUMNS)}") from None
    header = [h.strip() for h in header]
    if tuple(header) != COLUMNS:
        missing = [c for c in COLUMNS if c not in header]
        extra = [c for c in header if c not in COLUMNS]
        detail = []
        if missing:
            detail.append(f"missing: {', '.join(missing)}")
        if extra:
            detail.append(f"unknown: {', '.join(extra)}")
        if not detail:
            detail.append("the columns are in another order")
        raise AnnotationError(
            f"the header does not match the contract ({'; '.join(detail)}).",
            path=path,
            line=1,
            hint=f"the first line must be exactly: {','.join(COLUMNS)}",
        )

    raw = _read_fast(text)
    problems: list[tuple[int, str]] = []
    if raw is None:
        raw, problems = _read_line_by_line(reader)
    table, found = _check_cells(raw)
    problems += found
    if problems:
        problems.sort(key=lambda item: item[0])
        raise AnnotationError(
            f"{len(problems)} problem(s) in the annotation file.",
            path=path,
            problems=[message for _, message in problems],
            hint="fix the listed lines; the README describes each column.",
        )
    from .schemas import validate_annotations

    text_columns = [c for c in COLUMNS if c not in ("source_line", "target_value", "actual_value")]
    table = table.astype({c: "str" for c in text_columns})
    table = validate_annotations(table, path)
    return Annotations(path=path, sha256=hashlib.sha256(data).hexdigest(), table=table)


def _read_fast(text: str) -> pd.DataFrame | None:
    """Read a well-formed file with pandas' C parser; None when the slower reader must say what is wrong.

    Row ``i`` is on file line ``i + 2`` when no cell spans lines and every
    row has all the columns; otherwise the line-by-line reader is used.
    """
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=object, keep_default_na=False, na_filter=False,
                            skip_blank_lines=False, engine="c")
    except (pd.errors.ParserError, ValueError):
        return None
    if frame.isna().to_numpy().any() or list(frame.columns) != [*COLUMNS]:
        return None
    physical_lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if physical_lines != len(frame) + 1:
        return None  # a quoted cell holds a line break: line numbers need the csv module
    frame["file_line"] = np.arange(2, len(frame) + 2, dtype="int64")
    for column in _STRIPPED:
        frame[column] = [c.strip() for c in frame[column].to_numpy(dtype=object)]
    maybe_blank = (frame["metric_id"] == "").to_numpy()
    if maybe_blank.any():  # a row of empty cells is skipped, as the line-by-line reader does
        rows = frame.loc[maybe_blank, list(COLUMNS)].to_numpy(dtype=object)
        blank = np.zeros(len(frame), dtype=bool)
        blank[np.flatnonzero(maybe_blank)] = [not any(c.strip() for c in row) for row in rows]
        frame = frame[~blank].reset_index(drop=True)
    return frame


def _read_line_by_line(reader) -> tuple[pd.DataFrame, list[tuple[int, str]]]:
    """Read rows with the csv module, recording the line each starts on and rows of the wrong width."""
    problems: list[tuple[int, str]] = []
    records: list[list[str]] = []
    file_lines: list[int] = []
    line = reader.line_num
    for cells in reader:
        start, line = line + 1, reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(COLUMNS):
            problems.append((start, f"line {start}: {len(cells)} fields, expected {len(COLUMNS)} "
                                    "(quote cells holding commas)"))
            continue
        records.append(cells)
        file_lines.append(start)
    raw = pd.DataFrame([[c.strip() for c in cells] for cells in records], columns=list(COLUMNS), dtype=object)
    raw["file_line"] = np.array(file_lines, dtype="int64")
    return raw, problems


def _numbers(cells: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Parse number cells: the values (NaN where empty or invalid) and a mask of invalid cells.

    A number is written ``12``, ``12.5``, ``12,5`` or ``-3`` (a minus sign and
    spaces are allowed); pandas parses, and the regex first refuses what
    pandas would accept but the contract does not (1e3, inf).

    Examples
    --------
    >>> values, invalid = _numbers(np.array(["12,5", "", "-3", "1e3"], dtype=object))
    >>> values.tolist()[::2], invalid.tolist()
    ([12.5, -3.0], [False, False, False, True])
    """
    text = np.array([c.replace("\u2212", "-").replace(" ", "") for c in cells], dtype=object)
    empty = text == ""
    written = np.fromiter((c == "" or _NUMBER.match(c) is not None for c in text), dtype=bool, count=len(text))
    dotted = pd.Series(text, dtype=object).where(written & ~empty).str.replace(",", ".", regex=False)
    values = pd.to_numeric(dotted, errors="coerce").to_numpy(dtype=float)
    return values, ~written


def _check_cells(raw: pd.DataFrame) -> tuple[pd.DataFrame, list[tuple[int, str]]]:
    """Check every cell's form at once; return the typed table and ``(line, message)`` problems.

    Works on plain object arrays: per-element checks on pandas' python-backed
    string arrays cost several times more at a million rows.
    """
    problems: list[tuple[int, str]] = []
    column = {c: raw[c].to_numpy(dtype=object) for c in COLUMNS}
    file_line = raw["file_line"].to_numpy()

    def report(mask: np.ndarray, message) -> None:
        for index in np.flatnonzero(mask):
            metric_id = column["metric_id"][index] or "no metric_id"
            cells = {c: column[c][index] for c in COLUMNS}
            problems.append((int(file_line[index]),
                             f"line {file_line[index]} ({metric_id}): {message(index, cells)}"))

    def matches(pattern: re.Pattern, cells: np.ndarray) -> np.ndarray:
        return np.fromiter((pattern.match(c) is not None for c in cells), dtype=bool, count=len(cells))

    ids = column["metric_id"]
    bad_id = ~matches(_METRIC_ID, ids)
    report(bad_id, lambda i, r: f"metric_id must be lower-case letters, digits and '_' (got {r['metric_id']!r})")
    first_seen: dict[str, int] = {}
    duplicate = np.zeros(len(ids), dtype=bool)
    for index, metric_id in enumerate(ids):
        if metric_id in first_seen and not bad_id[index]:
            duplicate[index] = True
        else:
            first_seen.setdefault(metric_id, int(file_line[index]))
    report(duplicate, lambda i, r: f"metric_id {r['metric_id']!r} is used on line {first_seen[r['metric_id']]} too")
    report(column["aim"] == "", lambda i, r: "aim is empty")
    line_text = column["source_line"]
    good_line = matches(_LINE_NUMBER, line_text)
    source_line = np.array([int(t) if ok else 0 for t, ok in zip(line_text, good_line)], dtype="int64")
    report(~good_line | (source_line < 1),
           lambda i, r: f"source_line must be a line number of the raw report (got {r['source_line']!r})")
    target, bad_target = _numbers(column["target_value"])
    actual, bad_actual = _numbers(column["actual_value"])
    report(bad_target, lambda i, r: f"target_value {r['target_value']!r} is not a number; write digits, e.g. 12 or 12.5")
    report(bad_actual, lambda i, r: f"actual_value {r['actual_value']!r} is not a number; write digits, e.g. 12 or 12.5")
    comparator = column["comparator"]
    report(~np.isin(comparator, (*COMPARATORS, "")),
           lambda i, r: f"comparator must be one of >=, <=, = or empty (got {r['comparator']!r})")
    has_target = ~np.isnan(target)
    report(has_target & (comparator == ""), lambda i, r: "a target_value needs a comparator (>=, <= or =)")
    report((comparator != "") & ~has_target & ~bad_target,
           lambda i, r: f"comparator {r['comparator']!r} is given but target_value is empty")
    deadline = column["deadline"]
    report((deadline != "") & ~matches(_DEADLINE, deadline),
           lambda i, r: f"deadline must be YYYY or YYYY-MM (got {r['deadline']!r})")
    report(~np.isin(column["status"], (*STATUSES, "")),
           lambda i, r: f"status must be empty or one of {', '.join(STATUSES)} (got {r['status']!r})")
    report(has_target & (column["evidence_target"] == ""),
           lambda i, r: "target_value needs evidence_target, a quote of the metric cell")
    report(~np.isnan(actual) & (column["evidence_actual"] == ""),
           lambda i, r: "actual_value needs evidence_actual, a quote of the realisation cell")
    yes_no = np.isin(np.array([u.casefold() for u in column["target_unit"]], dtype=object), YES_NO_UNITS)
    for name, values in (("target_value", target), ("actual_value", actual)):
        report(yes_no & ~np.isnan(values) & ~np.isin(values, (0.0, 1.0)),
               lambda i, r, name=name, values=values: f"a {r['target_unit']} value must be 1 (yes) or 0 (no), "
                                                      f"{name} is {values[i]:g}")
    table = raw.assign(source_line=source_line, target_value=target, actual_value=actual)
    return table, problems


def check_against_report(annotations: Annotations, report: Report) -> Annotations:
    """Check that every annotation row traces to its report, and that every goal row is covered.

    - ``source_line`` is a goal row of the report and ``aim`` is that row's aim;
    - ``evidence_target`` is found in that row's metric cell and
      ``evidence_actual`` in its realisation cell, after collapsing whitespace;
    - every goal row of the report has at least one annotation row.

    Raises :class:`AnnotationError` listing every problem.
    """
    report_columns = [report.goals[c].to_numpy().tolist() for c in ("source_line", "aim", "metric", "realisation")]
    goals = {line: (aim, collapse_whitespace(metric), collapse_whitespace(realisation))
             for line, aim, metric, realisation in zip(*report_columns)}
    lines = ", ".join(str(n) for n in goals)
    problems: list[str] = []
    warnings = list(annotations.warnings)
    table = annotations.table
    columns = ["metric_id", "file_line", "source_line", "aim", "evidence_target", "evidence_actual",
               "target_value", "actual_value", "comparator"]
    for metric_id, file_line, source_line, aim, quote_target, quote_actual, target, actual, comparator in zip(
            *(table[c].to_numpy().tolist() for c in columns)):
        where = f"line {file_line} ({metric_id})"
        goal = goals.get(source_line)
        if goal is None:
            problems.append(f"{where}: source_line {source_line} is not a goal row of "
                            f"{report.path.name} (goal rows are on lines {lines})")
            continue
        goal_aim, metric_cell, realisation_cell = goal
        if aim != goal_aim and collapse_whitespace(aim).casefold() != goal_aim.casefold():
            problems.append(f"{where}: aim {aim!r} differs from the report's {goal_aim!r} on line {source_line}")
        for column, quote, cell_name, cell in (("evidence_target", quote_target, "metric", metric_cell),
                                               ("evidence_actual", quote_actual, "realisation", realisation_cell)):
            if quote and quote not in cell:
                quote = collapse_whitespace(quote)
                if quote not in cell:
                    problems.append(f"{where}: {column} {quote!r} is not found in the {cell_name} cell of line "
                                    f"{source_line}; quote the source as written, typos included")
        if target == 0 and comparator in (">=", "<="):
            warnings.append(f"{where}: target_value is 0; the ratio is 1 when met and 0 when not")
        if target < 0 or actual < 0:
            warnings.append(f"{where}: a negative value; the ratio is 1 when met and 0 when not")
    covered = set(annotations.table["source_line"])
    for goal in report.goals.itertuples(index=False):
        if goal.source_line not in covered:
            problems.append(f"goal row on line {goal.source_line} of {report.path.name} ({goal.aim}) has no "
                            "annotation row; add one, with status no_data or not_reported if it has no metric")
    if problems:
        raise AnnotationError(
            f"{len(problems)} problem(s) checking the annotations against {report.path}.",
            path=annotations.path,
            problems=problems,
            hint="each annotation row must quote its own goal row of the raw report.",
        )
    for message in warnings[len(annotations.warnings):]:
        logger.warning("%s: %s", annotations.path, message)
    annotations.warnings = warnings
    return annotations


def load_annotations(path: str | Path, report: Report) -> Annotations:
    """Read an annotation file and check it against its raw report.

    Examples
    --------
    >>> from kemi_analysis import load_report
    >>> report = load_report("data/raw/000_09050fdfe5e94683.txt")
    >>> load_annotations("data/annotations/2022.csv", report).table.shape
    (27, 14)
    """
    return check_against_report(read_annotations(path), report)
