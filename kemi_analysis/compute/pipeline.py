"""A data folder's years: found once, loaded, and joined into one long metric table.

A data folder holds ``raw/`` (one extracted report text per year, any file
name ending in ``.txt``) and ``annotations/<year>.csv``. :func:`discover`
finds the years: a raw file's year is the one its ``Toteuma 1-12/YYYY``
header gives, and where its file name also holds a year the two must agree.
Every command and the report notebook find years through it; what cannot be
placed is kept as exception objects, and a year that is asked for and cannot
load is an error that names it.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from ..errors import DataError, KemiError, UsageError
from ..read.annotations import Annotations, load_annotations
from ..read.decode import peek_year
from ..read.parser import Report, load_report
from ..schemas import prepare_validation
from .achievement import build_metrics

logger = logging.getLogger(__name__)

_YEAR_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


@dataclass(frozen=True)
class YearFiles:
    """One year's files: its raw report, and its annotation file when there is one."""

    year: int
    raw: Path
    annotations: Path | None


@dataclass
class DataFolder:
    """What a data folder holds: each year's files, and the files that could not be placed."""

    path: Path
    years: dict[int, YearFiles] = field(default_factory=dict)
    problems: list[KemiError] = field(default_factory=list)

    @property
    def annotated(self) -> list[int]:
        """The years with both a raw report and an annotation file, in order."""
        return sorted(y for y, files in self.years.items() if files.annotations is not None)

    def relative(self, path: str | Path) -> str:
        """``path`` as shown to readers: relative to the data folder (``raw/…``), else its name alone."""
        try:
            return Path(path).resolve().relative_to(self.path.resolve()).as_posix()
        except ValueError:
            return Path(path).name

    def warn(self) -> None:
        """Log each problem once, as a warning (the command line calls this; the library never logs them)."""
        for problem in self.problems:
            logger.warning("%s", problem)

    def files(self, year: int) -> YearFiles:
        """The files of ``year``; a :class:`DataError` naming what is there when they are not."""
        if year in self.years:
            return self.years[year]
        detail = "".join(f"\n  {problem}" for problem in self.problems)
        raise DataError(
            f"no raw report for {year} in {self.path / 'raw'} (years found: {_listed(sorted(self.years))}).{detail}",
            path=self.path / "raw",
            hint=f"put the {year} report text in {self.path / 'raw'}/, or choose another year.",
        )

    def earlier(self, year: int, compare_years: list[int] | None = None) -> list[int]:
        """The years to compare ``year`` with: ``compare_years``, or every earlier annotated year.

        A compared year that is not an earlier year in the folder is a :class:`DataError`.
        """
        earlier = [y for y in self.annotated if y < year]
        if not compare_years:
            return earlier
        unknown = sorted({y for y in compare_years if y not in earlier})
        if unknown:
            raise DataError(f"compare_years {unknown} are not earlier annotated years in the data "
                            f"(earlier years: {_listed(earlier)}).", path=self.path,
                            hint="compare with years that have a raw report and an annotation file.")
        return sorted(set(compare_years))


class YearData:
    """One year: its report, its annotations and its metrics with achievement.

    A year loaded from a large input (:data:`LARGE_INPUT_BYTES`) keeps only its
    annotations and metrics: its report's tables (goal rows, items, roles) are
    read again from ``raw`` the first time :attr:`report` is asked for, and the
    file must still be the one loaded (same SHA-256).
    """

    def __init__(self, year: int, report: Report | None, annotations: Annotations, metrics: pd.DataFrame, *,
                 raw: Path | None = None, raw_sha256: str = "") -> None:
        self.year, self.annotations, self.metrics = year, annotations, metrics
        self._report = report
        self.raw: Path = report.path if report is not None else Path(raw or "")
        self.raw_sha256: str = report.sha256 if report is not None else raw_sha256

    def __repr__(self) -> str:
        return f"YearData(year={self.year}, raw={str(self.raw)!r}, metrics={len(self.metrics)} rows)"

    @property
    def report(self) -> Report:
        """The year's report, read again from ``raw`` if it was not kept."""
        if self._report is None:
            report = load_report(self.raw, year=self.year)
            if report.sha256 != self.raw_sha256:
                raise DataError(f"the raw report changed after {self.year} was loaded (its SHA-256 differs), so "
                                "its tables would not match the metrics.", path=self.raw,
                                hint="load the years again.")
            self._report = report
        return self._report

    def __getstate__(self) -> dict:
        """What a worker process sends back: the annotation table's columns that the metric table holds too
        (most of them) are sent once, with the metrics, and shared again on arrival."""
        state = dict(self.__dict__)
        table = self.annotations.table
        shared = [name for name in table.columns if name in self.metrics.columns
                  and table[name].dtype == self.metrics[name].dtype and table[name].equals(self.metrics[name])]
        if shared:
            state["annotations"] = replace(self.annotations, table=table.drop(columns=shared))
            state["_shared_columns"] = (shared, list(table.columns))
        return state

    def __setstate__(self, state: dict) -> None:
        shared = state.pop("_shared_columns", None)
        self.__dict__.update(state)
        if shared:
            names, order = shared
            rest = self.annotations.table
            table = pd.DataFrame({name: self.metrics[name] if name in names else rest[name] for name in order})
            self.annotations = replace(self.annotations, table=table)

    def without_report(self) -> YearData:
        """The year keeping only its annotations and metrics; :attr:`report` reads the file again when asked."""
        return YearData(self.year, None, self.annotations, self.metrics, raw=self.raw, raw_sha256=self.raw_sha256)


