"""Decoding a raw report file, and telling its year without reading it all.

The raw text comes from a PDF extraction: UTF-8 with or without a BOM as a
rule, now and then UTF-16 or Windows-1252. Anything that does not decode to
recognisable text stops with a :class:`SourceError`, so no mojibake reaches
a table or a report.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SourceError
from ..files import read_input

#: The realisation header that gives a report's year: "Toteuma 1-12/2022" (matched case-folded).
TOTEUMA = re.compile(r"toteuma\s*(?P<first>\d{1,2})\s*[-–]\s*(?P<last>\d{1,2})\s*/\s*(?P<year>\d{4})")
_DOUBLE_ENCODED = re.compile("Ã[\u0080-\u00bf]")
_PEEK_CHUNK = 64 * 1024
_PEEK_LIMIT = 4 * 1024 * 1024


@dataclass
class Source:
    """A raw file read and decoded."""

    path: Path
    text: str
    encoding: str
    sha256: str
    warnings: list[str] = field(default_factory=list)




def decode_source(data: bytes, path: Path) -> tuple[str, str, list[str]]:
    """Decode the raw file: UTF-8 with or without BOM; UTF-16 with BOM; Windows-1252.

    Returns the text, the encoding used and warnings. A file that decodes to
    nothing recognisable stops with a :class:`SourceError` rather than letting
    mojibake into any output.
    """
    if not data.strip():
        raise SourceError("the file is empty.", path=path, hint="give the report's extracted text file.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise SourceError("the file starts with a UTF-16 byte-order mark but is not valid UTF-16.", path=path) from exc
        return text, "utf-16", ["the file is UTF-16; it was decoded, but save it as UTF-8 for the next run."]
    if b"\x00" in data:
        raise SourceError(
            "the file holds NUL bytes: it is binary, not extracted text.",
            path=path,
            line=data[: data.index(b"\x00")].count(b"\n") + 1,
            hint="give the text file extracted from the report's PDF, not the PDF or another binary file.",
        )
    text, encoding, warnings = _decode_8bit(data, path)
    _check_text(text, path)
    return text, encoding, warnings


def _decode_8bit(data: bytes, path: Path) -> tuple[str, str, list[str]]:
    """UTF-8 (with or without BOM), else recognisable Windows-1252 with a warning."""
    try:
        return data.decode("utf-8-sig"), "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8", []
    except UnicodeDecodeError as exc:
        text = data.decode("cp1252", errors="replace")
        if "\ufffd" in text or "päämäärä" not in text.casefold():
            raise SourceError(
                f"the file is not UTF-8 (byte 0x{data[exc.start]:02x} cannot be decoded) "
                "and is not recognisable Windows-1252 either.",
                path=path,
                line=data[: exc.start].count(b"\n") + 1,
                hint="save the file as UTF-8 (for example: iconv -f ISO-8859-1 -t UTF-8) and run again.",
            ) from exc
        return text, "cp1252", ["the file is not UTF-8; it was decoded as Windows-1252. Save it as UTF-8 for the "
                                "next run."]


def _check_text(text: str, path: Path) -> None:
    """Refuse double-encoded text and control characters: neither is plain extracted text."""
    match = _DOUBLE_ENCODED.search(text)
    if match:
        raise SourceError(
            f"the text looks double-encoded ({match.group(0)!r} where a letter such as 'ä' is expected).",
            path=path,
            line=text[: match.start()].count("\n") + 1,
            hint="re-extract the text from the PDF as UTF-8; do not convert an already UTF-8 file again.",
        )
    bad = re.search(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]", text)
    if bad:
        raise SourceError(
            f"the file holds a control character (U+{ord(bad.group(0)):04X}): it is not plain extracted text.",
            path=path,
            line=text[: bad.start()].count("\n") + 1,
            hint="give the text file extracted from the report's PDF.",
        )


def read_source(path: str | Path) -> Source:
    """Read and decode a raw report file.

    Examples
    --------
    >>> source = read_source("data/raw/000_09050fdfe5e94683.txt")
    >>> source.encoding, len(source.sha256)
    ('utf-8', 64)
    """
    path = Path(path)
    data = read_input(path, SourceError, "report text", "check the path; raw reports live in data/raw/.")
    text, encoding, warnings = decode_source(data, path)
    return Source(path=path, text=text, encoding=encoding, sha256=hashlib.sha256(data).hexdigest(),
                  warnings=warnings)


def peek_year(path: str | Path) -> int:
    """The year a raw file reports on, from its first ``Toteuma 1-12/YYYY`` header.

    Reads only as far as that header (at most a few MiB), so finding the
    years of a data folder never reads a whole file; the reader checks later
    that every table of the file agrees.

    Examples
    --------
    >>> peek_year("data/raw/000_09050fdfe5e94683.txt")
    2022
    """
    path = Path(path)
    seen = b""
    try:
        with path.open("rb") as handle:
            while len(seen) < _PEEK_LIMIT:
                chunk = handle.read(_PEEK_CHUNK)
                seen += chunk
                codec = "utf-16" if seen.startswith((b"\xff\xfe", b"\xfe\xff")) else "latin-1"
                match = TOTEUMA.search(seen.decode(codec, errors="ignore").casefold())
                if match:
                    return int(match["year"])
                if not chunk:
                    break
    except OSError as exc:
        raise SourceError(f"cannot read the file: {exc.strerror}.", path=path,
                          hint="check the path; raw reports live in data/raw/.") from exc
    raise SourceError("no 'Toteuma 1-12/YYYY' header: the year cannot be told.", path=path,
                      hint="check that this is a strategy report text with its table headers.")
