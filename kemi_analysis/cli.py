"""The ``kemi-analysis`` command: arguments in, a library call, errors to exit codes.

Exit codes: 0 success, 1 bad data, 2 bad usage, 3 the report notebook failed,
130 interrupted (Ctrl-C or SIGTERM; nothing half-written is left in place).
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from . import __version__
from .authoring import MATCH_THRESHOLD
from .errors import DataError, KemiError

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

    print(report_summary(load_report(args.raw, year=args.year)))
    return EXIT_OK


def cmd_parse(args: argparse.Namespace) -> int:
    """Write the goal-row table of a raw report as CSV."""
    from .files import write_table
    from .read.parser import load_report
    from .read.summary import goal_row_table

    report = load_report(args.raw, year=args.year)
    write_table(goal_row_table(report), args.out)
    print(f"Wrote {len(report.goals)} goal rows to {args.out}")
    return EXIT_OK


def _parse_years(text: str) -> list[int] | str:
    if text == "all":
        return text
    try:
        return sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not 'all' or a comma-separated list of years") from None


def _parse_year_list(text: str) -> list[int]:
    years = _parse_years(text)
    if years == "all":
        raise argparse.ArgumentTypeError("give years, e.g. 2021,2022")
    return years  # type: ignore[return-value]


def cmd_export(args: argparse.Namespace) -> int:
    """Write the metric table of a year, or of several years with their changes."""
    from .compute.achievement import export_table
    from .compute.pipeline import discover, load_year, load_years
    from .compute.trends import changes_table
    from .files import write_table

    if args.year is not None:
        data = load_year(args.data_dir, args.year)
        write_table(export_table(data.metrics), args.out)
        print(f"Wrote {len(data.metrics)} metrics for {args.year} to {args.out}")
        return EXIT_OK
    folder = discover(args.data_dir)
    years = folder.annotated if args.years == "all" else args.years
    if not years:
        raise DataError("no year has both a raw report and an annotation file.", path=folder.path,
                        hint="add a year's raw report to raw/ and its annotation file to annotations/.")
    dataset = load_years(folder, years)
    table = changes_table(dataset.metrics)
    write_table(table, args.out)
    print(f"Wrote {len(table)} metric-years ({', '.join(map(str, sorted(dataset.years)))}) with their changes "
          f"to {args.out}")
    return EXIT_OK


def cmd_match(args: argparse.Namespace) -> int:
    """Propose metric_ids for a new year's metric items from the previous year's annotations."""
    from .authoring.matching import propose_matches
    from .compute.pipeline import discover, load_year
    from .files import write_table
    from .read.parser import load_report

    folder = discover(args.data_dir)
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
        write_table(proposals, args.out)
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
    from .compute.pipeline import discover
    from .report.runner import render_report, skip_unused_iri_grammar

    skip_unused_iri_grammar()
    folder = discover(args.data_dir)
    years = folder.annotated if args.all else [args.year]
    if not years:
        raise DataError("no year has both a raw report and an annotation file.", path=folder.path,
                        hint="add a year's raw report to raw/ and its annotation file to annotations/.")
    options = {"notebook": args.notebook} if args.notebook else {}
    for year in years:
        result = render_report(year, data_dir=folder.path, out_dir=args.out_dir, lang=args.lang,
                               compare_years=args.compare_years or [], **options)
        print(f"Wrote {result.html} ({result.html.stat().st_size // 1024} KiB) and {result.notebook.name} "
              f"in {result.seconds:.1f} s")
    if args.all and folder.problems:
        detail = "".join(f"\n  {problem}" for problem in folder.problems)
        raise DataError(f"the complete years were rendered, but not everything in the data folder could be:{detail}",
                        path=folder.path, hint="for a year without annotations, run 'kemi-analysis draft' on its "
                                               "raw report and review the draft; fix or remove the other files.")
    return EXIT_OK


def cmd_draft(args: argparse.Namespace) -> int:
    """Draft an annotation file from a raw report, matching metric_ids to the previous year's."""
    from .authoring.draft import draft_annotations, write_draft
    from .read.annotations import load_annotations, read_annotations
    from .read.parser import load_report

    report = load_report(args.raw)
    previous = read_annotations(args.previous).table if args.previous else None
    out = args.out or Path("data") / "annotations" / f"{report.year}.draft.csv"
    draft = draft_annotations(report, previous)
    write_draft(draft, out)
    load_annotations(out, report)  # the draft passes the same checks as a curated file
    counts = draft["confidence"].value_counts()
    print(f"Wrote {len(draft)} draft rows for {report.year} to {out} (confidence: "
          + ", ".join(f"{counts.get(c, 0)} {c}" for c in ("high", "medium", "low")) + ").")
    print("Review every row: the note says what each value was read from. Rename the file to "
          f"{report.year}.csv when it is done.")
    return EXIT_OK


