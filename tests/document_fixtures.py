"""Word and PDF reports made from the real 2022 raw text, for the import tests.

Nothing here is copied by hand: the aims, rows and paragraphs come from the
project's reader (:func:`load_report`), and the documents are built from them
by python-docx, or by Chromium printing an HTML rendering of the same tables.
"""

from __future__ import annotations

import base64
import html
import re
from dataclasses import dataclass
from pathlib import Path

from kemi_analysis.schemas import TEXT_FIELDS

HEADER = ["Tavoite", "Toimenpiteet", "Vastuu ja aikataulu", "Mittarit, arviointi", "Toteuma 1-12/{year}", "SDG"]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@dataclass
class Aim:
    title: str
    rows: list[list[list[str]]]  # goal rows → the five text cells → paragraphs
    sdg: list[str]  # the SDG cell's paragraphs: each row's SDG text, in order


def aims_of(report) -> list[Aim]:
    """The report's aims as tables of paragraphs, as the document would hold them."""
    aims = []
    for aim in report.aims.itertuples():
        goals = report.goals[report.goals["aim"] == aim.aim]
        rows = [[[p for p in str(getattr(goal, f)).split("\n") if p] for f in TEXT_FIELDS]
                for goal in goals.itertuples()]
        sdg = [t for t in goals["sdg_text"] if t]
        aims.append(Aim(title=f"{aim.aim}, {aim.sector}", rows=rows, sdg=sdg))
    return aims


def _fill(cell, paragraphs: list[str]) -> None:
    cell.paragraphs[0].text = paragraphs[0] if paragraphs else ""
    for text in paragraphs[1:]:
        cell.add_paragraph(text)


