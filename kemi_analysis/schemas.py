"""The tables, their columns and the small enums they use: declared once, here.

Every table the package hands out is a pandera model below, and code names
columns through these declarations (``GoalTable.source_line`` is the string
``"source_line"``). The annotation contract is :class:`AnnotationFile`: the
file's cells as written, with every rule an analyst's file must follow, so
one lazy validation lists every broken rule with its line.

This module imports nothing of the package but :mod:`kemi_analysis.errors`.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from .errors import SourceError


class Status(StrEnum):
    """A metric's status for a year, in the order the report lists them."""

    ACHIEVED = "achieved"
    PARTIAL = "partial"
    NOT_ACHIEVED = "not_achieved"
    IN_PROGRESS = "in_progress"
    NO_TARGET = "no_target"
    NO_DATA = "no_data"
    NOT_REPORTED = "not_reported"


class Comparator(StrEnum):
    """How the actual value is compared with the target."""

    AT_LEAST = ">="
    AT_MOST = "<="
    EQUAL = "="


class ProgressCategory(StrEnum):
    """An Open SDG progress category of a metric's series."""

    TARGET_ACHIEVED = "target_achieved"
    SUBSTANTIAL = "substantial_progress"
    MODERATE = "moderate_progress"
    LIMITED = "limited_progress"
    DETERIORATION = "deterioration"
    NOT_AVAILABLE = "not_available"


STATUSES = tuple(s.value for s in Status)
COMPARATORS = tuple(c.value for c in Comparator)
#: The goal row's text columns, in the report's order.
TEXT_FIELDS = ("goal", "action", "responsible", "metric", "realisation")
#: Units that mark a yes/no target: the value is 1 (yes) or 0 (no).
YES_NO_UNITS = ("kyllä/ei", "yes/no")
#: A row whose note begins with this is a draft: not yet checked by an analyst (see :func:`is_draft`).
DRAFT_MARKER = "DRAFT"
_SDG_LIST = r"^(\d{1,2}(;\d{1,2})*)?$"


# --------------------------------------------------------------------------
# What the reader makes of a raw report


class _Traced(pa.DataFrameModel):
    year: Series[int] = pa.Field(ge=1900, le=2200)
    aim: Series[str] = pa.Field(str_length={"min_value": 1})
    source_line: Series[int] = pa.Field(ge=1)

    class Config:
        strict = True
        coerce = False


class AimTable(_Traced):
    """One row per strategic aim."""

    sector: Series[str]
    header_line: Series[int] = pa.Field(ge=1)
    period: Series[str]
    sdgs: Series[str] = pa.Field(str_matches=_SDG_LIST)
    goal_rows: Series[int] = pa.Field(ge=0)

    class Config:
        unique = ["aim"]


class GoalTable(_Traced):
    """One row per goal row of the report."""

    sector: Series[str]
    goal: Series[str]
    action: Series[str]
    responsible: Series[str]
    metric: Series[str]
    realisation: Series[str]
    realisation_reported: Series[bool]
    sdg_text: Series[str]
    sdgs: Series[str] = pa.Field(str_matches=_SDG_LIST)
    raw_line: Series[str]

    class Config:
        unique = ["source_line"]


class ItemTable(_Traced):
    """Text cells split into items."""

    field: Series[str] = pa.Field(isin=TEXT_FIELDS)
    item: Series[int] = pa.Field(ge=1)
    text: Series[str] = pa.Field(str_length={"min_value": 1})
    raw: Series[str]

    class Config:
        unique = ["source_line", "field", "item"]


class RoleTable(_Traced):
    """Responsible parties split into roles."""

    item: Series[int] = pa.Field(ge=1)
    role_text: Series[str] = pa.Field(str_length={"min_value": 1})
    role: Series[str]
    deadline: Series[str]


class SDGTable(_Traced):
    """The SDGs of each strategic aim."""

    sdg: Series[int] = pa.Field(ge=1, le=17)
    name_fi: Series[str]
    name_en: Series[str]
    colour: Series[str] = pa.Field(str_matches=r"^#[0-9A-F]{6}$")
    source_text: Series[str]

    class Config:
        unique = ["aim", "sdg"]


REPORT_TABLES: dict[str, type[pa.DataFrameModel]] = {
    "aims": AimTable, "goals": GoalTable, "items": ItemTable, "roles": RoleTable, "sdgs": SDGTable}


# --------------------------------------------------------------------------
# The annotation contract

