"""Running the report notebook: papermill, then nbconvert, then an atomic move into place.

A run writes ``<out_dir>/<year>/report_<year>.html`` (``report_<year>_en.html``
for English) and the executed notebook beside it. Everything is first written
to temporary files in that folder and moved into place only when the whole
run succeeded, so a failed or interrupted run leaves the previous report
untouched; a failed run keeps its executed notebook as
``report_<year>.failed.ipynb`` and names it in the error.

The notebook ships inside the package (``kemi_analysis/report/report.ipynb``),
so an installed package renders from any working directory.
"""

from __future__ import annotations

import errno
import logging
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ..errors import KemiError, ReportError, UsageError
from ..files import MAX_INPUT_BYTES, atomic_path, check_target, ensure_folder
from .labels import text
from .parameters import LANGUAGES, ReportParameters

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
TEMPLATE_NAME = "kemi_report"
DEFAULT_NOTEBOOK = HERE / "report.ipynb"


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


def drop_stderr(notebook):
    """Remove what the kernel wrote to stderr (warnings, log lines with paths) from a notebook's outputs.

    The board's HTML shows the report and nothing of its machinery; the
    executed notebook kept beside it still has every output.

    Examples
    --------
    >>> import nbformat
    >>> cell = nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output("stream", name="stderr", text="W"),
    ...                                           nbformat.v4.new_output("stream", name="stdout", text="ok")])
    >>> [o["name"] for o in drop_stderr(nbformat.v4.new_notebook(cells=[cell])).cells[0].outputs]
    ['stdout']
    """
    for cell in notebook.cells:
        if "outputs" in cell:
            cell.outputs = [o for o in cell.outputs
                            if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
    return notebook


def _html_exporter(lang: str):
    from nbconvert import HTMLExporter, TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
    from nbconvert.preprocessors import TagRemovePreprocessor

    class ReportExporter(HTMLExporter):
        """nbconvert's HTML exporter without its closing BeautifulSoup pass.

        nbconvert 7 parses its whole output again to give images without alt text a placeholder and
        every cell a ``tabindex``; the report's images all have their alt text, its cells are not
        interactive, and over a 100,000-metric report the pass took 160 s and 1.8 GB of the 220 s
        and 2.3 GB. The filters it registers first are registered here in the same way.
        """

        def from_notebook_node(self, nb, resources=None, **kw):
            language = nb.metadata.get("language_info", {})
            resources = self._init_resources(resources)
            self.register_filter("highlight_code", Highlight2HTML(
                pygments_lexer=language.get("pygments_lexer", language.get("name")), parent=self))
            self.register_filter("filter_data_type", WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources))
            return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

    other = {f"lang-{code}" for code in LANGUAGES if code != lang}
    exporter = ReportExporter(
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
    allow_draft: bool = False,
    notebook: str | Path = DEFAULT_NOTEBOOK,
    progress_bar: bool | None = None,
    also: tuple[Path, ...] = (),
) -> ReportResult:
    """Execute the report notebook for ``year`` and convert it to a self-contained HTML file.

    Raises
    ------
    UsageError
        A parameter has the wrong form (checked before anything runs).
    DataError
        The data cannot give what is asked: a year or a compared year is
        missing, does not load, or holds draft rows without ``allow_draft``
        (checked before anything runs).
    ReportError
        The notebook failed or could not be converted; the executed notebook
        is kept as ``report_<year>.failed.ipynb`` where it exists.

    ``also`` names further outputs the caller will write after the report
    (a PDF): they are checked with the report's own, before anything is written.

    Examples
    --------
    >>> render_report(2022, data_dir="data", out_dir="outputs")  # doctest: +SKIP
    ReportResult(html=PosixPath('outputs/2022/report_2022.html'), ...)
    """
    started = time.perf_counter()
    parameters = ReportParameters(year=year, compare_years=list(compare_years or []),
                                  data_dir=Path(data_dir).resolve(), lang=lang, allow_draft=allow_draft)
    drafts = _check_loads(parameters)
    notebook = Path(notebook)
    if not notebook.is_file() or notebook.stat().st_size > MAX_INPUT_BYTES:
        what = "does not exist" if not notebook.exists() else "is not a notebook file"
        raise UsageError(f"the report notebook {str(notebook)!r} {what}.", path=notebook,
                         hint="leave out --notebook to use the one installed with the package.")
    html_path, notebook_path = report_paths(Path(out_dir), year, lang)
    for target in (html_path, notebook_path, *also):  # refused before anything is written
        check_target(target)
    ensure_folder(html_path.parent)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{notebook_path.stem}.", suffix=".ipynb", dir=notebook_path.parent)
    except OSError as exc:
        raise UsageError(f"cannot write in {str(notebook_path.parent)!r}: {exc.strerror}.", path=notebook_path.parent,
                         hint="choose an --out-dir you can write to.") from exc
    os.close(fd)
    executed = Path(name)
    try:
        failed = notebook_path.with_suffix(".failed.ipynb")
        _execute(notebook, executed, failed, parameters,
                 sys.stderr.isatty() if progress_bar is None else progress_bar)
        body = _convert(notebook, executed, failed, parameters, drafts)
        with atomic_path(html_path) as tmp:
            tmp.write_text(body, encoding="utf-8")
        os.chmod(executed, 0o644)
        os.replace(executed, notebook_path)
        failed.unlink(missing_ok=True)
    finally:
        executed.unlink(missing_ok=True)
    seconds = time.perf_counter() - started
    logger.info("wrote %s (%d bytes) in %.1f s", html_path, html_path.stat().st_size, seconds)
    return ReportResult(html=html_path, notebook=notebook_path, seconds=seconds)


