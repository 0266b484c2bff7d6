"""Reading a Word (.docx) or PDF report into the project's raw text format.

The welfare sector's report is a document: per strategic aim a heading and a
table with the columns Tavoite, Toimenpiteet, Vastuu ja aikataulu, Mittarit,
Toteuma 1-12/YYYY and SDG. :func:`read_document` finds those tables, takes
each aim's heading from the text above its table (or from a heading row inside
it) and writes the raw text :mod:`kemi_analysis.read.parser` reads: a
``# Strateginen päämäärä: NAME, sector`` line per aim, the header row, one
tab-separated line per row, ``<p>…</p>`` around the paragraphs of a cell that
has several. :func:`import_document` writes it and reads it back.

How the document's shapes become rows:

- A merged cell (Word's vertical or horizontal merge, a PDF cell spanning
  rows) gives its text once, to its first row and column; the rows it spans
  have that cell empty. The SDG column is usually one cell merged over the
  aim's rows: its text goes to the first row, and the reader takes the aim's
  SDGs from any row.
- A table continued on the next page (a PDF's page, or a Word table split in
  two) continues the aim above when no aim heading stands between: a repeated
  header row is dropped. In a PDF, a row cut by the page break is joined back
  when the first row on the new page has neither a goal (Tavoite) nor a
  responsible (Vastuu) cell: such a row cannot be a goal row of its own.
- In a PDF, an aim's SDG column text is gathered in its first row: a page
  break can cut the merged SDG cell, even an SDG's name, in two.
- Where a page break cuts a cell, its text goes on in the same paragraph,
  unless the new page's first word would have fit at the end of the last
  line before the break: a line is only broken where the next word does not
  fit, so a paragraph ended there ("…saatavuuden" | "Uuden tila- ja…").
- A PDF's lines inside a cell are joined with spaces; a larger gap between
  lines starts a new paragraph. Hyphens at line ends: a PDF whose layout
  engine marks the hyphens it adds at its breaks (Chromium prints U+2010 there,
  or a soft hyphen stays) has its breaks joined ("työ‐/turvallisuus" →
  "työturvallisuus") and its ASCII hyphens kept ("hyte-/koordinaattori").
  In a PDF that does not mark them (an ASCII hyphen at every break), the
  document's own spelling elsewhere decides (the word written with the
  hyphen, or without, in any inflection), then the rules: the hyphen is
  a compound's own before "ja", "tai", "sekä"… ("työterveys- ja"), between
  the same two vowels ("vapaa-aika"), after a capital or a digit ("ISO-",
  "Hyte-"), or before a capital or digit; else the word is joined.
- Other tables are skipped, each listed with the reason; a column that is not
  a strategy column is dropped when empty, an error when it holds text.

A scanned PDF has no text layer: reading it stops with a message saying so,
unless OCR is asked for (Debian's ``tesseract-ocr`` and ``tesseract-ocr-fin``):
the ruled lines are found in the page image (long thin runs of dark pixels that
meet at least two of the other direction, so a heading's letters are not taken
for rules) and erased, tesseract reads the words (``--psm 4``), and they are
placed in the cells as a text layer's would be; paragraphs are told by the
distance between baselines. A mark read in blank space is dropped. It is slow
(about 10 s a page) and rough: on the 2022 report printed by Chromium and
scanned at 200 dpi, 44 of 63 cells come back exactly and 59 with at most a
tenth of their letters differing; misread letters and an extra paragraph
here and there remain, and a missed heading stops the import.
"""

from __future__ import annotations

import html
import io
import re
import shutil
import statistics
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import KemiError, SourceError, UsageError
from ..files import atomic_path, read_input
from .decode import TOTEUMA
from .parser import Report, collapse_whitespace, header_column, load_report, strip_markup

#: rows → cells → paragraphs
Rows = list[list[list[str]]]

_INSTALL = "pip install 'kemi_analysis[import]' (make setup installs it), then run again."
_AIM_HEADING = re.compile(r"^\s*#*\s*strateginen\s+p\S*\s*[:\-–]?\s*(?P<title>.*?)\s*$", re.IGNORECASE)
_KEYS_NEEDED = 4  # a header row names at least this many of the strategy columns
_CONJUNCTIONS = {"ja", "tai", "sekä", "eli", "ynnä", "että", "taikka", "kuin", "and", "or"}
_VOWELS = set("aeiouyäöå")


@dataclass
class Block:
    """A piece of the document in reading order: a line of text, or a table."""

    page: int | None  # the PDF page (1-based); None in a Word file
    text: str = ""
    rows: Rows | None = None  # a table: rows → cells → paragraphs
    number: int = 0  # the table's number in the document
    cut: bool = False  # its last row goes on on the next page (a PDF row cut by the page break)
    spans: list[list[int]] | None = None  # rows × columns: rows a PDF cell covers (0: covered by one above)
    spelling: Spelling | None = None  # a PDF's evidence on its hyphens at line ends

    @property
    def where(self) -> str:
        return f"table {self.number}" + (f" (page {self.page})" if self.page else "")


class Cell(list):
    """A PDF cell's paragraphs, and what tells, where a page break cuts the cell, whether its last line
    ended a paragraph: ``room``, the width left free at the end of its last line, and ``lead``, the width
    its first word takes (with a space). A line is broken only where the next word does not fit, so
    when the new page's first word would have fit on the last line of the page before, a paragraph
    ended there."""

    room: float = 0.0
    lead: float = float("inf")


@dataclass
class ImportedAim:
    """One strategic aim as imported: its heading, rows, and the tables and pages it came from."""

    title: str
    header: list[str]
    rows: Rows = field(default_factory=list)
    tables: list[int] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)


@dataclass
class Imported:
    """What :func:`read_document` made of a document."""

    path: Path
    kind: str
    pages: int | None
    aims: list[ImportedAim]
    text: str
    skipped: list[str]  # what could not be placed, each with the reason
    notes: list[str]  # what was joined or filled in on the way


