"""Reading the raw report text: each rule of the format pinned on a small fictional fixture."""

from __future__ import annotations

import pytest

from helpers import FIXTURES, make_report
from kemi_analysis.errors import SourceError
from kemi_analysis.read.parser import load_report, strip_markup

ROW = "Puistot ovat siistejä.\tSiivotaan\tPuistopäällikkö 2031\tSiivouksia 4\tSiivouksia 3\t3 TERVEYTTÄ"


def test_headings_open_tables_and_the_year_comes_from_the_toteuma_header():
    report = load_report(FIXTURES / "minimal_2031.txt")
    assert report.year == 2031
    assert report.aims["aim"].tolist() == ["KUVITELTU KAUPUNKI", "KUVITELTU ARKI"]
    assert report.aims["sector"].tolist() == ["hyvinvointi", "hyvinvointi"]
    assert report.aims["source_line"].tolist() == [3, 9]
    assert report.goals["source_line"].tolist() == [6, 7, 12, 13]


def test_joined_toteuma_sdg_header_cell_reads_like_two_columns():
    report = load_report(FIXTURES / "minimal_2031.txt")
    arki = report.goals.set_index("source_line")
    assert arki.loc[12, "realisation"] == ""
    assert arki.loc[12, "sdg_text"] == "9 KESTÄVÄÄ TEOLLISUUTTA 17 YHTEISTYÖ JA KUMPANUUS"
    assert arki.loc[13, "realisation"] == "Lamppuja vaihdettu 80"
    assert report.aims.set_index("aim").loc["KUVITELTU ARKI", "sdgs"] == "9;17"


def test_joined_cell_with_realisation_followed_by_sdg_text_is_split(write_raw):
    header = "Tavoite\tToimenpiteet\tVastuu ja aikataulu\tMittarit, arviointi\tToteuma 1-12/2031 SDG"
    row = "Tavoite A\tToimi A\tToimialajohtaja\tMittari 4 krt/v\tKokouksia 4 krt/v <b>3</b> TERVEYTTÄ"
    goal = load_report(write_raw(make_report(row, header=header))).goals.iloc[0]
    assert goal["realisation"] == "Kokouksia 4 krt/v"
    assert goal["sdgs"] == "3"


def test_columns_are_found_by_name_not_position(write_raw):
    normal = load_report(write_raw(make_report(ROW), "a.txt"))
    header = "SDG\tToteuma 1-12/2031\tMittarit, arviointi\tVastuu ja aikataulu\tToimenpiteet\tTavoite"
    reordered_row = "\t".join(reversed(ROW.split("\t")))
    reordered = load_report(write_raw(make_report(reordered_row, header=header), "b.txt"))
    columns = ["goal", "action", "responsible", "metric", "realisation", "sdgs"]
    assert reordered.goals[columns].equals(normal.goals[columns])


def test_header_names_are_matched_despite_case_and_ocr_typos(write_raw):
    header = "TAVOITE\tToimenpitet\tVastuu ja  aikataulu\tMittarit arvionti\tToteuma 1 - 12 / 2031\tSDG"
    report = load_report(write_raw(make_report(ROW, header=header)))
    assert report.goals.iloc[0]["metric"] == "Siivouksia 4"


def test_sdgs_belong_to_the_aim_as_the_union_over_its_rows(write_raw):
    rows = [
        "T1\tA1\tToimialajohtaja\tM1\tR1\t<b>1</b> EI KÖHYHYTTÄ <b>2</b> EI MALAKKA",
        "T2\tA2\tToimialajohtaja\tM2\tR2\t",
        "T3\tA3\tToimialajohtaja\tM3\tR3\t<p><b>17</b> YHTEISTYÖ JA KUNPPANUUS</p> <p><b>2</b> EI NALUKAA</p>",
    ]
    report = load_report(write_raw(make_report(*rows)))
    assert report.aims.iloc[0]["sdgs"] == "1;2;17"
    assert set(report.goals["sdgs"]) == {"1;2;17"}
    sdgs = report.sdgs.set_index("sdg")
    assert sdgs.loc[2, "name_fi"] == "Ei nälkää"
    assert sdgs.loc[2, "name_en"] == "Zero hunger"
    assert sdgs.loc[2, "source_text"] == "2 EI MALAKKA"  # the OCR'd name as written, first mention
    assert sdgs.loc[17, "source_line"] == 6