@dataclass
class Dataset:
    """The years that loaded, and what kept any others out."""

    folder: DataFolder
    years: dict[int, YearData] = field(default_factory=dict)
    problems: list[KemiError] = field(default_factory=list)

    @property
    def metrics(self) -> pd.DataFrame:
        """All years' metrics in one long table, sorted by year."""
        frames = [self.years[y].metrics for y in sorted(self.years)]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _listed(years: list[int]) -> str:
    return ", ".join(map(str, years)) or "none"


def discover(data_dir: str | Path | DataFolder) -> DataFolder:
    """Find each year's files in a data folder, reading no more of a raw file than its year's header.

    Raises :class:`UsageError` when the folder does not exist, and
    :class:`DataError` when it has no ``raw/`` or when two raw files report
    on one year (a copy left beside the original must never be read in its
    place). Files that cannot be placed otherwise (an unreadable file, a file
    name whose year differs from the text's, an annotation file without its
    report, a report without its annotation file) are listed in ``problems``
    and the other years are still found.

    Examples
    --------
    >>> folder = discover("data")
    >>> folder.annotated, folder.years[2022].raw.name, folder.problems
    ([2022], '000_09050fdfe5e94683.txt', [])
    """
    if isinstance(data_dir, DataFolder):
        return data_dir
    path = Path(data_dir)
    if not path.is_dir():
        raise UsageError(f"the data folder {str(path)!r} does not exist.", path=path,
                         hint="give --data-dir the folder that holds raw/ and annotations/.")
    if not (path / "raw").is_dir():
        raise DataError("the data folder has no raw/ folder.", path=path,
                        hint="put the yearly report texts in <data-dir>/raw/.")
    folder = DataFolder(path=path)
    by_year: dict[int, list[Path]] = {}
    for file in _regular_files(path / "raw", "*.txt", folder.problems):
        try:
            by_year.setdefault(_year_of(file), []).append(file)
        except KemiError as exc:
            folder.problems.append(exc)
    twice = {year: files for year, files in by_year.items() if len(files) > 1}
    if twice:
        detail = "".join(f"\n  {year}: {', '.join(repr(f.name) for f in files)}" for year, files in twice.items())
        raise DataError(f"more than one raw report for a year, so it cannot be told which to read:{detail}",
                        path=path / "raw", hint="keep one report per year in raw/; move copies elsewhere.")
    raw = {year: files[0] for year, files in by_year.items()}
    annotated = {int(p.stem): p for p in _regular_files(path / "annotations", "[0-9]*.csv", folder.problems)
                 if p.stem.isdigit()}
    for year, file in annotated.items():
        if year not in raw:
            folder.problems.append(DataError(f"no raw report for {year} in {path / 'raw'}.", path=file,
                                             hint=f"add the {year} report text, or remove the file."))
    folder.years = {year: YearFiles(year, file, annotated.get(year)) for year, file in sorted(raw.items())}
    for year, files in folder.years.items():
        if files.annotations is None:
            folder.problems.append(_unannotated(path, year, files.raw))
    return folder


def _regular_files(folder: Path, pattern: str, problems: list[KemiError]) -> list[Path]:
    """The regular files in ``folder`` matching ``pattern``; anything else (a pipe, a device, a link to one, a
    broken link) is added to ``problems`` and never opened."""
    files = []
    for file in sorted(folder.glob(pattern)):
        try:
            file.name.encode("utf-8")
        except UnicodeEncodeError:
            problems.append(DataError("the file name holds bytes that are not UTF-8 text; it is not read.",
                                      path=Path(os.fsencode(file).decode("utf-8", errors="replace")),
                                      hint="rename it with UTF-8 characters."))
            continue
        if file.is_file():  # follows links: a link to a pipe or a device is refused too
            files.append(file)
        else:
            problems.append(DataError("not a regular file (a pipe, a device or a broken link); it is not read.",
                                      path=file, hint=f"keep only the yearly files in {folder.name}/."))
    return files


def _unannotated(path: Path, year: int, raw: Path) -> DataError:
    """The problem of a year with a raw report but no ``<year>.csv``: where it stands in the yearly cycle."""
    draft = path / "annotations" / f"{year}.draft.csv"
    if draft.is_file():
        return DataError(f"{year} has only a draft annotation file ({draft.name}), so it cannot be reported on yet.",
                         path=path / "annotations" / f"{year}.csv",
                         hint=f"check and review it ('kemi-analysis review {year}'), then save it as {year}.csv.")
    return DataError(f"no annotation file for {year}: its raw report {raw.name} cannot be reported on yet.",
                     path=path / "annotations" / f"{year}.csv",
                     hint=f"draft one with 'kemi-analysis draft {raw}', review it and save it as {year}.csv.")


