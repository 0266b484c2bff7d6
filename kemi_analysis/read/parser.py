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

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..catalogues.fuzzy import lookup
from ..catalogues.roles import split_roles
from ..catalogues.sdg import SDGS, find_mentions, is_sdg_text
from ..errors import SourceError
from ..schemas import TEXT_FIELDS, AimTable, GoalTable, ItemTable, RoleTable, SDGTable, columns, validate_tables
from .arrow import SPACES, STRING, TEXT, collapse, mask, repeat, strip, text_array
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
_GOAL_COLUMNS = [c for c in columns(GoalTable)[1:] if c != "sdgs"]
_SDG_COLUMNS = columns(SDGTable)[1:]
_ROW_KEYS = (*TEXT_FIELDS, "sdg")  # what a data row's cells can be
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
# Reading: the structure line by line, the cells column by column


@dataclass
class _Aim:
    """A strategic aim while its table is read."""

    aim: str
    sector: str
    source_line: int
    header: _Header | None = None
    sdgs: dict[int, tuple[int, str]] = field(default_factory=dict)  # number -> first (line, text)
    goal_rows: int = 0
    rows: list[range] = field(default_factory=list)  # runs of its data rows (positions among the lines)


def _aim_heading(title: str, path: Path, number: int, seen: dict[str, int]) -> tuple[str, str]:
    """The aim and sector a heading names; an error for a heading without a name or naming an aim again
    (``seen``: the casefolded names so far and their lines)."""
    name, _, sector = title.rpartition(",")
    if not name:
        name, sector = sector, ""
    name, sector = collapse_whitespace(name), collapse_whitespace(sector)
    if not name:
        raise SourceError("the heading names no strategic aim.", path=path, line=number,
                          hint="write it as '# Strateginen päämäärä: NAME, sector'.")
    first = seen.setdefault(name.casefold(), number)
    if first != number:
        raise SourceError(
            f"the strategic aim {name!r} appears twice (first on line {first}).",
            path=path,
            line=number,
            hint="each aim has one table; if the extraction split a table across pages, join it.",
        )
    return name, sector


def _no_table(aim: _Aim, path: Path) -> SourceError:
    return SourceError(
        f"the aim {aim.aim!r} has no table: no header row follows its heading.",
        path=path,
        line=aim.source_line,
        hint="each '# Strateginen päämäärä' heading must be followed by the table's header row.",
    )


def _one_year(aims: list[_Aim], path: Path) -> int:
    """The one year every table reports on."""
    if not aims:
        raise SourceError(
            "no '# Strateginen päämäärä: NAME, sector' heading: this is not a strategy report text.",
            path=path,
            hint="give the text extracted from the welfare sector's strategy implementation report.",
        )
    headers = [aim.header for aim in aims if aim.header is not None]
    if len({h.year for h in headers}) > 1:
        detail = ", ".join(f"line {h.line}: {h.year}" for h in headers)
        raise SourceError(
            f"the tables report on different years ({detail}).",
            path=path,
            line=headers[-1].line,
            hint="one file holds one year's report; split the file by year.",
        )
    return headers[0].year


