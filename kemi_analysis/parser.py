"""Reading the raw report text into tidy tables.

The raw text is what a PDF table extraction left: a markdown heading per
strategic aim, a tab-separated header row, one tab-separated line per goal row,
leftover HTML (``<p>``, ``<b>``) and OCR typos. :func:`load_report` turns it
into a :class:`Report` of pandas tables, every record carrying the line it
came from. Texts are kept as written; only matching (header names, SDG numbers,
role titles) normalises them.
"""

from __future__ import annotations

import hashlib
import html
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz

from .errors import SourceError
from .roles import split_roles
from .sdg import SDGS, find_mentions, is_sdg_text

logger = logging.getLogger(__name__)

#: The goal row's text columns, in the report's usual order.
TEXT_FIELDS = ("goal", "action", "responsible", "metric", "realisation")

# Header names as the report writes them, normalised (see _normalise_header).
HEADER_NAMES = {
    "tavoite": "goal",
    "toimenpiteet": "action",
    "vastuu ja aikataulu": "responsible",
    "mittarit arviointi": "metric",
    "sdg": "sdg",
}
_TOTEUMA = re.compile(r"toteuma\s*(?P<first>\d{1,2})\s*[-–]\s*(?P<last>\d{1,2})\s*/\s*(?P<year>\d{4})")
_HEADING = re.compile(r"^\s*#+\s*strateginen\s+p\S*\s*:\s*(?P<title>.*?)\s*$", re.IGNORECASE)
_MIN_HEADER_SCORE = 85.0

# Formatting tags left by the PDF extraction. They are removed; any other
# tag-like text (<script>, <img ...>) is source text and is kept as written.
_FORMAT_TAG = re.compile(
    r"</?(?:p|b|i|u|em|strong|span|div|font|sup|sub|br)(?:\s[^<>]*)?/?>", re.IGNORECASE
)
_ITEM_BREAK = re.compile(r"</?p(?:\s[^<>]*)?>|<br\s*/?>", re.IGNORECASE)
_ITEM_COLUMNS = ("aim", "source_line", "field", "item", "text", "raw")
_ROLE_COLUMNS = ("aim", "source_line", "item", "role_text", "role", "deadline")
_INT_COLUMNS = ("year", "source_line", "header_line", "goal_rows", "item", "sdg", "line")
_DTYPES = {**{c: "int64" for c in _INT_COLUMNS}, "realisation_reported": "bool"}
_DOUBLE_ENCODED = re.compile("Ã[\u0080-\u00bf]")


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
# Decoding


