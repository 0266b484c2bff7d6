"""Reading and checking the analysts' annotation files.

``data/annotations/<year>.csv`` records, for every metric of a year's report,
the target, the actual value and the quotes of the source text they come from.
It is a data contract that people edit by hand, so reading it checks every
rule at once (the contract's own, :class:`kemi_analysis.schemas.AnnotationFile`,
and the quotes against the report) and reports every problem with its line.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import logging
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from ..errors import AnnotationError
from ..files import EXCEL_CELL_LIMIT, read_input
from ..schemas import ANNOTATION_COLUMNS, OPTIONAL_ANNOTATION_COLUMNS, annotation_problems
from .arrow import TEXT, arrow, by_distinct, collapse, mask, strip, text_array
from .parser import Report, collapse_whitespace

logger = logging.getLogger(__name__)

_NUMBER_COLUMNS = ("target_value", "actual_value")
# Cells whose surrounding spaces are not part of the value; quotes and notes keep theirs.
_STRIPPED = ("metric_id", "aim", "source_line", "target_value", "target_unit", "comparator", "deadline",
             "actual_value", "status", "evidence_target", "evidence_actual")
_HINT = "fix the listed lines; the README describes each column."


@dataclass
class Annotations:
    """An annotation file read and checked.

    ``table`` has the contract's columns, with ``target_value`` and
    ``actual_value`` as floats (NaN where empty), ``source_line`` as int, and
    ``file_line``: the row's line in the CSV file.
    """

    path: Path
    sha256: str
    table: pd.DataFrame
    warnings: list[str] = field(default_factory=list)


def read_annotations(path: str | Path) -> Annotations:
    """Read an annotation file and check every rule of the contract that needs no report.

    Raises :class:`AnnotationError` listing every problem with its line.

    Examples
    --------
    >>> read_annotations("data/annotations/2022.csv").table.shape
    (27, 16)
    """
    path = Path(path)
    data = _read_bytes(path)
    cells, problems, warnings = _read_cells(data, path)
    problems += annotation_problems(cells)
    _raise_if(problems, path, f"{len(problems)} problem(s) in the annotation file.")
    for message in warnings:
        logger.warning("%s: %s", path, message)
    return Annotations(path=path, sha256=hashlib.sha256(data).hexdigest(), table=_typed(cells), warnings=warnings)


def load_annotations(path: str | Path, report: Report, *, name: str | Path | None = None) -> Annotations:
    """Read an annotation file and check it against its raw report, every rule in one pass.

    ``name`` is the path its warnings and problems name, when it differs from
    ``path``: a file checked before it is moved into place goes by its final name.

    Besides the contract's rules: ``source_line`` must be a goal row of the
    report and ``aim`` that row's aim; ``evidence_target`` must be found in
    that row's metric cell and ``evidence_actual`` in its realisation cell
    (after collapsing whitespace); every goal row needs an annotation row.

    Examples
    --------
    >>> from kemi_analysis.read.parser import load_report
    >>> report = load_report("data/raw/000_09050fdfe5e94683.txt")
    >>> load_annotations("data/annotations/2022.csv", report).table.shape
    (27, 16)
    """
    path = Path(path)
    shown = Path(name) if name is not None else path
    data = _read_bytes(path)
    cells, problems, warnings = _read_cells(data, shown)
    problems += annotation_problems(cells)
    table = _typed(cells)
    found, more = _check_against_report(table, report)
    warnings += more
    problems += found
    _raise_if(problems, shown, f"{len(problems)} problem(s) in the annotation file, checked against {report.path}.")
    for message in warnings:
        logger.warning("%s: %s", shown, message)
    return Annotations(path=path, sha256=hashlib.sha256(data).hexdigest(), table=table, warnings=warnings)


def _raise_if(problems: list[tuple[int, str]], path: Path, message: str) -> None:
    if problems:
        raise AnnotationError(message, path=path, problems=[text for _, text in sorted(problems)], hint=_HINT)


# --------------------------------------------------------------------------
# The file's cells


def _read_bytes(path: Path) -> bytes:
    return read_input(path, AnnotationError, "annotation file",
                      "annotation files live in data/annotations/<year>.csv.")


def _decode(data: bytes, path: Path) -> tuple[str, list[str]]:
    """UTF-8 (with or without the BOM Excel writes), else Windows-1252 with a warning."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            line = data[: exc.start].count(b"\n") + 1
            raise AnnotationError("the annotation file is not UTF-8, nor Windows-1252.", path=path, line=line,
                                  hint="save it as UTF-8 (in Excel: 'CSV UTF-8').") from exc
        return text, ["the file is not UTF-8; it was read as Windows-1252 (as Excel's 'CSV (luetteloerotin)' "
                      "saves it). Save it as 'CSV UTF-8' next time."]


