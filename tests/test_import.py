"""Importing Word and PDF reports: documents built from the real 2022 text, imported and read back.

The documents are made here from the project's reading of the 2022 raw text (document_fixtures.py),
never copied by hand. The PDF tests print with Debian's chromium (in CI a missing chromium fails).
"""

from __future__ import annotations

import os
import shutil
import sys

import pytest

from document_fixtures import aims_of, build_docx, compare, print_pdf, report_html, scanned_html
from helpers import RAW_2022
from kemi_analysis.cli import main
from kemi_analysis.errors import DataError, SourceError, UsageError
from kemi_analysis.read.documents import Spelling, import_document, join_lines, read_document
from kemi_analysis.read.parser import load_report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def needs_chromium():
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: .ci/run installs it (apt-get install chromium)")
        pytest.skip("chromium is not installed (apt-get install chromium)")


@pytest.fixture(scope="module")
def original():
    return load_report(RAW_2022)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("documents")


@pytest.fixture(scope="module")
def word(original, folder):
    document = build_docx(original, folder / "raportti_2022.docx")
    return import_document(document, folder / "word.txt")


@pytest.fixture(scope="module")
def pdf(original, folder):
    needs_chromium()
    return print_pdf(CHROMIUM, report_html(original), folder / "raportti_2022.pdf")


def _items(report):
    return sorted(zip(report.items["aim"], report.items["field"], report.items["item"],
                      report.items["text"].map(lambda t: " ".join(t.split()))))


def _same_structure(original, report):
    assert report.year == original.year
    assert report.aims["aim"].tolist() == original.aims["aim"].tolist()
    assert report.aims["sector"].tolist() == original.aims["sector"].tolist()
    assert report.aims["goal_rows"].tolist() == original.aims["goal_rows"].tolist()
    assert report.aims["sdgs"].tolist() == original.aims["sdgs"].tolist()
    assert report.sdgs["sdg"].tolist() == original.sdgs["sdg"].tolist()


def test_a_word_report_comes_back_whole(original, word):
    imported, report = word
    _same_structure(original, report)
    result = compare(original, report)
    assert result["lost"] == [] and result["conserved"] == result["cells"] == 63
    assert _items(report) == _items(original)  # a cell's paragraphs are its items, as in the raw text
    assert imported.kind == "Word" and imported.skipped == []
    # the merged SDG cell's text is taken once, in the aim's first row
    first = report.goals.groupby("aim", sort=False)["sdg_text"].apply(list)
    assert all(texts[0] and not any(texts[1:]) for texts in first)