def decode_source(data: bytes, path: Path) -> tuple[str, str, list[str]]:
    """Decode the raw file: UTF-8 with or without BOM; UTF-16 with BOM; Windows-1252.

    Returns the text, the encoding used and warnings. A file that decodes to
    nothing recognisable stops with a :class:`SourceError` rather than letting
    mojibake into any output.
    """
    warnings: list[str] = []
    if not data.strip():
        raise SourceError("the file is empty.", path=path, hint="give the report's extracted text file.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise SourceError("the file starts with a UTF-16 byte-order mark but is not valid UTF-16.", path=path) from exc
        warnings.append("the file is UTF-16; it was decoded, but save it as UTF-8 for the next run.")
        return text, "utf-16", warnings
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise SourceError(
            "the file holds NUL bytes: it is binary, not extracted text.",
            path=path,
            line=line,
            hint="give the text file extracted from the report's PDF, not the PDF or another binary file.",
        )
    try:
        text = data.decode("utf-8-sig")
        encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        text = data.decode("cp1252", errors="replace")
        if "\ufffd" in text or "päämäärä" not in text.casefold():
            raise SourceError(
                f"the file is not UTF-8 (byte 0x{data[exc.start]:02x} cannot be decoded) "
                "and is not recognisable Windows-1252 either.",
                path=path,
                line=line,
                hint="save the file as UTF-8 (for example: iconv -f ISO-8859-1 -t UTF-8) and run again.",
            ) from exc
        warnings.append("the file is not UTF-8; it was decoded as Windows-1252. Save it as UTF-8 for the next run.")
        encoding = "cp1252"
    match = _DOUBLE_ENCODED.search(text)
    if match:
        line = text[: match.start()].count("\n") + 1
        raise SourceError(
            f"the text looks double-encoded ({match.group(0)!r} where a letter such as 'ä' is expected).",
            path=path,
            line=line,
            hint="re-extract the text from the PDF as UTF-8; do not convert an already UTF-8 file again.",
        )
    bad = re.search(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]", text)
    if bad:
        line = text[: bad.start()].count("\n") + 1
        raise SourceError(
            f"the file holds a control character (U+{ord(bad.group(0)):04X}): it is not plain extracted text.",
            path=path,
            line=line,
            hint="give the text file extracted from the report's PDF.",
        )
    return text, encoding, warnings


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
    if not text:
        return None
    if text in HEADER_NAMES:
        return HEADER_NAMES[text]
    best_key, best_score = None, 0.0
    for name, key in HEADER_NAMES.items():
        score = fuzz.ratio(text, name)
        if score > best_score:
            best_key, best_score = key, score
    return best_key if best_score >= _MIN_HEADER_SCORE else None


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
    match = _TOTEUMA.search(text)
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
    found = [k for slot in slots for k in slot]
    duplicates = sorted({k for k in found if found.count(k) > 1})
    if duplicates:
        raise SourceError(
            f"the header row names the column(s) {', '.join(duplicates)} twice.",
            path=path,
            line=line,
            hint="check the header row of the extraction.",
        )
    missing = [k for k in TEXT_FIELDS if k not in found]
    if missing:
        raise SourceError(
            f"the header row lacks the column(s) {', '.join(missing)}.",
            path=path,
            line=line,
            hint="a table needs Tavoite, Toimenpiteet, Vastuu ja aikataulu, Mittarit, arviointi and "
            "Toteuma 1-12/YYYY columns.",
        )
    year, period = years[0]
    return _Header(line=line, slots=slots, year=year, period=period)


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
# Reading


def parse_report(text: str, path: str | Path = "<text>", *, sha256: str = "", encoding: str = "utf-8") -> Report:
    """Parse the report's text into a :class:`Report` (no schema validation).

    Prefer :func:`load_report`, which reads the file and validates the tables.
    """
    path = Path(path)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    aims: list[dict] = []
    goals: list[dict] = []
    items: dict[str, list] = {c: [] for c in _ITEM_COLUMNS}
    roles: dict[str, list] = {c: [] for c in _ROLE_COLUMNS}
    sdg_rows: list[dict] = []
    accounting: list[dict] = []
    warnings: list[tuple[int, str]] = []

    current: dict | None = None
    header: _Header | None = None
    seen_aims: dict[str, int] = {}

    def close_aim() -> None:
        if current is not None and header is None:
            raise SourceError(
                f"the aim {current['aim']!r} has no table: no header row follows its heading.",
                path=path,
                line=current["source_line"],
                hint="each '# Strateginen päämäärä' heading must be followed by the table's header row.",
            )

    for number, line_text in enumerate(lines, start=1):
        if not line_text.strip():
            continue
        heading = _HEADING.match(line_text)
        if heading:
            close_aim()
            title = heading["title"]
            name, _, sector = title.rpartition(",")
            if not name:
                name, sector = sector, ""
            name, sector = collapse_whitespace(name), collapse_whitespace(sector)
            if not name:
                raise SourceError("the heading names no strategic aim.", path=path, line=number,
                                  hint="write it as '# Strateginen päämäärä: NAME, sector'.")
            key = name.casefold()
            if key in seen_aims:
                raise SourceError(
                    f"the strategic aim {name!r} appears twice (first on line {seen_aims[key]}).",
                    path=path,
                    line=number,
                    hint="each aim has one table; if the extraction split a table across pages, join it.",
                )
            seen_aims[key] = number
            current = {"aim": name, "sector": sector, "source_line": number, "sdgs": {}}
            aims.append(current)
            header = None
            accounting.append({"line": number, "kind": "heading", "reason": ""})
            continue
        if current is None:
            accounting.append({"line": number, "kind": "skipped", "reason": "text before the first aim heading"})
            warnings.append((number, "text before the first '# Strateginen päämäärä' heading was skipped"))
            continue
        if header is None:
            header = _parse_header(line_text, path, number, current["source_line"])
            current["header_line"] = number
            current["year"] = header.year
            current["period"] = header.period
            accounting.append({"line": number, "kind": "header", "reason": ""})
            continue
        if line_text.lstrip().startswith("#"):
            accounting.append({"line": number, "kind": "skipped", "reason": "a heading that is not a strategic aim"})
            warnings.append((number, "a heading that is not '# Strateginen päämäärä' was skipped"))
            continue
        if "\t" not in line_text:
            accounting.append({"line": number, "kind": "skipped", "reason": "no tab-separated cells"})
            warnings.append((number, "a line without tab-separated cells inside a table was skipped"))
            continue

        values = _assign_cells(line_text.split("\t"), header, path, number)
        sdg_text = strip_markup(values.get("sdg", ""))
        if sdg_text:
            for mention in find_mentions(sdg_text):
                current["sdgs"].setdefault(mention.number, (number, mention.text))
        if sdg_text and not is_sdg_text(sdg_text):
            warnings.append((number, f"the SDG cell holds text that is not SDG numbers and names: {sdg_text!r}"))
        cells = {k: split_items(values[k]) for k in TEXT_FIELDS}
        if not any(cells.values()):
            accounting.append({"line": number, "kind": "sdg_row", "reason": ""})
            continue
        accounting.append({"line": number, "kind": "goal_row", "reason": ""})
        plain = {k: "\n".join(t for _, t in cells[k]) for k in TEXT_FIELDS}
        if not plain["realisation"]:
            warnings.append((number, "no realisation (Toteuma) given: recorded as not reported"))
        if not plain["goal"]:
            warnings.append((number, "no goal (Tavoite) text: the goal cell may be merged with the row above"))
        goals.append(
            {
                "aim": current["aim"],
                "sector": current["sector"],
                "source_line": number,
                **plain,
                "realisation_reported": bool(plain["realisation"]),
                "sdg_text": sdg_text,
                "raw_line": line_text,
            }
        )
        aim_name = current["aim"]
        for field_name, field_items in cells.items():
            for index, (raw, item_text) in enumerate(field_items, start=1):
                for column, value in zip(_ITEM_COLUMNS, (aim_name, number, field_name, index, item_text, raw)):
                    items[column].append(value)
                if field_name == "responsible":
                    for role in split_roles(item_text):
                        if role.role is None:
                            warnings.append((number, f"responsible party not in the role catalogue: {role.text!r}"))
                        values_ = (aim_name, number, index, role.text, role.role or "", role.deadline or "")
                        for column, value in zip(_ROLE_COLUMNS, values_):
                            roles[column].append(value)
    close_aim()
    if not aims:
        raise SourceError(
            "no '# Strateginen päämäärä: NAME, sector' heading: this is not a strategy report text.",
            path=path,
            hint="give the text extracted from the welfare sector's strategy implementation report.",
        )
    years = {a["year"] for a in aims}
    if len(years) > 1:
        detail = ", ".join(f"line {a['header_line']}: {a['year']}" for a in aims)
        raise SourceError(
            f"the tables report on different years ({detail}).",
            path=path,
            line=aims[-1]["header_line"],
            hint="one file holds one year's report; split the file by year.",
        )
    year = years.pop()

    for aim in aims:
        aim["goal_rows"] = sum(1 for g in goals if g["aim"] == aim["aim"])
        if aim["goal_rows"] == 0:
            warnings.append((aim["source_line"], f"the aim {aim['aim']!r} has no goal rows"))
        numbers = sorted(aim["sdgs"])
        for sdg_number in numbers:
            line_number, mention = aim["sdgs"][sdg_number]
            sdg = SDGS[sdg_number]
            sdg_rows.append(
                {
                    "aim": aim["aim"],
                    "sdg": sdg_number,
                    "name_fi": sdg.name_fi,
                    "name_en": sdg.name_en,
                    "colour": sdg.colour,
                    "source_line": line_number,
                    "source_text": mention,
                }
            )
        aim["sdgs"] = ";".join(str(n) for n in numbers)
    aim_sdgs = {a["aim"]: a["sdgs"] for a in aims}
    for goal in goals:
        goal["sdgs"] = aim_sdgs[goal["aim"]]

    def frame(rows: list[dict] | dict[str, list], columns: list[str] | tuple[str, ...]) -> pd.DataFrame:
        df = pd.DataFrame(rows, columns=list(columns))
        df.insert(0, "year", year)
        dtypes = {c: _DTYPES.get(c, "str") for c in df.columns}
        return df.astype(dtypes)

    return Report(
        year=year,
        path=path,
        sha256=sha256,
        encoding=encoding,
        aims=frame(aims, ["aim", "sector", "source_line", "header_line", "period", "sdgs", "goal_rows"]),
        goals=frame(
            goals,
            ["aim", "sector", "source_line", *TEXT_FIELDS, "realisation_reported", "sdg_text", "sdgs", "raw_line"],
        ),
        items=frame(items, _ITEM_COLUMNS),
        roles=frame(roles, _ROLE_COLUMNS),
        sdgs=frame(sdg_rows, ["aim", "sdg", "name_fi", "name_en", "colour", "source_line", "source_text"]),
        lines=pd.DataFrame(accounting, columns=["line", "kind", "reason"]),
        warnings=warnings,
    )


def _read_source(path: Path) -> tuple[bytes, str, str, list[str]]:
    """The raw file's bytes, decoded text, encoding and decoding warnings."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read the file: {exc.strerror}.", path=path,
                          hint="check the path; raw reports live in data/raw/.") from exc
    return (data, *decode_source(data, path))


def peek_year(path: str | Path) -> int:
    """The year a raw file reports on, from its first ``Toteuma 1-12/YYYY`` header, without parsing it all.

    Used to find the years in a data folder; :func:`load_report` checks the
    whole file (every table's year must agree).
    """
    path = Path(path)
    _, text, _, _ = _read_source(path)
    match = _TOTEUMA.search(text.casefold())
    if match is None:
        raise SourceError("no 'Toteuma 1-12/YYYY' header: the year cannot be told.", path=path,
                          hint="check that this is a strategy report text with its table headers.")
    return int(match["year"])


def load_report(path: str | Path, *, year: int | None = None) -> Report:
    """Read a raw report file into validated tables.

    Parameters
    ----------
    path
        The extracted report text (UTF-8 with or without BOM, LF or CRLF).
    year
        If given, the year the file must report on.

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
    from .schemas import validate_report

    path = Path(path)
    data, text, encoding, decode_warnings = _read_source(path)
    report = parse_report(text, path, sha256=hashlib.sha256(data).hexdigest(), encoding=encoding)
    report.warnings[:0] = [(0, w) for w in decode_warnings]
    for w in decode_warnings:
        logger.warning("%s: %s", path, w)
    if year is not None and report.year != year:
        line = int(report.aims["header_line"].iloc[0])
        raise SourceError(
            f"the file reports on {report.year} ('Toteuma 1-12/{report.year}'), not on {year}.",
            path=path,
            line=line,
            hint=f"give the {year} report, or ask for year {report.year}.",
        )
    validate_report(report)
    return report