# --------------------------------------------------------------------------
# Cells and lines


@dataclass
class Spelling:
    """What a document tells about its own hyphens at line ends.

    ``words``: the words it writes whole on one line, casefolded (hyphenated compounds included).
    ``marked``: its layout engine marks the hyphens it adds at its breaks (a U+2010 hyphen or a soft hyphen
    at a line end, as Chromium prints them); then an ASCII hyphen at a line end is the text's own.
    """

    words: set[str] = field(default_factory=set)
    marked: bool = False


def join_lines(lines: list[str], spelling: Spelling | None = None) -> str:
    """The text of a paragraph laid out on several lines: hyphens at line ends resolved.

    Examples
    --------
    >>> join_lines(["Laajennetaan työ-", "turvallisuus-", "sertifikaatti"])
    'Laajennetaan työturvallisuussertifikaatti'
    >>> join_lines(["ISO 45001 työterveys-", "ja työturvallisuus"]), join_lines(["Vapaa-", "aikapäällikkö"])
    ('ISO 45001 työterveys- ja työturvallisuus', 'Vapaa-aikapäällikkö')
    >>> join_lines(["Hyte-", "koordinaattori", "Kulttuuri/", "vapaa-aika"])
    'Hyte-koordinaattori Kulttuuri/vapaa-aika'
    >>> join_lines(["seuranta-", "palaverit"], Spelling(marked=True))
    'seuranta-palaverit'
    """
    spelling = spelling or Spelling()
    text = ""
    for line in (re.sub(r"\s+([\u00ad\u2010])$", r"\1", collapse_whitespace(line)) for line in lines):
        if not line:
            continue
        if not text:
            text = line
        elif text.endswith(("\u00ad", "\u2010")):  # a soft hyphen, or the hyphen a layout engine put at its break
            text = text[:-1] + line
        elif text.endswith("-"):
            text = text[:-1] + line if not spelling.marked and _soft_break(text, line, spelling.words) \
                else text + ("" if _glued(line) else " ") + line
        elif text.endswith("/"):
            text += line
        else:
            text += " " + line
    return text.replace("\u00ad", "")


def _glued(line: str) -> bool:
    """After a compound's own hyphen at a line end, the next line is glued on unless it is a conjunction."""
    return line.split()[0].casefold() not in _CONJUNCTIONS


def _soft_break(text: str, line: str, known: set[str]) -> bool:
    """Whether the hyphen ending ``text`` only broke a word across lines (see the module's rules).

    ``known``: the words the document writes on one line (casefolded); a word found there hyphenated,
    in any inflection, is kept so; one found there whole is joined."""
    before = re.search(r"(\w+)-$", text)
    after = re.match(r"\w+", line)
    if before is None or after is None:
        return False
    left, right = before[1], after[0]
    if _written(left + "-", right, known):
        return False
    if _written(left, right, known):
        return True
    if right.casefold() in _CONJUNCTIONS or not left.islower() or not right[0].islower():
        return False
    return not (left[-1] in _VOWELS and left[-1] == right[0])


def _written(left: str, right: str, known: set[str]) -> bool:
    """Whether a word of ``known`` is ``left + right``, inflected: it begins with ``left`` and with all of
    ``right`` but its last four letters (at least two of them).

    >>> _written("hyte-", "koordinaattori", {"hyte-koordinaattoreiden"}), _written("hyte", "ja", {"hyte-ja"})
    (True, False)
    """
    stem = (left + right[:max(2, len(right) - 4)]).casefold()
    return any(word.startswith(stem) for word in known)


def cell_text(paragraphs: list[str]) -> str:
    """A cell in the raw text: its paragraphs whitespace-normalised, ``<p>…</p>`` around each when several.

    Text that the reader would take for markup (a ``<p>`` or ``&amp;`` written
    in the document) is escaped, so it reads back as written.

    Examples
    --------
    >>> cell_text(["Uusi", " ", "Vanha  koulu"]), cell_text(["a <b>b</b>"])
    ('<p>Uusi</p> <p>Vanha koulu</p>', 'a &lt;b&gt;b&lt;/b&gt;')
    """
    parts = [_protect(collapse_whitespace(p)) for p in paragraphs]
    parts = [p for p in parts if p]
    if len(parts) == 1:
        return parts[0]
    return " ".join(f"<p>{p}</p>" for p in parts)


def _protect(text: str) -> str:
    if strip_markup(text) == text:
        return text
    return html.escape(text, quote=False)


# --------------------------------------------------------------------------
# Headings and header rows


def aim_title(text: str) -> str | None:
    """The aim a line of text names: 'Strateginen päämäärä: NAME, sector', or a NAME in capitals.

    Examples
    --------
    >>> aim_title("Strateginen päämäärä: SUJUVA ARKI, hyvinvointi"), aim_title("SUJUVA ARKI, hyvinvointi")
    ('SUJUVA ARKI, hyvinvointi', 'SUJUVA ARKI, hyvinvointi')
    >>> aim_title("Toimenpiteet ja vastuut") is None
    True
    """
    text = collapse_whitespace(text)
    match = _AIM_HEADING.match(text)
    if match:
        return match["title"] or None
    name = text.rpartition(",")[0] or text
    letters = [c for c in name if c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters) and len(text) <= 120 and not text[0].isdigit():
        return text
    return None


def _explicit(text: str) -> bool:
    return _AIM_HEADING.match(collapse_whitespace(text)) is not None


def _plain(cell: list[str]) -> str:
    return collapse_whitespace(" ".join(cell))


def header_keys(row: list[list[str]]) -> list[str | None] | None:
    """The column each cell of a header row names, or ``None`` when the row is not a strategy header."""
    keys = [header_column(_plain(cell)) if _plain(cell) else None for cell in row]
    named = {k for k in keys if k}
    return keys if len(named) >= _KEYS_NEEDED and "goal" in named else None


