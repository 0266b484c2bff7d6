"""Running the report notebook: papermill, then nbconvert, then an atomic move into place.

A run writes ``<out_dir>/<year>/report_<year>.html`` (``report_<year>_en.html``
for English) and the executed notebook beside it. Everything is first written
to temporary files in that folder and moved into place only when the whole
run succeeded, so a failed or interrupted run leaves the previous report
untouched; a failed run keeps its executed notebook as
``report_<year>.failed.ipynb`` and names it in the error.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .errors import ReportError, UsageError
from .formatting import LANGUAGES
from .output import atomic_path

logger = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATES = PACKAGE_DIR / "templates"
TEMPLATE_NAME = "kemi_report"
DEFAULT_NOTEBOOK = PACKAGE_DIR.parent / "notebooks" / "report.ipynb"
YEAR_RANGE = (2000, 2100)


@dataclass
class ReportResult:
    """Where a run wrote its files, and how long it took."""

    html: Path
    notebook: Path
    seconds: float


def skip_unused_iri_grammar() -> None:
    """Keep jsonschema from building the RFC 3987 grammar that no notebook validation uses.

    With jupyterlab installed, jsonschema finds ``rfc3987_syntax`` and builds
    its grammar when first imported (about 1.3 s in every process that
    imports nbformat). nbformat's schema has no ``iri`` format, so the command
    line hides the module before anything imports jsonschema; the library
    itself never does this. Safe to call more than once; does nothing once
    jsonschema is imported.
    """
    if "jsonschema" not in sys.modules and "rfc3987_syntax" not in sys.modules:
        sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]  # makes its import fail fast


def report_paths(out_dir: Path, year: int, lang: str) -> tuple[Path, Path]:
    """The HTML and executed-notebook paths of a year's report."""
    suffix = "" if lang == "fi" else f"_{lang}"
    folder = out_dir / str(year)
    return folder / f"report_{year}{suffix}.html", folder / f"report_{year}{suffix}.ipynb"


def validate_parameters(year: object, compare_years: object, data_dir: object, lang: object) -> None:
    """Check the report's parameters before papermill injects them; raise :class:`UsageError`."""
    from .dataset import available_years

    if not isinstance(year, int) or isinstance(year, bool) or not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise UsageError(f"year must be a whole number from {YEAR_RANGE[0]} to {YEAR_RANGE[1]} (got {year!r}).")
    if lang not in LANGUAGES:
        raise UsageError(f"lang must be one of {', '.join(LANGUAGES)} (got {lang!r}).")
    if not isinstance(compare_years, list) or not all(isinstance(y, int) for y in compare_years):
        raise UsageError(f"compare_years must be a list of years (got {compare_years!r}).")
    data_dir = Path(str(data_dir))
    if not data_dir.is_dir():
        raise UsageError(f"the data folder {str(data_dir)!r} does not exist.", path=data_dir,
                         hint="give --data-dir the folder that holds raw/ and annotations/.")
    years = available_years(data_dir)
    if year not in years:
        raise UsageError(f"{year} is not in the data (years with a raw report and annotations: "
                         f"{', '.join(map(str, years)) or 'none'}).", path=data_dir,
                         hint="add the year's raw report and annotation file, or choose another year.")
    unknown = [y for y in compare_years if y not in years or y >= year]
    if unknown:
        raise UsageError(f"compare_years {unknown} are not earlier years in the data ({years}).", path=data_dir)


def _html_exporter(lang: str):
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    other = {f"lang-{code}" for code in LANGUAGES if code != lang}
    exporter = HTMLExporter(
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        language_code=lang,
    )
    exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags=other), enabled=True)
    return exporter


def render_report(
    year: int,
    *,
    data_dir: str | Path = "data",
    out_dir: str | Path = "outputs",
    lang: str = "fi",
    compare_years: list[int] | None = None,
    notebook: str | Path = DEFAULT_NOTEBOOK,
    progress_bar: bool | None = None,
) -> ReportResult:
    """Execute the report notebook for ``year`` and convert it to a self-contained HTML file.

    Raises
    ------
    UsageError
        A parameter is not valid (checked before anything runs).
    ReportError
        The notebook failed or could not be converted; the executed notebook
        is kept as ``report_<year>.failed.ipynb`` where it exists.

    Examples
    --------
    >>> render_report(2022, data_dir="data", out_dir="outputs")  # doctest: +SKIP
    ReportResult(html=PosixPath('outputs/2022/report_2022.html'), ...)
    """
    compare_years = list(compare_years or [])
    data_dir = Path(data_dir).resolve()
    validate_parameters(year, compare_years, data_dir, lang)
    notebook = Path(notebook)
    if not notebook.is_file():
        raise UsageError(f"the report notebook {str(notebook)!r} does not exist.", path=notebook,
                         hint="run from the project's folder, or give --notebook.")
    html_path, notebook_path = report_paths(Path(out_dir), year, lang)
    html_path.parent.mkdir(parents=True, exist_ok=True)
    failed_path = notebook_path.with_suffix(".failed.ipynb")
    parameters = {"year": year, "compare_years": compare_years, "data_dir": str(data_dir), "lang": lang}
    if progress_bar is None:
        progress_bar = sys.stderr.isatty()
    started = time.perf_counter()

    import papermill
    from papermill.exceptions import PapermillExecutionError

    fd, name = tempfile.mkstemp(prefix=f".{notebook_path.stem}.", suffix=".ipynb", dir=notebook_path.parent)
    os.close(fd)
    executed = Path(name)
    try:
        logger.info("executing %s for %s (%s)", notebook.name, year, lang)
        try:
            papermill.execute_notebook(
                str(notebook),
                str(executed),
                parameters=parameters,
                kernel_name="python3",
                progress_bar=progress_bar,
                log_output=False,
                shutdown_kernel="immediate",
                cwd=str(notebook.parent),
            )
        except PapermillExecutionError as exc:
            os.replace(executed, failed_path)
            raise ReportError(
                f"the report notebook failed in cell {exc.exec_count} with {exc.ename}: {exc.evalue}",
                path=notebook,
                hint=f"open {failed_path} to see the failed cell; the previous report is untouched.",
                notebook=failed_path,
            ) from exc
        except Exception as exc:  # the kernel died, could not start, or the notebook is unreadable
            if executed.exists() and executed.stat().st_size:
                os.replace(executed, failed_path)
            raise ReportError(f"the report notebook could not be run: {exc}", path=notebook,
                              notebook=failed_path if failed_path.exists() else None) from exc

        import nbformat

        logger.info("converting to HTML")
        executed_nb = nbformat.read(str(executed), as_version=4)
        executed_nb.metadata["title"] = (f"Kemin hyvinvointitoimiala {year}" if lang == "fi"
                                         else f"Kemi welfare sector {year}")
        try:
            body, _ = _html_exporter(lang).from_notebook_node(executed_nb)
        except Exception as exc:
            os.replace(executed, failed_path)
            raise ReportError(f"converting the executed notebook to HTML failed: {exc}", path=notebook,
                              notebook=failed_path) from exc
        with atomic_path(html_path) as tmp:
            tmp.write_text(body, encoding="utf-8")
        os.chmod(executed, 0o644)
        os.replace(executed, notebook_path)
        failed_path.unlink(missing_ok=True)
    finally:
        executed.unlink(missing_ok=True)
    seconds = time.perf_counter() - started
    logger.info("wrote %s (%d bytes) in %.1f s", html_path, html_path.stat().st_size, seconds)
    return ReportResult(html=html_path, notebook=notebook_path, seconds=seconds)