def test_a_short_row_whose_last_cell_is_sdg_text_has_no_realisation(write_raw):
    row = "Tavoite\tToimi\tToimialajohtaja\tMittari\t<b>3</b> TERVEYTTÄ JA HYVINVOINTIA"
    report = load_report(write_raw(make_report(row)))
    goal = report.goals.iloc[0]
    assert goal["metric"] == "Mittari"
    assert goal["realisation"] == ""
    assert not goal["realisation_reported"]
    assert goal["sdgs"] == "3"
    assert (goal["source_line"], "no realisation (Toteuma) given: recorded as not reported") in report.warnings


def test_a_short_row_without_sdg_text_keeps_its_cells_in_place(write_raw):
    report = load_report(write_raw(make_report("Tavoite\tToimi\tToimialajohtaja\tMittari\tToteutui")))
    goal = report.goals.iloc[0]
    assert (goal["metric"], goal["realisation"], goal["sdgs"]) == ("Mittari", "Toteutui", "")


def test_paragraphs_separate_items_and_other_markup_stays_text(write_raw):
    row = "T\tA\tToimialajohtaja\t<p>Eka <b>mittari</b></p> <p>Toka</p>\t<p>Yksi</p><p><script>x()</script></p>\t"
    report = load_report(write_raw(make_report(row)))
    items = report.items
    metric = items[items["field"] == "metric"]
    assert metric["text"].tolist() == ["Eka mittari", "Toka"]
    assert metric["raw"].tolist()[0] == "Eka <b>mittari</b>"
    realisation = items[items["field"] == "realisation"]["text"].tolist()
    assert realisation == ["Yksi", "<script>x()</script>"]
    assert report.goals.iloc[0]["metric"] == "Eka mittari\nToka"


def test_ocr_typos_are_kept_verbatim(report_2022):
    texts = " ".join(report_2022.goals["action"])
    assert "Kulttuuriryittäilyyden" in texts
    assert "Asiakastytvyväisyysskyselyt" in texts


def test_roles_are_split_with_their_deadlines(report_2022):
    roles = report_2022.roles
    line_27 = roles[roles["source_line"] == 27]
    assert line_27[line_27["item"] == 1][["role", "deadline"]].values.tolist() == [
        ["Hyvinvointijohtaja", "2022-"],
        ["Tulosaluepäällikkö", "2022-"],
        ["Lähiesihenkilö", "2022-"],
    ]
    line_19 = roles[roles["source_line"] == 19]
    assert line_19["role"].tolist() == [
        "Hyvinvointitoimiala", "Hyte-koordinaattori", "Nuorisosihteeri", "Vapaa-aikapäällikkö"]
    assert line_19["role_text"].tolist()[-1] == "Vapaa-aikapääliikkö"  # as written


@pytest.mark.parametrize(
    "transform",
    [
        pytest.param(lambda t: t.encode("utf-8"), id="utf-8"),
        pytest.param(lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), id="utf-8 with BOM"),
        pytest.param(lambda t: t.replace("\n", "\r\n").encode("utf-8"), id="CRLF"),
        pytest.param(lambda t: b"\xef\xbb\xbf" + t.replace("\n", "\r\n").encode("utf-8"), id="BOM and CRLF"),
    ],
)
def test_bom_and_line_endings_read_the_same(write_raw, transform):
    text = (FIXTURES / "minimal_2031.txt").read_text(encoding="utf-8")
    report = load_report(write_raw(transform(text)))
    reference = load_report(FIXTURES / "minimal_2031.txt")
    assert report.goals.drop(columns="raw_line").equals(reference.goals.drop(columns="raw_line"))