def _delimiter(text: str) -> tuple[str, list[str]]:
    """The separator: a comma, or the semicolon Finnish Excel writes (read with a warning)."""
    header = text.split("\n", 1)[0]
    if header.count(";") > header.count(","):
        return ";", ["the file is semicolon-separated (as Finnish Excel saves CSV); it was read as such."]
    return ",", []


def _check_header(header: list[str], path: Path) -> list[str]:
    """The file's columns: the contract's, in order, then any of the optional ones."""
    header = [h.strip() for h in header]
    required, optional = tuple(header[:len(ANNOTATION_COLUMNS)]), header[len(ANNOTATION_COLUMNS):]
    if required == ANNOTATION_COLUMNS and set(optional) <= set(OPTIONAL_ANNOTATION_COLUMNS) and \
            len(set(optional)) == len(optional):
        return header
    missing = [c for c in ANNOTATION_COLUMNS if c not in header]
    extra = [c for c in header if c not in (*ANNOTATION_COLUMNS, *OPTIONAL_ANNOTATION_COLUMNS)]
    detail = [f"missing: {', '.join(missing)}"] if missing else []
    detail += [f"unknown: {_listed(extra)}"] if extra else []
    raise AnnotationError(
        f"the header does not match the contract ({'; '.join(detail) or 'the columns are in another order'}).",
        path=path,
        line=1,
        hint=f"the first line must be exactly: {','.join(ANNOTATION_COLUMNS)} (optionally followed by "
             f"{' and '.join(OPTIONAL_ANNOTATION_COLUMNS)})",
    )


def _listed(names: list[str], most: int = 10) -> str:
    """Column names as the message shows them: quoted (a control character stays visible), cut, at most ``most``."""
    shown = ", ".join(repr(name[:40] + ("…" if len(name) > 40 else "")) for name in names[:most])
    return shown + (f" and {len(names) - most:,} more" if len(names) > most else "")


def _read_cells(data: bytes, path: Path) -> tuple[pd.DataFrame, list[tuple[int, str]], list[str]]:
    """The file's cells as stripped text with ``file_line``, rows that do not have every column, and
    warnings about how the file was read (its encoding, its separator)."""
    text, warnings = _decode(data, path)
    utf8 = data.removeprefix(codecs.BOM_UTF8) if not warnings else text.encode("utf-8")  # for Arrow's reader
    sep, more = _delimiter(text)
    warnings += more
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    try:
        header = _check_header(next(_rows(reader, path)), path)
    except StopIteration:
        raise AnnotationError("the annotation file is empty.", path=path, line=1,
                              hint=f"the first line must name the columns: {','.join(ANNOTATION_COLUMNS)}") from None
    cells = _read_fast(text, utf8, header, sep)
    problems: list[tuple[int, str]] = []
    if cells is None:
        cells, problems = _read_line_by_line(reader, header, path)
    if cells.empty and not problems:
        raise AnnotationError("the annotation file has a header but no rows.", path=path, line=2,
                              hint="add one row per metric (every goal row of the report needs at least one); "
                                   "'kemi-analysis draft' writes a first version.")
    for column in OPTIONAL_ANNOTATION_COLUMNS:
        if column not in cells:
            cells[column] = ""
    problems += _long_cells(cells)
    return cells[[*ANNOTATION_COLUMNS, *OPTIONAL_ANNOTATION_COLUMNS, "file_line"]], problems, warnings


def _read_fast(text: str, utf8: bytes, header: list[str], sep: str = ",") -> pd.DataFrame | None:
    """Read a well-formed file with Arrow's CSV reader into text columns; None when the csv module must say
    what is wrong.

    Row ``i`` is on file line ``i + 2`` when no cell spans lines and every
    row has all the columns (a blank line is a row without them); otherwise
    the line-by-line reader is used.
    """
    try:
        table = pa_csv.read_csv(
            io.BytesIO(utf8),
            read_options=pa_csv.ReadOptions(column_names=[f"c{i}" for i in range(len(header))], skip_rows=1),
            parse_options=pa_csv.ParseOptions(delimiter=sep, newlines_in_values=True, ignore_empty_lines=False),
            convert_options=pa_csv.ConvertOptions(column_types={f"c{i}": TEXT for i in range(len(header))},
                                                  strings_can_be_null=False, quoted_strings_can_be_null=False))
    except pa.ArrowInvalid:
        return None
    physical_lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if physical_lines != table.num_rows + 1:
        return None  # a quoted cell holding a line break: line numbers need the csv module
    frame = pd.DataFrame({name: text_array(table.column(i)) for i, name in enumerate(header)})
    frame["file_line"] = np.arange(2, len(frame) + 2, dtype="int64")
    return _tidy(frame)


