"""The annotation contract: form checks, tracing to the report, coverage; and the curated 2022 file."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from helpers import ANNOTATIONS_2022, FIXTURES, RAW_2022
from kemi_analysis.schemas import ANNOTATION_COLUMNS as COLUMNS
from kemi_analysis.read.annotations import load_annotations, read_annotations
from kemi_analysis.errors import AnnotationError
from kemi_analysis.read.parser import load_report

MINIMAL = FIXTURES / "minimal_2031.txt"
GOOD_ROWS = [
    ["park_cleanups", "KUVITELTU KAUPUNKI", "6", "Siivoukset", "4", "krt/v", ">=", "2031", "3", "",
     "Vähintään 4 siivousta vuodessa", "Siivouksia 3", ""],
    ["library_hours", "KUVITELTU KAUPUNKI", "7", "Aukiolo", "40", "h/vko", ">=", "", "42", "",
     "Aukiolo 40 h/vko", "Aukiolo 42 h/vko", ""],
    ["bus_departures", "KUVITELTU ARKI", "12", "Vuorot", "10", "kpl", ">=", "", "", "",
     "Vuoroja 10", "", "no realisation"],
    ["street_lamps", "KUVITELTU ARKI", "13", "Lamput", "100", "kpl", ">=", "", "80", "",
     "Lamppuja 100", "Lamppuja vaihdettu 80", ""],
]


def write_annotations(tmp_path, rows, header=COLUMNS):
    path = tmp_path / "2031.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def edited(index, column, value):
    rows = [list(r) for r in GOOD_ROWS]
    rows[index][COLUMNS.index(column)] = value
    return rows


def test_a_good_file_loads_with_typed_values(tmp_path):
    annotations = load_annotations(write_annotations(tmp_path, GOOD_ROWS), load_report(MINIMAL))
    table = annotations.table
    assert table["target_value"].tolist()[:2] == [4.0, 40.0]
    assert table["file_line"].tolist() == [2, 3, 4, 5]
    assert table["actual_value"].isna().tolist() == [False, False, True, False]


@pytest.mark.parametrize(
    ("index", "column", "value", "message"),
    [
        (1, "source_line", "99", "source_line 99 is not a goal row"),
        (0, "evidence_target", "Vähintään 5 siivousta", "is not found in the metric cell of line 6"),
        (0, "evidence_actual", "Vuoroja 10", "is not found in the realisation cell of line 6"),
        (0, "aim", "KUVITELTU ARKI", "differs from the report's 'KUVITELTU KAUPUNKI'"),
    ],
)
def test_tracing_problems_name_the_file_line(tmp_path, index, column, value, message):
    path = write_annotations(tmp_path, edited(index, column, value))
    with pytest.raises(AnnotationError) as caught:
        load_annotations(path, load_report(MINIMAL))
    text = str(caught.value)
    assert str(path) in text
    assert f"line {index + 2} (" in text
    assert message in text


@pytest.mark.parametrize(
    ("index", "column", "value", "message"),
    [
        (0, "target_value", "neljä", "target_value 'neljä' is not a number"),
        (1, "actual_value", "12kpl", "actual_value '12kpl' is not a number"),
        (0, "comparator", "=>", "comparator must be one of"),
        (0, "deadline", "5/2031", "deadline must be YYYY or YYYY-MM"),
        (0, "status", "done", "status must be empty or one of"),
        (1, "metric_id", "park_cleanups", "is used on line 2 too"),
        (0, "metric_id", "Park Cleanups", "metric_id must be lower-case"),
        (0, "evidence_target", "", "target_value needs evidence_target"),
        (0, "comparator", "", "a target_value needs a comparator"),
    ],
)
def test_form_problems_are_all_reported_with_lines(tmp_path, index, column, value, message):
    path = write_annotations(tmp_path, edited(index, column, value))
    with pytest.raises(AnnotationError) as caught:
        read_annotations(path)
    assert any(p.startswith(f"line {index + 2} ") and message in p for p in caught.value.problems), \
        caught.value.problems


def test_several_problems_are_reported_in_one_pass(tmp_path):
    rows = edited(0, "target_value", "x")
    rows[2][COLUMNS.index("deadline")] = "ensi vuonna"
    with pytest.raises(AnnotationError) as caught:
        read_annotations(write_annotations(tmp_path, rows))
    assert len(caught.value.problems) == 2


def test_a_missing_column_is_named(tmp_path):
    header = [c for c in COLUMNS if c != "note"]
    path = write_annotations(tmp_path, [r[:-1] for r in GOOD_ROWS], header=header)
    with pytest.raises(AnnotationError, match="missing: note") as caught:
        read_annotations(path)
    assert caught.value.line == 1


def test_a_goal_row_without_annotation_is_reported(tmp_path):
    path = write_annotations(tmp_path, GOOD_ROWS[:3])
    with pytest.raises(AnnotationError) as caught:
        load_annotations(path, load_report(MINIMAL))
    assert caught.value.problems == [
        "goal row on line 13 of minimal_2031.txt (KUVITELTU ARKI) has no annotation row; add one, "
        "with status no_data or not_reported if it has no metric"]


def test_quotes_are_compared_after_collapsing_whitespace(tmp_path):
    rows = edited(0, "evidence_target", "Vähintään  4\n siivousta")
    assert load_annotations(write_annotations(tmp_path, rows), load_report(MINIMAL)).table.shape[0] == 4


def test_zero_target_and_negative_values_load_with_warnings(tmp_path):
    rows = edited(0, "target_value", "0")
    rows[1][COLUMNS.index("actual_value")] = "-2"
    annotations = load_annotations(write_annotations(tmp_path, rows), load_report(MINIMAL))
    assert any("target_value is 0" in w for w in annotations.warnings)
    assert any("negative value" in w for w in annotations.warnings)


# The curated 2022 file ----------------------------------------------------------


@pytest.fixture(scope="module")
def annotations_2022():
    return load_annotations(ANNOTATIONS_2022, load_report(RAW_2022))


def test_2022_covers_every_goal_row(annotations_2022):
    report = load_report(RAW_2022)
    assert set(annotations_2022.table["source_line"]) == set(report.goals["source_line"])
    assert len(annotations_2022.table) == 27


def test_2022_every_value_has_its_quote(annotations_2022):
    table = annotations_2022.table
    assert (table.loc[table["target_value"].notna(), "evidence_target"] != "").all()
    assert (table.loc[table["actual_value"].notna(), "evidence_actual"] != "").all()


@pytest.mark.parametrize(
    ("metric_id", "target", "actual", "evidence_actual"),
    [
        ("daycare_env_audits", 50, 25, "Päiväkodeista kaksi auditoitu, jäljellä kuusi"),
        ("school_safety_audits", 100, 100, "Kaikki koulut auditoitu"),
        ("youth_council_meetings", 4, 4, "Nuorisovaltuusto kokoonnutun 4 krt/v"),
        ("chat_pilots", 3, 0, "Chat-palvelua ei ole kokeiltu"),
        ("partnership_agreements", 100, 2,
         "Kumppanuussopimus teatterin kanssa, Avustusta myönnetty 50:lle yhdistykselle"),
    ],
)
def test_2022_curated_items(annotations_2022, metric_id, target, actual, evidence_actual):
    row = annotations_2022.table.set_index("metric_id").loc[metric_id]
    assert (row["target_value"], row["actual_value"]) == (target, actual)
    assert row["evidence_actual"] == evidence_actual


def test_2022_row_without_realisation_is_not_reported(annotations_2022):
    table = annotations_2022.table
    line_18 = table[table["source_line"] == 18]
    assert line_18["actual_value"].isna().all()
    assert (line_18["evidence_actual"] == "").all()


@pytest.mark.parametrize("width", [5, 14])
def test_a_row_of_the_wrong_width_is_a_problem_with_its_line(tmp_path, width):
    # A short row once passed the fast reader, its missing cells read as empty; it must be listed like a wide one.
    rows = [list(r) for r in GOOD_ROWS]
    rows[2] = (rows[2] + ["extra"])[:width]
    with pytest.raises(AnnotationError) as error:
        read_annotations(write_annotations(tmp_path, rows))
    assert f"line 4: {width} fields, expected {len(COLUMNS)}" in str(error.value)


TRICKY_CELLS = ['b"c', ' "quoted after a space"', '"doubled ""quote"" inside"', '"quoted"then more', ' padded ',
                '\u00a0no-break\u00a0', '', '"pilkku, sisällä"', '<script>alert(1)</script>', '=SUM(A1)', '\t tab']


@pytest.mark.parametrize("cell", TRICKY_CELLS)
def test_arrow_reads_a_file_as_the_csv_module_does(tmp_path, cell):
    # The fast path (Arrow's CSV reader) must give the cells the line-by-line reader (the csv module) gives.
    import io

    from kemi_analysis.read import annotations

    rows = [",".join(COLUMNS)] + [",".join(row[:-1]) + "," + cell for row in (
        [c if "," not in c else f'"{c}"' for c in r] for r in GOOD_ROWS)]
    text = "\n".join(rows) + "\n"
    header = list(COLUMNS)
    fast = annotations._read_fast(text, text.encode("utf-8"), header)
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader)
    slow, problems = annotations._read_line_by_line(reader, header, tmp_path / "x.csv")
    if fast is None:  # Arrow refused it: the csv module reads it, as it always did
        return
    assert not problems
    pd.testing.assert_frame_equal(fast, slow, check_exact=True)
