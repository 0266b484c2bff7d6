"""Writing files so that a reader never sees half of one.

Every file the package writes goes to a temporary file in the target folder
first and is moved into place with :func:`os.replace`, which is atomic on one
file system: a failed or interrupted run leaves the previous file untouched.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from .errors import DataError, KemiError, UsageError


#: The largest input file read, in bytes (256 MiB): a year's report text is well under 1 MiB and a
#: 100,000-metric annotation file about 15 MiB, so anything larger is the wrong file (or a device).
MAX_INPUT_BYTES = 256 * 1024 * 1024


def read_input(path: Path, error: type[KemiError], what: str, hint: str) -> bytes:
    """The bytes of an input file: a regular file no larger than :data:`MAX_INPUT_BYTES`, else ``error``.

    The size is checked before anything is read, so a wrong file (or a link
    to ``/dev/zero``) is refused at once instead of filling the memory.
    """
    try:  # O_NONBLOCK: opening a pipe must not wait for a writer; a regular file reads as usual
        with open(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise error(f"the {what} is not a regular file (a pipe, a device or a folder); it is not read.",
                            path=path, hint=hint)
            if info.st_size > MAX_INPUT_BYTES:
                raise error(f"the {what} is {info.st_size / 2**20:,.0f} MiB; files over "
                            f"{MAX_INPUT_BYTES // 2**20} MiB are not read.", path=path, hint=hint)
            return handle.read()
    except OSError as exc:
        raise error(f"cannot read the {what}: {exc.strerror or exc}.", path=path, hint=hint) from exc


def ensure_folder(folder: Path) -> Path:
    """Create ``folder`` (and its parents) if needed; a :class:`UsageError` saying why it cannot be."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create the folder {str(folder)!r}: {exc.strerror}.", path=folder,
                         hint="give an output path in a folder you can write to (not inside a file).") from exc
    return folder


@contextlib.contextmanager
def atomic_path(target: str | Path, *, overwrite: bool = True) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; move it onto ``target`` on success.

    On an exception the temporary file is removed and ``target`` is untouched.
    With ``overwrite=False`` an existing ``target`` is never replaced, even
    one that appeared meanwhile: :class:`FileExistsError` (the file is linked
    into place, which fails rather than replacing).

    Examples
    --------
    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "out.csv"
    >>> with atomic_path(target) as tmp:
    ...     _ = tmp.write_text("a,b\\n")
    >>> target.read_text()
    'a,b\\n'
    """
    target = Path(target)
    check_target(target)
    ensure_folder(target.parent)
    try:  # a short temporary name: the target's own may already be as long as the file system allows
        fd, name = tempfile.mkstemp(prefix=".kemi-", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise UsageError(f"cannot write in {str(target.parent)!r}: {exc.strerror}.", path=target,
                         hint="choose an output folder you can write to.") from exc
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, 0o644)
        if overwrite:
            os.replace(tmp, target)
        else:
            os.link(tmp, target)
    except FileExistsError:
        raise  # overwrite=False met a file: the caller says what that means
    except OSError as exc:
        raise UsageError(f"cannot write {str(target)!r}: {exc.strerror or exc}.", path=target,
                         hint="check the output path: a file name in a folder you can write to.") from exc
    finally:
        tmp.unlink(missing_ok=True)


def check_target(target: Path) -> None:
    """Only a regular file is ever replaced: never a folder, a link, or a device. A :class:`UsageError` else,
    also when the path itself cannot be looked at (a name longer than the file system allows)."""
    try:
        if target.is_symlink():
            raise UsageError(f"{str(target)!r} is a symbolic link; it is not replaced.", path=target,
                             hint="give the path of the file itself, or a new file name.")
        if target.exists() and not target.is_file():
            kind = "a folder" if target.is_dir() else "not a regular file (a device or a pipe)"
            raise UsageError(f"{str(target)!r} is {kind}; it is not replaced.", path=target,
                             hint="give a file name for the output.")
    except OSError as exc:
        raise UsageError(f"cannot use the path: {exc.strerror}.", path=target,
                         hint="give a shorter name (at most 255 bytes a name) in a folder you can write to.") from exc


#: What spreadsheet programs read as the start of a formula (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: The most characters Excel keeps in a cell.
EXCEL_CELL_LIMIT = 32_767
_EXCEL_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def neutralise(value: object) -> object:
    """Text that a spreadsheet would run as a formula, made plain text (OWASP: a leading apostrophe).

    Numbers are left as they are: only text can start a formula.

    Examples
    --------
    >>> neutralise("=1+1"), neutralise("-3"), neutralise(-3), neutralise("Tavoite")
    ("'=1+1", "'-3", -3, 'Tavoite')
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def check_cells(frame: pd.DataFrame, path: Path) -> None:
    """Refuse text a spreadsheet cannot hold: over 32,767 characters, or control characters.

    A :class:`DataError` names the first such cell by its row (1 is the header) and column.
    """
    for column in frame.columns:
        values = frame[column]
        if values.dtype != object and not pd.api.types.is_string_dtype(values):
            continue
        for row, value in enumerate(values.tolist(), start=2):
            if not isinstance(value, str):
                continue
            if len(value) > EXCEL_CELL_LIMIT:
                raise DataError(f"row {row}, column {column!r} holds {len(value):,} characters; a spreadsheet cell "
                                f"holds at most {EXCEL_CELL_LIMIT:,}, so it would be cut.", path=path,
                                hint="write CSV (--out with .csv), which keeps the whole text.")
            bad = _EXCEL_ILLEGAL.search(value)
            if bad:
                raise DataError(f"row {row}, column {column!r} holds the control character "
                                f"U+{ord(bad.group(0)):04X}, which a spreadsheet cannot store.", path=path,
                                hint="fix the source text, or write CSV (--out with .csv).")