def build_docx(report, path: Path, damage: str | None = None) -> Path:
    """A Word report: a heading paragraph and a table per aim, the SDG column merged over the aim's rows.

    ``damage``: ``no_header`` (the first table lacks its header row), ``extra_column`` (a seventh
    column "Huomiot" with text), ``empty_column`` (a seventh column with nothing in it),
    ``other_table`` (a contact table before the first aim).
    """
    import docx

    document = docx.Document()
    document.add_heading(f"Hyvinvointitoimialan strategian toteutuminen {report.year}", level=1)
    document.add_paragraph("Raportti kaupunginhallitukselle.")
    if damage == "other_table":
        other = document.add_table(rows=2, cols=3)
        for i, text in enumerate(["Yhteyshenkilö", "Puhelin", "Sähköposti", "Hyvinvointijohtaja", "040 000", "x@y"]):
            other.cell(i // 3, i % 3).text = text
    header = [h.format(year=report.year) for h in HEADER]
    for number, aim in enumerate(aims_of(report)):
        document.add_heading(f"Strateginen päämäärä: {aim.title}", level=2)
        extra = damage in {"extra_column", "empty_column"} and number == 1
        skip_header = damage == "no_header" and number == 0
        columns = header + (["Huomiot"] if extra else [])
        table = document.add_table(rows=len(aim.rows) + (0 if skip_header else 1), cols=len(columns))
        table.style = "Table Grid"
        first = 0 if skip_header else 1
        if not skip_header:
            for i, name in enumerate(columns):
                table.cell(0, i).text = name
        for r, row in enumerate(aim.rows):
            for c, paragraphs in enumerate(row):
                _fill(table.cell(first + r, c), paragraphs)
            if extra and damage == "extra_column":
                table.cell(first + r, 6).text = f"huomio {r + 1}"
        sdg = table.cell(first, 5)
        if len(aim.rows) > 1:
            sdg = sdg.merge(table.cell(first + len(aim.rows) - 1, 5))
        _fill(sdg, aim.sdg)
    document.save(path)
    return path


def _soft_hyphens(text: str) -> str:
    """Soft hyphens in long lowercase words, so that Chromium breaks some of them at line ends with a hyphen."""
    def hyphenate(match: re.Match) -> str:
        word = match[0]
        for i in range(len(word) // 2, len(word) - 4):
            if word[i] not in "aeiouyäö" and word[i + 1] in "aeiouyäö" and word[i - 1] != word[i]:
                return word[:i] + "\u00ad" + word[i:]
        return word

    return re.sub(r"(?<![\w-])[a-zäö]{14,}(?![\w-])", hyphenate, text)


def _cell(paragraphs: list[str], attributes: str = "") -> str:
    inner = "".join(f"<p>{_soft_hyphens(html.escape(p))}</p>" for p in paragraphs)
    return f"<td{attributes}>{inner}</td>"


def report_html(report, font_pt: int = 13) -> str:
    """An HTML rendering of the report's tables: ruled cells, the SDG cell spanning the aim's rows,
    the header row repeated on every page (``<thead>``), a font large enough to fill several pages."""
    header = "".join(f"<th>{html.escape(h.format(year=report.year))}</th>" for h in HEADER)
    parts = [f"<h1>Hyvinvointitoimialan strategian toteutuminen {report.year}</h1>"]
    for aim in aims_of(report):
        body = []
        for r, row in enumerate(aim.rows):
            cells = "".join(_cell(paragraphs) for paragraphs in row)
            if r == 0:
                cells += _cell(aim.sdg, f' rowspan="{len(aim.rows)}"')
            body.append(f"<tr>{cells}</tr>")
        parts.append(f"<h2>Strateginen päämäärä: {html.escape(aim.title)}</h2>"
                     f"<table><thead><tr>{header}</tr></thead><tbody>{''.join(body)}</tbody></table>")
    style = (f"@page {{ size: A4 landscape; margin: 12mm }} body {{ font: {font_pt}pt/1.25 'DejaVu Sans', sans-serif }}"
             " table { border-collapse: collapse; width: 100%; margin-bottom: 12pt }"
             " th, td { border: 1px solid #000; padding: 3pt 4pt; vertical-align: top; text-align: left }"
             " td p { margin: 0 0 8pt } td p:last-child { margin-bottom: 0 } h2 { break-after: avoid }")
    return f'<!doctype html><html lang="fi"><head><meta charset="utf-8"><style>{style}</style></head>' \
           f"<body>{''.join(parts)}</body></html>"


def print_pdf(chromium: str, page_html: str, path: Path) -> Path:
    """Print an HTML page to PDF with Chromium (A4, offline)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(offline=True).new_page()
            page.set_content(page_html)
            page.pdf(path=str(path), prefer_css_page_size=True, print_background=True)
        finally:
            browser.close()
    return path


def scanned_html(pdf: Path, resolution: int = 200) -> str:
    """An HTML page of images of ``pdf``'s pages: printed, a PDF with no text layer (a scan)."""
    import pdfplumber

    images = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            buffer = __import__("io").BytesIO()
            page.to_image(resolution=resolution).original.convert("L").save(buffer, format="PNG")
            data = base64.b64encode(buffer.getvalue()).decode("ascii")
            images.append(f'<img src="data:image/png;base64,{data}" alt="">')
    style = ("@page { size: A4 landscape; margin: 0 } body { margin: 0 }"
             " img { width: 297mm; height: 210mm; display: block; break-after: page }")
    return f"<!doctype html><html><head><style>{style}</style></head><body>{''.join(images)}</body></html>"


def _norm(text: str) -> str:
    return " ".join(str(text).split())


def compare(original, imported) -> dict:
    """How much of the original report the imported one keeps: every goal row's five text cells and each
    aim's SDG text, compared whitespace-normalised; ``lost`` lists what differs."""
    cells = same = 0
    lost = []
    for aim in original.aims["aim"]:
        old = original.goals[original.goals["aim"] == aim].reset_index(drop=True)
        new = imported.goals[imported.goals["aim"] == aim].reset_index(drop=True)
        for i in range(len(old)):
            for f in TEXT_FIELDS:
                cells += 1
                a = _norm(old.loc[i, f])
                b = _norm(new.loc[i, f]) if i < len(new) else ""
                same += a == b
                if a != b:
                    lost.append(f"{aim} row {i + 1} {f}: {a!r} → {b!r}")
        cells += 1
        a, b = _norm(" ".join(old["sdg_text"])), _norm(" ".join(new["sdg_text"]))
        same += a == b
        if a != b:
            lost.append(f"{aim} SDG: {a!r} → {b!r}")
    return {"cells": cells, "conserved": same, "lost": lost}
