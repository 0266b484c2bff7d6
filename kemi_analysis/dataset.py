"""Finding and loading the years under a data folder.

A data folder holds ``raw/`` (one extracted report text per year, any file
name ending in ``.txt``) and ``annotations/<year>.csv``. A raw file's year is
the one its ``Toteuma 1-12/YYYY`` header gives; where its file name also holds
a year, the two must agree.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .achievement import build_metrics
from .annotations import Annotations, load_annotations
from .errors import DataError, KemiError, UsageError
from .parser import Report, load_report, peek_year

logger = logging.getLogger(__name__)

_YEAR_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


@dataclass
class YearData:
    """One year: its report, its annotations and its metrics with achievement."""

    year: int
    report: Report
    annotations: Annotations
    metrics: pd.DataFrame


@dataclass
class Dataset:
    """Every year that loaded, and what kept the others out."""

    data_dir: Path
    years: dict[int, YearData] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)

    @property
    def metrics(self) -> pd.DataFrame:
        """All years' metrics in one long table, sorted by year."""
        frames = [self.years[y].metrics for y in sorted(self.years)]
        if not frames:
            return pd.DataFrame()
        return pd.concat(frames, ignore_index=True)


def _check_data_dir(data_dir: Path) -> None:
    if not data_dir.is_dir():
        raise UsageError(f"the data folder {str(data_dir)!r} does not exist.", path=data_dir,
                         hint="give --data-dir the folder that holds raw/ and annotations/.")
    if not (data_dir / "raw").is_dir():
        raise DataError("the data folder has no raw/ folder.", path=data_dir,
                        hint="put the yearly report texts in <data-dir>/raw/.")


def find_raw_files(data_dir: str | Path) -> tuple[dict[int, Path], dict[str, str]]:
    """Map each year to its raw report file.

    Returns the map and the problems found (file -> message): an unreadable
    file, a year in the file name that differs from the text's, two files for
    one year. Files with problems are left out; the others are still found.
    Only the year is read here; :func:`load_year` reads the whole file.
    """
    data_dir = Path(data_dir)
    _check_data_dir(data_dir)
    found: dict[int, Path] = {}
    problems: dict[str, str] = {}
    for path in sorted((data_dir / "raw").glob("*.txt")):
        try:
            year = peek_year(path)
        except KemiError as exc:
            problems[str(path)] = str(exc)
            continue
        named = {int(y) for y in _YEAR_IN_NAME.findall(path.stem)}
        if named and year not in named:
            problems[str(path)] = (
                f"{path}: the file name says {', '.join(map(str, sorted(named)))} but the text reports on "
                f"{year} ('Toteuma 1-12/{year}').\n  What to do: rename the file or check its content."
            )
            continue
        if year in found:
            problems[str(path)] = (
                f"{path}: a second raw report for {year} (the first is {found[year]}).\n"
                "  What to do: keep one report per year in raw/."
            )
            continue
        found[year] = path
    return found, problems


def available_years(data_dir: str | Path) -> list[int]:
    """The years that have both a raw report and an annotation file."""
    raw, _ = find_raw_files(data_dir)
    return sorted(y for y in raw if (Path(data_dir) / "annotations" / f"{y}.csv").is_file())


def load_year(data_dir: str | Path, year: int, *, raw_path: Path | None = None) -> YearData:
    """Load one year's report and annotations, and compute its metrics.

    Examples
    --------
    >>> data = load_year("data", 2022)
    >>> int(data.metrics["status"].value_counts()["achieved"])
    6
    """
    data_dir = Path(data_dir)
    if raw_path is None:
        raw, problems = find_raw_files(data_dir)
        if year not in raw:
            known = ", ".join(map(str, sorted(raw))) or "none"
            detail = "".join(f"\n  {p}" for p in problems.values())
            raise DataError(
                f"no raw report for {year} in {data_dir / 'raw'} (years found: {known}).{detail}",
                path=data_dir / "raw",
                hint=f"put the {year} report text in {data_dir / 'raw'}/.",
            )
        raw_path = raw[year]
    report = load_report(raw_path, year=year)
    annotation_path = data_dir / "annotations" / f"{year}.csv"
    if not annotation_path.is_file():
        raise DataError(
            f"no annotation file for {year}.",
            path=annotation_path,
            hint=f"write {annotation_path} (kemi-analysis match proposes metric_ids from the previous year).",
        )
    annotations = load_annotations(annotation_path, report)
    metrics = build_metrics(report, annotations)
    logger.info("loaded %s: %d goal rows, %d metrics", year, len(report.goals), len(metrics))
    return YearData(year=year, report=report, annotations=annotations, metrics=metrics)


def load_years(data_dir: str | Path, years: list[int] | None = None) -> Dataset:
    """Load every year under ``data_dir`` (or the listed ``years``) into one :class:`Dataset`.

    A year that cannot load (no annotation file, a raw file whose name and
    text disagree on the year, a broken file) is recorded in
    ``Dataset.problems`` and logged; the other years still load.
    """
    data_dir = Path(data_dir)
    raw, problems = find_raw_files(data_dir)
    dataset = Dataset(data_dir=data_dir, problems=dict(problems))
    for message in problems.values():
        logger.warning("%s", message)
    annotated = {int(p.stem) for p in (data_dir / "annotations").glob("*.csv") if p.stem.isdigit()}
    for year in sorted(annotated - set(raw)):
        if years is None or year in years:
            message = (f"{data_dir / 'annotations' / f'{year}.csv'}: no raw report for {year} in "
                       f"{data_dir / 'raw'}.\n  What to do: add the {year} report text, or remove the file.")
            dataset.problems[f"annotations/{year}.csv"] = message
            logger.warning("%s", message)
    wanted = sorted(raw) if years is None else sorted(years)
    for year in wanted:
        if year not in raw:
            dataset.problems.setdefault(str(year), f"{year}: no raw report for {year} in {data_dir / 'raw'}.")
            continue
        try:
            dataset.years[year] = load_year(data_dir, year, raw_path=raw[year])
        except KemiError as exc:
            dataset.problems[str(year)] = str(exc)
            logger.warning("%s", exc)
    return dataset