# --------------------------------------------------------------------------
# Putting the blocks together


class _Assembler:
    """Reads the blocks in order and collects the aims, what was skipped and what was joined."""

    def __init__(self, path: Path, year: int | None) -> None:
        self.path, self.year = path, year
        self.aims: list[ImportedAim] = []
        self.skipped: list[str] = []
        self.notes: list[str] = []
        self.heading: tuple[str, bool, str] | None = None  # (title, explicit, where)
        self.keep: list[int] = []  # the current aim's columns kept, by index
        self.keys: list[str] = []  # the columns the current aim's header names
        self.width = 0
        self.last_page: int | None = None
        self.cut = False  # the last table read ends in a row cut by the page break
        self.merged: dict[int, int] = {}  # kept column → the aim's row its last cell starts in
        self.spans: dict[int, list[int]] = {}  # id of a row of the table being read → its cells' spans
        self.spelling: Spelling | None = None  # a PDF's evidence on its hyphens at line ends

    def text(self, block: Block) -> None:
        title = aim_title(block.text)
        if title is None:
            return
        explicit = _explicit(block.text)
        where = f"page {block.page}" if block.page else "the text"
        if self.heading and self.heading[1] and explicit:
            self.skipped.append(f"{self.heading[2]}: the heading {self.heading[0]!r} has no strategy table under it")
        if explicit or not (self.heading and self.heading[1]):
            self.heading = (title, explicit, where)

    def table(self, block: Block) -> None:
        self.spans = {id(row): spans for row, spans in zip(block.rows or [], block.spans or [])}
        self.spelling = block.spelling or self.spelling
        rows = [row for row in block.rows or [] if any(_plain(cell) for cell in row)]
        while rows and header_keys(rows[0]) is None and len({_plain(c) for c in rows[0]} - {""}) == 1 \
                and aim_title(_plain(rows[0][0]) or _plain(rows[0][-1])):
            self.text(Block(page=block.page, text=next(_plain(c) for c in rows[0] if _plain(c))))
            rows = rows[1:]  # a heading row inside the table
        at = next((i for i, row in enumerate(rows[:3]) if header_keys(row)), None)
        if at is None:
            return self.headerless(block, rows)
        if at:
            self.skipped.append(f"{block.where}: {at} row(s) above the header row, not part of the table: "
                                + "; ".join(repr(" | ".join(_plain(c) for c in r)) for r in rows[:at]))
        header, body = rows[at], rows[at + 1:]
        if self.heading is None and self.aims and self._same_header(header):
            self.notes.append(f"{block.where} continues the table of {self.aims[-1].title!r}; "
                              "its repeated header row was dropped")
            return self.continue_rows(block, body)
        if self.heading is None:
            raise SourceError(f"{block.where} has the columns of a strategy table but no aim heading above it.",
                              path=self.path, hint="the aim's name must stand above its table, as "
                              "'Strateginen päämäärä: NAME, sector' or NAME in capitals; add it in a copy of "
                              "the document and import the copy.")
        self.start(block, header, body)

    def _same_header(self, header: list[list[str]]) -> bool:
        return [k for k in header_keys(header) or [] if k] == self.keys

    def headerless(self, block: Block, rows: Rows) -> None:
        if self.heading is not None and self.heading[1]:
            raise SourceError(f"{block.where}, under the heading {self.heading[0]!r}, has no header row "
                              "(Tavoite, Toimenpiteet, Vastuu ja aikataulu, Mittarit, Toteuma, SDG).",
                              path=self.path, hint="the first row of an aim's table must name its columns; "
                              "add the header row in a copy of the document and import the copy.")
        width = max((len(r) for r in rows), default=0)
        if self.aims and self.heading is None and width == self.width:
            self.notes.append(f"{block.where} has no header row and the width of the table above: "
                              f"read as the continuation of {self.aims[-1].title!r}")
            return self.continue_rows(block, rows)
        first = " | ".join(_plain(c) for c in rows[0])[:80] if rows else ""
        self.skipped.append(f"{block.where}: not a strategy table (its first row {first!r} does not name the "
                            "columns Tavoite, Toimenpiteet, Vastuu ja aikataulu, Mittarit, Toteuma, SDG); skipped")

    def start(self, block: Block, header: list[list[str]], body: Rows) -> None:
        title = self.heading[0] if self.heading else ""
        self.heading = None
        self.width = max(len(r) for r in [header, *body])
        header = header + [[]] * (self.width - len(header))
        keys = header_keys(header) or []
        self.keep = [i for i, key in enumerate(keys) if key]
        self.keys = [k for k in keys if k]
        for i, key in enumerate(keys):
            if key is None:
                self.drop_column(block, i, _plain(header[i]), body)
        names = [_plain(header[i]) for i in self.keep]
        self.aims.append(ImportedAim(title=title, header=self.with_year(block, names)))
        self.continue_rows(block, body, new_table=True)

    def drop_column(self, block: Block, index: int, name: str, body: Rows) -> None:
        filled = sum(1 for row in body if index < len(row) and _plain(row[index]))
        label = f"the column {name!r}" if name else f"column {index + 1}, which has no header,"
        if filled:
            raise SourceError(f"{block.where}: {label} is not a strategy column, and {filled} row(s) hold text "
                              "in it.", path=self.path, hint="the raw text keeps the columns Tavoite, "
                              "Toimenpiteet, Vastuu ja aikataulu, Mittarit, Toteuma and SDG: move or remove "
                              "the extra column in a copy of the document and import the copy.")
        self.notes.append(f"{block.where}: {label} is not a strategy column and is empty; left out")

    def with_year(self, block: Block, names: list[str]) -> list[str]:
        if any(TOTEUMA.search(n.casefold()) for n in names):
            return names
        if self.year is None:
            raise SourceError(f"{block.where}: the header's Toteuma cell gives no period ('Toteuma 1-12/YYYY').",
                              path=self.path, hint="give the year the report is on: --year YYYY.")
        self.notes.append(f"{block.where}: the Toteuma header gives no period; written as Toteuma 1-12/{self.year}")
        return [f"Toteuma 1-12/{self.year}" if header_column(n) == "realisation" and "sdg" not in n.casefold()
                else n for n in names]

    def continue_rows(self, block: Block, body: Rows, new_table: bool = False) -> None:
        aim = self.aims[-1]
        aim.tables += [] if block.number in aim.tables else [block.number]
        aim.pages += [] if block.page is None or block.page in aim.pages else [block.page]
        rows = [[row[i] if i < len(row) else [] for i in self.keep] for row in body]
        extra = [row for row in body if any(_plain(c) for c in row[self.width:])]
        if extra:
            raise SourceError(f"{block.where}: {len(extra)} row(s) have more cells than the header row.",
                              path=self.path, hint="re-save the document with the table's columns aligned, "
                              "or fix a copy and import it.")
        spans = [[self.spans.get(id(row), [])[i] if i < len(self.spans.get(id(row), [])) else 1
                  for i in self.keep] for row in body]
        if not new_table and rows and aim.rows and block.page != self.last_page:
            self.join_page_break(block, rows, spans)
        aim.rows += rows
        self.last_page, self.cut = block.page, block.cut
        self.merged = {}  # each column's last cell: the row it starts in
        for c in range(len(self.keep)):
            starts = [r for r, row in enumerate(spans) if row[c] > 0]
            if starts:
                self.merged[c] = len(aim.rows) - len(rows) + starts[-1]

    def gather_sdgs(self, aim: ImportedAim) -> None:
        """In a PDF, the aim's SDG text goes to its first row, whole: a page break may cut the merged SDG
        cell, even an SDG's name, in two, and the reader takes an aim's SDGs from all its rows alike."""
        column = next((i for i, name in enumerate(aim.header) if header_column(name) == "sdg"), None)
        if column is not None and _gather(aim, column, self.spelling):
            self.notes.append(f"{aim.title!r}: the SDG column's text, cut by page breaks, gathered in the first row")

    def join_page_break(self, block: Block, rows: Rows, spans: list[list[int]]) -> None:
        """Join what a PDF page break cut: a merged cell's text, and a row.

        A cell merged over the new page's first rows goes on from the last cell of its column on the page
        before (Chromium and Word split a cell spanning rows at the page break); a row whose bottom border
        is missing goes on in the new page's first row."""
        aim = self.aims[-1]
        for c, origin in self.merged.items():
            if spans[0][c] >= 2 and any(rows[0][c]):
                aim.rows[origin][c] = _join_cells(aim.rows[origin][c], rows[0][c], self.spelling)
                rows[0][c] = []
                self.notes.append(f"page {block.page}: the cell merged over rows in column {c + 1} goes on from "
                                  f"page {self.last_page}; joined")
        if self.cut:
            self.notes.append(f"page {block.page}: the first row continues the row cut by the page break; joined")
            aim.rows[-1] = [_join_cells(a, b, self.spelling) for a, b in zip(aim.rows[-1], rows.pop(0))]
            spans.pop(0)

    def finish(self) -> tuple[list[ImportedAim], list[str]]:
        for aim in self.aims:
            if aim.pages:
                self.gather_sdgs(aim)
        if self.heading is not None and self.heading[1]:
            self.skipped.append(f"{self.heading[2]}: the heading {self.heading[0]!r} has no strategy table under it")
        return self.aims, self.skipped


