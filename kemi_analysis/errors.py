"""The package's exceptions.

Every error a user can cause is a :class:`KemiError`. Each one says which file
and which line it is about and what to do, so the command line can print it as
it is and exit with the code of its kind (see the README's error contract).
"""

from __future__ import annotations

from pathlib import Path


class KemiError(Exception):
    """Base class of every error the package raises on purpose.

    Parameters
    ----------
    message
        What is wrong, in one sentence.
    path
        The file the error is about, if any.
    line
        The 1-based line in that file, if known.
    hint
        What the user can do about it.
    """

    exit_code = 1

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.hint = hint
        super().__init__(self.__str__())

    def __reduce__(self):
        """Pickled whole (path, line, hint, problems), as an error from a worker process must arrive."""
        return _restore, (type(self), self.args, self.__dict__.copy())

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}"
            if self.line is not None:
                where += f", line {self.line}"
            where += ": "
        text = where + self.message
        if self.hint:
            text += f"\n  What to do: {self.hint}"
        return text


def _restore(cls: type[KemiError], args: tuple, state: dict) -> KemiError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class SourceError(KemiError):
    """The raw report text cannot be read as a strategy report."""


class AnnotationError(KemiError):
    """An annotation file breaks the data contract.

    ``problems`` holds every problem found, so an analyst can fix the file in
    one pass; the message lists them all.
    """

    def __init__(self, message: str, *, problems: list[str] | None = None, **where: object) -> None:
        self.problems = list(problems or [])
        super().__init__(message, **where)  # type: ignore[arg-type]

    def __str__(self) -> str:
        text = super().__str__()
        if self.problems:
            text += "".join(f"\n  - {p}" for p in self.problems)
        return text


class DataError(KemiError):
    """The data folder does not hold what was asked for (a year, a file)."""


class UsageError(KemiError):
    """A parameter or option is not valid."""

    exit_code = 2


class ReportError(KemiError):
    """Running or converting the report notebook failed.

    ``notebook`` is the executed notebook kept for inspection, if any.
    """

    exit_code = 3

    def __init__(self, message: str, *, notebook: str | Path | None = None, **where: object) -> None:
        self.notebook = Path(notebook) if notebook is not None else None
        super().__init__(message, **where)  # type: ignore[arg-type]