def _check_loads(parameters: ReportParameters) -> bool:
    """Load the year and its compared years before the kernel starts, so data errors come first (exit 1).

    Returns whether any loaded row is a draft (then the report is marked as one).
    """
    from ..compute.pipeline import load_years

    folder, compare = parameters.check()  # the one check before the kernel starts; the notebook repeats it
    dataset = load_years(folder, [*compare, parameters.year], allow_draft=parameters.allow_draft)
    return bool(dataset.metrics["draft"].any())


def _keep_failed(executed: Path, failed: Path) -> tuple[Path | None, str]:
    """Keep the executed notebook of a failed run as ``failed`` if it is a whole notebook.

    Returns the kept path (None when there is none) and a sentence for the
    error's hint: where to look, or why no notebook could be kept. A notebook
    cut short (a full disk stops the write half-way) is removed, never kept as
    a file that no program can open.
    """
    import json

    failed.unlink(missing_ok=True)  # an older run's failed notebook must not pass for this run's
    try:
        data = executed.read_bytes()
    except OSError:
        data = b""
    if not data:
        executed.unlink(missing_ok=True)
        return None, "no executed notebook was written."
    try:
        json.loads(data)
    except ValueError:
        executed.unlink(missing_ok=True)
        return None, "no executed notebook could be kept: its file was cut short (is the disk full?)."
    os.replace(executed, failed)
    return failed, f"open {failed} to see where it failed."


def _failure(message: str, notebook: Path, executed: Path, failed: Path, exc: BaseException) -> KemiError:
    """The error of a failed run, with the executed notebook kept (or why not) in its hint.

    A file system that refuses the write (full, read-only, no permission) is the user's to fix: a
    :class:`UsageError` naming the folder; anything else is a :class:`ReportError`.
    """
    kept, where = _keep_failed(executed, failed)
    if isinstance(exc, OSError) and exc.errno in _FILE_SYSTEM_ERRORS:
        full = exc.errno in {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
        todo = "free some space or choose another --out-dir" if full else "choose an --out-dir you can write to"
        return UsageError(f"cannot write the report: {exc.strerror}.", path=executed.parent,
                          hint=f"{todo}; {where} The previous report is untouched.")
    return ReportError(message, path=notebook, notebook=kept, hint=f"{where} The previous report is untouched.")


_FILE_SYSTEM_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EFBIG}


