"""The corpus of bad inputs: each file or annotation defect with its asserted outcome.

Outcomes are one of: loads (possibly with a warning), or the package's own error naming
the file and, where there is one, the line. The command line turns errors into exit 1.
"""

from __future__ import annotations

import csv
import shutil

import pytest

from helpers import FIXTURES, ROOT
from kemi_analysis.schemas import ANNOTATION_COLUMNS as COLUMNS
from kemi_analysis.read.annotations import load_annotations
from kemi_analysis.cli import main
from kemi_analysis.errors import AnnotationError, SourceError
from kemi_analysis.read.parser import load_report

BAD = FIXTURES / "bad"

# file, expected error substring (None: it loads), expected line, expected warning substring
RAW_CASES = [
    ("empty.txt", "the file is empty", None, None),
    ("binary.txt", "NUL bytes: it is binary", 3, None),
    ("other_encoding.txt", "is not UTF-8", 1, None),
    ("no_heading.txt", "no '# Strateginen päämäärä: NAME, sector' heading", None, None),
    ("no_header_row.txt", "has no header row", 3, None),
    ("heading_without_rows.txt", None, None, "has no goal rows"),
    ("header_without_year.txt", "does not give the period as 'Toteuma 1-12/YYYY'", 3, None),
    ("too_many_fields.txt", "the row has 8 cells but the header row (line 3) has 6", 4, None),
    ("same_aim_twice.txt", "appears twice (first on line 1)", 6, None),
    ("two_years.txt", "the tables report on different years", 8, None),
    ("latin9.txt", None, None, "decoded as Windows-1252"),
    ("utf16.txt", None, None, "the file is UTF-16"),
    ("bom_crlf.txt", None, None, None),
]


@pytest.mark.parametrize(("name", "error", "line", "warning"), RAW_CASES, ids=[c[0] for c in RAW_CASES])
def test_raw_corpus(name, error, line, warning):
    path = BAD / name
    if error is None:
        report = load_report(path)
        assert report.year == 2031
        if warning:
            assert any(warning in message for _, message in report.warnings), report.warnings
        return
    with pytest.raises(SourceError) as caught:
        load_report(path)
    assert error in str(caught.value)
    assert caught.value.path == path
    assert caught.value.line == line
    assert caught.value.hint  # every error says what to do


@pytest.mark.slow  # through the command line; still run by 'make test'
@pytest.mark.parametrize("name", [c[0] for c in RAW_CASES if c[1]])
def test_raw_corpus_through_the_cli_exits_1_with_file_and_line(name, capsys):
    assert main(["validate", str(BAD / name)]) == 1
    err = capsys.readouterr().err
    assert str(BAD / name) in err and "What to do:" in err
    assert "Traceback" not in err


def test_bom_and_crlf_read_like_the_clean_file(write_raw):
    clean = (BAD / "bom_crlf.txt").read_bytes().removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n")
    reference = load_report(write_raw(clean))
    report = load_report(BAD / "bom_crlf.txt")
    assert report.goals.drop(columns="raw_line").equals(reference.goals.drop(columns="raw_line"))
    assert report.encoding == "utf-8-sig"


def test_a_year_other_than_requested(tmp_path):
    with pytest.raises(SourceError, match="reports on 2022 .* not on 2023"):
        load_report(ROOT / "data/raw/000_09050fdfe5e94683.txt", year=2023)


@pytest.mark.slow
def test_a_very_large_file_loads_and_accounts_for_every_line(tmp_path):
    # About 24 MB: 3,000 goal rows whose realisation cells hold 8 KB of text each.
    header = "Tavoite\tToimenpiteet\tVastuu ja aikataulu\tMittarit, arviointi\tToteuma 1-12/2031\tSDG"
    filler = "Toteutui suunnitellusti. " * 320
    rows = [f"Tavoite {i}\tToimi {i}\tToimialajohtaja\tMittari {i}\t{filler}{i}\t3 TERVEYTTÄ" for i in range(3000)]
    path = tmp_path / "large.txt"
    path.write_text("\n".join(["# Strateginen päämäärä: SUURI, hyvinvointi", "", header, *rows]), encoding="utf-8")
    assert path.stat().st_size > 20_000_000
    report = load_report(path)
    assert len(report.goals) == 3000
    assert len(report.lines) == 3002 and report.skipped.empty


# Annotation defects --------------------------------------------------------------------------

MINIMAL = FIXTURES / "minimal_2031.txt"
GOOD = ["park_cleanups", "KUVITELTU KAUPUNKI", "6", "Siivoukset", "4", "krt/v", ">=", "", "3", "",
        "Vähintään 4 siivousta vuodessa", "Siivouksia 3", ""]