def _gather(aim: ImportedAim, column: int, spelling: Spelling | None = None) -> bool:
    """Move a column's text of all the aim's rows into its first row; whether anything moved."""
    cells = [row[column] for row in aim.rows if any(p.strip() for p in row[column])]
    if len(cells) < 2:
        return False
    gathered = cells[0]
    for cell in cells[1:]:
        gathered = _join_cells(gathered, cell, spelling)
    for row in aim.rows:
        row[column] = []
    aim.rows[0][column] = gathered
    return True


def _join_cells(first: list[str], second: list[str], spelling: Spelling | None = None) -> Cell:
    """A cell cut by a page break, joined: its last paragraph goes on in the new page's first one, unless
    the new page's first word would have fit at the end of the page before (see :class:`Cell`)."""
    if not first or not second or getattr(first, "room", 0.0) >= getattr(second, "lead", float("inf")):
        joined = Cell(first + second)
    else:
        joined = Cell(first[:-1] + [join_lines([first[-1], second[0]], spelling)] + second[1:])
    joined.room = getattr(second if second else first, "room", 0.0)
    joined.lead = getattr(first if first else second, "lead", float("inf"))
    return joined


def render(aims: list[ImportedAim]) -> str:
    """The raw text of the imported aims."""
    lines: list[str] = []
    for aim in aims:
        lines += ["", f"# Strateginen päämäärä: {aim.title}", "", "\t".join(aim.header)]
        lines += ["\t".join(cell_text(cell) for cell in row) for row in aim.rows]
    return "\n".join(lines[1:]) + "\n"


# --------------------------------------------------------------------------
# Documents