def _rows(reader, path: Path):
    """The csv reader's rows; a cell it cannot read (over its 131,072 characters) is an error naming the line."""
    try:
        yield from reader
    except csv.Error as exc:
        raise AnnotationError(f"the file cannot be read as CSV here: {exc}.", path=path, line=reader.line_num,
                              hint=f"keep every cell under {EXCEL_CELL_LIMIT:,} characters (the most a spreadsheet "
                                   "keeps), and check the quotes around the cells of that line.") from exc


def _long_cells(cells: pd.DataFrame) -> list[tuple[int, str]]:
    """Cells longer than a spreadsheet keeps: a problem each (a file saved by Excel never has one)."""
    problems = []
    for column in [*ANNOTATION_COLUMNS, *OPTIONAL_ANNOTATION_COLUMNS]:
        lengths = cells[column].str.len().to_numpy()
        for index in np.flatnonzero(lengths > EXCEL_CELL_LIMIT)[:10]:
            line = int(cells["file_line"].iat[index])
            problems.append((line, f"line {line}: {column} holds {int(lengths[index]):,} characters; a cell holds "
                                   f"at most {EXCEL_CELL_LIMIT:,}"))
    return problems


def _read_line_by_line(reader, header: list[str], path: Path) -> tuple[pd.DataFrame, list[tuple[int, str]]]:
    """Read rows with the csv module, recording the line each starts on and rows of the wrong width."""
    problems: list[tuple[int, str]] = []
    records: list[list[str]] = []
    line = reader.line_num
    for cells in _rows(reader, path):
        start, line = line + 1, reader.line_num
        if len(cells) != len(header):
            if any(c.strip() for c in cells):
                problems.append((start, f"line {start}: {len(cells)} fields, expected {len(header)} "
                                        "(quote cells holding commas)"))
            continue
        records.append([*cells, start])
    frame = pd.DataFrame({name: text_array([record[i] for record in records]) for i, name in enumerate(header)})
    frame["file_line"] = np.array([record[-1] for record in records], dtype="int64")
    return _tidy(frame), problems


def _tidy(frame: pd.DataFrame) -> pd.DataFrame:
    """Strip the cells whose spaces do not count, and drop rows with no text at all."""
    for column in _STRIPPED:
        frame[column] = text_array(strip(arrow(frame[column])))
    blank = np.ones(len(frame), dtype=bool)  # rows with no text at all, as a spreadsheet leaves them
    for column in ANNOTATION_COLUMNS:
        cells = arrow(frame[column])
        blank &= mask(pc.equal(pc.utf8_length(cells if column in _STRIPPED else strip(cells)), 0))
    if blank.any():
        frame = frame[~blank]
    return frame.reset_index(drop=True)


def parse_numbers(cells: np.ndarray) -> np.ndarray:
    """Numbers from cells the contract accepts (``12``, ``12,5``, ``−3``, ``2 285``); NaN where empty.

    Examples
    --------
    >>> parse_numbers(np.array(["12,5", "", "\\u22123", "2 285"], dtype=object)).tolist()
    [12.5, nan, -3.0, 2285.0]
    """
    return by_distinct(cells, _parse_distinct_numbers)


def _parse_distinct_numbers(cells: list[str]) -> np.ndarray:
    text = pd.Series(cells, dtype=object).str.replace(r"[ \u00a0]", "", regex=True)
    text = text.str.replace("\u2212", "-", regex=False).str.replace(",", ".", regex=False)
    return pd.to_numeric(text.where(text != ""), errors="coerce").to_numpy(dtype=float)


def _parse_distinct_lines(cells: list[str]) -> np.ndarray:
    lines = pd.to_numeric(pd.Series(cells, dtype=object), errors="coerce")
    return lines.where(lines.abs() < 2**62, 0).fillna(0).to_numpy(dtype="int64")


