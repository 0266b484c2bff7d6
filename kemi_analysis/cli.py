"""The ``kemi-analysis`` command: arguments in, a library call, errors to exit codes.

Exit codes: 0 success, 1 bad data, 2 bad usage, 3 the report notebook failed.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__
from .errors import KemiError

logger = logging.getLogger("kemi_analysis")

EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_REPORT = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on usage errors, as we do
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


# --------------------------------------------------------------------------
# Commands


def cmd_validate(args: argparse.Namespace) -> int:
    """Read a raw report and print its summary."""
    from .parser import load_report
    from .summary import report_summary

    report = load_report(args.raw, year=args.year)
    print(report_summary(report))
    return EXIT_OK


def cmd_parse(args: argparse.Namespace) -> int:
    """Write the goal-row table of a raw report as CSV."""
    from .output import write_table
    from .parser import load_report
    from .summary import goal_row_table

    report = load_report(args.raw, year=args.year)
    write_table(goal_row_table(report), args.out)
    print(f"Wrote {len(report.goals)} goal rows to {args.out}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """Write the metric table of a year (CSV, or Excel for .xlsx)."""
    from .achievement import export_table
    from .dataset import load_year
    from .output import write_table

    data = load_year(args.data_dir, args.year)
    write_table(export_table(data.metrics), args.out)
    print(f"Wrote {len(data.metrics)} metrics for {args.year} to {args.out}")
    return EXIT_OK


COMMANDS: dict[str, tuple[Callable[[argparse.Namespace], int], str]] = {
    "validate": (cmd_validate, "read a raw report and print a summary of what was found"),
    "parse": (cmd_parse, "write a raw report's goal rows as a CSV table"),
    "export": (cmd_export, "write a year's metrics with achievement ratios and statuses (CSV or .xlsx)"),
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
    p.add_argument("--year", type=int, required=True, help="the year to export")
    p.add_argument("--out", type=Path, required=True, help="the file to write: .csv or .xlsx")
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
    try:
        return handler(args)
    except KemiError as exc:
        print(f"kemi-analysis: error: {exc}", file=sys.stderr)
        return exc.exit_code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