def read_document(path: str | Path, *, year: int | None = None, ocr: bool = False) -> Imported:
    """Read a Word (.docx) or PDF report into the raw text format, without writing anything.

    Raises :class:`SourceError` for a document that cannot be read (naming
    the table or page), :class:`UsageError` when the library it needs is missing.
    """
    path = Path(path)
    data = read_input(path, SourceError, "document", "give a Word (.docx) or PDF file of the report.")
    kind = _kind(data, path)
    try:
        if kind == "Word":
            blocks, pages = _docx_blocks(data), None
        else:
            blocks, pages, kind = _pdf_blocks(data, path, ocr)
    except (KemiError, ImportError):
        raise
    except Exception as exc:  # the libraries' many ways of saying "damaged file"
        raise SourceError(f"cannot read the {kind} file: {type(exc).__name__}: {exc}.", path=path,
                          hint="open it in Word or a PDF reader and save it again, then import the copy.") from exc
    assembler = _Assembler(path, year)
    for block in blocks:
        assembler.table(block) if block.rows is not None else assembler.text(block)
    aims, skipped = assembler.finish()
    if not aims:
        raise SourceError("no strategy table found: no table has the header row Tavoite, Toimenpiteet, "
                          "Vastuu ja aikataulu, Mittarit, Toteuma, SDG.", path=path,
                          hint="give the welfare sector's strategy report" + (
                              "; what was skipped: " + "; ".join(skipped) if skipped else "."))
    return Imported(path=path, kind=kind, pages=pages, aims=aims, text=render(aims), skipped=skipped,
                    notes=assembler.notes)


def _kind(data: bytes, path: Path) -> str:
    if data.startswith(b"%PDF-"):
        return "PDF"
    if data.startswith(b"PK\x03\x04") and b"word/" in data[:65536] or path.suffix.lower() == ".docx":
        return "Word"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise SourceError("this is an old Word 97-2003 (.doc) file, which cannot be read.", path=path,
                          hint="open it in Word or LibreOffice and save it as .docx, then import that.")
    raise SourceError("this is neither a Word (.docx) nor a PDF file.", path=path,
                      hint="give the report as .docx or .pdf.")


def _require(module: str, what: str):
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise UsageError(f"reading a {what} file needs the {module.split('.')[0]} package.",
                         hint=_INSTALL) from exc


def _docx_blocks(data: bytes) -> list[Block]:
    """The paragraphs and tables of a Word document's body, in order."""
    docx = _require("docx", "Word")
    from docx.table import Table

    blocks, tables = [], 0
    for item in docx.Document(io.BytesIO(data)).iter_inner_content():
        if isinstance(item, Table):
            tables += 1
            blocks.append(Block(page=None, rows=_docx_rows(item), number=tables))
        elif item.text.strip():
            blocks.append(Block(page=None, text=item.text))
    return blocks


def _docx_rows(table) -> Rows:
    """Rows of cells of paragraphs; a merged cell's text in its first row and column only."""
    seen: list[object] = []  # the merged cells' elements, held so that identity is meaningful
    rows: Rows = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            element = cell._tc
            if any(element is other for other in seen):
                cells.append([])
                continue
            seen.append(element)
            cells.append([p.text for p in cell.paragraphs])
        rows.append(cells)
    return rows


def import_document(path: str | Path, out: str | Path, *, year: int | None = None,
                    ocr: bool = False) -> tuple[Imported, Report]:
    """Read a document, write its raw text to ``out`` (never replacing a file) and read it back.

    The text is read back with :func:`~kemi_analysis.read.parser.load_report`
    before it is moved into place, so a text the reader refuses is never left
    behind. An existing ``out`` is a :class:`SourceError`-like refusal
    (:class:`~kemi_analysis.errors.DataError`).
    """
    from ..errors import DataError

    out = Path(out)
    refusal = DataError(f"{str(out)!r} already exists; a raw file is never overwritten.", path=out,
                        hint="raw data is kept as it was first imported: give another --out name, or move "
                             "the old file away first.")
    if out.exists() or out.is_symlink():
        raise refusal
    imported = read_document(path, year=year, ocr=ocr)
    try:
        with atomic_path(out, overwrite=False) as tmp:
            tmp.write_text(imported.text, encoding="utf-8")
            report = _read_back(tmp, year, Path(path))
    except FileExistsError:
        raise refusal from None
    report.path = out
    return imported, report

def _read_back(text: Path, year: int | None, document: Path) -> Report:
    """The imported text read by the project's reader; its refusal names the document, not a temporary file."""
    try:
        return load_report(text, year=year)
    except SourceError as exc:
        where = f" (line {exc.line} of the imported text)" if exc.line else ""
        raise SourceError(f"the text imported from this document is refused{where}: {exc.message}",
                          path=document, hint=exc.hint) from exc


# --------------------------------------------------------------------------
# PDF: ruled tables, the text around them, and scans

_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
Box = tuple[float, float, float, float]  # x0, top, x1, bottom


def _pdf_blocks(data: bytes, path: Path, ocr: bool) -> tuple[list[Block], int, str]:
    """The text lines and tables of every page of a PDF, in reading order."""
    pdfplumber = _require("pdfplumber", "PDF")
    blocks: list[Block] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = len(pdf.pages)
        if not any(page.chars for page in pdf.pages):
            if not ocr:
                raise SourceError(f"the PDF has no text layer: its {pages} page(s) are images (a scan), "
                                  "so there is no text to read.", path=path,
                                  hint="ask for the report as a Word file or a PDF saved from it; or run again "
                                       "with --ocr to recognise the scanned text with tesseract, and check the "
                                       "result against the document line by line.")
            return _number_tables(_ocr_blocks(pdf)), pages, "PDF (OCR)"
        chars = [_visible_chars(page.chars) for page in pdf.pages]
        spelling = vocabulary(chars)
        for number, (page, page_chars) in enumerate(zip(pdf.pages, chars), start=1):
            ends = _open_ends(page.edges)
            found = page.find_tables({**_TABLE_SETTINGS, "explicit_horizontal_lines": sorted(ends)})
            boxes = [_table_regions(table) for table in found]
            cut = [_extend_cut(regions, ends, page.height) for regions in boxes]
            blocks += page_blocks(page_chars, boxes, number, cut, spelling)
    return _number_tables(blocks), pages, "PDF"