#: A number as an analyst writes it: ASCII digits (at most 12 before the decimal mark, so every value is
#: finite and below 10^12), a decimal point or comma, spaces between thousands.
# The minus sign and the no-break space are written as themselves, not as escapes, so that pandas checks
# Arrow text with Arrow's regex engine instead of Python's, row by row.
NUMBER_PATTERN = ("^(?:[+\\-\u2212]?(?:(?:[0-9]{1,3}(?:[ \u00a0][0-9]{3}){1,3}|[0-9]{1,12})(?:[.,][0-9]{1,12})?"
                  "|[.,][0-9]{1,12}))?$")  # empty, or digits: a sign alone is not a number
_YES_NO_VALUE = r"^(?:[01](?:[.,]0+)?)?$"


class AnnotationFile(pa.DataFrameModel):
    """An annotation file's cells as written (whitespace stripped), with every rule of the contract.

    ``file_line`` is each row's line in the file. Reading turns the checked
    cells into numbers; :mod:`kemi_analysis.read.annotations` says how.
    """

    metric_id: Series[str] = pa.Field(str_matches=r"^[a-z0-9][a-z0-9_]*$", unique=True)
    aim: Series[str] = pa.Field(str_length={"min_value": 1})
    source_line: Series[str] = pa.Field(str_matches=r"^0*[1-9][0-9]{0,8}$")
    metric: Series[str]
    target_value: Series[str] = pa.Field(str_matches=NUMBER_PATTERN)
    target_unit: Series[str]
    comparator: Series[str] = pa.Field(isin=(*COMPARATORS, ""))
    deadline: Series[str] = pa.Field(str_matches=r"^(\d{4}(-(0[1-9]|1[0-2]))?)?$")
    actual_value: Series[str] = pa.Field(str_matches=NUMBER_PATTERN)
    status: Series[str] = pa.Field(isin=(*STATUSES, ""))
    evidence_target: Series[str]
    evidence_actual: Series[str]
    note: Series[str]
    note_fi: Series[str]
    note_en: Series[str]
    file_line: Series[int] = pa.Field(ge=2)

    class Config:
        strict = True

    @pa.dataframe_check(error="a target_value needs a comparator (>=, <= or =)")
    def target_needs_comparator(cls, df: pd.DataFrame) -> Series[bool]:
        return (df["target_value"] == "") | (df["comparator"] != "")

    @pa.dataframe_check(error="a comparator is given but target_value is empty")
    def comparator_needs_target(cls, df: pd.DataFrame) -> Series[bool]:
        return (df["comparator"] == "") | (df["target_value"] != "")

    @pa.dataframe_check(error="target_value needs evidence_target, a quote of the metric cell")
    def target_needs_quote(cls, df: pd.DataFrame) -> Series[bool]:
        return (df["target_value"] == "") | (df["evidence_target"] != "")

    @pa.dataframe_check(error="actual_value needs evidence_actual, a quote of the realisation cell")
    def actual_needs_quote(cls, df: pd.DataFrame) -> Series[bool]:
        return (df["actual_value"] == "") | (df["evidence_actual"] != "")

    @pa.dataframe_check(error="a yes/no target (unit kyllä/ei) takes the values 1 (yes) or 0 (no)")
    def yes_no_values(cls, df: pd.DataFrame) -> Series[bool]:
        yes_no = df["target_unit"].str.casefold().isin(YES_NO_UNITS)
        return ~yes_no | (df["target_value"].str.match(_YES_NO_VALUE) & df["actual_value"].str.match(_YES_NO_VALUE))


def is_draft(notes: pd.Series) -> pd.Series:
    """True for rows whose note begins with ``DRAFT``: the review state of the contract.

    ``kemi-analysis draft`` writes every row so; the analyst removes the
    marker once the row is checked. Reports refuse draft rows unless asked.

    Examples
    --------
    >>> is_draft(pd.Series(["DRAFT, confidence high: ...", "checked", " draft? no"])).tolist()
    [True, False, False]
    """
    return notes.astype(str).str.lstrip().str.startswith(DRAFT_MARKER)


# Messages for the column rules above; the row checks carry their own.
_COLUMN_RULES = {
    "metric_id": "metric_id must be lower-case letters, digits and '_' (got {value!r})",
    "aim": "aim is empty",
    "source_line": "source_line must be a line number of the raw report (got {value!r})",
    "target_value": "target_value {value!r} is not a number; write digits, e.g. 12 or 12,5",
    "actual_value": "actual_value {value!r} is not a number; write digits, e.g. 12 or 12,5",
    "comparator": "comparator must be one of >=, <=, = or empty (got {value!r})",
    "deadline": "deadline must be YYYY or YYYY-MM (got {value!r})",
    "status": "status must be empty or one of " + ", ".join(STATUSES) + " (got {value!r})",
}