def test_windows_1252_decodes_correctly_with_a_warning(write_raw):
    text = (FIXTURES / "minimal_2031.txt").read_text(encoding="utf-8")
    report = load_report(write_raw(text.encode("cp1252")))
    assert report.encoding == "cp1252"
    assert report.aims["aim"].tolist()[0] == "KUVITELTU KAUPUNKI"
    assert "Siistejä" not in report.goals["goal"].iloc[0] and "siistejä" in report.goals["goal"].iloc[0]
    assert any("Windows-1252" in message for _, message in report.warnings)


def test_undecodable_text_stops_with_a_clear_error(write_raw):
    text = "# Strateginen paamaara: X, y\n\nkissa\n".encode("utf-8") + b"\x81\x8d\n"
    with pytest.raises(SourceError) as caught:
        load_report(write_raw(text))
    assert caught.value.line == 4
    assert "UTF-8" in str(caught.value)


def test_double_encoded_text_is_refused_rather_than_shown_as_mojibake(write_raw):
    text = (FIXTURES / "minimal_2031.txt").read_text(encoding="utf-8")
    mojibake = text.encode("utf-8").decode("latin-1").encode("utf-8")
    with pytest.raises(SourceError, match="double-encoded"):
        load_report(write_raw(mojibake))


def test_strip_markup_keeps_unknown_tags_as_text():
    assert strip_markup("<b>1</b>&nbsp;EI <i>x</i>") == "1 EI x"
    assert strip_markup('<img src=x onerror="alert(1)">') == '<img src=x onerror="alert(1)">'


def test_the_requested_year_must_match_the_file(write_raw):
    with pytest.raises(SourceError) as caught:
        load_report(FIXTURES / "minimal_2031.txt", year=2030)
    assert caught.value.line == 5
    assert "2031" in str(caught.value) and "2030" in str(caught.value)


def test_every_non_blank_line_is_accounted_for():
    report = load_report(FIXTURES / "minimal_2031.txt")
    text = (FIXTURES / "minimal_2031.txt").read_text(encoding="utf-8").split("\n")
    non_blank = [i for i, line in enumerate(text, start=1) if line.strip()]
    assert report.lines["line"].tolist() == non_blank
    assert report.skipped["line"].tolist() == [1]


# The real 2022 report --------------------------------------------------------------


def test_2022_year_aims_and_goal_rows(report_2022):
    assert report_2022.year == 2022
    counts = report_2022.aims.set_index("aim")["goal_rows"].to_dict()
    assert counts == {"ELINVOIMAINEN KAUPUNKI": 6, "HYVINVOIVAT KUNTALAISET": 5, "SUJUVA ARKI": 1}
    assert report_2022.skipped.empty


def test_2022_sdgs_per_aim(report_2022):
    sdgs = report_2022.aims.set_index("aim")["sdgs"].to_dict()
    assert sdgs == {
        "ELINVOIMAINEN KAUPUNKI": "3;6;7;8;9;11;12;13;14;15",
        "HYVINVOIVAT KUNTALAISET": "1;2;3;4;5;8;10;11;16;17",
        "SUJUVA ARKI": "1;2;3;5;9;10;11;16;17",
    }


def test_2022_row_whose_realisation_is_missing(report_2022):
    missing = report_2022.goals[~report_2022.goals["realisation_reported"]]
    assert missing["source_line"].tolist() == [18]
    assert missing.iloc[0]["metric"].endswith("Strategia hyväksytään päätöksenteossa vuoden 2022 aikana.")
    assert missing.iloc[0]["sdg_text"].startswith("1 EI KÖHYHYTTÄ 2 EI MALAKKA")


def test_2022_paragraph_cells_are_split_into_items(report_2022):
    items = report_2022.items[report_2022.items["source_line"] == 27]
    counts = items["field"].value_counts().to_dict()
    assert counts == {"action": 9, "realisation": 6, "goal": 5, "responsible": 5, "metric": 4}
    realisation = items[items["field"] == "realisation"]["text"].tolist()
    assert realisation[4].startswith("Ei ole hankittu")