def _kernel_config(sockets: Path):
    """Kernel settings: local IPC sockets in ``sockets`` (a private temporary folder), only errors logged, and
    the kernel's standard error in ``sockets / "kernel.log"``.

    Over TCP without encryption the kernel warns on every run that its traffic
    could be read on the network; IPC never leaves the machine. The kernel is a
    process of its own that can outlive an interrupted run by a moment: what it
    says then (a socket gone) must not reach the terminal after the run's one
    line, so it writes to its log, whose last lines a failed run's error quotes.
    """
    from jupyter_client import AsyncKernelManager
    from traitlets import Unicode
    from traitlets.config import Config

    class QuietKernelManager(AsyncKernelManager):
        stderr_path = Unicode("", help="where the kernel's standard error goes").tag(config=True)

        async def start_kernel(self, **kw):
            if not self.stderr_path:
                return await super().start_kernel(**kw)
            with open(self.stderr_path, "ab") as log:  # the kernel keeps its own copy of the handle
                kw.setdefault("stderr", log)
                return await super().start_kernel(**kw)

    return Config({"KernelManager": {"transport": "ipc", "ip": str(sockets / "kernel")},
                   "QuietKernelManager": {"stderr_path": str(sockets / "kernel.log")},
                   # The kernel's own log lines (its start-up, "Parent appears to have exited" after an interrupt)
                   # are not the user's business: only its errors, and those go to its log.
                   "NotebookClient": {"extra_arguments": ["--IPKernelApp.log_level=ERROR"],
                                      "kernel_manager_class": QuietKernelManager}})


def _kernel_said(sockets: Path) -> str:
    """The last lines the kernel wrote to its standard error, for a failed run's message."""
    try:
        lines = (sockets / "kernel.log").read_text(encoding="utf-8", errors="replace").strip().splitlines()
    except OSError:
        return ""
    return f" (the kernel said: {' / '.join(lines[-3:])})" if lines else ""


def _execute(notebook: Path, executed: Path, failed: Path, parameters: ReportParameters, progress_bar: bool) -> None:
    import papermill
    from papermill.exceptions import PapermillExecutionError

    logger.info("executing %s for %s (%s)", notebook.name, parameters.year, parameters.lang)
    with tempfile.TemporaryDirectory(prefix="kemi-kernel-") as folder:
        sockets = Path(folder)
        try:
            papermill.execute_notebook(str(notebook), str(executed), parameters=parameters.as_dict(),
                                       kernel_name="python3", progress_bar=progress_bar, log_output=False,
                                       shutdown_kernel="immediate", cwd=str(notebook.parent),
                                       config=_kernel_config(sockets))
        except PapermillExecutionError as exc:
            raise _failure(f"the report notebook failed in cell {exc.exec_count} with {exc.ename}: {exc.evalue}",
                           notebook, executed, failed, exc) from exc
        except Exception as exc:  # the kernel died, could not start, the notebook is unreadable, the disk is full
            raise _failure(f"the report notebook could not be run: {exc}{_kernel_said(sockets)}", notebook,
                           executed, failed, exc) from exc


def _convert(notebook: Path, executed: Path, failed: Path, parameters: ReportParameters, drafts: bool) -> str:
    import nbformat

    logger.info("converting to HTML")
    executed_nb = nbformat.read(str(executed), as_version=4)
    title = text("title.document", parameters.lang, year=parameters.year)
    executed_nb.metadata["title"] = text("draft.prefix", parameters.lang) + title if drafts else title
    try:
        body, _ = _html_exporter(parameters.lang).from_notebook_node(drop_stderr(executed_nb))
    except Exception as exc:
        raise _failure(f"converting the executed notebook to HTML failed: {exc}", notebook, executed, failed,
                       exc) from exc
    return body
