"""The ``kemi-analysis`` command: arguments in, a library call, errors to exit codes.

Exit codes: 0 success, 1 bad data, 2 bad usage, 3 the report notebook failed,
130 interrupted (Ctrl-C or SIGTERM; nothing half-written is left in place).
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from . import __version__
from .authoring import MATCH_THRESHOLD
from .errors import DataError, KemiError, UsageError

if TYPE_CHECKING:  # pragma: no cover
    from .report.runner import ReportKernel

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_REPORT = 0, 1, 2, 3
EXIT_INTERRUPTED = 130


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on usage errors, as we do
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


# --------------------------------------------------------------------------
# Commands


def cmd_validate(args: argparse.Namespace) -> int:
    """Read a raw report and print its summary."""
    from .read.parser import load_report
    from .read.summary import report_summary

    if args.raw.suffix.lower() == ".csv":
        raise UsageError(f"{args.raw.name} looks like an annotation file, not a raw report text.", path=args.raw,
                         hint=f"check an annotation file with 'kemi-analysis check {args.raw}'.")
    print(report_summary(load_report(args.raw, year=args.year)))
    return EXIT_OK


def cmd_parse(args: argparse.Namespace) -> int:
    """Write the goal-row table of a raw report as CSV."""
    from .files import write_table
    from .read.parser import load_report
    from .read.summary import goal_row_table

    report = load_report(args.raw, year=args.year)
    write_table(goal_row_table(report), args.out, sheet="goal_rows")
    print(f"Wrote {_count(len(report.goals), 'goal row')} to {args.out}")
    return EXIT_OK


def _year(text: str) -> int:
    """A year written in ASCII digits ("2022"); int() would also take "２０２２"."""
    if not re.fullmatch(r"[0-9]{1,4}", text.strip()):
        raise argparse.ArgumentTypeError(f"{text!r} is not a year (four digits, e.g. 2022)")
    return int(text)


def _threshold(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0 <= value <= 100:  # also refuses nan
        raise argparse.ArgumentTypeError(f"{text!r} is not a score from 0 to 100")
    return value


def _parse_years(text: str) -> list[int] | str:
    if text == "all":
        return text
    try:
        return sorted({_year(part) for part in text.split(",") if part.strip()})
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(f"{text!r} is not 'all' or a comma-separated list of years") from None


def _parse_year_list(text: str) -> list[int]:
    years = _parse_years(text)
    if years == "all":
        raise argparse.ArgumentTypeError("give years, e.g. 2021,2022")
    return years  # type: ignore[return-value]


def cmd_export(args: argparse.Namespace) -> int:
    """Write the metric table of a year, or of several years with their changes: CSV for machines (or for
    Finnish Excel with --excel), or a workbook for people (.xlsx, in --lang)."""
    from .compute.achievement import export_table
    from .compute.pipeline import discover, load_years
    from .compute.trends import changes_table
    from .files import write_table

    folder = discover(args.data_dir)
    folder.warn()
    years = [args.year] if args.year is not None else folder.annotated if args.years == "all" else args.years
    if not years:
        raise DataError("no year has both a raw report and an annotation file.", path=folder.path,
                        hint="add a year's raw report to raw/ and its annotation file to annotations/.")
    dataset = load_years(folder, years, allow_draft=args.allow_draft)
    if args.out.suffix.lower() == ".xlsx":
        from .report.spreadsheet import write_metrics_workbook

        write_metrics_workbook(dataset, args.out, args.lang)
        print(f"Wrote {_count(len(dataset.metrics), 'metric-year')} ({', '.join(map(str, sorted(dataset.years)))}) "
              f"to {args.out}")
        return EXIT_OK
    table = export_table(dataset.metrics) if args.year is not None else changes_table(dataset.metrics)
    write_table(table, args.out, excel_csv=args.excel)
    what = f"{_count(len(table), 'metric')} for {args.year}" if args.year is not None else (
        f"{len(table)} metric-years ({', '.join(map(str, sorted(dataset.years)))}) with their changes")
    print(f"Wrote {what} to {args.out}")
    return EXIT_OK


def _count(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def cmd_match(args: argparse.Namespace) -> int:
    """Propose metric_ids for a new year's metric items from the previous year's annotations."""
    from .authoring.matching import propose_matches
    from .compute.pipeline import discover, load_year
    from .files import write_table
    from .read.parser import load_report

    folder = discover(args.data_dir)
    folder.warn()
    files = folder.files(args.year)
    earlier = [y for y in folder.annotated if y < args.year]
    previous_year = args.previous_year or (max(earlier) if earlier else None)
    if previous_year is None:
        raise DataError(f"no earlier annotated year to match {args.year} against.", path=folder.path,
                        hint="matching needs the previous year's raw report and annotation file.")
    previous = load_year(folder, previous_year)
    proposals = propose_matches(load_report(files.raw, year=args.year), previous.annotations.table,
                                threshold=args.threshold)
    print(f"Metric items of {args.year} matched against the {previous_year} annotations "
          f"(score 0-100, proposed at >= {args.threshold:g}):")
    for row in proposals.itertuples(index=False):
        print(_proposal_line(row, args.year))
    counts = proposals["decision"].value_counts()
    print(f"{counts.get('match', 0)} proposed, {counts.get('unmatched', 0)} items unmatched, "
          f"{counts.get('not_found', 0)} previous metrics not found. Confirm them in the annotation file.")
    if args.out:
        write_table(proposals, args.out, sheet="proposals")
        print(f"Wrote the proposals to {args.out}")
    return EXIT_OK


def _proposal_line(row, year: int) -> str:
    if row.decision == "not_found":
        return f"  {'-':>9}  {row.metric_id:<28} {row.score:5.1f}  not found in {year}: dropped?"
    label = row.metric_id or "(no match: new?)"
    text = row.item_text if len(row.item_text) <= 60 else row.item_text[:57] + "..."
    line = f"  line {f'{row.source_line}/{row.item}':>4}  {label:<28} {row.score:5.1f}  {text}"
    if row.alternatives:
        line += f"\n  {'':>9}  {'':<28}        alternatives: {row.alternatives}"
    return line


def cmd_report(args: argparse.Namespace) -> int:
    """Render the yearly HTML report (or every annotated year's with --all)."""
    from .report.runner import DEFAULT_NOTEBOOK, ReportKernel, skip_unused_iri_grammar

    skip_unused_iri_grammar()
    notebook = args.notebook or DEFAULT_NOTEBOOK
    # The first report's kernel starts up while the data folder is read and checked (pandas imported, the
    # years loaded); the report run closes it, and the with-block when the run never starts.
    with ReportKernel(notebook) as kernel:
        return _report(args, notebook, kernel)


def _report(args: argparse.Namespace, notebook: Path, kernel: ReportKernel | None) -> int:
    from .compute.pipeline import discover
    from .report.runner import render_report, report_paths

    folder = discover(args.data_dir)
    if not args.all:
        folder.warn()  # with --all they are the closing error
    years = folder.annotated if args.all else [args.year]
    if not years:
        raise DataError("no year has both a raw report and an annotation file.", path=folder.path,
                        hint="add a year's raw report to raw/ and its annotation file to annotations/.")
    if args.format == "pdf":
        from .report.pdf import chromium_path

        chromium_path()  # before any work: a missing browser is a usage error, not a failure at the end
    for year in years:
        pdf_path = report_paths(args.out_dir, year, args.lang)[0].with_suffix(".pdf")
        result = render_report(year, data_dir=folder.path, out_dir=args.out_dir, lang=args.lang,
                               compare_years=args.compare_years or [], allow_draft=args.allow_draft,
                               also=(pdf_path,) if args.format == "pdf" else (), notebook=notebook, kernel=kernel)
        kernel = None  # closed by its run; each later year's run starts its own
        print(f"Wrote {result.html} ({result.html.stat().st_size // 1024} KiB) and {result.notebook.name} "
              f"in {result.seconds:.1f} s")
        if args.format == "pdf":
            from .report.pdf import write_pdf

            pdf = write_pdf(result.html, result.html.with_suffix(".pdf"), args.lang)
            print(f"Wrote {pdf} ({pdf.stat().st_size // 1024} KiB)")
    if args.all:
        from .report.index import write_index

        print(f"Wrote {write_index(folder, args.out_dir, args.lang, allow_draft=args.allow_draft)}")
    if args.all and folder.problems:
        detail = "".join(f"\n  {problem}" for problem in folder.problems)
        raise DataError(f"the complete years were rendered, but not everything in the data folder could be:{detail}",
                        path=folder.path, hint="for a year without annotations, run 'kemi-analysis draft' on its "
                                               "raw report and review the draft; fix or remove the other files.")
    return EXIT_OK


def cmd_draft(args: argparse.Namespace) -> int:
    """Draft an annotation file from a raw report, matching metric_ids to the previous year's."""
    from .authoring.draft import DRAFT_SUFFIX, draft_annotations, write_draft
    from .read.annotations import read_annotations
    from .read.parser import load_report

    report = load_report(args.raw)
    previous = read_annotations(args.previous).table if args.previous else None
    out = args.out or args.raw.resolve().parent.parent / "annotations" / f"{report.year}{DRAFT_SUFFIX}"
    draft = draft_annotations(report, previous)
    write_draft(draft, out, report, force=args.force)
    counts = draft["confidence"].value_counts()
    print(f"Wrote {len(draft)} draft rows for {report.year} to {out} (confidence: "
          + ", ".join(f"{counts.get(c, 0)} {c}" for c in ("high", "medium", "low")) + ").")
    print(f"Next: 'kemi-analysis check {out}' and 'kemi-analysis review {report.year} --annotations {out}'. "
          "Every row's note begins with DRAFT: remove it from each row you have checked, and save the file as "
          f"annotations/{report.year}.csv.")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    """Import a Word or PDF report into a raw text file, read it back and say what was found."""
    from .read.documents import import_document

    imported, report = import_document(args.document, args.out, year=args.year, ocr=args.ocr)
    pages = f", {imported.pages} pages" if imported.pages else ""
    print(f"Wrote {args.out} from {args.document.name} ({imported.kind}{pages}): {report.year}, "
          f"{len(report.aims)} aims, {len(report.goals)} goal rows.")
    for aim in imported.aims:
        where = "pages " + ", ".join(map(str, aim.pages)) if aim.pages else \
            "table " + ", ".join(map(str, aim.tables))
        print(f"  {aim.title}: {_count(len(aim.rows), 'row')} ({where})")
    for title, lines in (("Joined or filled in", imported.notes), ("Could not place", imported.skipped)):
        if lines:
            print(f"{title}:" + "".join(f"\n  - {line}" for line in lines))
    print(f"Next: 'kemi-analysis validate {args.out}' shows what the reader made of it; compare it with the "
          "document before drafting.")
    return EXIT_OK


def _year_of_annotations(path: Path, year: int | None) -> int:
    if year is not None:
        return year
    match = re.fullmatch(r"((?:19|20)\d{2})(?:\.draft)?\.csv", path.name)
    if match is None:
        raise UsageError(f"cannot tell the year of {path.name!r} from its name.", path=path,
                         hint="name it <year>.csv or <year>.draft.csv, or give --year.")
    return int(match[1])


def cmd_check(args: argparse.Namespace) -> int:
    """Check an annotation file, draft or curated, against its year's raw report: every rule, one pass."""
    from .compute.pipeline import discover
    from .read.annotations import load_annotations
    from .read.parser import load_report
    from .schemas import is_draft

    year = _year_of_annotations(args.file, args.year)
    files = discover(args.data_dir).files(year)
    report = load_report(files.raw, year=year)
    table = load_annotations(args.file, report).table
    drafts = int(is_draft(table["note"]).sum())
    print(f"{args.file}: {len(table)} rows follow the contract and quote {files.raw.name} "
          f"({report.year}); {drafts} still marked DRAFT.")
    return EXIT_OK


def cmd_review(args: argparse.Namespace) -> int:
    """Write the review sheet of a year's annotations: each row beside its source, flags first."""
    from .authoring.review import build_review, write_review

    sheet = build_review(args.data_dir, args.year, args.annotations)
    out = args.out or Path("outputs") / str(args.year) / f"review_{args.year}.html"
    write_review(sheet, out)
    print(f"Wrote {out}: {len(sheet.entries)} entries, {sheet.flagged} flagged (shown first), "
          f"{sheet.drafts} drafts.")
    return EXIT_OK


def _args_validate(p: argparse.ArgumentParser) -> None:
    p.add_argument("raw", type=Path, help="the raw report text, e.g. data/raw/<file>.txt")
    p.add_argument("--year", type=_year, help="fail unless the file reports on this year")


def _args_parse(p: argparse.ArgumentParser) -> None:
    p.add_argument("raw", type=Path, help="the raw report text")
    p.add_argument("--out", type=Path, required=True, help="the CSV file to write")
    p.add_argument("--year", type=_year, help="fail unless the file reports on this year")


def _args_export(p: argparse.ArgumentParser) -> None:
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--year", type=_year, help="the year to export")
    which.add_argument("--years", type=_parse_years, metavar="all|Y1,Y2,...",
                       help="several years in one long table, with each metric's change since its previous year")
    p.add_argument("--out", type=Path, required=True,
                   help="the file to write: .csv (the machine-readable table) or .xlsx (a workbook for people)")
    p.add_argument("--excel", action="store_true",
                   help="write the CSV as Finnish Excel reads it: semicolons, decimal commas, a BOM")
    p.add_argument("--lang", choices=["fi", "en"], default="fi",
                   help="the language of an .xlsx workbook's headers and statuses (default fi)")
    _add_allow_draft(p)
    _add_data_dir(p)


def _args_report(p: argparse.ArgumentParser) -> None:
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--year", type=_year, help="the year to report on")
    which.add_argument("--all", action="store_true", help="render every year found in the data")
    p.add_argument("--lang", choices=["fi", "en"], default="fi", help="the report's language (default fi)")
    p.add_argument("--format", choices=["html", "pdf"], default="html",
                   help="pdf also prints report_YYYY.pdf beside the HTML, with Debian's chromium (default html)")
    p.add_argument("--out-dir", type=Path, default=Path("outputs"), help="where to write (default outputs)")
    p.add_argument("--compare-years", type=_parse_year_list, metavar="Y1,Y2",
                   help="earlier years to compare with (default: every earlier year in the data)")
    _add_allow_draft(p)
    p.add_argument("--notebook", type=Path, default=None,
                   help="the report notebook (default: the one installed with the package)")
    _add_data_dir(p)


def _args_draft(p: argparse.ArgumentParser) -> None:
    p.add_argument("raw", type=Path, help="the new year's raw report text")
    p.add_argument("--previous", type=Path, help="the previous year's annotation file, to reuse its metric_ids")
    p.add_argument("--out", type=Path,
                   help="where to write (default: annotations/<year>.draft.csv beside the raw file's folder); "
                        "an existing file is never overwritten")
    p.add_argument("--force", action="store_true", help="replace an existing draft (*.draft.csv), never a curated file")


def _args_import(p: argparse.ArgumentParser) -> None:
    p.add_argument("document", type=Path, help="the report as a Word (.docx) or PDF file")
    p.add_argument("--out", type=Path, required=True,
                   help="the raw text file to write, e.g. data/raw/raportti_2023.txt; never overwritten")
    p.add_argument("--year", type=_year, help="fail unless the report is on this year; also the year written "
                                            "when the document's Toteuma header gives none")
    p.add_argument("--ocr", action="store_true",
                   help="read a scanned PDF (no text layer) with tesseract (apt-get install tesseract-ocr "
                        "tesseract-ocr-fin); OCR misreads letters and cells: check every row against the scan")


def _args_check(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path, help="the annotation file, e.g. data/annotations/2023.draft.csv")
    p.add_argument("--year", type=_year, help="its year (default: from the file name)")
    _add_data_dir(p)


def _args_review(p: argparse.ArgumentParser) -> None:
    p.add_argument("year", type=_year, help="the year to review")
    p.add_argument("--annotations", type=Path,
                   help="the annotation file to review (default: annotations/<year>.csv of the data folder, "
                        "or <year>.draft.csv while there is only a draft)")
    p.add_argument("--out", type=Path, help="the HTML file to write (default outputs/<year>/review_<year>.html)")
    _add_data_dir(p)


def _args_match(p: argparse.ArgumentParser) -> None:
    p.add_argument("--year", type=_year, required=True, help="the new year, whose raw report is in raw/")
    p.add_argument("--previous-year", type=_year, help="the year to match against (default: latest annotated before)")
    p.add_argument("--threshold", type=_threshold, default=MATCH_THRESHOLD,
                   help=f"lowest score proposed as a match (default {MATCH_THRESHOLD:g})")
    p.add_argument("--out", type=Path, help="also write the proposals as CSV or .xlsx")
    _add_data_dir(p)


Handler = Callable[[argparse.Namespace], int]
#: Each command: what runs it, its one-line help, and what adds its arguments.
COMMANDS: dict[str, tuple[Handler, str, Callable[[argparse.ArgumentParser], None]]] = {
    "validate": (cmd_validate, "read a raw report and print a summary of what was found", _args_validate),
    "parse": (cmd_parse, "write a raw report's goal rows as a CSV table", _args_parse),
    "export": (cmd_export, "write a year's metrics with achievement ratios and statuses (CSV or .xlsx)", _args_export),
    "report": (cmd_report, "render the yearly HTML report with papermill and nbconvert", _args_report),
    "draft": (cmd_draft, "draft a year's annotation file from its raw report text, for an analyst to review",
              _args_draft),
    "import": (cmd_import, "read a Word or PDF report's strategy tables into a raw text file", _args_import),
    "check": (cmd_check, "check an annotation file (draft or curated) against its raw report, every rule at once",
              _args_check),
    "review": (cmd_review, "write an HTML review sheet: each annotation row beside its source text, flags first",
               _args_review),
    "match": (cmd_match, "propose metric_ids for a new year's metrics by matching the previous year's", _args_match),
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, one subcommand per entry of :data:`COMMANDS`.

    ``-q`` is accepted before the command and after it alike.
    """
    parser = _Parser(
        prog="kemi-analysis",
        description="Kemi welfare sector strategy reports: read, quantify, compare and report.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-q", "--quiet", action="store_true", help="log only warnings and errors")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS,
                        help="log only warnings and errors")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)
    for name, (_, summary, add_arguments) in COMMANDS.items():
        add_arguments(sub.add_parser(name, help=summary, description=summary, parents=[common]))
    return parser


def _add_allow_draft(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--allow-draft", action="store_true",
                        help="use annotation rows still marked DRAFT (a report then says LUONNOS / DRAFT)")


def _add_data_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", type=Path, default=Path("data"),
                        help="the folder holding raw/ and annotations/ (default: data)")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING if args.quiet else logging.INFO,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    handler = COMMANDS[args.command][0]
    try:
        _check_paths(args)
    except UsageError as exc:
        print(f"kemi-analysis: error: {exc}", file=sys.stderr)
        return exc.exit_code
    previous = {signum: signal.signal(signum, _interrupt) for signum in _STOP_SIGNALS}
    interrupted = False
    _STOPPED.clear()
    logging.disable(logging.NOTSET)
    try:
        code = handler(args)
        if _STOPPED:  # the interrupt was raised where a library swallowed it (a clean-up): the run went on
            interrupted = True
            print("kemi-analysis: interrupted as the run ended; the files it reported as written are complete.",
                  file=sys.stderr)
            return EXIT_INTERRUPTED
        return code
    except KemiError as exc:
        print(f"kemi-analysis: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        interrupted = True
        print("kemi-analysis: interrupted; files written before were left as they were.", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        # Once interrupted, the stop signals stay ignored: the run is ending, and a late signal (or one a
        # library's clean-up sends) must not kill the process before it exits with 130.
        if not interrupted:
            for signum, old in previous.items():
                signal.signal(signum, old)


def _check_paths(args: argparse.Namespace) -> None:
    """Paths must be text: bytes that are not UTF-8 in a file name cannot be written into a notebook or a report."""
    paths = {name: value for name, value in vars(args).items() if isinstance(value, Path)}
    if any(not value.is_absolute() for value in paths.values()):
        try:
            os.getcwd().encode("utf-8")
        except UnicodeEncodeError:
            raise UsageError("the current folder's path holds bytes that are not UTF-8 text, so the relative paths "
                             "given cannot be written into a report.",
                             hint="run from another folder, or give absolute paths.") from None
    for name, value in paths.items():
        try:
            str(value).encode("utf-8")
        except UnicodeEncodeError:
            shown = os.fsencode(value).decode("utf-8", errors="replace")
            raise UsageError(f"the path given to {_option(name)} holds bytes that are not UTF-8 text: {shown!r}.",
                             hint="rename the file or folder with UTF-8 characters (any letters, "
                                  "ä and ö included) and run again.") from None


def _option(name: str) -> str:
    return name.upper() if name in {"raw", "file", "document"} else "--" + name.replace("_", "-")


_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def _interrupt(signum: int, frame: object) -> None:
    """Ctrl-C or SIGTERM: stop once, so the temporary files are cleaned up; later signals are ignored.

    A handler of our own also keeps asyncio (inside papermill) from installing its own, which
    could raise a second KeyboardInterrupt while the first is being handled.
    """
    for stop in _STOP_SIGNALS:
        signal.signal(stop, signal.SIG_IGN)
    _STOPPED.append(signum)
    logging.disable(logging.CRITICAL)  # the run is ending: one line of ours, not the libraries' last words
    raise KeyboardInterrupt


#: The signal that stopped the run, if one did (a list, so the handler needs no ``global``).
_STOPPED: list[int] = []


def _stdout_works() -> bool:
    try:
        sys.stdout.write("")
        sys.stdout.flush()
    except OSError:
        return False
    return True


def run() -> NoReturn:
    """The console script: :func:`main`, then exit with its code.

    After an interrupt the process leaves at once (``os._exit``): the run has
    already removed its temporary files, and the interpreter's own teardown
    (threads and event loops of the notebook machinery) can take a late
    signal as a second interrupt and die with it instead of exiting 130.
    """
    for stop in _STOP_SIGNALS:  # from the start: an interrupt while arguments are read is one line too
        signal.signal(stop, _interrupt)
    try:
        code = main()
    except KeyboardInterrupt:
        print("kemi-analysis: interrupted; nothing was written.", file=sys.stderr)
        code = EXIT_INTERRUPTED
    except BrokenPipeError:  # "kemi-analysis validate … | head": the reader left; that is not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        os._exit(EXIT_OK)
    except OSError as exc:
        if _stdout_works():
            raise  # not standard output's fault: a bug, shown with its traceback
        print(f"kemi-analysis: error: cannot write to standard output: {exc.strerror or exc}.", file=sys.stderr)
        os._exit(EXIT_USAGE)
    for stop in _STOP_SIGNALS:  # the work is done (or stopped): a late signal changes nothing now
        signal.signal(stop, signal.SIG_IGN)
    try:
        sys.stdout.flush()
    except OSError as exc:  # standard output on a full disk or a closed pipe
        print(f"kemi-analysis: error: cannot write to standard output: {exc.strerror or exc}.", file=sys.stderr)
        code = code or EXIT_USAGE
        os._exit(code)
    if code == EXIT_INTERRUPTED:
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