class _ReportReader:
    """Reads a report in two passes: its structure line by line, its cells column by column.

    The first pass (:meth:`read`) places each non-blank line: a heading, a
    header, a data row of the current table, or skipped with a reason; a few
    string checks a line, and a run of data rows is handed to its table whole.
    When a table closes its rows are checked against its header
    (:meth:`close_table`). Then every table's data rows are read together
    (:meth:`read_rows`): cells are split, stripped and cut into items one
    column at a time, each distinct SDG or responsible text is matched once,
    and only cells holding markup or entities take the general path. So a
    file of many small tables costs what one table of as many rows does. The
    result is the same, table for table and warning for warning, as reading
    each row on its own (``tests/line_reader.py`` keeps that reader as the
    oracle).
    """

    def __init__(self, path: Path, numbers: list[int], texts: list[str]) -> None:
        self.path = path
        self.numbers, self.texts = numbers, texts  # the non-blank lines and their numbers
        self.line_array = np.asarray(numbers, dtype=np.int64)
        self.kinds = ["goal_row"] * len(texts)  # what each line became (the lines table), and why when skipped
        self.reasons = [""] * len(texts)
        self.arrow_texts = pa.array([], type=TEXT)  # the lines as Arrow text, made by read()
        self.aims: list[_Aim] = []
        self.goals: dict[str, list] = {c: [] for c in _GOAL_COLUMNS}
        self.items: dict[str, list] = {c: [] for c in _ITEM_COLUMNS}
        self.roles: dict[str, list] = {c: [] for c in _ROLE_COLUMNS}
        self.warnings: list[tuple[int, int, str]] = []  # (line, order within the line, message)
        self._seen: dict[str, int] = {}
        self._sdg_texts: dict[str, tuple[list, bool]] = {}
        self.odd: dict[int, dict[str, str]] = {}  # rows not as wide as their header: cells by key, placed early
        self.goal_owner = np.zeros(0, dtype=np.int64)  # each goal row's aim (its index in aims)

    @property
    def current(self) -> _Aim | None:
        return self.aims[-1] if self.aims else None

    def warn(self, line: int, message: str, order: int = 0) -> None:
        """Record a warning; warnings are listed by line and, within a line, by ``order``: 0 the line itself
        (skipped, its SDG cell), 1 no realisation, 2 no goal, 3 its roles (the order a row is read in)."""
        self.warnings.append((line, order, message))

    def skip(self, at: int, reason: str, warning: str) -> None:
        self.kinds[at], self.reasons[at] = "skipped", reason
        self.warn(self.numbers[at], warning)

    def read(self) -> None:
        """Place every line; runs of data rows are handed to their table whole."""
        texts = self.texts
        self.arrow_texts = pa.array(texts, type=TEXT)
        # A data row has cells (a tab) and is no heading; a run of them under a header belongs to that table.
        row = mask(pc.and_(pc.match_substring(self.arrow_texts, "\t"),
                           pc.invert(pc.starts_with(pc.utf8_ltrim(self.arrow_texts, characters=SPACES), "#"))))
        breaks = np.append(np.flatnonzero(~row), len(texts))
        at = 0
        while at < len(texts):
            aim = self.current
            if row[at] and aim is not None and aim.header is not None:
                end = int(breaks[np.searchsorted(breaks, at)])
                aim.rows.append(range(at, end))
                at = end
            else:
                self.read_line(at)
                at += 1

    def read_line(self, at: int) -> None:
        """Place a line that is not in a run of data rows: a heading, a header, or skipped with a reason."""
        number, text, aim = self.numbers[at], self.texts[at], self.current
        heading = _HEADING.match(text)
        if heading:
            self.start_aim(at, heading["title"])
        elif aim is None:
            self.skip(at, "text before the first aim heading",
                      "text before the first '# Strateginen päämäärä' heading was skipped")
        elif aim.header is None:
            aim.header = _parse_header(text, self.path, number, aim.source_line)
            self.kinds[at] = "header"
        elif text.lstrip().startswith("#"):
            self.skip(at, "a heading that is not a strategic aim",
                      "a heading that is not '# Strateginen päämäärä' was skipped")
        else:
            self.skip(at, "no tab-separated cells", "a line without tab-separated cells inside a table was skipped")

    def start_aim(self, at: int, title: str) -> None:
        self.close_table()
        number = self.numbers[at]
        name, sector = _aim_heading(title, self.path, number, self._seen)
        self.aims.append(_Aim(aim=name, sector=sector, source_line=number))
        self.kinds[at] = "heading"

    def close_table(self) -> None:
        """Check the aim read so far: it must have had its header row, and its data rows must fit the header.

        Rows as wide as a header of single column names are read later, with
        every table's (:meth:`read_rows`); the others are placed now, so that a
        row wider than its header is an error in the order of the file's lines.
        """
        aim = self.current
        if aim is None:
            return
        header = aim.header
        if header is None:
            raise _no_table(aim, self.path)
        keys, width = header.single_keys, len(header.slots)
        texts = self.texts
        for at in [at for run in aim.rows for at in run if keys is None or texts[at].count("\t") + 1 != width]:
            self.odd[at] = _assign_cells(texts[at].split("\t"), header, self.path, self.numbers[at])

    # -- every table's rows, column by column (Arrow arrays)

    def read_rows(self) -> None:
        """Read every table's data rows at once: a few Arrow passes over each column, whatever the tables."""
        runs = [(index, run) for index, aim in enumerate(self.aims) for run in aim.rows]
        if not runs:
            return
        rows = np.concatenate([np.arange(run.start, run.stop) for _, run in runs])
        owner = np.concatenate([np.full(len(run), index) for index, run in runs])  # each row's aim
        numbers = self.line_array[rows]
        texts = self.arrow_texts.take(rows)
        cells = self.cells(rows, owner, texts)
        sdg_text = self.read_sdgs(numbers, owner, cells["sdg"])
        plain, marked, has_text = {}, {}, {}
        for key in TEXT_FIELDS:
            plain[key], marked[key] = _plain_column(cells[key])
            has_text[key] = mask(pc.greater(pc.utf8_length(plain[key]), 0))
        goal = np.logical_or.reduce([has_text[key] for key in TEXT_FIELDS])
        for at in rows[~goal]:
            self.kinds[at] = "sdg_row"
        index = np.flatnonzero(goal)
        self.goal_owner = owner[index]
        for aim, count in zip(self.aims, np.bincount(self.goal_owner, minlength=len(self.aims)).tolist()):
            aim.goal_rows = count
        names = pa.array([aim.aim for aim in self.aims], type=TEXT)
        by_aim = pa.array(self.goal_owner)
        lines = numbers[index]
        sectors = pa.array([aim.sector for aim in self.aims], type=TEXT)
        chunks = {"aim": names.take(by_aim), "sector": sectors.take(by_aim), "source_line": lines,
                  "realisation_reported": has_text["realisation"][index], "sdg_text": sdg_text.take(index),
                  "raw_line": texts.take(index)}
        chunks.update({key: plain[key].take(index) for key in TEXT_FIELDS})
        for name, chunk in chunks.items():
            self.goals[name].append(chunk)
        for line in lines[~has_text["realisation"][index]]:
            self.warn(int(line), "no realisation (Toteuma) given: recorded as not reported", 1)
        for line in lines[~has_text["goal"][index]]:
            self.warn(int(line), "no goal (Tavoite) text: the goal cell may be merged with the row above", 2)
        for code, key in enumerate(TEXT_FIELDS):
            self.add_items(names, owner, code, numbers, goal & has_text[key], cells[key], plain[key], marked[key])

    def cells(self, rows: np.ndarray, owner: np.ndarray, texts: pa.Array) -> dict[str, pa.Array]:
        """The rows' raw cells by column key ("" where a table has no such column).

        Rows as wide as their header are split by Arrow, a group of tables with
        the same header at a time; the others were placed by :func:`_assign_cells`
        when their table closed.
        """
        split = pc.split_pattern(texts, "\t")
        odd = np.array([at in self.odd for at in rows.tolist()], dtype=bool) if self.odd else np.zeros(len(rows), bool)
        parts: dict[str, list[tuple[np.ndarray, pa.Array]]] = {key: [] for key in _ROW_KEYS}
        signatures: dict[tuple[str, ...], list[int]] = {}
        for index, aim in enumerate(self.aims):
            if aim.header is not None and aim.header.single_keys is not None:
                signatures.setdefault(aim.header.single_keys, []).append(index)
        for keys, aims in signatures.items():
            in_group = np.zeros(len(self.aims), dtype=bool)
            in_group[aims] = True
            members = np.flatnonzero(in_group[owner] & ~odd)
            if members.size:
                same = split.take(pa.array(members))
                for slot, key in enumerate(keys):
                    parts[key].append((members, pc.list_element(same, slot)))
        members = np.flatnonzero(odd)
        if members.size:
            placed = [self.odd[at] for at in rows[members].tolist()]
            for key in _ROW_KEYS:
                parts[key].append((members, pa.array([values.get(key, "") for values in placed], type=TEXT)))
        return {key: _in_row_order(len(rows), parts[key]) for key in _ROW_KEYS}

    def read_sdgs(self, numbers: np.ndarray, owner: np.ndarray, raw: pa.Array) -> pa.Array:
        """The rows' SDG cells as plain text; each aim's SDGs and the warnings recorded (each distinct cell
        matched once)."""
        encoded = raw.dictionary_encode()
        codes = encoded.indices.to_numpy()
        texts = [strip_markup(cell) if cell else "" for cell in encoded.dictionary.to_pylist()]
        _, first = np.unique(owner * max(len(texts), 1) + codes, return_index=True)  # an aim's distinct cells
        not_sdg = set()
        for row in np.sort(first).tolist():  # each aim's distinct cells, in the order they first appear
            text = texts[codes[row]]
            if not text:
                continue
            known = self._sdg_texts.get(text)
            if known is None:
                known = self._sdg_texts[text] = (find_mentions(text), is_sdg_text(text))
            for mention in known[0]:
                self.aims[owner[row]].sdgs.setdefault(mention.number, (int(numbers[row]), mention.text))
            if not known[1]:
                not_sdg.add(int(codes[row]))
        for i in np.flatnonzero(np.isin(codes, list(not_sdg))) if not_sdg else ():
            self.warn(int(numbers[i]),
                      f"the SDG cell holds text that is not SDG numbers and names: {texts[codes[i]]!r}")
        return pa.array(texts, type=TEXT).take(encoded.indices)

    def add_items(self, names: pa.Array, owner: np.ndarray, code: int, numbers: np.ndarray, present: np.ndarray,
                  raw: pa.Array, plain: pa.Array, marked: dict[int, list[tuple[str, str]]]) -> None:
        """One column's items of the goal rows: a cell without markup is one item (none when empty); the
        items of cells with markup were split by :func:`split_items`."""
        unmarked = np.ones(len(present), dtype=bool)
        unmarked[list(marked)] = False
        plain_rows = np.flatnonzero(present & unmarked)
        rows = [plain_rows]
        item = [np.ones(len(plain_rows), dtype=np.int64)]
        text = [plain.take(plain_rows)]
        fragment = [strip(raw.take(plain_rows))]
        if marked:
            split = [(i, index, part) for i, parts in sorted(marked.items()) if present[i]
                     for index, part in enumerate(parts, start=1)]
            rows.append(np.array([i for i, _, _ in split], dtype=np.int64))
            item.append(np.array([index for _, index, _ in split], dtype=np.int64))
            text.append(pa.array([part[1] for _, _, part in split], type=TEXT))
            fragment.append(pa.array([part[0] for _, _, part in split], type=TEXT))
        rows, item = np.concatenate(rows), np.concatenate(item)
        text, fragment = pa.concat_arrays(text), pa.concat_arrays(fragment)
        if marked:  # back to the rows' order
            order = np.lexsort((item, rows))
            rows, item, text, fragment = rows[order], item[order], text.take(order), fragment.take(order)
        aims = names.take(pa.array(owner[rows]))
        for name, chunk in (("aim", aims), ("source_line", numbers[rows]), ("field", np.full(len(rows), code)),
                            ("item", item), ("text", text), ("raw", fragment)):
            self.items[name].append(chunk)
        if TEXT_FIELDS[code] == "responsible":
            self.add_roles(aims, numbers[rows], item, text)

    def add_roles(self, aims: pa.Array, lines: np.ndarray, item: np.ndarray, text: pa.Array) -> None:
        """The roles of the responsible items (each distinct text split once), in the items' order."""
        encoded = text.dictionary_encode()
        codes = encoded.indices.to_numpy()
        found = [split_roles(cell) for cell in encoded.dictionary.to_pylist()]
        counts = np.array([len(roles) for roles in found], dtype=np.int64)
        flat = [role for roles in found for role in roles]
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)
        per_item = counts[codes]
        owner = np.repeat(np.arange(len(codes)), per_item)  # the item of each role row
        within = np.arange(len(owner)) - np.repeat(np.cumsum(per_item) - per_item, per_item)
        which = starts[codes[owner]] + within
        unknown = np.array([role.role is None for role in flat], dtype=bool)
        for row in np.flatnonzero(unknown[which]) if len(flat) else []:
            self.warn(int(lines[owner[row]]),
                      f"responsible party not in the role catalogue: {flat[which[row]].text!r}", 3)
        column = {"role_text": [r.text for r in flat], "role": [r.role or "" for r in flat],
                  "deadline": [r.deadline or "" for r in flat]}
        for name, chunk in (("aim", aims.take(pa.array(owner))), ("source_line", lines[owner]), ("item", item[owner])):
            self.roles[name].append(chunk)
        for name, values in column.items():
            self.roles[name].append(pa.array(values, type=TEXT).take(pa.array(which)))

    # -- the whole file

    def sdg_rows(self) -> dict[str, list]:
        rows: dict[str, list] = {c: [] for c in _SDG_COLUMNS}
        for aim in self.aims:
            for number in sorted(aim.sdgs):
                line, mention = aim.sdgs[number]
                sdg = SDGS[number]
                values = {"aim": aim.aim, "sdg": number, "name_fi": sdg.name_fi, "name_en": sdg.name_en,
                          "colour": sdg.colour, "source_line": line, "source_text": mention}
                for column in _SDG_COLUMNS:
                    rows[column].append(values[column])
        return rows

    def finish(self, source: Source | None) -> Report:
        """The tables, once every line is read."""
        self.close_table()
        year = _one_year(self.aims, self.path)
        self.read_rows()
        sdgs = {aim.aim: ";".join(str(n) for n in sorted(aim.sdgs)) for aim in self.aims}
        warnings = [(line, message) for line, _, message in sorted(self.warnings, key=lambda w: (w[0], w[1]))]
        for aim in self.aims:
            if aim.goal_rows == 0:
                warnings.append((aim.source_line, f"the aim {aim.aim!r} has no goal rows"))
        aims = {
            "aim": [a.aim for a in self.aims], "sector": [a.sector for a in self.aims],
            "source_line": [a.source_line for a in self.aims], "header_line": [a.header.line for a in self.aims],
            "period": [a.header.period for a in self.aims], "sdgs": [sdgs[a.aim] for a in self.aims],
            "goal_rows": [a.goal_rows for a in self.aims]}
        self.goals["sdgs"] = [pa.array([sdgs[a.aim] for a in self.aims], type=TEXT).take(pa.array(self.goal_owner))]
        items = _frame(self.items, ItemTable, year)
        # Items were added a column at a time; a stable sort by line puts them in the file's order, and
        # within a row, in the report's column order (the order they were added in) and their own.
        items = items.iloc[np.argsort(items["source_line"].to_numpy(), kind="stable")].reset_index(drop=True)
        items["field"] = pd.Series(np.asarray(TEXT_FIELDS, dtype=object)[items["field"].to_numpy()],
                                   dtype=STRING) if len(items) else pd.Series([], dtype=STRING)
        return Report(
            year=year,
            path=self.path,
            sha256=source.sha256 if source else "",
            encoding=source.encoding if source else "utf-8",
            aims=_frame({name: [values] for name, values in aims.items()}, AimTable, year),
            goals=_frame(self.goals, GoalTable, year),
            items=items,
            roles=_frame(self.roles, RoleTable, year),
            sdgs=_frame({name: [values] for name, values in self.sdg_rows().items()}, SDGTable, year),
            lines=pd.DataFrame({"line": self.line_array, "kind": self.kinds,
                                "reason": self.reasons}),
            warnings=[(0, w) for w in (source.warnings if source else [])] + warnings,
        )