def test_the_imported_text_is_the_raw_format(word, folder):
    text = (folder / "word.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "# Strateginen päämäärä: ELINVOIMAINEN KAUPUNKI, hyvinvointi"
    assert lines[2] == "Tavoite\tToimenpiteet\tVastuu ja aikataulu\tMittarit, arviointi\tToteuma 1-12/2022\tSDG"
    assert "<p>Sujuva, turvallinen arki" in text and "</p> <p>Olemme avoin" in text


def test_import_never_overwrites(original, folder, capsys):
    document = build_docx(original, folder / "again.docx")
    out = folder / "kept.txt"
    out.write_text("earlier\n", encoding="utf-8")
    with pytest.raises(DataError, match="never overwritten"):
        import_document(document, out)
    assert main(["import", str(document), "--out", str(out)]) == 1
    assert out.read_text(encoding="utf-8") == "earlier\n"
    assert "already exists" in capsys.readouterr().err


def test_the_command_prints_aims_and_what_it_joined(original, folder, capsys):
    document = build_docx(original, folder / "cli.docx", damage="other_table")
    assert main(["import", str(document), "--out", str(folder / "cli.txt"), "--year", "2022"]) == 0
    out = capsys.readouterr().out
    assert "3 aims, 12 goal rows" in out and "ELINVOIMAINEN KAUPUNKI, hyvinvointi: 6 rows" in out and "SUJUVA ARKI, hyvinvointi: 1 row (" in out
    assert "Could not place" in out and "table 1: not a strategy table" in out


def test_a_year_that_differs_is_refused_and_nothing_is_written(original, folder):
    document = build_docx(original, folder / "year.docx")
    with pytest.raises(SourceError, match="not on 2021") as error:
        import_document(document, folder / "year.txt", year=2021)
    assert error.value.path == document and not (folder / "year.txt").exists()
    assert not list(folder.glob(".kemi-*"))


@pytest.mark.parametrize("damage, message", [
    ("no_header", r"table 1, under the heading 'ELINVOIMAINEN KAUPUNKI, hyvinvointi', has no header row"),
    ("extra_column", r"table 2: the column 'Huomiot' is not a strategy column, and 5 row\(s\) hold text"),
])
def test_a_damaged_word_report_is_refused_naming_the_table(original, folder, damage, message):
    document = build_docx(original, folder / f"{damage}.docx", damage=damage)
    with pytest.raises(SourceError, match=message) as error:
        import_document(document, folder / f"{damage}.txt")
    assert error.value.path == document and "What to do" in str(error.value)
    assert not (folder / f"{damage}.txt").exists()


def test_other_tables_and_empty_columns_are_listed_not_lost(original, folder):
    other = read_document(build_docx(original, folder / "other.docx", damage="other_table"))
    assert other.skipped == ["table 1: not a strategy table (its first row 'Yhteyshenkilö | Puhelin | "
                             "Sähköposti' does not name the columns Tavoite, Toimenpiteet, Vastuu ja aikataulu, "
                             "Mittarit, Toteuma, SDG); skipped"]
    empty = read_document(build_docx(original, folder / "empty.docx", damage="empty_column"))
    assert any("'Huomiot' is not a strategy column and is empty; left out" in note for note in empty.notes)
    for imported in (other, empty):
        assert [aim.title.split(",")[0] for aim in imported.aims] == original.aims["aim"].tolist()


def test_documents_that_are_not_reports(folder, tmp_path):
    text = tmp_path / "notes.docx"
    text.write_text("just text", encoding="utf-8")
    with pytest.raises(SourceError, match="cannot read the Word file"):
        read_document(text)
    with pytest.raises(SourceError, match="neither a Word"):
        read_document(RAW_2022)
    import docx

    empty = tmp_path / "empty.docx"
    docx.Document().save(empty)
    with pytest.raises(SourceError, match="no strategy table found"):
        read_document(empty)


def test_a_missing_library_is_a_usage_error(original, folder, monkeypatch):
    document = build_docx(original, folder / "nolib.docx")
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(UsageError, match=r"kemi_analysis\[import\]"):
        read_document(document)


def test_hyphens_at_line_ends():
    assert join_lines(["ympäristö-", "sertifiointi"]) == "ympäristösertifiointi"
    assert join_lines(["ilmasto\u2010", "muutosta"]) == "ilmastomuutosta"  # Chromium's hyphen at a soft break
    assert join_lines(["bio-", "ja kiertotalous"]) == "bio- ja kiertotalous"
    assert join_lines(["ISO-", "sertifikaatti"]) == "ISO-sertifikaatti"
    assert join_lines(["Toteuma 1-", "12/2022"]) == "Toteuma 1-12/2022"
    # the document's own spelling elsewhere decides, in any inflection
    assert join_lines(["musiikki-", "toimen"], Spelling(words={"musiikki-toimi"})) == "musiikki-toimen"
    assert join_lines(["musiikki-", "toimen"], Spelling(words={"musiikkitoimessa"})) == "musiikkitoimen"
    # a document that marks the hyphens of its breaks (U+2010, as Chromium prints): an ASCII one is real
    marked = Spelling(marked=True)
    lines = ["seuranta-", "yhteistyö", "ilmasto\u2010", "muutos"]
    assert join_lines(lines, marked) == "seuranta-yhteistyö ilmastomuutos"
    assert join_lines(["bio-", "ja kiertotalous"], marked) == "bio- ja kiertotalous"


@pytest.mark.slow
def test_a_pdf_printed_by_chromium_comes_back(original, pdf, folder):
    imported, report = import_document(pdf, folder / "pdf.txt")
    assert imported.pages is not None and imported.pages >= 4  # the tables break across pages
    assert any("continues the table" in note for note in imported.notes)
    _same_structure(original, report)
    result = compare(original, report)
    assert result["lost"] == [] and result["conserved"] == result["cells"] == 63
    # Chromium prints U+2010 where it broke a word: the compounds' own hyphens at line ends are kept
    assert "hyte-koordinaattori" in report.goals["responsible"].str.cat()
    # a paragraph that ended exactly at a page break ("…saatavuuden" | "Uuden tila- ja…") is still two items
    assert _items(report) == _items(original)
    assert any("continues the row cut by the page break" in note for note in imported.notes)


@pytest.mark.slow
def test_a_scanned_pdf_says_it_has_no_text_layer(original, pdf, folder):
    scan = print_pdf(CHROMIUM, scanned_html(pdf, resolution=100), folder / "scan.pdf")
    with pytest.raises(SourceError, match=r"no text layer.*scan") as error:
        read_document(scan)
    assert "--ocr" in str(error.value)


def test_the_fixture_covers_merged_and_multi_paragraph_cells(original):
    aims = aims_of(original)
    assert [len(aim.rows) for aim in aims] == [6, 5, 1]
    assert any(len(paragraphs) > 1 for aim in aims for row in aim.rows for paragraphs in row)