def vocabulary(pages: list[list[dict]]) -> Spelling:
    """The words the document writes whole on one line, and whether it marks the hyphens of its breaks:
    a U+2010 hyphen or a soft hyphen that is the last character on its line."""
    spelling = Spelling()
    for pieces in pages:
        for line in _lines(pieces):
            spelling.words.update(w.casefold() for w in re.findall(r"\w+(?:-\w+)*", _line_text(line)))
        for piece, after in zip(pieces, pieces[1:] + [None]):
            spelling.marked |= piece["text"] in ("\u2010", "\u00ad") and (
                after is None or abs(after["top"] - piece["top"]) > 0.5 * (piece["bottom"] - piece["top"])
                or after["x0"] > piece["x1"] + (piece["bottom"] - piece["top"]))
    return spelling


def _number_tables(blocks: list[Block]) -> list[Block]:
    tables = [b for b in blocks if b.rows is not None]
    for number, block in enumerate(tables, start=1):
        block.number = number
    return blocks


def _visible_chars(chars: list[dict]) -> list[dict]:
    """The page's characters, without the zero-width spaces Chromium leaves where a soft hyphen did not
    break; ligatures (ﬁ, ﬂ) as their letters."""
    kept = []
    for i, char in enumerate(chars):
        after = chars[i + 1] if i + 1 < len(chars) else None
        if char["text"] == " " and after is not None and abs(after["top"] - char["top"]) < 1 \
                and after["x0"] < char["x0"] + 0.5 * (char["x1"] - char["x0"]):
            continue
        if "\ufb00" <= char["text"] <= "\ufb06":
            char = {**char, "text": unicodedata.normalize("NFKC", char["text"])}
        kept.append(char)
    return kept


def _open_ends(edges: list[dict]) -> dict[float, list[float]]:
    """Where ruled cell borders stop with no line across: a row cut by a page break has no bottom
    border on its page (nor a top one on the next). A line there closes the row, so that its text is read
    as part of the table."""
    across = [e for e in edges if e["orientation"] == "h" and e["x1"] - e["x0"] > 3]
    ends: dict[float, list[float]] = {}
    upright = [e for e in edges if e["orientation"] == "v" and e["bottom"] - e["top"] > 3]
    for edge in upright:
        x = (edge["x0"] + edge["x1"]) / 2
        for y, sign in ((edge["top"], -1), (edge["bottom"], 1)):
            if not any(abs(h["top"] - y) <= 3 and h["x0"] - 3 <= x <= h["x1"] + 3 for h in across) and \
                    not any(abs(v["x0"] - edge["x0"]) <= 2 and v["top"] - 2 <= y <= v["bottom"] + 2
                            and (v["bottom"] - y if sign > 0 else y - v["top"]) > 2 for v in upright):
                ends.setdefault(round(y, 1), []).append(x)
    return ends


def _table_regions(table) -> list[list[Box]]:
    """Each row's cell regions, one per column (a cell spanning columns is given for each; its text goes to
    the first). A cell merged over rows has a region from its first row down to the last row it covers;
    this also finds one whose bottom is on the next page, which pdfplumber does not see as a cell."""
    xs = sorted({round(x, 1) for cell in table.cells for x in (cell[0], cell[2])})
    columns = [(a, b) for a, b in zip(xs, xs[1:]) if b - a > 2]
    rows = [row for row in table.rows if row.bbox]
    grid = [[next((cell for cell in row.cells if cell and cell[0] <= x0 + 1 and cell[2] >= x1 - 1), None)
             for x0, x1 in columns] for row in rows]
    for c, (x0, x1) in enumerate(columns):
        r = 0
        while r < len(rows):
            if grid[r][c] is not None:
                r += 1
                continue
            end = r
            while end + 1 < len(rows) and grid[end + 1][c] is None:
                end += 1
            grid[r][c] = (x0, rows[r].bbox[1], x1, rows[end].bbox[3])
            for covered in range(r + 1, end + 1):
                grid[covered][c] = (x0, rows[covered].bbox[1], x0, rows[covered].bbox[1])
            r = end + 1
    return grid  # type: ignore[return-value]


def _extend_cut(regions: list[list[Box]], ends: dict[float, list[float]], height: float) -> bool:
    """Whether the table's last row is cut by the page break: its first column has no bottom border.

    Where any column's border stops open at the table's end, its cells reach down to the page's end:
    Chromium lets the text of a cell spanning rows run on below the last border of the page."""
    bottom = max((box[3] for row in regions for box in row), default=0.0)
    left = min((box[0] for row in regions for box in row), default=0.0)
    open_at = next((xs for end, xs in ends.items() if abs(bottom - end) <= 1.5), None)
    if open_at is None:
        return False
    for row in regions:
        row[:] = [(x0, top, x1, height) if abs(b - bottom) <= 1.5 else (x0, top, x1, b) for x0, top, x1, b in row]
    return any(abs(x - left) <= 2 for x in open_at)


def _spans(regions: list[list[Box]]) -> list[list[int]]:
    """For each cell region: how many rows it covers, 0 for a cell covered by a merged cell above."""
    spans = [[0 if box[0] == box[2] else 1 for box in row] for row in regions]
    for r in range(len(spans) - 1, -1, -1):
        for c, span in enumerate(spans[r]):
            below = r + 1
            while span and below < len(spans) and c < len(spans[below]) and spans[below][c] == 0:
                span, below = span + 1, below + 1
            spans[r][c] = span
    return spans