def _year_of(file: Path) -> int:
    """A raw file's year, checked against a year in its name."""
    year = peek_year(file)
    named = {int(y) for y in _YEAR_IN_NAME.findall(file.stem)}
    if named and year not in named:
        raise DataError(f"the file name says {_listed(sorted(named))} but the text reports on {year} "
                        f"('Toteuma 1-12/{year}').", path=file, hint="rename the file or check its content.")
    return year


def load_year(data_dir: str | Path | DataFolder, year: int, *, allow_draft: bool = False) -> YearData:
    """Load one year's report and annotations, and compute its metrics.

    Rows still marked as drafts (a note beginning with ``DRAFT``) are refused
    with a :class:`DataError` naming their lines, unless ``allow_draft``.

    Examples
    --------
    >>> data = load_year("data", 2022)
    >>> int((data.metrics["status"] == "achieved").sum()), len(data.metrics)
    (6, 27)
    """
    folder = discover(data_dir)
    files = folder.files(year)
    if files.annotations is None:
        annotation_path = folder.path / "annotations" / f"{year}.csv"
        raise DataError(
            f"no annotation file for {year}.",
            path=annotation_path,
            hint=f"write {annotation_path}: 'kemi-analysis draft {files.raw}' drafts one for review.",
        )
    report = load_report(files.raw, year=year)
    annotations = load_annotations(files.annotations, report)
    metrics = build_metrics(report, annotations)
    if not allow_draft:
        refuse_drafts(metrics, files.annotations)
    logger.info("loaded %s: %d goal rows, %d metrics", year, len(report.goals), len(metrics))
    return YearData(year=year, report=report, annotations=annotations, metrics=metrics)


def refuse_drafts(metrics: pd.DataFrame, path: Path) -> None:
    """A :class:`DataError` naming the lines of any draft rows (not yet reviewed) in ``metrics``."""
    lines = metrics.loc[metrics["draft"], "file_line"].tolist()
    if lines:
        shown = ", ".join(map(str, lines[:20])) + (f" and {len(lines) - 20} more" if len(lines) > 20 else "")
        raise DataError(
            f"{len(lines)} row(s) are still drafts (their note begins with DRAFT): lines {shown}.",
            path=path,
            hint=f"review them ('kemi-analysis review {int(metrics['year'].iloc[0])}'), then remove 'DRAFT' from "
                 "the note of each checked row; or pass --allow-draft for a report marked as a draft.",
        )


def load_years(data_dir: str | Path | DataFolder, years: list[int] | None = None, *,
               allow_draft: bool = False) -> Dataset:
    """Load several years into one :class:`Dataset`.

    With ``years``, every listed year must load: the first that cannot is
    raised, naming it. Without, every annotated year is tried; those that
    cannot load are kept in ``problems`` (with the folder's own) and logged.

    Examples
    --------
    >>> sorted(load_years("data").years)
    [2022]
    """
    folder = discover(data_dir)
    dataset = Dataset(folder=folder, problems=list(folder.problems))
    wanted = sorted(set(years)) if years is not None else folder.annotated
    for year, loaded in zip(wanted, _load_each(folder, wanted, allow_draft)):
        if isinstance(loaded, KemiError):
            if years is not None:
                raise loaded
            dataset.problems.append(loaded)
            logger.warning("%s", loaded)
        else:
            dataset.years[year] = loaded
    return dataset


#: From this much input (bytes of raw text and annotations) the years are a large input: they load on every
#: core, and each keeps only its annotations and metrics (its report's tables are read again when asked
#: for, see :class:`YearData`). Below it, starting the workers costs more than the second core gives
#: (see docs/benchmarks.md).
LARGE_INPUT_BYTES = 8 * 2**20
#: How many processes load a large input's years: None for one a core (the benchmark sets 1 to compare).
WORKERS: int | None = None


def _load_each(folder: DataFolder, years: list[int], allow_draft: bool) -> list[YearData | KemiError]:
    """Each year loaded, or the error that stopped it; on every core when the input is large."""
    size = sum(f.stat().st_size for year in years if year in folder.years
               for f in (folder.years[year].raw, folder.years[year].annotations) if f is not None)
    if size < LARGE_INPUT_BYTES:
        return [_load_or_error(folder, year, allow_draft) for year in years]
    workers = min(len(years), WORKERS or os.cpu_count() or 1)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [_load_or_error(folder, year, allow_draft, keep_report=False) for year in years]
    from concurrent.futures import ProcessPoolExecutor

    # fork: the workers start with everything already imported (forkserver or spawn would import pandas again),
    # and with the schemas built.
    prepare_validation()
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(_load_or_error, [folder] * len(years), years, [allow_draft] * len(years),
                             [False] * len(years)))


def _load_or_error(folder: DataFolder, year: int, allow_draft: bool, keep_report: bool = True) -> YearData | KemiError:
    try:
        data = load_year(folder, year, allow_draft=allow_draft)
    except KemiError as exc:
        return exc
    return data if keep_report else data.without_report()