COMMANDS: dict[str, tuple[Callable[[argparse.Namespace], int], str]] = {
    "validate": (cmd_validate, "read a raw report and print a summary of what was found"),
    "parse": (cmd_parse, "write a raw report's goal rows as a CSV table"),
    "export": (cmd_export, "write a year's metrics with achievement ratios and statuses (CSV or .xlsx)"),
    "report": (cmd_report, "render the yearly HTML report with papermill and nbconvert"),
    "draft": (cmd_draft, "draft a year's annotation file from its raw report text, for an analyst to review"),
    "match": (cmd_match, "propose metric_ids for a new year's metrics by matching the previous year's"),
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, one subcommand per entry of :data:`COMMANDS`."""
    parser = _Parser(
        prog="kemi-analysis",
        description="Kemi welfare sector strategy reports: read, quantify, compare and report.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-q", "--quiet", action="store_true", help="log only warnings and errors")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("validate", help=COMMANDS["validate"][1], description=COMMANDS["validate"][1])
    p.add_argument("raw", type=Path, help="the raw report text, e.g. data/raw/<file>.txt")
    p.add_argument("--year", type=int, help="fail unless the file reports on this year")

    p = sub.add_parser("parse", help=COMMANDS["parse"][1], description=COMMANDS["parse"][1])
    p.add_argument("raw", type=Path, help="the raw report text")
    p.add_argument("--out", type=Path, required=True, help="the CSV file to write")
    p.add_argument("--year", type=int, help="fail unless the file reports on this year")

    p = sub.add_parser("export", help=COMMANDS["export"][1], description=COMMANDS["export"][1])
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--year", type=int, help="the year to export")
    which.add_argument("--years", type=_parse_years, metavar="all|Y1,Y2,...",
                       help="several years in one long table, with each metric's change since its previous year")
    p.add_argument("--out", type=Path, required=True, help="the file to write: .csv or .xlsx")
    _add_data_dir(p)

    p = sub.add_parser("report", help=COMMANDS["report"][1], description=COMMANDS["report"][1])
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--year", type=int, help="the year to report on")
    which.add_argument("--all", action="store_true", help="render every year found in the data")
    p.add_argument("--lang", choices=["fi", "en"], default="fi", help="the report's language (default fi)")
    p.add_argument("--out-dir", type=Path, default=Path("outputs"), help="where to write (default outputs)")
    p.add_argument("--compare-years", type=_parse_year_list, metavar="Y1,Y2",
                   help="earlier years to compare with (default: every earlier year in the data)")
    p.add_argument("--notebook", type=Path, default=None,
                   help="the report notebook (default: the one installed with the package)")
    _add_data_dir(p)

    p = sub.add_parser("draft", help=COMMANDS["draft"][1], description=COMMANDS["draft"][1])
    p.add_argument("raw", type=Path, help="the new year's raw report text")
    p.add_argument("--previous", type=Path, help="the previous year's annotation file, to reuse its metric_ids")
    p.add_argument("--out", type=Path, help="where to write (default data/annotations/<year>.draft.csv)")

    p = sub.add_parser("match", help=COMMANDS["match"][1], description=COMMANDS["match"][1])
    p.add_argument("--year", type=int, required=True, help="the new year, whose raw report is in raw/")
    p.add_argument("--previous-year", type=int, help="the year to match against (default: latest annotated before)")
    p.add_argument("--threshold", type=float, default=MATCH_THRESHOLD,
                   help=f"lowest score proposed as a match (default {MATCH_THRESHOLD:g})")
    p.add_argument("--out", type=Path, help="also write the proposals as CSV or .xlsx")
    _add_data_dir(p)
    return parser


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
    handler, _ = COMMANDS[args.command]
    previous = {signum: signal.signal(signum, _interrupt) for signum in _STOP_SIGNALS}
    interrupted = False
    try:
        return handler(args)
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


_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def _interrupt(signum: int, frame: object) -> None:
    """Ctrl-C or SIGTERM: stop once, so the temporary files are cleaned up; later signals are ignored.

    A handler of our own also keeps asyncio (inside papermill) from installing its own, which
    could raise a second KeyboardInterrupt while the first is being handled.
    """
    for stop in _STOP_SIGNALS:
        signal.signal(stop, signal.SIG_IGN)
    raise KeyboardInterrupt


def run() -> NoReturn:
    """The console script: :func:`main`, then exit with its code.

    After an interrupt the process leaves at once (``os._exit``): the run has
    already removed its temporary files, and the interpreter's own teardown
    (threads and event loops of the notebook machinery) can take a late
    signal as a second interrupt and die with it instead of exiting 130.
    """
    code = main()
    if code == EXIT_INTERRUPTED:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
