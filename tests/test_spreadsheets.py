"""Spreadsheets: nothing the tool writes is ever a formula; Finnish Excel's files load; people's workbooks.

tests/fixtures/formulas holds fictional text that begins like formula injection (see its README).
"""

from __future__ import annotations

import csv
import io
import shutil

import pandas as pd
import pytest

from helpers import ANNOTATIONS_2022, FIXTURES, RAW_2022
from kemi_analysis.cli import main
from kemi_analysis.compute.achievement import build_metrics
from kemi_analysis.files import FORMULA_STARTS, write_table
from kemi_analysis.read.annotations import load_annotations
from kemi_analysis.read.parser import load_report

FORMULAS = FIXTURES / "formulas"


def csv_cells(path, sep=",", encoding="utf-8"):
    with path.open(encoding=encoding, newline="") as handle:
        return [cell for row in csv.reader(handle, delimiter=sep) for cell in row]


def workbook_cells(path):
    import openpyxl

    book = openpyxl.load_workbook(path)
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def exports(tmp_path):
    """Every command that writes a table, on the hostile fixture: (name, path, kind)."""
    data = tmp_path / "data"
    shutil.copytree(FORMULAS, data)
    raw = str(data / "raw" / "kaavat_2031.txt")
    runs = {
        "export-year.csv": ["export", "--year", "2031"], "export-year.xlsx": ["export", "--year", "2031"],
        "export-excel.csv": ["export", "--year", "2031", "--excel"],
        "export-years.csv": ["export", "--years", "all"], "export-years.xlsx": ["export", "--years", "all"],
        "parse.csv": ["parse", raw], "parse.xlsx": ["parse", raw],
    }
    written = []
    for name, argv in runs.items():
        out = tmp_path / name
        extra = ["--data-dir", str(data)] if argv[0] == "export" else []
        assert main(["-q", *argv, *extra, "--out", str(out)]) == 0, name
        written.append((name, out))
    # match writes its proposals from a later year: 2032 is the same text a year on
    (data / "raw" / "kaavat_2032.txt").write_text(
        (data / "raw" / "kaavat_2031.txt").read_text(encoding="utf-8").replace("2031", "2032"), encoding="utf-8")
    for suffix in ("csv", "xlsx"):
        out = tmp_path / f"match.{suffix}"
        assert main(["-q", "match", "--year", "2032", "--data-dir", str(data), "--out", str(out)]) == 0
        written.append((out.name, out))
    return written


@pytest.mark.slow  # nine commands
def test_no_export_ever_writes_a_formula(tmp_path):
    written = exports(tmp_path)
    assert len(written) == 9
    hostile_seen = 0
    for name, path in written:
        if path.suffix == ".xlsx":
            cells = workbook_cells(path)
            assert [c.coordinate for c in cells if c.data_type == "f"] == [], name
            texts = [c.value for c in cells if isinstance(c.value, str)]
            hostile_seen += sum(t.startswith(FORMULA_STARTS) for t in texts)
        else:
            excel = "excel" in name
            cells = csv_cells(path, ";" if excel else ",", "utf-8-sig" if excel else "utf-8")
            assert [c for c in cells if c.startswith(FORMULA_STARTS)] == [], name
            hostile_seen += sum(c.startswith("'=") or c.startswith("'+") or c.startswith("'@") for c in cells)
    assert hostile_seen >= 9  # the hostile text is there, as text, in every file


