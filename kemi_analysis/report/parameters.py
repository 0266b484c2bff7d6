"""The report's parameters, checked in one place before anything runs.

The runner checks them before papermill starts a kernel, and the notebook's
:func:`kemi_analysis.report.sections.prepare` checks them again with the same
code, so a notebook run by hand gets the same errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..compute.pipeline import DataFolder, discover
from ..errors import DataError, UsageError
from .labels import LANGUAGES

YEAR_RANGE = (2000, 2100)


def _is_year(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and YEAR_RANGE[0] <= value <= YEAR_RANGE[1]


@dataclass
class ReportParameters:
    """What a report is made of: the year, the years compared with, the data folder and the language."""

    year: int
    compare_years: list[int] = field(default_factory=list)
    data_dir: str | Path = "data"
    lang: str = "fi"
    allow_draft: bool = False

    def check(self) -> tuple[DataFolder, list[int]]:
        """Check every parameter; return the data folder and the years to compare with.

        Raises :class:`UsageError` (exit 2) for a value of the wrong form and
        :class:`DataError` (exit 1) when the data cannot give what is asked.

        Examples
        --------
        >>> folder, compare = ReportParameters(2022, [], "data", "fi").check()
        >>> folder.annotated, compare
        ([2022], [])
        """
        if not _is_year(self.year):
            raise UsageError(f"year must be a whole number from {YEAR_RANGE[0]} to {YEAR_RANGE[1]} "
                             f"(got {self.year!r}).")
        if self.lang not in LANGUAGES:
            raise UsageError(f"lang must be one of {', '.join(LANGUAGES)} (got {self.lang!r}).")
        if not isinstance(self.compare_years, list) or not all(_is_year(y) for y in self.compare_years):
            raise UsageError(f"compare_years must be a list of years (got {self.compare_years!r}).")
        if not isinstance(self.allow_draft, bool):
            raise UsageError(f"allow_draft must be True or False (got {self.allow_draft!r}).")
        folder = discover(self.data_dir)
        files = folder.files(self.year)
        if files.annotations is None:
            raise DataError(f"{self.year} has a raw report ({files.raw.name}) but no annotation file.",
                            path=folder.path / "annotations" / f"{self.year}.csv",
                            hint=f"draft one with 'kemi-analysis draft {files.raw}', review it, and save it as "
                                 f"annotations/{self.year}.csv.")
        return folder, folder.earlier(self.year, self.compare_years)

    def as_dict(self) -> dict[str, object]:
        """The values papermill injects into the notebook (plain types only)."""
        return {"year": self.year, "compare_years": list(self.compare_years), "data_dir": str(self.data_dir),
                "lang": self.lang, "allow_draft": self.allow_draft}

    def describe(self, *, with_data_dir: bool = True) -> str:
        """One line for the report's provenance (without the data folder's path where it must not show)."""
        values = self.as_dict()
        if not with_data_dir:
            del values["data_dir"]
        return ", ".join(f"{key}={value!r}" for key, value in values.items())
