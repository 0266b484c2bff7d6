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
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

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


def parse_number(text: str) -> float | None:
    """A number from an annotation cell: ``12``, ``12.5``, ``12,5`` or ``-3``; ``None`` when empty.

    Raises ``ValueError`` for anything else.

    Examples
    --------
    >>> parse_number("12,5"), parse_number(""), parse_number("-3")
    (12.5, None, -3.0)
    """
    text = text.strip().replace("\u2212", "-").replace(" ", "")
    if not text:
        return None
    if not _NUMBER.match(text):
        raise ValueError(text)
    value = float(text.replace(",", "."))
    if not math.isfinite(value):
        raise ValueError(text)
    return value


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

    problems: list[str] = []
    rows: list[dict] = []
    seen_ids: dict[str, int] = {}
    line = reader.line_num
    for cells in reader:
        start, line = line + 1, reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(COLUMNS):
            problems.append(f"line {start}: {len(cells)} fields, expected {len(COLUMNS)} (quote cells holding commas)")
            continue
        row = dict(zip(COLUMNS, (c.strip() for c in cells)))
        row["file_line"] = start
        where = f"line {start} ({row['metric_id'] or 'no metric_id'})"
        if not _METRIC_ID.match(row["metric_id"]):
            problems.append(f"{where}: metric_id must be lower-case letters, digits and '_' (got {row['metric_id']!r})")
        elif row["metric_id"] in seen_ids:
            problems.append(f"{where}: metric_id {row['metric_id']!r} is used on line {seen_ids[row['metric_id']]} too")
        else:
            seen_ids[row["metric_id"]] = start
        if not row["aim"]:
            problems.append(f"{where}: aim is empty")
        try:
            row["source_line"] = int(row["source_line"])
            if row["source_line"] < 1:
                raise ValueError
        except ValueError:
            problems.append(f"{where}: source_line must be a line number of the raw report (got {row['source_line']!r})")
            row["source_line"] = 0
        invalid = set()
        for column in ("target_value", "actual_value"):
            try:
                row[column] = parse_number(row[column])
            except ValueError:
                problems.append(f"{where}: {column} {row[column]!r} is not a number; write digits, e.g. 12 or 12.5")
                row[column] = None
                invalid.add(column)
        if row["comparator"] not in (*COMPARATORS, ""):
            problems.append(f"{where}: comparator must be one of >=, <=, = or empty (got {row['comparator']!r})")
        if row["target_value"] is not None and not row["comparator"]:
            problems.append(f"{where}: a target_value needs a comparator (>=, <= or =)")
        if row["comparator"] and row["target_value"] is None and "target_value" not in invalid:
            problems.append(f"{where}: comparator {row['comparator']!r} is given but target_value is empty")
        if row["deadline"] and not _DEADLINE.match(row["deadline"]):
            problems.append(f"{where}: deadline must be YYYY or YYYY-MM (got {row['deadline']!r})")
        if row["status"] not in (*STATUSES, ""):
            problems.append(f"{where}: status must be empty or one of {', '.join(STATUSES)} (got {row['status']!r})")
        if row["target_value"] is not None and not row["evidence_target"]:
            problems.append(f"{where}: target_value needs evidence_target, a quote of the metric cell")
        if row["actual_value"] is not None and not row["evidence_actual"]:
            problems.append(f"{where}: actual_value needs evidence_actual, a quote of the realisation cell")
        if row["target_unit"].casefold() in YES_NO_UNITS:
            for column in ("target_value", "actual_value"):
                if row[column] not in (None, 0.0, 1.0):
                    problems.append(f"{where}: a {row['target_unit']} value must be 1 (yes) or 0 (no), "
                                    f"{column} is {row[column]:g}")
        rows.append(row)
    if problems:
        raise AnnotationError(
            f"{len(problems)} problem(s) in the annotation file.",
            path=path,
            problems=problems,
            hint="fix the listed lines; the README describes each column.",
        )
    table = pd.DataFrame(rows, columns=[*COLUMNS, "file_line"])
    table = table.astype({"source_line": "int64", "file_line": "int64",
                          "target_value": "float64", "actual_value": "float64"})
    for column in COLUMNS:
        if column not in ("source_line", "target_value", "actual_value"):
            table[column] = table[column].astype("str")
    from .schemas import validate_annotations

    table = validate_annotations(table, path)
    return Annotations(path=path, sha256=hashlib.sha256(data).hexdigest(), table=table)


def check_against_report(annotations: Annotations, report: Report) -> Annotations:
    """Check that every annotation row traces to its report, and that every goal row is covered.

    - ``source_line`` is a goal row of the report and ``aim`` is that row's aim;
    - ``evidence_target`` is found in that row's metric cell and
      ``evidence_actual`` in its realisation cell, after collapsing whitespace;
    - every goal row of the report has at least one annotation row.

    Raises :class:`AnnotationError` listing every problem.
    """
    goals = report.goals.set_index("source_line")
    problems: list[str] = []
    warnings = list(annotations.warnings)
    for row in annotations.table.itertuples(index=False):
        where = f"line {row.file_line} ({row.metric_id})"
        if row.source_line not in goals.index:
            lines = ", ".join(str(n) for n in goals.index)
            problems.append(f"{where}: source_line {row.source_line} is not a goal row of "
                            f"{report.path.name} (goal rows are on lines {lines})")
            continue
        goal = goals.loc[row.source_line]
        if collapse_whitespace(row.aim).casefold() != goal["aim"].casefold():
            problems.append(f"{where}: aim {row.aim!r} differs from the report's {goal['aim']!r} "
                            f"on line {row.source_line}")
        for column, cell in (("evidence_target", "metric"), ("evidence_actual", "realisation")):
            quote = collapse_whitespace(getattr(row, column))
            if quote and quote not in collapse_whitespace(goal[cell]):
                problems.append(f"{where}: {column} {quote!r} is not found in the {cell} cell of line "
                                f"{row.source_line}; quote the source as written, typos included")
        if row.target_value == 0 and row.comparator in (">=", "<="):
            warnings.append(f"{where}: target_value is 0; the ratio is 1 when met and 0 when not")
        if (row.target_value < 0) or (row.actual_value < 0):
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
    >>> report = load_report("data/raw/000_09050fdfe5e94683.txt")  # doctest: +SKIP
    >>> load_annotations("data/annotations/2022.csv", report).table.shape  # doctest: +SKIP
    (27, 14)
    """
    return check_against_report(read_annotations(path), report)
