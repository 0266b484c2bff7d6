"""Running the report notebook: papermill, then nbconvert, then an atomic move into place.

A run writes ``<out_dir>/<year>/report_<year>.html`` (``report_<year>_en.html``
for English) and the executed notebook beside it. Everything is first written
to temporary files in that folder and moved into place only when the whole
run succeeded, so a failed or interrupted run leaves the previous report
untouched; a failed run keeps its executed notebook as
``report_<year>.failed.ipynb`` and names it in the error.

The notebook ships inside the package (``kemi_analysis/report/report.ipynb``),
so an installed package renders from any working directory.

A run has two processes: this one checks the data, imports papermill and
nbconvert and writes the files; the kernel starts up (about a second),
imports pandas, matplotlib and the package, and runs the notebook. Their work
overlaps where it can, on a machine of two cores or more: the kernel is
launched first (:class:`ReportKernel`) and starts up and imports the report's
modules while this process imports pandas and checks the data; the HTML
exporter is built (nbconvert imported, its templates compiled) in a thread
while the kernel runs the notebook. So that the command line can launch the
kernel before it imports pandas, this module imports neither pandas nor the
modules that do until a function needs them.
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
import signal
import sys
import tempfile
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import KemiError, ReportError, UsageError

if TYPE_CHECKING:  # pragma: no cover
    from .parameters import ReportParameters

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
TEMPLATE_NAME = "kemi_report"
DEFAULT_NOTEBOOK = HERE / "report.ipynb"
KERNEL_NAME = "python3"

#: What the kernel imports as it starts: the module the report notebook's first cell imports, and with it
#: pandas, matplotlib and the package. The notebook still imports it itself (then from memory), so it runs
#: the same by hand; a failed import here only shows again, with its traceback, in the notebook's cell.
KERNEL_PRELOAD = "kemi_analysis.report.sections"

#: The kernel's command line. Only its errors are logged, and those go to its log: its start-up lines and
#: "Parent appears to have exited" after an interrupt are not the user's business. Its history stays in
#: memory (as nbclient starts kernels), so runs at once share no history database.
KERNEL_ARGUMENTS = (
    "--IPKernelApp.log_level=ERROR",
    "--HistoryManager.hist_file=:memory:",
    f"--IPKernelApp.exec_lines=import {KERNEL_PRELOAD}",
)


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


class ReportKernel:
    """The kernel of one report run: launched when made, stopped by :meth:`close` (or the ``with`` block).

    Making one launches the kernel process and returns at once, without
    waiting for the kernel to answer: it starts up and imports
    :data:`KERNEL_PRELOAD` in its own process while this one goes on (checks
    the data), and papermill waits for it when handed :attr:`manager`. A
    kernel runs one notebook.

    It talks over local IPC sockets in a private temporary folder (over TCP
    without encryption it warns on every run that its traffic could be read
    on the network) and writes its standard error to ``kernel.log`` there
    (see :meth:`said`): a kernel can outlive an interrupted run by a moment,
    and what it says then must not reach the terminal after the run's one
    line.

    The kernel runs in ``notebook``'s folder, as papermill's ``cwd``. A
    kernel that cannot be launched (no ``python3`` kernel installed) is not
    an error yet: :attr:`error` keeps why, and the run reports it after the
    data checks, as it would had papermill launched the kernel. For a
    notebook that does not exist nothing is launched: the run refuses the
    notebook before it would need the kernel.
    """

    def __init__(self, notebook: str | Path) -> None:
        notebook = Path(notebook)
        self.folder = Path(tempfile.mkdtemp(prefix="kemi-kernel-"))
        self.manager = None
        self.error: Exception | None = None
        if not notebook.is_file():
            self.error = FileNotFoundError(errno.ENOENT, "no such notebook", str(notebook))
            return
        try:
            self.manager = _launch(self.folder, notebook.parent)
        except Exception as exc:
            logger.debug("the kernel could not be launched: %s", exc)
            self.error = exc
        except BaseException:  # interrupted while launching: leave nothing behind
            self.close()
            raise

    def __enter__(self) -> ReportKernel:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def said(self) -> str:
        """The last lines the kernel wrote to its standard error, for a failed run's message."""
        try:
            lines = (self.folder / "kernel.log").read_text(encoding="utf-8", errors="replace").strip().splitlines()
        except OSError:
            return ""
        return f" (the kernel said: {' / '.join(lines[-3:])})" if lines else ""

    def kill(self) -> None:
        """Kill the kernel (its notebook has run) without waiting for it to end, as :meth:`close` does.

        The run converts the notebook meanwhile, and :meth:`close` then finds the kernel gone instead of
        waiting a tenth of a second for it to die.
        """
        if self.manager is not None:
            from jupyter_core.utils import run_sync

            try:
                run_sync(self.manager.signal_kernel)(signal.SIGKILL)
            except (RuntimeError, OSError) as exc:  # no process to signal: close() finds it gone all the same
                logger.debug("the kernel could not be killed: %s", exc)

    def close(self) -> None:
        """Stop the kernel at once (its notebook has run, or the run is over) and remove its folder.

        Safe to call again.
        """
        manager, self.manager = self.manager, None
        try:
            if manager is not None:
                from jupyter_core.utils import run_sync

                run_sync(_stop)(manager)
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def _launch(folder: Path, notebook_dir: Path):
    """Launch the kernel process in ``notebook_dir`` (the notebook's own folder, as papermill's ``cwd``)."""
    from jupyter_client import AsyncKernelManager
    from jupyter_core.utils import run_sync

    class ReportKernelManager(AsyncKernelManager):
        """A kernel manager that remembers the clients it hands out, so that :func:`_stop` closes them.

        nbclient makes a client of a manager it is given and, the manager not being its own, leaves the
        client's channels open.
        """

        def client(self, **kwargs):
            client = super().client(**kwargs)
            self.clients.append(client)
            return client

    manager = ReportKernelManager(kernel_name=KERNEL_NAME, transport="ipc", ip=str(folder / "kernel"))
    manager.clients = []
    with open(folder / "kernel.log", "ab") as log:  # the kernel keeps its own copy of the handle
        run_sync(manager.start_kernel)(extra_arguments=list(KERNEL_ARGUMENTS), cwd=str(notebook_dir), stderr=log)
    return manager