@pytest.mark.slow
def test_the_people_s_workbook_speaks_the_report_language(tmp_path):
    import openpyxl

    out = tmp_path / "metrics.xlsx"
    assert main(["-q", "export", "--years", "all", "--data-dir", str(FIXTURES / "multiyear"), "--out", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Mittarit", "Yhteenveto", "Muutokset", "Lähteet"]
    metrics = book["Mittarit"]
    headers = [c.value for c in metrics[1]]
    assert headers[:5] == ["Vuosi", "Mittarin tunnus", "Strateginen päämäärä", "Rivi", "Mittari"]
    row = {h: c for h, c in zip(headers, metrics[2])}
    assert row["Tila"].value == "Toteutui osittain" and row["Yksikkö"].value == "krt/v"
    assert row["Toteutumisaste"].value == 0.75 and row["Toteutumisaste"].number_format == "0 %"
    assert metrics.freeze_panes == "A2" and metrics.auto_filter.ref == "A1:O9"
    assert metrics.column_dimensions["E"].width > 10
    sources = [[c.value for c in r] for r in book["Lähteet"].iter_rows(min_row=2)]
    assert sources[0][:2] == ["2031: raportti", "raw/kuviteltu_2031.txt"] and len(sources[0][2]) == 64
    english = tmp_path / "metrics_en.xlsx"
    main(["-q", "export", "--years", "all", "--data-dir", str(FIXTURES / "multiyear"), "--out", str(english),
          "--lang", "en"])
    assert openpyxl.load_workbook(english).sheetnames == ["Metrics", "Summary", "Changes", "Sources"]


def test_csv_for_finnish_excel_has_semicolons_decimal_commas_and_a_bom(tmp_path):
    out = tmp_path / "m.csv"
    assert main(["-q", "export", "--year", "2022", "--out", str(out), "--excel"]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["year", "metric_id", "aim"]  # the machine table's columns and codes
    assert rows[1][rows[0].index("achievement_ratio")] == "0,5"


@pytest.mark.slow  # through the command line; still run by 'make test'
@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])
def test_the_2022_annotations_saved_by_finnish_excel_load_to_the_same_metrics(tmp_path, encoding, caplog):
    """As Excel's 'CSV UTF-8' and 'CSV (luetteloerotin)' save it: semicolons, decimal commas, CRLF."""
    rows = list(csv.reader(ANNOTATIONS_2022.open(encoding="utf-8", newline="")))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(rows[0])
    for row in rows[1:]:
        writer.writerow([cell.replace(".", ",") if index in (4, 8) else cell for index, cell in enumerate(row)])
    saved = tmp_path / "2022.csv"
    saved.write_bytes(buffer.getvalue().encode(encoding))
    report = load_report(RAW_2022)
    excel = load_annotations(saved, report)
    curated = build_metrics(report, load_annotations(ANNOTATIONS_2022, report))
    columns = ["metric_id", "target_value", "actual_value", "status", "achievement_ratio", "note_fi"]
    pd.testing.assert_frame_equal(build_metrics(report, excel)[columns], curated[columns])
    assert any("semicolon-separated" in w for w in excel.warnings)
    assert any("Windows-1252" in w for w in excel.warnings) == (encoding == "cp1252")


def test_a_cell_too_long_for_excel_is_an_error_naming_row_and_column(tmp_path, capsys):
    frame = pd.DataFrame({"a": ["ok", "x" * 40_000]})
    with pytest.raises(Exception, match=r"row 3, column 'a' holds 40,000 characters"):
        write_table(frame, tmp_path / "t.xlsx")
    assert not (tmp_path / "t.xlsx").exists()
    write_table(frame, tmp_path / "t.csv")  # CSV keeps the whole text
    assert len(pd.read_csv(tmp_path / "t.csv")["a"][1]) == 40_000
    with pytest.raises(Exception, match=r"row 2, column 'b' holds the control character U\+0007"):
        write_table(pd.DataFrame({"b": ["bell\x07"]}), tmp_path / "u.xlsx")


def test_a_long_cell_through_the_command_line_exits_1_without_a_traceback(write_raw, tmp_path, capsys):
    from helpers import make_report

    raw = write_raw(make_report("Tavoite\tToimi\tToimialajohtaja\tVähintään 3 kpl\t" + "pitkä " * 7000 + "\t"))
    code = main(["parse", str(raw), "--out", str(tmp_path / "goals.xlsx")])
    err = capsys.readouterr().err
    assert code == 1 and "row 2, column 'realisation' holds 41,999 characters" in err and "Traceback" not in err
    assert not (tmp_path / "goals.xlsx").exists()