@cache
def columns(model: type[pa.DataFrameModel]) -> tuple[str, ...]:
    """A model's column names, in order.

    Examples
    --------
    >>> columns(AnnotationFile)[:3]
    ('metric_id', 'aim', 'source_line')
    """
    return tuple(model.to_schema().columns)


#: The columns every annotation file has, in this order.
ANNOTATION_COLUMNS = columns(AnnotationFile)[:13]
#: Columns a file may add after them: the analyst's reading in the report's languages, shown next to the number.
OPTIONAL_ANNOTATION_COLUMNS = ("note_fi", "note_en")
#: The metric table as ``kemi-analysis export`` writes it.
EXPORT_COLUMNS = ("year", "metric_id", "aim", "source_line", "metric", "target_value", "comparator",
                  "actual_value", "achievement_ratio", "status", "evidence_actual")


def annotation_problems(cells: pd.DataFrame) -> list[tuple[int, str]]:
    """Every broken rule of the contract in an annotation file's cells, as ``(file line, message)``.

    ``cells`` holds the contract's columns as stripped text and ``file_line``.
    An empty list means the file follows the contract.

    Examples
    --------
    >>> cells = pd.DataFrame([["a_1", "AIM", "6", "m", "50", "%", "", "", "", "", "q", "", "", "", "", 2]],
    ...                      columns=columns(AnnotationFile))
    >>> annotation_problems(cells)
    [(2, 'line 2 (a_1): a target_value needs a comparator (>=, <= or =)')]
    """
    failures = _lazy_failures(AnnotationFile, cells)
    if failures is None:
        return []
    file_line = cells["file_line"].to_numpy()
    metric_id = cells["metric_id"].to_numpy(dtype=object)
    first_line: dict[str, int] = {}
    for line, name in zip(file_line, metric_id):
        first_line.setdefault(name, int(line))
    problems: set[tuple[int, str]] = set()
    for failure in failures.itertuples(index=False):
        if failure.index is None or pd.isna(failure.index):  # a whole-table failure: a missing column
            raise AssertionError(f"the annotation reader handed over a table off the contract: {failure}")
        row = cells.index.get_loc(failure.index)
        line, name = int(file_line[row]), metric_id[row]
        if failure.check == "field_uniqueness":
            if first_line[name] == line:
                continue
            message = f"metric_id {name!r} is used on line {first_line[name]} too"
        elif failure.schema_context == "Column":
            message = _COLUMN_RULES[failure.column].format(value=failure.failure_case)
        else:
            message = str(failure.check)
        problems.add((line, f"line {line} ({name or 'no metric_id'}): {message}"))
    return sorted(problems)


# --------------------------------------------------------------------------
# Validation at the reader's boundary


def _lazy_failures(model: type[pa.DataFrameModel], frame: pd.DataFrame) -> pd.DataFrame | None:
    """Every failure case of ``frame`` against ``model``, or None when it passes.

    The eager check is cheaper and decides most calls; only a table that fails
    is checked again lazily, to list every failure at once.
    """
    try:
        model.validate(frame, lazy=False)
        return None
    except pa.errors.SchemaError:
        pass
    try:
        model.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        return exc.failure_cases
    return None


def prepare_validation() -> None:
    """Build every model's schema and load pandera's pandas backend now, once.

    Worker processes forked afterwards start with both, instead of each
    building them (a third of a second) on its first file.
    """
    for model in (*REPORT_TABLES.values(), AnnotationFile):
        model.to_schema().get_backend(pd.DataFrame())


def _failures(exc: pa.errors.SchemaErrors, limit: int = 20) -> list[str]:
    cases = exc.failure_cases
    lines = [f"column {row.column!r}, check {row.check}: {row.failure_case!r} (row {row.index})"
             for row in cases.head(limit).itertuples(index=False)]
    if len(cases) > limit:
        lines.append(f"... and {len(cases) - limit} more")
    return lines


def validate_tables(tables: dict[str, pd.DataFrame], path: object) -> None:
    """Validate a parsed report's tables (``aims``, ``goals``, …); raise :class:`SourceError` on a failure.

    A failure here is a reader bug on an unusual input, so the message says so.
    """
    for name, model in REPORT_TABLES.items():
        try:
            model.validate(tables[name], lazy=False)
        except pa.errors.SchemaError:
            pass
        else:
            continue
        try:
            model.validate(tables[name], lazy=True)
        except pa.errors.SchemaErrors as exc:
            raise SourceError(
                f"the {name} table read from the file breaks its schema: {'; '.join(_failures(exc))}",
                path=str(path),
                hint="this is most likely a bug in the reader for an unusual input; "
                "please file an issue with the file attached.",
            ) from exc