def _in_row_order(count: int, parts: list[tuple[np.ndarray, pa.Array]]) -> pa.Array:
    """One column of ``count`` rows from parts (the rows' positions, their cells); "" where no part has a row."""
    positions = [rows for rows, _ in parts]
    arrays = [cells.cast(TEXT) for _, cells in parts]
    if len(parts) == 1 and len(positions[0]) == count and (positions[0] == np.arange(count)).all():
        return arrays[0]  # the common case: one header for every row
    seen = np.zeros(count, dtype=bool)
    for rows in positions:
        seen[rows] = True
    missing = np.flatnonzero(~seen)
    if missing.size:
        positions.append(missing)
        arrays.append(repeat("", missing.size))
    column = pa.concat_arrays(arrays)
    order = np.argsort(np.concatenate(positions), kind="stable")
    return column if (order == np.arange(count)).all() else column.take(pa.array(order))


def _plain_column(cells: pa.Array) -> tuple[pa.Array, dict[int, list[tuple[str, str]]]]:
    """A text column's cells as plain text (items on separate lines), and the items of cells with markup.

    A cell without ``<`` or ``&`` is its words joined by single spaces
    (``" ".join(cell.split())``), done by Arrow for the whole column; the
    others go through :func:`split_items` and :func:`strip_markup`.
    """
    plain = collapse(cells)
    special = np.flatnonzero(mask(pc.or_(pc.match_substring(cells, "<"), pc.match_substring(cells, "&"))))
    if not special.size:
        return plain, {}
    marked: dict[int, list[tuple[str, str]]] = {}
    texts = []
    for i, cell in zip(special.tolist(), cells.take(special).to_pylist()):
        if "<" in cell:
            marked[i] = split_items(cell)
            texts.append("\n".join(text for _, text in marked[i]))
        else:
            texts.append(strip_markup(cell))
    replaced = np.zeros(len(cells), dtype=bool)
    replaced[special] = True
    return pc.replace_with_mask(plain, pa.array(replaced), pa.array(texts, type=TEXT)), marked


def _column(chunks: list, dtype: str | None) -> object:
    """One column from its chunks (NumPy arrays, Arrow arrays or lists), as the tables' dtypes want it."""
    if dtype is not None:
        return np.concatenate([np.asarray(c, dtype=dtype) for c in chunks]) if chunks else np.array([], dtype=dtype)
    arrays = [c.cast(TEXT) if isinstance(c, pa.Array) else pa.array(c, type=TEXT) for c in chunks]
    return text_array(pa.concat_arrays(arrays) if arrays else pa.array([], type=TEXT))


def _frame(chunks: dict[str, list], model: type, year: int) -> pd.DataFrame:
    """A table of ``model``'s columns from column chunks, with ``year`` first."""
    names = [c for c in columns(model) if c != "year"]
    data = {name: _column(chunks[name], "int64" if name == "field" else _DTYPES.get(name)) for name in names}
    length = len(data[names[0]])
    return pd.DataFrame({"year": np.full(length, year, dtype="int64"), **data})


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
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    numbers = [number for number, line in enumerate(lines, start=1) if line.strip()]
    reader = _ReportReader(Path(path), numbers, [lines[number - 1] for number in numbers])
    reader.read()
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
