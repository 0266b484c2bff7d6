"""The report's sections as data: every number right, every sentence fit to read (no HTML needed)."""

from __future__ import annotations

import pytest

from helpers import FIXTURES
from kemi_analysis.report.sections import (
    changes_section,
    goals_section,
    key_figures,
    metric_table,
    prepare,
    sdg_section,
)
from kemi_analysis.schemas import STATUSES


@pytest.fixture(scope="module")
def context_2022():
    return prepare(2022, [], "data", "fi")


@pytest.fixture(scope="module")
def context_2032():
    return prepare(2032, [], FIXTURES / "multiyear", "fi")


def tables(section):
    return [block for block in section.blocks if block.kind == "Table"]


def test_key_figures_add_up_to_the_total_with_every_status_shown(context_2022):
    block = key_figures(context_2022).blocks[0]
    (total, total_label), *by_status = block.figures
    assert int(total) == 27 and total_label == "mittaria yhteensä"
    assert len(by_status) == len(STATUSES)
    assert sum(int(value) for value, _ in by_status) == int(total)
    assert [label for _, label in by_status] == ["Toteutui", "Toteutui osittain", "Ei toteutunut", "Kesken",
                                                 "Ei tavoitetta", "Ei mitattavaa tietoa", "Ei raportoitu"]
    assert [int(value) for value, _ in by_status] == [6, 2, 4, 2, 4, 5, 4]
    assert block.summary == ("Vuonna 2022 seurattiin 27 mittaria. Tavoite on annettu lukuna 17 mittarilla. "
                             "Niistä tavoite toteutui 6 mittarissa (35\u00a0%).")


def test_changes_carry_units_and_no_contradictory_flags(context_2032):
    changes, *_ = tables(changes_section(context_2032))
    rows = {row[0]: row for row in changes.rows}
    park = rows["Puistosiivoukset vuodessa"]
    assert park[2:5] == ["3\u00a0krt/v", "5\u00a0krt/v", "+2\u00a0krt/v"]
    for row in changes.rows:  # achieved for the first time never goes with "carries over to the next year"
        assert "seuraavalle vuodelle" not in row[6]


def test_progress_of_unchanged_and_yes_no_metrics(tmp_path):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "multiyear", data)
    for year, value in ((2031, "0"), (2032, "1")):  # a yes/no metric goes from no to yes
        path = data / "annotations" / f"{year}.csv"
        line = (f"plan_ready,KUVITELTU KAUPUNKI,6,Suunnitelma valmis,1,kyllä/ei,=,,{value},,"
                f"{'Vähintään 4 siivousta vuodessa'},{'Siivouksia 3' if year == 2031 else 'Siivouksia 5'},fictional\n")
        path.write_text(path.read_text(encoding="utf-8") + line, encoding="utf-8")
    context = prepare(2032, [], data, "fi")
    progress = tables(changes_section(context))[-1]
    rows = {row[0]: row for row in progress.rows}
    assert rows["Suunnitelma valmis"][4] == "Tavoite saavutettu"
    assert rows["Suunnitelma valmis"][1:3] == ["ei (2031)", "kyllä (2032)"]


def test_sdgs_show_the_aims_behind_them_and_no_achievement_of_their_own(context_2022):
    section = sdg_section(context_2022)
    table = tables(section)[0]
    assert table.headers == ["SDG", "Tavoitteen nimi", "Päämäärät, jotka tukevat tavoitetta",
                             "Mittareita näissä päämäärissä"]
    sdg_3 = next(row for row in table.rows if row[0] == "3")
    assert sdg_3[2] == "ELINVOIMAINEN KAUPUNKI\nHYVINVOIVAT KUNTALAISET\nSUJUVA ARKI" and sdg_3[3] == "27"
    assert not any("%" in cell for row in table.rows for cell in row)


def test_goals_and_actions_per_aim_as_the_source_writes_them(context_2022):
    goal_tables = tables(goals_section(context_2022))
    assert [t.caption.split(":")[0] for t in goal_tables] == ["ELINVOIMAINEN KAUPUNKI", "HYVINVOIVAT KUNTALAISET",
                                                              "SUJUVA ARKI"]
    first = goal_tables[0].rows[0]
    assert first == ["6", "Vihreä ja kestävä Kemi lisää vetovoimaamme sekä torjuu ilmastomuutosta.",
                     "Ympäristösertifiointi laajenee päiväkodeille", "Varhaiskasvatuspäällikkö 2022"]


def test_the_analysts_reading_stands_next_to_the_number_in_the_reports_language(context_2022):
    table = tables(metric_table(context_2022))[0]
    assert table.headers[-1] == "Miten luku on luettu"
    partnership = next(row for row in table.rows if row[0].startswith("Kumppanuussopimuksen"))
    assert partnership[5] == "2\u00a0%" and partnership[-1].startswith("Tulkinta: yksi sopimus (teatterin kanssa)")
    english = tables(metric_table(prepare(2022, [], "data", "en")))[0]
    partnership_en = next(row for row in english.rows if row[0].startswith("Kumppanuussopimuksen"))
    assert partnership_en[-1].startswith("Judgement: one agreement (with the theatre)")