def page_blocks(pieces: list[dict], tables: list[list[list[Box]]], page: int,
                cut: list[bool] | None = None, spelling: Spelling | None = None,
                pitch: float | None = None) -> list[Block]:
    """The page's text lines and tables in reading order, from positioned pieces of text (characters of a
    text layer, or words read by OCR: dicts with ``text``, ``x0``, ``x1``, ``top``, ``bottom``)."""
    inside: list[list[list[list[dict]]]] = [[[[] for _ in row] for row in table] for table in tables]
    outside: list[dict] = []
    for piece in pieces:
        x, y = (piece["x0"] + piece["x1"]) / 2, (piece["top"] + piece["bottom"]) / 2
        spot = _locate(tables, x, y)
        if spot is None:
            outside.append(piece)
        else:
            inside[spot[0]][spot[1]][spot[2]].append(piece)
    placed: list[tuple[float, Block]] = []
    for line in _lines(outside):
        placed.append((line[0]["top"], Block(page=page, text=_line_text(line))))
    for table, cells, is_cut in zip(tables, inside, cut or [False] * len(tables)):
        rows: Rows = [[_paragraphs(cell, spelling, box, pitch) for cell, box in zip(row, boxes)]
                      for row, boxes in zip(cells, table)]
        block = Block(page=page, rows=rows, cut=is_cut, spans=_spans(table), spelling=spelling or Spelling())
        placed.append((table[0][0][1] if table and table[0] else 0.0, block))
    return [block for _, block in sorted(placed, key=lambda item: item[0])]


def _locate(tables: list[list[list[Box]]], x: float, y: float) -> tuple[int, int, int] | None:
    for t, table in enumerate(tables):
        for r, row in enumerate(table):
            for c, (x0, top, x1, bottom) in enumerate(row):
                if x0 <= x <= x1 and top <= y <= bottom:
                    return t, r, c
    return None


def _lines(pieces: list[dict]) -> list[list[dict]]:
    """Pieces grouped into lines (by their top), each line left to right."""
    lines: list[list[dict]] = []
    for piece in sorted(pieces, key=lambda p: (round(p["top"]), p["x0"])):
        height = piece["bottom"] - piece["top"]
        if lines and abs(piece["top"] - lines[-1][0]["top"]) <= 0.35 * height:
            lines[-1].append(piece)
        else:
            lines.append([piece])
    return [sorted(line, key=lambda p: p["x0"]) for line in lines]


def _line_text(line: list[dict]) -> str:
    """A line's text: a space where there is a gap without a space character."""
    text, previous = "", None
    for piece in line:
        gap = piece["x0"] - previous["x1"] if previous else 0.0
        height = piece["bottom"] - piece["top"]
        if previous is not None and gap > 0.2 * height and not text.endswith(" ") and piece["text"] != " ":
            text += " "
        text += piece["text"]
        previous = piece
    return collapse_whitespace(text)


def _paragraphs(pieces: list[dict], spelling: Spelling | None = None, box: Box | None = None,
                pitch: float | None = None) -> Cell:
    """A cell's paragraphs: its lines joined, a new paragraph where the gap between lines is larger; with
    the room left at the end of its last line and the width of its first word (see :class:`Cell`).

    A text layer's characters have boxes of the font's height: a gap of half a line starts a paragraph.
    OCR's word boxes follow the letters, so there ``pitch`` (the page's usual distance between the
    baselines of a paragraph's lines) decides: over a third more starts a paragraph."""
    paragraphs: list[list[str]] = []
    previous = None
    lines = _lines(pieces)
    for line in lines:
        top, bottom = min(p["top"] for p in line), max(p["bottom"] for p in line)
        base = _baseline(line)
        wide = base - previous[2] > 1.35 * pitch if previous and pitch else \
            previous is not None and top - previous[1] > 0.5 * (bottom - top)
        if previous is None or wide:
            paragraphs.append([])
        paragraphs[-1].append(_line_text(line))
        previous = (top, bottom, base)
    cell = Cell(join_lines(group, spelling) for group in paragraphs)
    if lines and box is not None:
        cell.room, cell.lead = _room(lines, box), _lead(lines[0])
    return cell


def _room(lines: list[list[dict]], box: Box) -> float:
    """The width left free at the end of a cell's last line: the cell's width less its text's left
    margin on both sides (0 when the line ends in a hyphen or slash, which break a word)."""
    last = lines[-1]
    if _line_text(last).endswith(("-", "\u2010", "\u00ad", "/")):
        return 0.0
    margin = min(p["x0"] for line in lines for p in line) - box[0]
    return box[2] - margin - max(p["x1"] for p in last)


def _lead(line: list[dict]) -> float:
    """The width a line's first word takes, with a space before it."""
    height = max(p["bottom"] - p["top"] for p in line)
    word = [line[0]]
    for piece in line[1:]:
        if piece["text"].isspace() or piece["x0"] - word[-1]["x1"] > 0.2 * height:
            break
        word.append(piece)
    space = next((p["x1"] - p["x0"] for p in line if p["text"] == " "), 0.3 * height)
    return word[-1]["x1"] - word[0]["x0"] + space


# --------------------------------------------------------------------------
# OCR of a scanned PDF (Debian's tesseract-ocr and tesseract-ocr-fin)

_OCR_DPI = 300
_MIN_RULE_PX = 60  # a ruled line is a run of dark pixels at least this long (5 mm at 300 dpi)


def _ocr_blocks(pdf) -> list[Block]:
    """The text lines and tables of scanned pages: tables from the ruled lines of the image, words from
    tesseract (Finnish), both put together as for a text layer."""
    tesseract = shutil.which("tesseract")
    hint = "apt-get install tesseract-ocr tesseract-ocr-fin (Debian's packages), then run again."
    if tesseract is None:
        raise UsageError("--ocr needs tesseract, which is not installed.", hint=hint)
    languages = subprocess.run([tesseract, "--list-langs"], capture_output=True, text=True).stdout.split()
    if "fin" not in languages:
        raise UsageError("--ocr needs tesseract's Finnish language data, which is not installed.", hint=hint)
    pages = []
    for page in pdf.pages:
        image = page.to_image(resolution=_OCR_DPI).original.convert("L")
        horizontal, vertical, clean = _ruled_lines(image, float(page.width) / image.width)
        pages.append((page, horizontal, vertical, _tesseract(tesseract, clean, float(page.width) / image.width)))
    spelling = vocabulary([words for *_, words in pages])
    blocks: list[Block] = []
    for number, (page, horizontal, vertical, words) in enumerate(pages, start=1):
        ends = _open_ends([{**e, "orientation": "h"} for e in horizontal]
                          + [{**e, "orientation": "v"} for e in vertical])
        found = page.find_tables({"vertical_strategy": "explicit", "horizontal_strategy": "explicit",
                                  "explicit_vertical_lines": vertical,
                                  "explicit_horizontal_lines": horizontal + sorted(ends)})
        boxes = [_table_regions(table) for table in found]
        cut = [_extend_cut(regions, ends, page.height) for regions in boxes]
        blocks += page_blocks(words, boxes, number, cut, spelling, _pitch(words))
    return blocks


