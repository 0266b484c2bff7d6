"""Reading the raw report text into tidy tables.

The raw text is what a PDF table extraction left: a markdown heading per
strategic aim, a tab-separated header row, one tab-separated line per goal row,
leftover HTML (``<p>``, ``<b>``) and OCR typos. :func:`load_report` turns it
into a :class:`Report` of pandas tables, every record carrying the line it
came from. Texts are kept as written; only matching (header names, SDG numbers,
role titles) normalises them.
"""

from __future__ import annotations

import html
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..catalogues.fuzzy import lookup
from ..catalogues.roles import split_roles
from ..catalogues.sdg import SDGS, find_mentions, is_sdg_text
from ..errors import SourceError
from ..schemas import TEXT_FIELDS, AimTable, GoalTable, ItemTable, RoleTable, SDGTable, columns, validate_tables
from .decode import TOTEUMA, Source, read_source

logger = logging.getLogger(__name__)

# Header names as the report writes them, normalised (see _normalise_header).
HEADER_NAMES = {
    "tavoite": "goal",
    "toimenpiteet": "action",
    "vastuu ja aikataulu": "responsible",
    "mittarit arviointi": "metric",
    "sdg": "sdg",
}
_HEADING = re.compile(r"^\s*#+\s*strateginen\s+p\S*\s*:\s*(?P<title>.*?)\s*$", re.IGNORECASE)
_MIN_HEADER_SCORE = 85.0

# Formatting tags left by the PDF extraction. They are removed; any other
# tag-like text (<script>, <img ...>) is source text and is kept as written.
_FORMAT_TAG = re.compile(
    r"</?(?:p|b|i|u|em|strong|span|div|font|sup|sub|br)(?:\s[^<>]*)?/?>", re.IGNORECASE
)
_ITEM_BREAK = re.compile(r"</?p(?:\s[^<>]*)?>|<br\s*/?>", re.IGNORECASE)
_ITEM_COLUMNS = columns(ItemTable)[1:]  # without "year", which is added last
_ROLE_COLUMNS = columns(RoleTable)[1:]
_INT_COLUMNS = ("year", "source_line", "header_line", "goal_rows", "item", "sdg", "line")
_DTYPES = {**{c: "int64" for c in _INT_COLUMNS}, "realisation_reported": "bool"}