async def _stop(manager) -> None:
    """Kill the kernel if it still runs, then free what the manager and its clients hold (as nbclient does)."""
    try:
        if await manager.is_alive():
            await manager.shutdown_kernel(now=True)
    finally:
        await manager.cleanup_resources()
        for client in manager.clients:
            client.stop_channels()


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

    from .parameters import LANGUAGES

    other = {f"lang-{code}" for code in LANGUAGES if code != lang}
    exporter = ReportExporter(
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        language_code=lang,
        optimistic_validation=True,  # validate once after the preprocessors, not after each of the dozen
    )
    exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags=other), enabled=True)
    return exporter


def _ready_exporter(lang: str):
    """The HTML exporter with its templates compiled: it converts an empty notebook once.

    Its templates extend nbconvert's, which are compiled only when a conversion first needs them.
    """
    import nbformat

    exporter = _html_exporter(lang)
    exporter.from_notebook_node(nbformat.v4.new_notebook())
    return exporter


def _exporter_in_background(lang: str) -> Future:
    """:func:`_ready_exporter` in a thread, started as the kernel runs the notebook and this process waits.

    Importing nbconvert and compiling its templates takes half a second or more, which then overlaps the
    kernel's work instead of following it. An error is raised where the result is taken, in :func:`_convert`.
    """
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kemi-exporter")
    future = pool.submit(_ready_exporter, lang)
    pool.shutdown(wait=False)  # the thread ends with its one task
    return future


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
    kernel: ReportKernel | None = None,
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

    ``kernel`` is a :class:`ReportKernel` the caller started ahead (for
    ``notebook``), for this run to use and close; without one,
    the run starts its own first, so that it starts up while the data is
    checked.

    Examples
    --------
    >>> render_report(2022, data_dir="data", out_dir="outputs")  # doctest: +SKIP
    ReportResult(html=PosixPath('outputs/2022/report_2022.html'), ...)
    """
    started = time.perf_counter()
    notebook = Path(notebook)
    kernel = kernel or ReportKernel(notebook)  # launched first: it starts up while the data is checked
    try:
        from ..files import MAX_INPUT_BYTES, atomic_path, check_target, ensure_folder
        from .parameters import ReportParameters

        parameters = ReportParameters(year=year, compare_years=list(compare_years or []),
                                      data_dir=Path(data_dir).resolve(), lang=lang, allow_draft=allow_draft)
        drafts = _check_loads(parameters)
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
            raise UsageError(f"cannot write in {str(notebook_path.parent)!r}: {exc.strerror}.",
                             path=notebook_path.parent, hint="choose an --out-dir you can write to.") from exc
        os.close(fd)
        executed = Path(name)
        try:
            failed = notebook_path.with_suffix(".failed.ipynb")
            # papermill is imported (with the engine) before the exporter's thread starts importing nbconvert:
            # the two share modules, and one thread importing them at a time keeps the imports simple.
            engine = _register_engine()
            exporter = _exporter_in_background(lang)
            executed_nb = _execute(notebook, executed, failed, parameters,
                                   sys.stderr.isatty() if progress_bar is None else progress_bar, kernel, engine)
            body = _convert(executed_nb, exporter, notebook, executed, failed, parameters, drafts)
            with atomic_path(html_path) as tmp:
                tmp.write_text(body, encoding="utf-8")
            os.chmod(executed, 0o644)
            os.replace(executed, notebook_path)
            failed.unlink(missing_ok=True)
        finally:
            executed.unlink(missing_ok=True)
    finally:
        kernel.close()
    seconds = time.perf_counter() - started
    logger.info("wrote %s (%d bytes) in %.1f s", html_path, html_path.stat().st_size, seconds)
    return ReportResult(html=html_path, notebook=notebook_path, seconds=seconds)


def _check_loads(parameters: ReportParameters) -> bool:
    """Load the year and its compared years before the notebook runs, so data errors come first (exit 1).

    The kernel starts up meanwhile; nothing is written until this has passed.

    Returns whether any loaded row is a draft (then the report is marked as one).
    """
    from ..compute.pipeline import load_years

    folder, compare = parameters.check()  # the one check before the notebook runs; the notebook repeats it
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


#: The papermill engine the report runs with (see :func:`_register_engine`).
ENGINE_NAME = "kemi_report"


def _register_engine() -> str:
    """Register papermill's nbclient engine with fewer saves of the notebook being run (again: it is harmless).

    papermill writes the whole notebook being run (half a megabyte of figures, validated and serialised)
    as each of its cells starts and again as it ends, markdown cells too: for the report's 35 cells, 72
    writes of about 8 ms each, made between two cells while the kernel waits. This engine writes it as each
    code cell starts and at the end (a failed cell, a dead kernel and success alike), so the file still shows
    every finished output and the cell that was running should the run be killed; the writes as a cell ends
    and around markdown cells, which add nothing the next write does not, are left out. The executed
    notebook is the same: only when it is written changes. Returns the engine's name for papermill.
    """
    from papermill.engines import NBClientEngine, NotebookExecutionManager, papermill_engines

    class FewerSaves(NotebookExecutionManager):
        _saving = True

        def save(self, **kwargs):
            if self._saving:
                super().save(**kwargs)

        def cell_start(self, cell, cell_index=None, **kwargs):
            self._saving = cell.get("cell_type") == "code"
            try:
                super().cell_start(cell, cell_index, **kwargs)
            finally:
                self._saving = True

        def cell_complete(self, cell, cell_index=None, **kwargs):
            self._saving = False  # the next code cell's start, or the end of the run, writes it
            try:
                super().cell_complete(cell, cell_index, **kwargs)
            finally:
                self._saving = True

    class ReportEngine(NBClientEngine):
        @classmethod
        def execute_notebook(cls, nb, kernel_name, output_path=None, progress_bar=True, log_output=False,
                             autosave_cell_every=30, **kwargs):
            # papermill's Engine.execute_notebook, with the manager above in place of its own
            nb_man = FewerSaves(nb, output_path=output_path, progress_bar=progress_bar, log_output=log_output,
                                autosave_cell_every=autosave_cell_every)
            nb_man.notebook_start()
            try:
                cls.execute_managed_notebook(nb_man, kernel_name, log_output=log_output, **kwargs)
            finally:
                nb_man.cleanup_pbar()
                nb_man.notebook_complete()
            return nb_man.nb

    papermill_engines.register(ENGINE_NAME, ReportEngine)
    return ENGINE_NAME


def _execute(notebook: Path, executed: Path, failed: Path, parameters: ReportParameters, progress_bar: bool,
             kernel: ReportKernel, engine: str):
    """Run the notebook with papermill's ``engine`` in ``kernel`` (killed at the end; the caller closes it);
    the executed notebook."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    logger.info("executing %s for %s (%s)", notebook.name, parameters.year, parameters.lang)
    try:
        if kernel.error is not None:  # the kernel could not be launched: reported as papermill would
            raise kernel.error
        return papermill.execute_notebook(str(notebook), str(executed), parameters=parameters.as_dict(),
                                          kernel_name=KERNEL_NAME, progress_bar=progress_bar, log_output=False,
                                          cwd=str(notebook.parent), engine_name=engine, km=kernel.manager)
    except PapermillExecutionError as exc:
        raise _failure(f"the report notebook failed in cell {exc.exec_count} with {exc.ename}: {exc.evalue}",
                       notebook, executed, failed, exc) from exc
    except Exception as exc:  # the kernel died, could not start, the notebook is unreadable, the disk is full
        raise _failure(f"the report notebook could not be run: {exc}{kernel.said()}", notebook,
                       executed, failed, exc) from exc
    finally:
        kernel.kill()


def _convert(executed_nb, exporter: Future, notebook: Path, executed: Path, failed: Path,
             parameters: ReportParameters, drafts: bool) -> str:
    """The executed notebook (as papermill returned it, the same as it wrote) as the report's HTML."""
    from .labels import text

    logger.info("converting to HTML")
    title = text("title.document", parameters.lang, year=parameters.year)
    executed_nb.metadata["title"] = text("draft.prefix", parameters.lang) + title if drafts else title
    try:
        body, _ = exporter.result().from_notebook_node(drop_stderr(executed_nb))
    except Exception as exc:
        raise _failure(f"converting the executed notebook to HTML failed: {exc}", notebook, executed, failed,
                       exc) from exc
    return body