def _tesseract(tesseract: str, image, scale: float) -> list[dict]:
    """The words tesseract reads on a page image, as positioned pieces in PDF points."""
    with tempfile.TemporaryDirectory(prefix="kemi-ocr-") as folder:
        png = Path(folder) / "page.png"
        image.save(png)
        run = subprocess.run([tesseract, str(png), "stdout", "-l", "fin", "--psm", "4", "tsv"],
                             capture_output=True, text=True)
    if run.returncode != 0:
        raise SourceError(f"tesseract failed: {run.stderr.strip()[:300]}", hint="check the tesseract installation.")
    words = []
    for line in run.stdout.splitlines()[1:]:
        fields = line.split("\t")
        if len(fields) != 12 or fields[0] != "5" or not fields[11].strip():
            continue
        box = [int(v) for v in fields[6:10]]
        if not any(c.isalnum() for c in fields[11]) and not _inked(image, box):
            continue  # a mark tesseract sees in blank space (where a rule was erased)
        left, top, width, height = (v * scale for v in box)
        words.append({"text": fields[11].strip(), "x0": left, "x1": left + width, "top": top,
                      "bottom": top + height, "line": tuple(fields[2:5])})
    return words


def _inked(image, box: list[int]) -> bool:
    """Whether the box (left, top, width, height) of a page image has some dark pixels."""
    import numpy as np

    left, top, width, height = box
    return int((np.asarray(image.crop((left, top, left + width, top + height))) < 128).sum()) >= 4


def _baseline(line: list[dict]) -> float:
    """Where a line's letters stand: the middle of the bottoms of its pieces that have no descender
    (g, j, p, q, y, a comma), or of all when each has one."""
    flat = [p["bottom"] for p in line if not re.search(r"[gjpqy,;]", p["text"])]
    return statistics.median(flat or [p["bottom"] for p in line])


def _pitch(words: list[dict]) -> float | None:
    """The page's usual distance between the baselines of a paragraph's lines, from the lines tesseract
    read (a line's baseline: the middle of its words' bottoms)."""
    lines: dict[tuple, list[float]] = {}
    for word in words:
        lines.setdefault(word["line"], []).append(word)
    bases = [(key[:2], _baseline(line)) for key, line in lines.items()]
    steps = [b - a for (pa, a), (pb, b) in zip(bases, bases[1:]) if pa == pb and b > a]
    return statistics.median(steps) if steps else None


def _ruled_lines(image, scale: float):
    """The horizontal and vertical ruled lines of a page image, as line objects in PDF points, and the
    image with them erased (tesseract reads the cells' text better without them)."""
    import numpy as np
    from PIL import Image

    pixels = np.asarray(image).copy()
    dark = pixels < 128
    across, down = _ruled(_runs(dark), _runs(dark.T))
    for y, a, b in across:
        pixels[max(0, int(y) - 7):int(y) + 8, a:b] = 255
    for x, a, b in down:
        pixels[a:b, max(0, int(x) - 7):int(x) + 8] = 255

    def line(x0: float, top: float, x1: float, bottom: float) -> dict:
        x0, top, x1, bottom = (v * scale for v in (x0, top, x1, bottom))
        return {"object_type": "line", "x0": x0, "x1": x1, "top": top, "bottom": bottom, "width": x1 - x0,
                "height": bottom - top}

    return ([line(a, y, b, y) for y, a, b in across], [line(x, a, x, b) for x, a, b in down],
            Image.fromarray(pixels))


def _ruled(across: list[tuple[float, int, int]], down: list[tuple[float, int, int]]):
    """The runs that are a table's rules: each meets at least two runs of the other direction (a letter's
    long strokes, as in a heading's H, meet one or none once the others are dropped)."""
    def meets(run: tuple[float, int, int], other: tuple[float, int, int]) -> bool:
        return other[1] - 6 <= run[0] <= other[2] + 6 and run[1] - 6 <= other[0] <= run[2] + 6

    while True:
        kept_across = [run for run in across if sum(meets(run, other) for other in down) >= 2]
        kept_down = [run for run in down if sum(meets(run, other) for other in kept_across) >= 2]
        if (len(kept_across), len(kept_down)) == (len(across), len(down)):
            return across, down
        across, down = kept_across, kept_down


def _runs(dark) -> list[tuple[float, int, int]]:
    """Long runs of dark pixels along each row, a line several pixels thick given once (its middle row)."""
    import numpy as np

    found: list[tuple[float, int, int]] = []
    previous: list[tuple[int, int, int]] = []  # (first row, start, end) of the lines seen in the row before
    for y, row in enumerate(dark):
        edges = np.flatnonzero(np.diff(np.concatenate(([0], row.astype(np.int8), [0]))))
        current = []
        for start, end in zip(edges[::2], edges[1::2]):
            if end - start >= _MIN_RULE_PX:
                first = next((p[0] for p in previous if abs(p[1] - start) <= 3 and abs(p[2] - end) <= 3), y)
                current.append((first, int(start), int(end)))
        for first, start, end in previous:
            if not any(c[0] == first and abs(c[1] - start) <= 3 for c in current):
                found.append(((first + y - 1) / 2, start, end))
        previous = current
    found += [((first + len(dark) - 1) / 2, start, end) for first, start, end in previous]
    return found