@dataclass
class Report:
    """One year's report, read into tables.

    Attributes
    ----------
    year
        The year the realisation column reports on (``Toteuma 1-12/YYYY``).
    path
        The file it was read from.
    sha256
        The file's SHA-256, for provenance.
    aims
        One row per strategic aim: ``aim``, ``sector``, ``source_line`` (the
        heading), ``header_line``, ``period``, ``sdgs`` (``;``-joined numbers),
        ``goal_rows``.
    goals
        One row per goal row: the aim, ``source_line``, the five text columns as
        plain text (paragraphs on separate lines), ``realisation_reported``,
        ``sdg_text`` as written in that row, ``sdgs`` of the aim, ``raw_line``.
    items
        The text cells split into items where the source separates them
        (``<p>`` paragraphs): ``field``, ``item`` (1-based), ``text`` and the
        verbatim ``raw`` fragment.
    roles
        The responsible cell split into roles: ``role_text`` as written,
        ``role`` (canonical title, empty when unknown) and ``deadline``.
    sdgs
        One row per aim and SDG: number, canonical names, colour, and the
        first line and text that mention it.
    lines
        Every non-blank line of the file and what it became: ``heading``,
        ``header``, ``goal_row``, ``sdg_row`` or ``skipped`` with a ``reason``.
    warnings
        ``(line, message)`` pairs worth an analyst's look.
    """

    year: int
    path: Path
    sha256: str
    encoding: str
    aims: pd.DataFrame
    goals: pd.DataFrame
    items: pd.DataFrame
    roles: pd.DataFrame
    sdgs: pd.DataFrame
    lines: pd.DataFrame
    warnings: list[tuple[int, str]] = field(default_factory=list)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The record tables by name, as :data:`kemi_analysis.schemas.REPORT_TABLES` declares them."""
        return {"aims": self.aims, "goals": self.goals, "items": self.items, "roles": self.roles, "sdgs": self.sdgs}

    @property
    def skipped(self) -> pd.DataFrame:
        """The non-blank lines that are not part of any record, with the reason."""
        return self.lines[self.lines["kind"] == "skipped"].reset_index(drop=True)


# --------------------------------------------------------------------------
# Text helpers


def strip_markup(raw: str) -> str:
    """Plain text of a cell: formatting tags removed, entities decoded, spaces collapsed.

    Examples
    --------
    >>> strip_markup("<p><b>1</b> EI KOVHYTYÄ</p>")
    '1 EI KOVHYTYÄ'
    >>> strip_markup("<script>alert(1)</script>")
    '<script>alert(1)</script>'
    """
    if "<" in raw or "&" in raw:
        raw = html.unescape(_FORMAT_TAG.sub(" ", raw))
    return " ".join(raw.split())


def split_items(raw: str) -> list[tuple[str, str]]:
    """Split a cell into ``(raw fragment, plain text)`` items at paragraph breaks.

    A cell without ``<p>`` or ``<br>`` is one item; empty paragraphs are dropped.

    Examples
    --------
    >>> [t for _, t in split_items("<p>Uusi</p> <p>Vanha</p>")]
    ['Uusi', 'Vanha']
    """
    if "<" not in raw:  # the common case: one item, no markup
        text = strip_markup(raw)
        return [(raw.strip(), text)] if text else []
    items = []
    for fragment in _ITEM_BREAK.split(raw):
        text = strip_markup(fragment)
        if text:
            items.append((fragment.strip(), text))
    return items


def collapse_whitespace(text: str) -> str:
    """Single spaces, no leading or trailing space: the form quotes are compared in."""
    return " ".join(text.split())


def _normalise_header(text: str) -> str:
    text = unicodedata.normalize("NFC", strip_markup(text)).casefold()
    text = re.sub(r"[^\w\s/\-–]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


# --------------------------------------------------------------------------
# The table structure


@dataclass
class _Header:
    line: int
    slots: list[tuple[str, ...]]
    year: int
    period: str

    def __post_init__(self) -> None:
        # The column keys in order when every header cell names one column (the fast path), else None.
        simple = all(len(slot) == 1 for slot in self.slots)
        self.single_keys = tuple(slot[0] for slot in self.slots) if simple else None

    def slot_of(self, key: str) -> int | None:
        for i, slot in enumerate(self.slots):
            if key in slot:
                return i
        return None


def _match_header_name(text: str) -> str | None:
    return lookup(text, HEADER_NAMES, _MIN_HEADER_SCORE)


def header_column(cell: str) -> str | None:
    """The column a header cell names (``goal`` … ``sdg``, ``realisation`` for any 'Toteuma'), or ``None``.

    Examples
    --------
    >>> header_column("Mittarit, arviointi"), header_column("Toteuma 1-12/2022 SDG"), header_column("Huom")
    ('metric', 'realisation', None)
    """
    text = _normalise_header(cell)
    return "realisation" if "toteuma" in text else _match_header_name(text)


def _header_key(part: str, cell: str, path: Path, line: int) -> str:
    key = _match_header_name(part)
    if key is None:
        raise SourceError(
            f"the header cell {cell.strip()!r} is not a known column name.",
            path=path,
            line=line,
            hint="known columns: Tavoite, Toimenpiteet, Vastuu ja aikataulu, Mittarit, arviointi, "
            "Toteuma 1-12/YYYY, SDG. Check the header row of the extraction.",
        )
    return key


def _parse_header_cell(cell: str, path: Path, line: int) -> tuple[tuple[str, ...], tuple[int, str] | None]:
    """The column keys one header cell names (in order), and the year and period of 'Toteuma'.

    A cell usually names one column; the extraction joined "Toteuma 1-12/2022"
    with "SDG" in one table, so a cell may name "Toteuma" and one more column.
    """
    text = _normalise_header(cell)
    match = TOTEUMA.search(text)
    if match is None:
        if "toteuma" in text:
            raise SourceError(
                f"the header cell {cell.strip()!r} does not give the period as 'Toteuma 1-12/YYYY'.",
                path=path,
                line=line,
                hint="the year of the report is read from that cell; check the extraction of the header row.",
            )
        return (_header_key(text, cell, path, line),), None
    before, after = text[: match.start()].strip(), text[match.end() :].strip()
    keys = [_header_key(before, cell, path, line)] if before else []
    keys.append("realisation")
    if after:
        keys.append(_header_key(after, cell, path, line))
    toteuma = (int(match["year"]), f"{match['first']}-{match['last']}/{match['year']}")
    return tuple(keys), toteuma


def _parse_header(line_text: str, path: Path, line: int, heading_line: int) -> _Header:
    cells = line_text.split("\t")
    while cells and not cells[-1].strip():
        cells.pop()
    known = [c for c in cells if _match_header_name(_normalise_header(c)) or "toteuma" in c.casefold()]
    if len(known) < min(3, len(cells)) or len(known) * 2 < len(cells):  # mostly not column names: a data row
        raise SourceError(
            f"the table under the heading on line {heading_line} has no header row: "
            f"this line does not name the columns.",
            path=path,
            line=line,
            hint="the line after a '# Strateginen päämäärä' heading must be the header row "
            "(Tavoite<TAB>Toimenpiteet<TAB>Vastuu ja aikataulu<TAB>Mittarit, arviointi<TAB>Toteuma 1-12/YYYY<TAB>SDG).",
        )
    slots: list[tuple[str, ...]] = []
    years: list[tuple[int, str]] = []
    for cell in cells:
        if not cell.strip():
            raise SourceError(
                "the header row has an empty cell between named columns.",
                path=path,
                line=line,
                hint="check the tabs of the header row in the extraction.",
            )
        keys, toteuma = _parse_header_cell(cell, path, line)
        if len(keys) > 1 and set(keys) != {"realisation", "sdg"}:
            raise SourceError(
                f"the header cell {cell.strip()!r} joins two columns that cannot be told apart in the rows.",
                path=path,
                line=line,
                hint="only 'Toteuma 1-12/YYYY SDG' may share a cell; check the header row's tabs.",
            )
        slots.append(keys)
        if toteuma:
            years.append(toteuma)
    _check_columns(slots, path, line)
    year, period = years[0]
    return _Header(line=line, slots=slots, year=year, period=period)


def _check_columns(slots: list[tuple[str, ...]], path: Path, line: int) -> None:
    """Each column named once, and every text column present."""
    found = [k for slot in slots for k in slot]
    duplicates = sorted({k for k in found if found.count(k) > 1})
    if duplicates:
        raise SourceError(f"the header row names the column(s) {', '.join(duplicates)} twice.", path=path,
                          line=line, hint="check the header row of the extraction.")
    missing = [k for k in TEXT_FIELDS if k not in found]
    if missing:
        raise SourceError(
            f"the header row lacks the column(s) {', '.join(missing)}.",
            path=path,
            line=line,
            hint="a table needs Tavoite, Toimenpiteet, Vastuu ja aikataulu, Mittarit, arviointi and "
            "Toteuma 1-12/YYYY columns.",
        )


def _split_merged(raw: str) -> tuple[str, str]:
    """Split a cell of the joined 'Toteuma ... SDG' column into realisation and SDG parts (raw)."""
    if is_sdg_text(strip_markup(raw)):
        return "", raw
    for match in re.finditer(r"(?:(?<=\s)|^)(?:<[^<>]{0,20}>\s*)*\d", raw):
        tail = raw[match.start() :]
        if is_sdg_text(strip_markup(tail)):
            return raw[: match.start()].rstrip(), tail
    return raw, ""


def _assign_cells(fields: list[str], header: _Header, path: Path, line: int) -> dict[str, str]:
    """Map a row's cells to column keys: by the header's names, never shifting text."""
    slots = header.slots
    if len(fields) == len(slots) and header.single_keys is not None:  # the common case
        return dict(zip(header.single_keys, fields))
    while len(fields) > len(slots) and not fields[-1].strip():
        fields = fields[:-1]
    if len(fields) > len(slots):
        raise SourceError(
            f"the row has {len(fields)} cells but the header row (line {header.line}) has {len(slots)}.",
            path=path,
            line=line,
            hint="a tab inside a cell or a cell split in two by the extraction; "
            "re-extract the table, or fix a copy of the file and keep the original.",
        )
    values = {key: "" for slot in slots for key in slot}
    sdg_slot = header.slot_of("sdg")
    positions = list(range(len(fields)))
    if (
        sdg_slot is not None
        and len(fields) < len(slots)
        and len(fields) - 1 < sdg_slot
        and is_sdg_text(strip_markup(fields[-1]))
    ):
        # A short row whose last cell is SDG text: that text belongs to the SDG column.
        positions[-1] = sdg_slot
    for raw, slot_index in zip(fields, positions):
        keys = slots[slot_index]
        if len(keys) == 1:
            values[keys[0]] = raw
        else:  # the joined "Toteuma ... SDG" cell, the only join _parse_header accepts
            values["realisation"], values["sdg"] = _split_merged(raw)
    return values


# --------------------------------------------------------------------------
# Reading, line by line


@dataclass
class _Aim:
    """A strategic aim while its table is read."""

    aim: str
    sector: str
    source_line: int
    header: _Header | None = None
    sdgs: dict[int, tuple[int, str]] = field(default_factory=dict)  # number -> first (line, text)
    goal_rows: int = 0


class _ReportReader:
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
        name, _, sector = title.rpartition(",")
        if not name:
            name, sector = sector, ""
        name, sector = collapse_whitespace(name), collapse_whitespace(sector)
        if not name:
            raise SourceError("the heading names no strategic aim.", path=self.path, line=number,
                              hint="write it as '# Strateginen päämäärä: NAME, sector'.")
        first = self._seen.setdefault(name.casefold(), number)
        if first != number:
            raise SourceError(
                f"the strategic aim {name!r} appears twice (first on line {first}).",
                path=self.path,
                line=number,
                hint="each aim has one table; if the extraction split a table across pages, join it.",
            )
        self.aims.append(_Aim(aim=name, sector=sector, source_line=number))
        self.lines.append((number, "heading", ""))

    def check_table_closed(self) -> None:
        """The aim read so far must have had its header row."""
        aim = self.current
        if aim is not None and aim.header is None:
            raise SourceError(
                f"the aim {aim.aim!r} has no table: no header row follows its heading.",
                path=self.path,
                line=aim.source_line,
                hint="each '# Strateginen päämäärä' heading must be followed by the table's header row.",
            )

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

    def year(self) -> int:
        """The one year every table reports on."""
        if not self.aims:
            raise SourceError(
                "no '# Strateginen päämäärä: NAME, sector' heading: this is not a strategy report text.",
                path=self.path,
                hint="give the text extracted from the welfare sector's strategy implementation report.",
            )
        headers = [aim.header for aim in self.aims if aim.header is not None]
        if len({h.year for h in headers}) > 1:
            detail = ", ".join(f"line {h.line}: {h.year}" for h in headers)
            raise SourceError(
                f"the tables report on different years ({detail}).",
                path=self.path,
                line=headers[-1].line,
                hint="one file holds one year's report; split the file by year.",
            )
        return headers[0].year

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
        year = self.year()
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


def parse_report(text: str, path: str | Path = "<text>", *, source: Source | None = None) -> Report:
    """Parse the report's text into a :class:`Report`, without schema validation.

    Prefer :func:`load_report`, which reads the file and validates the tables.

    Examples
    --------
    >>> text = ("# Strateginen päämäärä: KUVITELTU, hyvinvointi\\n"
    ...         "Tavoite\\tToimenpiteet\\tVastuu ja aikataulu\\tMittarit, arviointi\\tToteuma 1-12/2031\\n"
    ...         "Puistot\\tSiivous\\tToimialajohtaja\\tVähintään 4 kpl\\tToteutui 5 kpl\\n")
    >>> report = parse_report(text)
    >>> report.year, report.goals["metric"].tolist()
    (2031, ['Vähintään 4 kpl'])
    """
    reader = _ReportReader(Path(path))
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        if line.strip():
            reader.read_line(number, line)
    return reader.finish(source)


def load_report(path: str | Path, *, year: int | None = None, validate: bool = True) -> Report:
    """Read a raw report file into validated tables.

    Parameters
    ----------
    path
        The extracted report text (UTF-8 with or without BOM, LF or CRLF).
    year
        If given, the year the file must report on.
    validate
        Check every table against its schema (:mod:`kemi_analysis.schemas`).

    Raises
    ------
    SourceError
        When the file cannot be read as a report; the message names the file,
        the line and what to do.

    Examples
    --------
    >>> report = load_report("data/raw/000_09050fdfe5e94683.txt")
    >>> report.year, len(report.goals)
    (2022, 12)
    """
    source = read_source(path)
    for warning in source.warnings:
        logger.warning("%s: %s", source.path, warning)
    report = parse_report(source.text, source.path, source=source)
    if year is not None and report.year != year:
        raise SourceError(
            f"the file reports on {report.year} ('Toteuma 1-12/{report.year}'), not on {year}.",
            path=source.path,
            line=int(report.aims["header_line"].iloc[0]),
            hint=f"give the {year} report, or ask for year {report.year}.",
        )
    if validate:
        validate_tables(report.tables(), source.path)
    return report