def write_table(frame: pd.DataFrame, path: str | Path, *, excel_csv: bool = False, sheet: str = "table") -> Path:
    """Write ``frame`` as CSV, or as Excel when ``path`` ends in ``.xlsx``, atomically; never a formula.

    CSV is UTF-8 and comma-separated for machines; ``excel_csv`` writes it as
    Finnish Excel reads it (semicolons, decimal commas, a BOM). Text that
    begins like a formula is written as text: an apostrophe before it in CSV,
    a text cell in ``.xlsx`` (on a sheet named ``sheet``).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in {".csv", ".xlsx"}:
        raise UsageError(f"cannot write {path.name!r}: the file name must end in .csv or .xlsx.", path=path)
    if suffix == ".xlsx":
        return write_workbook({sheet: frame}, path)
    safe = frame.apply(lambda column: column.map(neutralise) if column.dtype == object
                       or pd.api.types.is_string_dtype(column) else column)
    with atomic_path(path) as tmp:
        if excel_csv:
            safe.to_csv(tmp, index=False, sep=";", decimal=",", encoding="utf-8-sig")
        else:
            safe.to_csv(tmp, index=False, encoding="utf-8")
    return path


def write_workbook(sheets: dict[str, pd.DataFrame], path: str | Path, *,
                   formats: dict[str, dict[str, str]] | None = None) -> Path:
    """Write tables as the sheets of one ``.xlsx``, atomically: text always as text, never a formula.

    Each sheet gets a bold frozen header, a filter and column widths that fit
    its text; ``formats`` gives number formats per sheet and column (``"0 %"``).
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    path = Path(path)
    for frame in sheets.values():
        check_cells(frame, path)
    book = Workbook()
    book.remove(book.active)
    for title, frame in sheets.items():
        sheet = book.create_sheet(title=title[:31])
        sheet.append([str(c) for c in frame.columns])
        for cell in sheet[1]:
            cell.data_type = "s"
            cell.font = Font(bold=True)
        for values in frame.itertuples(index=False):
            sheet.append([None if _is_missing(v) else v for v in values])
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # openpyxl would store text beginning with "=" as a formula
        for index, column in enumerate(frame.columns, start=1):
            letter = get_column_letter(index)
            number_format = (formats or {}).get(title, {}).get(column)
            if number_format:
                for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                    cell.number_format = number_format
            longest = max([len(str(column))] + [len(str(v)) for v in frame[column].tolist() if not _is_missing(v)])
            sheet.column_dimensions[letter].width = min(max(8, longest + 2), 60)
        sheet.freeze_panes = "A2"
        if len(frame.columns):
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(frame.columns))}{len(frame) + 1}"
    buffer = io.BytesIO()  # built in memory: a full disk then fails one plain write, not a half-open zip file
    book.save(buffer)
    with atomic_path(path) as tmp:
        tmp.write_bytes(buffer.getvalue())
    return path


def _is_missing(value: object) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False