def _typed(cells: pd.DataFrame) -> pd.DataFrame:
    """The cells with numbers as floats and ``source_line`` as int (0 where it is not a number)."""
    table = cells.copy()
    for column in _NUMBER_COLUMNS:
        table[column] = parse_numbers(cells[column].array)
    table["source_line"] = by_distinct(cells["source_line"].array, _parse_distinct_lines)
    text_columns = [c for c in (*ANNOTATION_COLUMNS, *OPTIONAL_ANNOTATION_COLUMNS)
                    if c not in (*_NUMBER_COLUMNS, "source_line")]
    return table.astype({c: "str" for c in text_columns})


# --------------------------------------------------------------------------
# Against the report


def _check_against_report(table: pd.DataFrame, report: Report) -> tuple[list[tuple[int, str]], list[str]]:
    """Problems (``(line, message)``) and warnings of the rows against the report's goal rows.

    The rules are checked a column at a time; only the rows that break one are
    read one by one, to word the message.
    """
    goals = report.goals
    row_of = pd.Index(goals["source_line"].to_numpy()).get_indexer(table["source_line"].to_numpy())
    found = row_of >= 0
    at = np.maximum(row_of, 0)
    problems: list[tuple[int, str]] = []
    file_line = table["file_line"].to_numpy()
    source_line = table["source_line"].to_numpy()
    metric_id = table["metric_id"].to_numpy(dtype=object)

    def where(i: int) -> str:
        return f"line {file_line[i]} ({metric_id[i] or 'no metric_id'})"

    unknown = np.flatnonzero(~found & (source_line > 0))
    lines = ", ".join(str(n) for n in goals["source_line"].tolist()) if unknown.size else ""
    for i in unknown:
        problems.append((int(file_line[i]), f"{where(i)}: source_line {source_line[i]} is not a goal row of "
                                            f"{report.path.name} (goal rows are on lines {lines})"))
    goal_aim = goals["aim"].to_numpy(dtype=object)
    take = pa.array(at)
    aim = arrow(table["aim"])
    differs = found & mask(pc.not_equal(aim, pa.array(goal_aim, type=TEXT).take(take))) & \
        mask(pc.not_equal(pc.utf8_length(aim), 0))
    for i in np.flatnonzero(differs):
        written, expected = table["aim"].iat[i], goal_aim[at[i]]
        if collapse_whitespace(written).casefold() != expected.casefold():
            problems.append((int(file_line[i]), f"{where(i)}: aim {written!r} differs from the report's "
                                                f"{expected!r} on line {source_line[i]}"))
    for column, cell_name in (("evidence_target", "metric"), ("evidence_actual", "realisation")):
        quotes = collapse(arrow(table[column]))
        cells = collapse(arrow(goals[cell_name])).to_pylist()  # a goal row's cell, once for its metrics
        rows = np.flatnonzero(found & mask(pc.greater(pc.utf8_length(quotes), 0)))
        for i, quote in zip(rows.tolist(), quotes.take(rows).to_pylist()):
            cell = cells[at[i]]
            if quote not in cell:
                problems.append((int(file_line[i]), f"{where(i)}: {column} {table[column].iat[i]!r} is not found "
                                                    f"in the {cell_name} cell of line {source_line[i]}, which reads: "
                                                    f"{cell!r}. Quote the source as written, typos included"))
    uncovered = ~np.isin(goals["source_line"].to_numpy(), source_line)
    for line, goal_aim_text in zip(goals["source_line"].to_numpy()[uncovered], goal_aim[uncovered]):
        problems.append((0, f"goal row on line {line} of {report.path.name} ({goal_aim_text}) has no "
                            "annotation row; add one, with status no_data or not_reported if it has no metric"))
    return problems, _value_warnings(table, found, where)


def _value_warnings(table: pd.DataFrame, found: np.ndarray, where) -> list[str]:
    """Warnings of the rows on goal rows whose values make the ratio all or nothing, in the rows' order."""
    target, actual = table["target_value"].to_numpy(), table["actual_value"].to_numpy()
    zero = found & (target == 0)
    if zero.any():
        zero[zero] = np.isin(table["comparator"].to_numpy(dtype=object)[zero], [">=", "<="])  # only those rows
    negative = found & ((target < 0) | (actual < 0))
    warnings = [(i, 0, f"{where(i)}: target_value is 0; the ratio is 1 when met and 0 when not")
                for i in np.flatnonzero(zero)]
    warnings += [(i, 1, f"{where(i)}: a negative value; the ratio is 1 when met and 0 when not")
                 for i in np.flatnonzero(negative)]
    return [message for _, _, message in sorted(warnings)]
