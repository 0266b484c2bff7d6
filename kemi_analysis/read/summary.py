"""Plain-text summaries of what was read, for the command line."""

from __future__ import annotations

import pandas as pd

from ..schemas import TEXT_FIELDS, GoalTable
from .parser import Report


def goal_row_table(report: Report) -> pd.DataFrame:
    """The goal-row table as ``kemi-analysis parse`` writes it.

    Columns: ``year, aim, sector, source_line``, the five text columns and
    ``sdgs`` (the aim's SDG numbers, ``;``-joined).
    """
    keep = [GoalTable.year, GoalTable.aim, GoalTable.sector, GoalTable.source_line, *TEXT_FIELDS, GoalTable.sdgs]
    return report.goals[keep].copy()


def report_summary(report: Report) -> str:
    """A few lines that say what the file holds and what deserves a look.

    Examples
    --------
    >>> from kemi_analysis.read.parser import load_report
    >>> report = load_report("data/raw/000_09050fdfe5e94683.txt")
    >>> print(report_summary(report).splitlines()[0])
    data/raw/000_09050fdfe5e94683.txt: report for 2022 (Toteuma 1-12/2022), 3 strategic aims, 12 goal rows
    """
    goals, items = report.goals, report.items
    lines = [
        f"{report.path}: report for {report.year} (Toteuma {report.aims['period'].iloc[0]}), "
        f"{len(report.aims)} strategic aims, {len(goals)} goal rows",
        f"sha256 {report.sha256}, encoding {report.encoding}",
        "",
        f"{'strategic aim':<28} {'line':>4} {'goal rows':>9} {'actions':>7} {'metric items':>12} "
        f"{'realisation items':>17}  SDGs",
    ]
    # One count over all items (not one filter per aim, which grows with the square of the aims).
    counts = items.groupby(["aim", "field"], observed=True).size().to_dict()
    for aim in report.aims.itertuples(index=False):
        sdgs = aim.sdgs.replace(";", " ") or "-"
        lines.append(
            f"{aim.aim:<28} {aim.source_line:>4} {aim.goal_rows:>9} {counts.get((aim.aim, 'action'), 0):>7} "
            f"{counts.get((aim.aim, 'metric'), 0):>12} {counts.get((aim.aim, 'realisation'), 0):>17}  {sdgs}"
        )
    unknown_roles = (report.roles["role"] == "").sum()
    lines += [
        "",
        f"roles: {len(report.roles)} named, {report.roles['role'].replace('', pd.NA).nunique()} distinct titles, "
        f"{unknown_roles} not in the role catalogue",
        f"lines: {len(report.lines)} non-blank, {len(report.skipped)} skipped",
    ]
    for row in report.skipped.itertuples(index=False):
        lines.append(f"  skipped line {row.line}: {row.reason}")
    if report.warnings:
        lines += ["", f"warnings ({len(report.warnings)}):"]
        for line, message in report.warnings:
            where = f"line {line}" if line else "file"
            lines.append(f"  {where}: {message}")
    else:
        lines += ["", "no warnings"]
    return "\n".join(lines)