OTHERS = [
    ["library_hours", "KUVITELTU KAUPUNKI", "7", "Aukiolo", "40", "h/vko", ">=", "", "42", "", "Aukiolo 40 h/vko",
     "Aukiolo 42 h/vko", ""],
    ["bus_departures", "KUVITELTU ARKI", "12", "Vuorot", "", "", "", "", "", "", "", "", ""],
    ["street_lamps", "KUVITELTU ARKI", "13", "Lamput", "", "", "", "", "", "", "", "", ""],
]


def annotation_file(tmp_path, first_row, header=COLUMNS, extra=()):
    path = tmp_path / "2031.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows([first_row, *OTHERS, *extra])
    return path


def changed(**cells):
    row = list(GOOD)
    for column, value in cells.items():
        row[COLUMNS.index(column)] = value
    return row


ANNOTATION_CASES = [
    ("unknown source_line", changed(source_line="99"), "source_line 99 is not a goal row"),
    ("quote not found", changed(evidence_actual="Siivouksia 30"), "is not found in the realisation cell"),
    ("non-numeric target", changed(target_value="neljä"), "target_value 'neljä' is not a number"),
    ("duplicate metric_id", changed(), "metric_id 'park_cleanups' is used on line 2 too"),
    ("23-digit source_line", changed(source_line="1" * 23), "source_line must be a line number of the raw report"),
    ("cell over a spreadsheet's limit", changed(note="x" * 200_000), "line 2: note holds 200,000 characters"),
]


@pytest.mark.parametrize(("case", "row", "message"), ANNOTATION_CASES, ids=[c[0] for c in ANNOTATION_CASES])
def test_annotation_corpus(tmp_path, case, row, message):
    extra = [GOOD] if case == "duplicate metric_id" else []
    path = annotation_file(tmp_path, row, extra=extra)
    with pytest.raises(AnnotationError) as caught:
        load_annotations(path, load_report(MINIMAL))
    assert message in str(caught.value)
    assert str(path) in str(caught.value)


def test_a_cell_the_csv_module_cannot_hold_names_its_line(tmp_path):
    # A line break in a cell sends the file to the line-by-line reader, whose cells stop at 131,072 characters.
    path = annotation_file(tmp_path, changed(note="x" * 200_000), extra=[changed(metric_id="two", note="a\nb")])
    with pytest.raises(AnnotationError) as caught:
        load_annotations(path, load_report(MINIMAL))
    assert caught.value.line == 2 and "cannot be read as CSV" in str(caught.value) and "32,767" in str(caught.value)


def test_annotation_missing_column(tmp_path):
    path = annotation_file(tmp_path, GOOD[:-1], header=COLUMNS[:-1])
    with pytest.raises(AnnotationError, match="missing: note"):
        load_annotations(path, load_report(MINIMAL))


@pytest.mark.parametrize(("row", "warning", "status"), [
    (changed(target_value="0"), "target_value is 0", "achieved"),
    (changed(actual_value="-3"), "a negative value", "not_achieved"),
])
def test_zero_target_and_negative_value_load_with_a_warning_and_a_status(tmp_path, row, warning, status):
    from kemi_analysis.compute.achievement import build_metrics

    report = load_report(MINIMAL)
    annotations = load_annotations(annotation_file(tmp_path, row), report)
    assert any(warning in w for w in annotations.warnings)
    metrics = build_metrics(report, annotations).set_index("metric_id")
    assert metrics.loc["park_cleanups", "status"] == status


@pytest.mark.slow  # through the command line; still run by 'make test'
def test_every_bad_annotation_exits_1_from_the_cli(tmp_path, capsys):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    path = tmp_path / "data/annotations/2022.csv"
    text = path.read_text(encoding="utf-8")
    assert ",2022,25,," in text
    path.write_text(text.replace(",2022,25,,", ",2022,kaksikymmentäviisi,,", 1), encoding="utf-8")
    code = main(["export", "--year", "2022", "--data-dir", str(tmp_path / "data"), "--out",
                 str(tmp_path / "out.csv")])
    err = capsys.readouterr().err
    assert code == 1
    assert "actual_value 'kaksikymmentäviisi' is not a number" in err
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.slow  # through the command line; still run by 'make test'
@pytest.mark.parametrize("path", sorted((FIXTURES / "bad").glob("*.txt")), ids=lambda p: p.name)
def test_only_package_errors_reach_the_user(path, capsys):
    code = main(["validate", str(path)])
    err = capsys.readouterr().err
    assert code in (0, 1)
    assert "Traceback" not in err
    if code:
        assert err.startswith(f"kemi-analysis: error: {path}") and "What to do:" in err
