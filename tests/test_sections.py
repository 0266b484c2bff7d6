"""The report's sections as data: every number right, every sentence fit to read (no HTML needed)."""

from __future__ import annotations

import pytest

from helpers import FIXTURES, synthetic
from kemi_analysis.report.sections import (
    changes_section,
    goals_section,
    key_figures,
    metric_table,
    prepare,
    ratios_section,
    sdg_section,
    status_by_aim_section,
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


@pytest.fixture(scope="module")
def context_many_aims(tmp_path_factory):
    """Two fictional years of 25 aims with 4 metrics each: more than a figure can show."""
    folder = synthetic().write_dataset(tmp_path_factory.mktemp("many"), 200, years=2, aims=25, first_year=2061)
    return prepare(2062, [2061], folder, "fi")


def test_figures_past_what_they_can_hold_become_tables_with_a_sentence(context_many_aims):
    ctx = context_many_aims
    assert ctx.metrics["aim"].nunique() == 25 and len(ctx.metrics) == 100
    for section, what in ((status_by_aim_section(ctx), "25 päämäärää"), (ratios_section(ctx), "pylvästä"),
                          (changes_section(ctx), "25 viivaa")):
        kinds = [block.kind for block in section.blocks]
        assert "Figure" not in kinds
        note = next(b for b in section.blocks if b.kind == "Paragraph")
        assert note.text.startswith("Kuvaa ei piirretty") and what in note.text
        assert any(len(table.rows) == 25 for table in tables(section))
    summary = tables(ratios_section(ctx))[0]
    rated = ctx.metrics["achievement_ratio"].notna()
    assert sum(int(row[1]) for row in summary.rows) == rated.sum()
    assert sum(int(row[3]) for row in summary.rows) == (ctx.metrics.loc[rated, "achievement_ratio"] >= 1).sum()


def test_the_2022_report_keeps_its_figures(context_2022):
    assert [b.kind for b in status_by_aim_section(context_2022).blocks][0] == "Figure"
    assert [b.kind for b in ratios_section(context_2022).blocks] == ["Figure"] * 3


def test_tables_past_their_rows_name_the_command_that_writes_them(context_many_aims, monkeypatch, tmp_path,
                                                                  capsys):
    import shlex

    from kemi_analysis.cli import main
    from kemi_analysis.report import sections

    monkeypatch.setattr(sections, "MAX_ROWS_IN_TABLE", 40)  # 100 metrics and 50 goal rows a year: past it
    ctx = context_many_aims
    notes = {name: getattr(sections, name)(ctx).blocks for name in ("metric_table", "goals_section")}
    notes["changes_section"] = [b for b in changes_section(ctx).blocks if b.kind == "Paragraph"]
    commands = {}
    for name, blocks in notes.items():
        assert blocks[0].kind == "Paragraph" and "Taulukossa olisi" in blocks[0].text, name
        assert not any(b.kind == "Table" and len(b.rows) > 40 for b in blocks)
        commands[name] = blocks[0].text.split("komennolla: ")[1]
    assert commands["metric_table"] == "kemi-analysis export --year 2062 --out mittarit_2062.xlsx"
    assert commands["changes_section"] == "kemi-analysis export --years 2061,2062 --out mittarit_2061-2062.xlsx"
    assert commands["goals_section"].startswith("kemi-analysis parse ") and "tavoitteet_2062.xlsx" in \
        commands["goals_section"]
    monkeypatch.chdir(tmp_path)
    folder = ctx.dataset.folder.path
    for name in ("metric_table", "changes_section"):  # the command works as printed, given the data folder
        argv = shlex.split(commands[name])[1:]
        assert main(["-q", *argv, "--data-dir", str(folder)]) == 0, capsys.readouterr().err
        assert (tmp_path / argv[-1]).is_file()
    monkeypatch.chdir(folder.parent)  # the report names the raw file from beside the data folder
    argv = shlex.split(commands["goals_section"])[1:]
    assert main(["-q", *argv]) == 0, capsys.readouterr().err
    assert (folder.parent / argv[-1]).is_file()
