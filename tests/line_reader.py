"""The report reader as it was before issue 18: line by line, one dict a goal row.

Kept under tests/ as the oracle of :mod:`kemi_analysis.read.parser`'s columnar reader: it is simple enough to
read as the specification, and ``test_columnar_reader.py`` checks that both give the same tables, lines and
warnings (or the same error) on the real 2022 text, the fictional fixtures and the fuzz corpus.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kemi_analysis.catalogues.roles import split_roles
from kemi_analysis.catalogues.sdg import SDGS, find_mentions, is_sdg_text
from kemi_analysis.read.decode import Source
from kemi_analysis.read.parser import (
    _DTYPES, _HEADING, _ITEM_COLUMNS, _ROLE_COLUMNS, Report, _aim_heading, _Aim, _assign_cells,
    _no_table, _one_year, _parse_header, split_items, strip_markup,
)
from kemi_analysis.schemas import TEXT_FIELDS, AimTable, GoalTable, ItemTable, RoleTable, SDGTable, columns

class LineReader:
    """Reads the report's lines in order and collects the tables' rows.

    Each non-blank line is a heading, a header, a goal row or an SDG-only row,
    or it is skipped with a reason: :meth:`read_line` says which and records it.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.aims: list[_Aim] = []
        self.goals: list[dict] = []
        self.items: dict[str, list] = {c: [] for c in _ITEM_COLUMNS}
        self.roles: dict[str, list] = {c: [] for c in _ROLE_COLUMNS}
        self.lines: list[tuple[int, str, str]] = []
        self.warnings: list[tuple[int, str]] = []
        self._seen: dict[str, int] = {}

    @property
    def current(self) -> _Aim | None:
        return self.aims[-1] if self.aims else None

    def skip(self, number: int, reason: str, warning: str) -> None:
        self.lines.append((number, "skipped", reason))
        self.warnings.append((number, warning))

    def read_line(self, number: int, text: str) -> None:
        heading = _HEADING.match(text)
        if heading:
            self.start_aim(number, heading["title"])
        elif self.current is None:
            self.skip(number, "text before the first aim heading",
                      "text before the first '# Strateginen päämäärä' heading was skipped")
        elif self.current.header is None:
            self.current.header = _parse_header(text, self.path, number, self.current.source_line)
            self.lines.append((number, "header", ""))
        elif text.lstrip().startswith("#"):
            self.skip(number, "a heading that is not a strategic aim",
                      "a heading that is not '# Strateginen päämäärä' was skipped")
        elif "\t" not in text:
            self.skip(number, "no tab-separated cells", "a line without tab-separated cells inside a table was skipped")
        else:
            self.read_row(number, text)

    def start_aim(self, number: int, title: str) -> None:
        self.check_table_closed()
        name, sector = _aim_heading(title, self.path, number, self._seen)
        self.aims.append(_Aim(aim=name, sector=sector, source_line=number))
        self.lines.append((number, "heading", ""))

    def check_table_closed(self) -> None:
        """The aim read so far must have had its header row."""
        aim = self.current
        if aim is not None and aim.header is None:
            raise _no_table(aim, self.path)

    def read_row(self, number: int, text: str) -> None:
        aim = self.current
        assert aim is not None and aim.header is not None  # read_line's order guarantees both
        values = _assign_cells(text.split("\t"), aim.header, self.path, number)
        self.read_sdgs(number, aim, strip_markup(values.get("sdg", "")))
        cells = {key: split_items(values[key]) for key in TEXT_FIELDS}
        if not any(cells.values()):
            self.lines.append((number, "sdg_row", ""))
            return
        self.lines.append((number, "goal_row", ""))
        self.add_goal(number, aim, cells, strip_markup(values.get("sdg", "")), text)

    def read_sdgs(self, number: int, aim: _Aim, sdg_text: str) -> None:
        if not sdg_text:
            return
        for mention in find_mentions(sdg_text):
            aim.sdgs.setdefault(mention.number, (number, mention.text))
        if not is_sdg_text(sdg_text):
            self.warnings.append((number, f"the SDG cell holds text that is not SDG numbers and names: {sdg_text!r}"))

    def add_goal(self, number: int, aim: _Aim, cells: dict[str, list[tuple[str, str]]], sdg_text: str,
                 raw_line: str) -> None:
        plain = {key: "\n".join(text for _, text in cells[key]) for key in TEXT_FIELDS}
        if not plain["realisation"]:
            self.warnings.append((number, "no realisation (Toteuma) given: recorded as not reported"))
        if not plain["goal"]:
            self.warnings.append((number, "no goal (Tavoite) text: the goal cell may be merged with the row above"))
        aim.goal_rows += 1
        self.goals.append({"aim": aim.aim, "sector": aim.sector, "source_line": number, **plain,
                           "realisation_reported": bool(plain["realisation"]), "sdg_text": sdg_text,
                           "raw_line": raw_line})
        for field_name, field_items in cells.items():
            for index, (raw, text) in enumerate(field_items, start=1):
                for column, value in zip(_ITEM_COLUMNS, (aim.aim, number, field_name, index, text, raw)):
                    self.items[column].append(value)
                if field_name == "responsible":
                    self.add_roles(number, aim.aim, index, text)

    def add_roles(self, number: int, aim: str, item: int, text: str) -> None:
        for role in split_roles(text):
            if role.role is None:
                self.warnings.append((number, f"responsible party not in the role catalogue: {role.text!r}"))
            values = (aim, number, item, role.text, role.role or "", role.deadline or "")
            for column, value in zip(_ROLE_COLUMNS, values):
                self.roles[column].append(value)

    def sdg_rows(self) -> list[dict]:
        rows = []
        for aim in self.aims:
            for number in sorted(aim.sdgs):
                line, mention = aim.sdgs[number]
                sdg = SDGS[number]
                rows.append({"aim": aim.aim, "sdg": number, "name_fi": sdg.name_fi, "name_en": sdg.name_en,
                             "colour": sdg.colour, "source_line": line, "source_text": mention})
        return rows

    def finish(self, source: Source | None) -> Report:
        """The tables, once every line is read."""
        self.check_table_closed()
        year = _one_year(self.aims, self.path)
        sdgs = {aim.aim: ";".join(str(n) for n in sorted(aim.sdgs)) for aim in self.aims}
        for aim in self.aims:
            if aim.goal_rows == 0:
                self.warnings.append((aim.source_line, f"the aim {aim.aim!r} has no goal rows"))
        aims = [{"aim": a.aim, "sector": a.sector, "source_line": a.source_line, "header_line": a.header.line,
                 "period": a.header.period, "sdgs": sdgs[a.aim], "goal_rows": a.goal_rows}
                for a in self.aims if a.header is not None]
        goals = [{**goal, "sdgs": sdgs[goal["aim"]]} for goal in self.goals]

        def frame(rows: list[dict] | dict[str, list], model: type) -> pd.DataFrame:
            names = [c for c in columns(model) if c != "year"]
            df = pd.DataFrame(rows, columns=names)
            df.insert(0, "year", year)
            return df.astype({c: _DTYPES.get(c, "str") for c in df.columns})

        return Report(
            year=year,
            path=self.path,
            sha256=source.sha256 if source else "",
            encoding=source.encoding if source else "utf-8",
            aims=frame(aims, AimTable),
            goals=frame(goals, GoalTable),
            items=frame(self.items, ItemTable),
            roles=frame(self.roles, RoleTable),
            sdgs=frame(self.sdg_rows(), SDGTable),
            lines=pd.DataFrame(self.lines, columns=["line", "kind", "reason"]),
            warnings=[(0, w) for w in (source.warnings if source else [])] + self.warnings,
        )


def parse_report_by_line(text: str, path: str | Path = "<text>", *, source: Source | None = None) -> Report:
    """The old reader's :class:`Report` of ``text`` (no schema validation)."""
    reader = LineReader(Path(path))
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        if line.strip():
            reader.read_line(number, line)
    return reader.finish(source)

