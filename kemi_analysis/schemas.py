"""Table schemas and the small enums the tables use.

Every table the package hands out is declared here once, as a pandera model,
and validated at the boundaries: after parsing and after joining the
annotations. Validation is lazy, so every failing row is reported at once.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

import pandera.pandas as pa
from pandera.typing import Series

from .errors import AnnotationError, SourceError

if TYPE_CHECKING:
    import pandas as pd

    from .parser import Report


class Status(str, Enum):
    """A metric's status for a year."""

    ACHIEVED = "achieved"
    PARTIAL = "partial"
    NOT_ACHIEVED = "not_achieved"
    IN_PROGRESS = "in_progress"
    NO_TARGET = "no_target"
    NO_DATA = "no_data"
    NOT_REPORTED = "not_reported"


class Comparator(str, Enum):
    """How the actual value is compared with the target."""

    AT_LEAST = ">="
    AT_MOST = "<="
    EQUAL = "="


STATUSES = tuple(s.value for s in Status)
COMPARATORS = tuple(c.value for c in Comparator)
FIELDS = ("goal", "action", "responsible", "metric", "realisation")


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
    sdgs: Series[str] = pa.Field(str_matches=r"^(\d{1,2}(;\d{1,2})*)?$")
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
    sdgs: Series[str] = pa.Field(str_matches=r"^(\d{1,2}(;\d{1,2})*)?$")
    raw_line: Series[str]

    class Config:
        unique = ["source_line"]


class ItemTable(_Traced):
    """Text cells split into items."""

    field: Series[str] = pa.Field(isin=FIELDS)
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


class AnnotationTable(pa.DataFrameModel):
    """An annotation file after reading: the contract's columns, typed."""

    metric_id: Series[str] = pa.Field(str_matches=r"^[a-z0-9][a-z0-9_]*$", unique=True)
    aim: Series[str] = pa.Field(str_length={"min_value": 1})
    source_line: Series[int] = pa.Field(ge=1)
    metric: Series[str]
    target_value: Series[float] = pa.Field(nullable=True)
    target_unit: Series[str]
    comparator: Series[str] = pa.Field(isin=(*COMPARATORS, ""))
    deadline: Series[str] = pa.Field(str_matches=r"^(\d{4}(-(0[1-9]|1[0-2]))?)?$")
    actual_value: Series[float] = pa.Field(nullable=True)
    status: Series[str] = pa.Field(isin=(*STATUSES, ""))
    evidence_target: Series[str]
    evidence_actual: Series[str]
    note: Series[str]
    file_line: Series[int] = pa.Field(ge=2)

    class Config:
        strict = True


class MetricTable(pa.DataFrameModel):
    """Metrics with their computed achievement, one row per metric and year."""

    year: Series[int]
    metric_id: Series[str]
    aim: Series[str]
    source_line: Series[int] = pa.Field(ge=1)
    target_value: Series[float] = pa.Field(nullable=True)
    comparator: Series[str] = pa.Field(isin=(*COMPARATORS, ""))
    actual_value: Series[float] = pa.Field(nullable=True)
    achievement_ratio: Series[float] = pa.Field(nullable=True, ge=0)
    status: Series[str] = pa.Field(isin=STATUSES)
    status_computed: Series[str] = pa.Field(isin=STATUSES)

    class Config:
        strict = False
        unique = ["year", "metric_id"]


def _failures(exc: pa.errors.SchemaErrors, limit: int = 20) -> list[str]:
    cases = exc.failure_cases
    lines = []
    for row in cases.head(limit).itertuples(index=False):
        lines.append(f"column {row.column!r}, check {row.check}: {row.failure_case!r} (row {row.index})")
    if len(cases) > limit:
        lines.append(f"... and {len(cases) - limit} more")
    return lines


def validate_report(report: Report) -> None:
    """Validate every table of a parsed report; raise :class:`SourceError` listing all failures."""
    for name, model in (
        ("aims", AimTable),
        ("goals", GoalTable),
        ("items", ItemTable),
        ("roles", RoleTable),
        ("sdgs", SDGTable),
    ):
        table = getattr(report, name)
        try:
            model.validate(table, lazy=True)
        except pa.errors.SchemaErrors as exc:
            detail = "; ".join(_failures(exc))
            raise SourceError(
                f"the {name} table read from the file breaks its schema: {detail}",
                path=report.path,
                hint="this is most likely a bug in the reader for an unusual input; "
                "please file an issue with the file attached.",
            ) from exc


def validate_annotations(table: pd.DataFrame, path: object) -> pd.DataFrame:
    """Validate a typed annotation table; raise :class:`AnnotationError` listing all failures."""
    try:
        return AnnotationTable.validate(table, lazy=True)
    except pa.errors.SchemaErrors as exc:
        raise AnnotationError(
            "the annotation table breaks its schema.",
            path=str(path),
            problems=_failures(exc),
            hint="fix the listed cells; see the README's annotation contract.",
        ) from exc
