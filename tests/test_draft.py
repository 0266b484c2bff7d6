"""Drafting annotations from the raw Finnish text, measured against the curated 2022 file."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from types import SimpleNamespace

import pandas as pd
import pytest

from helpers import ANNOTATIONS_2022, FIXTURES, RAW_2022, ROOT

if not os.environ.get("CI"):
    pytest.importorskip("libvoikko")

from kemi_analysis.compute.achievement import build_metrics  # noqa: E402
from kemi_analysis.read.annotations import load_annotations, read_annotations  # noqa: E402
from kemi_analysis.cli import main  # noqa: E402
from kemi_analysis.authoring.grading import compare_with_curated  # noqa: E402
from kemi_analysis.authoring.draft import (  # noqa: E402
    _clause_forms,
    _clauses,
    _derived_from,
    _content_forms,
    _group_labels,
    _hear_echoes,
    _numbers,
    _one_value_per_text,
    _Proposal,
    _propose_ids,
    _read_goal,
    _readings,
    _row,
    _value_before,
    _windows,
    draft_annotations,
    first_clause,
    labelled,
    Reading,
    read_realisation,
    read_statement,
    split_groups,
    split_known,
    split_measures,
    split_statements,
    write_draft,
)
from kemi_analysis.authoring.finnish import guesses, head, lemmas  # noqa: E402
from kemi_analysis.read.parser import load_report  # noqa: E402

# The figures the draft reached on 2022 when this test was written: they may only rise.
STATUS_AGREEMENT_PINNED = 26 / 27
VALUE_RECALL_PINNED = 32 / 33


@pytest.fixture(scope="module")
def drafted_2022(tmp_path_factory):
    report = load_report(RAW_2022)
    path = write_draft(draft_annotations(report), tmp_path_factory.mktemp("draft") / "2022.draft.csv", report)
    annotations = load_annotations(path, report)  # the draft passes the curated file's checks
    return build_metrics(report, annotations), build_metrics(report, load_annotations(ANNOTATIONS_2022, report))


def test_draft_of_2022_agrees_with_the_curated_file(drafted_2022):
    draft, curated = drafted_2022
    figures = compare_with_curated(draft, curated)
    assert figures["rows"] == 27 and figures["values"] == 33
    assert figures["status_agreement"] >= STATUS_AGREEMENT_PINNED >= 0.80
    assert figures["value_recall"] >= VALUE_RECALL_PINNED >= 0.80


def test_draft_covers_every_goal_row_and_quotes_its_values(drafted_2022):
    draft, _ = drafted_2022
    assert set(draft["source_line"]) == {6, 7, 8, 9, 10, 11, 18, 19, 20, 21, 22, 27}
    assert draft["note"].str.startswith("DRAFT, confidence ").all()
    assert (draft.loc[draft["actual_value"].notna(), "evidence_actual"] != "").all()


@pytest.mark.parametrize(("text", "target", "unit", "comparator", "deadline"), [
    ("Vähintään puolet päiväkodeista auditoitu vuoden 2022 aikana", 50, "%", ">=", "2022"),
    ("Kaikki koulut on auditoitu vuoden 2022 loppuun mennessä", 100, "%", ">=", "2022-12"),
    ("Vähintään kolmessa eri palvelussa on kokeiltu chatin toimivuutta", 3, "kpl", ">=", ""),
    ("Seurafoorumi 2 krt/v", 2, "krt/v", ">=", ""),
    ("Jonotusaika enintään 14 vrk", 14, "vrk", "<=", ""),
    ("Selvitys on valmis 5/2022", 1, "kyllä/ei", "=", "2022-05"),
    ("Selvitys on valmis kevät 2022", 1, "kyllä/ei", "=", "2022-05"),
    ("Koulupudokkaita 0", 0, "kpl", "<=", ""),  # none at most
    ("Hankerahoitusta hakee kolme neljästä tulosyksiköstä", 75, "%", ">=", ""),  # three out of four
    ("Harrastetoimintaa jokaisesa koulussa", 100, "%", ">=", ""),  # "jokaisesa": a typo for every
    ("Ei koulupudokkaita", 0, "kpl", "<=", ""),
    ("Hankerahoitusta hakee 3/4 yksiköistä", 75, "%", ">=", ""),
    ("Kerhoihin osallistuu 2/3 oppilaista", 66.7, "%", ">=", ""),
    ("Energiankulutus -40 % vrt. vertailuvuosi", 40, "%", ">=", ""),  # a fall of 40 %
    ("vastausprosentti väh. 35", 35, "%", ">=", ""),  # a percentage by its name
    ("Ryhmäkoko ka ≤ 20 (1.–6. lk)", 20, "kpl", "<=", ""),  # comparators as symbols
    ("Tyytyväisyys ≥ 4,0", 4.0, "kpl", ">=", ""),
])
def test_reading_targets(text, target, unit, comparator, deadline):
    statement = read_statement(text, 1, "A")
    assert (statement.target, statement.unit, statement.comparator, statement.deadline) == (
        target, unit, comparator, deadline)


def test_counts_without_a_target():
    statement = read_statement("Omatoimikirjaston lainausmäärät palvelujan ulkopuolella", 1, "A")
    assert statement.target is None and statement.kind == "count"  # "ulkopuolella" is not "puoli" (half)


@pytest.mark.parametrize(("window", "statement_text", "actual"), [
    ("Päiväkodeista kaksi auditoitu, jäljellä kuusi", "Vähintään puolet päiväkodeista auditoitu", 25.0),
    ("Chat-palvelua ei ole kokeiltu", "Vähintään kolmessa eri palvelussa on kokeiltu chatin toimivuutta", 0.0),
    ("Kulttuuriryityksiä ei ole tiedossa.", "Uudet yritykset", None),
    ("Yhteisiä tapahtumia kymmenien yhdistysten kanssa", "Yhteisten tapahtumien lkm", None),
    ("Avustusta myönnetty 50:lle yhdistykselle.", "Toimivien järjestöjen määrä", 50.0),
    ("Valpas-järjestelmä käytössä", "Valpas-järjestelmä", 1.0),
])
def test_reading_actual_values(window, statement_text, actual):
    reading = read_realisation(window, read_statement(statement_text, 1, "A"))
    assert reading.actual == actual


def test_work_that_continues_is_in_progress():
    reading = read_realisation("Palveluverkon valmiustelutyö jatkuu", read_statement("Selvitys on valmis", 1, "A"))
    assert reading.status == "in_progress" and reading.actual is None
    statement = read_statement("Syväkankaan leikkipuisto kunnostettu 9/2108", 1, "A")
    reading = read_realisation("Pohjatyöt tehtiin elokuussa; leikkivälineet tilattu, otetaan käyttöön 5/2109. "
                               "Muuta ei ole.", statement, 2108)  # the first part done, the rest next year
    assert reading.status == "in_progress" and reading.actual is None
    reading = read_realisation("Pohjatyöt tehtiin elokuussa. Seuraava kunnostus 2110.", statement, 2108)
    assert reading.actual == 1.0  # a later year in another sentence qualifies nothing


def test_statements_split_at_units_and_sentences():
    assert split_statements("Asiakastytvyväisyysskysely 1 krt/v Seurafoorumi 2 krt/v Nuorisovaltuusto 4 krt/v") == [
        "Asiakastytvyväisyysskysely 1 krt/v", "Seurafoorumi 2 krt/v", "Nuorisovaltuusto 4 krt/v"]
    assert split_statements("Valpas-järjestelmä. Opiinmäytetöiden lkm, Järjestettyjen koulutusten lkm") == [
        "Valpas-järjestelmä", "Opiinmäytetöiden lkm", "Järjestettyjen koulutusten lkm"]
    assert len(split_statements("Tieto (mm. Tea-viisari, Hyvinvointiprofiili) OPH")) == 1


def test_a_base_year_or_a_group_is_no_statement_of_its_own_nor_a_deadline():
    assert split_statements("vähenemä 64 % vuoden 2050 tasosta") == ["vähenemä 64 % vuoden 2050 tasosta"]
    assert split_statements("Ryhmäkoko luokilla 1-6 enintään 21") == ["Ryhmäkoko luokilla 1-6 enintään 21"]
    assert split_statements("vähenemä vähintään 16 % vuoden 2050 tasosta aurinkosähkön tuotanto 1 200 MWh") == [
        "vähenemä vähintään 16 % vuoden 2050 tasosta", "aurinkosähkön tuotanto 1 200 MWh"]
    assert read_statement("Kulutus vähenee 55 % vuoden 2050 tasosta", 1, "A").deadline == ""
    assert read_statement("Kaikki koulut sertifioitu vuoden 2050 loppuun mennessä", 1, "A").deadline == "2050-12"


def test_things_named_are_the_target_and_those_done_the_value():
    statement = read_statement("Syväkankaan ja Rytikarin leikkipuistot kunnostettu 9/2109", 1, "A")
    assert (statement.target, statement.unit, statement.comparator) == (2.0, "kpl", ">=")
    assert split_statements("Syväkankaan ja Rytikarin puistot kunnostettu; toimiala mukana") == [
        "Syväkankaan ja Rytikarin puistot kunnostettu", "toimiala mukana"]  # a name after "ja" starts nothing
    assert read_statement("Talousarvion toteuma TA:n mukainen", 1, "A").kind == "yes_no"  # one name: no list
    goal = SimpleNamespace(realisation="Talousarvio piti. Syväkankaan puisto otettiin käyttöön kesäkuussa ja "
                                       "Rytikarin syyskuussa.")  # the second told without a verb of its own
    read = _read_goal(goal, [read_statement("Talousarvio pitää", 1, "A"), statement], [0, 0], 2109)
    assert read[1][1].actual == 2.0 and not read[1][1].certain
    goal = SimpleNamespace(realisation="Rytikarin puisto valmistui. Syväkankaan välineet on tilattu, "
                                       "otetaan käyttöön 6/2110.")
    assert _read_goal(goal, [statement], [0], 2109)[0][1].actual == 1.0  # ordered, in use only next year


def _read_one(statement_text: str, realisation: str, year: int = 2100) -> tuple:
    read = _read_goal(SimpleNamespace(realisation=realisation), [read_statement(statement_text, 1, "A")], [0], year)
    return read[0][1].actual, read[0][1].status


@pytest.mark.parametrize("statement_text, realisation, expected", [  # found by review
    ("Kemin ja Tornion kirjastojen lainaukset vähintään 300 000", "Kemin ja Tornion kirjastoissa lainauksia "
     "kertyi 320 000.", (320000.0, "")),  # a target in digits: no counting of names
    ("Hepolan ja Marttalan leikkipuistot kunnostettu", "Hepolan ja Marttalan leikkipuistot kunnostettiin.",
     (2.0, "")),  # named together, one verb after
    ("Hepolan ja Marttalan leikkipuistot kunnostettu", "Hepolan puisto valmistui, Marttalan puistoa "
     "suunnitellaan.", (1.0, "")),  # a verb of its own, not past
    ("Hepolan ja Marttalan leikkipuistot kunnostettu", "Marttalan puiston kunnostus siirtyi vuodelle 2101. "
     "Hepolan puisto valmistui.", (1.0, "")),  # told in two sentences
    ("Syväkankaan ja Rytikarin leikkipuistot kunnostettu", "Syväkangas kunnostettiin kesällä, Rytikari syksyllä.",
     (2.0, "")),  # names in another case: "Syväkankaan", "Syväkangas"
    ("Asiakaskysely 1 krt/v", "Kysely siirtyi syksyltä keväälle.", (0.0, "")),  # from and to: a delay
    ("Asiakaskysely 1 krt/v", "Kysely siirtyi tältä vuodelta ensi vuodelle.", (0.0, "")),
    ("Kävijöitä 1 000", "Kävijöitä oli 1 200 tavoitteen ollessa 1 000.", (1200.0, "")),  # not a restated target
    ("Kävijöitä 5 000", "Kävijöitä 4 800, tavoitteesta jäätiin 200.", (4800.0, "")),
    ("Toteuma talousarvion mukainen", "Talousarvio alittui, koska osa hankinnoista tilataan vasta vuonna 2101.",
     (1.0, "")),  # a budget kept is kept
    ("Kerho kaikissa kouluissa", "Kerhoja oli 8 koulussa 10:stä, yksi ei ilmoittanut.", (80.0, "")),
    ("Vähintään 80 % kouluista mukana liikkuvassa koulussa", "Kaikki koulut mukana. Kouluista 12 % järjesti "
     "lisäksi liikuntapäivän.", (100.0, "")),  # another sentence's share is not this one's
])
def test_readings_the_review_found_wrong(statement_text, realisation, expected):
    assert _read_one(statement_text, realisation) == expected


def test_base_years_comparators_and_plural_heads_as_the_review_asked():
    assert split_statements("Päästöt vähenevät vuoden 2050 tasosta vähintään 16 %") == [
        "Päästöt vähenevät vuoden 2050 tasosta vähintään 16 %"]
    assert [read_statement(t, 1, "A").deadline for t in ("Päästöt -40 % vuoden 2090 tasolta",
                                                          "Päästöt -40 % verrattuna vuoteen 2090")] == ["", ""]
    assert read_statement("Tyytyväisyys vähintään 4,0 (asteikko 1-5, <3 heikko)", 1, "A").comparator == ">="
    assert read_statement("Kemin ja Tornion yhteinen jätehuoltosuunnitelma valmis", 1, "A").kind == "yes_no"


def test_a_cell_splits_where_last_years_statement_begins():
    known = ["Uimahallin käynnit vähintään 90 000", "uimakoulut 40 kpl", "Toteuma TA:n mukainen"]
    assert split_known("Uimahallin käynnit vähintään 95 000 uimakoulut 45 kpl", known) == [
        "Uimahallin käynnit vähintään 95 000", "uimakoulut 45 kpl"]
    # a word that only shares a base form with last year's first word is not where it begins
    assert split_known("Sopimus vähintään 80 %:lla avustettavista", ["Avustettujen yhdistysten määrä"]) == [
        "Sopimus vähintään 80 %:lla avustettavista"]
    # nor does a split leave a piece that is no statement ("TA:n mukainen toteuma" in another order)
    assert split_known("Toteuma TA:n mukainen", ["TA:n mukainen toteuma"]) == ["Toteuma TA:n mukainen"]


def test_run_together_statements_split_without_last_year():
    assert split_statements("Käynnit vähintään 50 000 lainat vähintään 120 000") == [
        "Käynnit vähintään 50 000", "lainat vähintään 120 000"]
    assert split_statements("Käynnit väh. 50 000 - Lainat 120 000 - Ryhmäkoko 20 - 21") == [
        "Käynnit väh. 50 000", "Lainat 120 000", "Ryhmäkoko 20 - 21"]  # a dash between, not in a range
    assert split_statements("1) Kävijät 5 000 2) Selvitys valmis 5/2040 3) Uudet seurat") == [
        "Kävijät 5 000", "Selvitys valmis 5/2040", "Uudet seurat"]  # a numbered list
    assert split_statements("Myydyt liput 4 000 joista neljännes verkossa") == [
        "Myydyt liput 4 000", "joista neljännes verkossa"]
    assert split_measures("Ryhmäkoko enintään 22 luokilla 1–6 ja enintään 21 luokilla 7–9") == [
        "Ryhmäkoko enintään 22 luokilla 1–6", "ja enintään 21 luokilla 7–9"]


def test_a_list_of_targets_splits_at_commas_when_each_piece_has_a_quantity_of_its_own():
    # "kaikissa" is a target as much as a number is: a piece with it starts a statement of its own
    assert split_statements("Kerhotoimintaa kaikissa päiväkodeissa, kerhoissa 40 % lapsista, kyselyn tulokset "
                            "käsitelty kaikissa yksiköissä 5/2090") == [
        "Kerhotoimintaa kaikissa päiväkodeissa", "kerhoissa 40 % lapsista",
        "kyselyn tulokset käsitelty kaikissa yksiköissä 5/2090"]
    # a piece with neither stays with the one before
    assert split_statements("Sertifikaatti kaikille päiväkodeille, kouluille ja kirjastoille") == [
        "Sertifikaatti kaikille päiväkodeille, kouluille ja kirjastoille"]


def _values(statements: list, realisation: str, year: int = 2100) -> list:
    goal = SimpleNamespace(realisation=realisation)
    return [reading.actual for _, reading in _read_goal(goal, statements, [0] * len(statements), year)]


def test_a_grading_scale_is_no_group_of_pupils():
    assert _group_labels("tyytyväisyys vähintään 4,0 (1–5)") == set()
    assert _group_labels("arvosana 3,8 asteikolla 1–5") == _group_labels("Asteikko 1-10") == set()
    assert _group_labels("Ryhmäkoot 20–21 (1–6 lk) ja 20,2 (7–9 lk)") == {"20-21", "1-6", "7-9"}
    assert _group_labels("yläluokilla 19,1") == {"7-9"}  # a stage by its name


def test_between_clauses_a_statement_names_equally_it_leaves_the_one_another_statement_names():
    pilots = read_statement("Chat 12 palvelussa", 1, "A")
    grade = replace(read_statement("Chatin asiakastyytyväisyys vähintään 4,0 (1–5)", 1, "A"),
                    echo=frozenset({"arvosana"}))  # last year: "Chatin arvosana oli 4,1"
    assert _values([pilots, grade], "Chat-palvelun arvosana oli 3,9 asteikolla 1–5, ja chat on käytössä "
                                    "kahdessatoista palvelussa.") == [12.0, 3.9]


def test_a_part_its_noun_and_its_whole_are_one_clause():
    text = "Sähköisiä ajanvarauksia 99,4 %; chat käytössä 38 palvelussa 40:stä"
    assert [text[a:b].strip() for a, b in _clauses(text)] == ["Sähköisiä ajanvarauksia 99,4 %;",
                                                              "chat käytössä 38 palvelussa 40:stä"]


def test_a_word_the_other_statements_share_counts_less_in_finding_a_statements_paragraph():
    # "ajanvaraus" is the booking share's word too: the app's own word "mobiilisovellus" tells its paragraph
    statements = [read_statement(t, 1, "A") for t in ("Sähköinen ajanvaraus vähintään 98 %",
                                                      "Chat kaikissa palveluissa",
                                                      "Ajanvarauksen mobiilisovellus käytössä 2100")]
    windows = _windows(statements, ["Mobiilisovellus hankittu, otetaan käyttöön 3/2101",
                                    "Sähköisiä ajanvarauksia 98,8 %; chat käytössä 30 palvelussa 40:stä"], [0, 1, 2])
    assert windows[2][0].startswith("Mobiilisovellus")


def test_a_target_for_both_of_two_groups_told_with_seka_etta_is_two_statements():
    text = "Ryhmäkoko on keskimäärin enintään 21 oppilasta sekä luokilla 1–6 että luokilla 7–9"
    assert split_statements(text) == [text]
    both = split_groups(read_statement(text, 1, "A"))
    assert [(s.topic, s.target) for s in both] == [
        ("Ryhmäkoko on keskimäärin enintään 21 oppilasta luokilla 1–6", 21.0),
        ("Ryhmäkoko on keskimäärin enintään 21 oppilasta luokilla 7–9", 21.0)]
    assert _values(both, "Yläluokkien ryhmissä oli keskimäärin 19,4 oppilasta, alaluokilla keskikoko nousi "
                         "21,5 oppilaaseen.") == [21.5, 19.4]


def test_of_counts_alike_the_one_in_the_clause_of_the_statements_verb_is_the_value():
    statement = read_statement("Liikuntaseteleitä käytetään 400", 1, "A")
    assert read_realisation("Liikuntaseteleitä jaettiin 420, ja käytettyjä oli 388.", statement).actual == 388.0
    assert read_realisation("Seteleitä käytti 388 nuorta, vaikka jaettiin 420.", statement).actual == 388.0
    assert read_realisation("Seteleitä jaettiin 420 ja niitä käytettiin runsaasti.", statement).actual == 420.0


def test_a_count_told_as_a_share_of_a_whole_said_before():
    statement = read_statement("Liikuntaseteleitä käytetään 250", 1, "A")
    assert read_realisation("Liikuntaseteleitä jaettiin 400, joista käytettiin kolme neljästä.",
                            statement).actual == 300.0
    # a share of another measure, not in the statement's verb: the whole is the value
    assert read_realisation("Liikuntaseteleitä käytettiin 400, joista puolet kuntosaleilla.",
                            statement).actual == 400.0


def test_whom_a_share_is_of_stays_in_its_clause_and_a_full_stop_ends_one_after_a_single_word():
    text = "Kuntosaleilla kävi 41 prosenttia aikuisista, uimahallissa 12 % lapsista."
    assert [text[a:b].strip() for a, b in _clauses(text)] == ["Kuntosaleilla kävi 41 prosenttia aikuisista,",
                                                              "uimahallissa 12 % lapsista."]
    text = "tuotanto 3 100 MWh eli 94 % tavoitteesta kulutuksen vähenemä oli 51,2 %"  # run together
    assert [text[a:b].strip() for a, b in _clauses(text)][1].startswith("tavoitteesta kulutuksen")
    text = "Sähköisiä olivat 98,1 % laskuista ja 96,4 % tilauksista."
    assert [text[a:b].strip() for a, b in _clauses(text)][0] == "Sähköisiä olivat 98,1 % laskuista ja"
    text = "Sähköisten laskujen osuus 98,1 % tilauksista 96,4 prosenttia"  # run together: a new group
    assert [text[a:b].strip() for a, b in _clauses(text)][-1] == "tilauksista 96,4 prosenttia"
    text = "Käyttäjiä oli 9 800, mikä on 98 % tavoitteesta. Laskuista sähköisiä oli 97 %."
    assert [text[a:b].strip() for a, b in _clauses(text)][-1] == "Laskuista sähköisiä oli 97 %."


def test_a_share_of_the_target_is_not_the_value():
    statement = read_statement("Aurinkosähkön osuus vähintään 20 %", 1, "A")
    assert read_realisation("tuotettiin 3 100 MWh eli 94 % tavoitteesta", statement).actual is None


@pytest.mark.parametrize("realisation", [
    "Laskuista ja tilauksista sähköisiä oli vastaavasti 98,1 ja 96,4 prosenttia.",
    "Sähköisten laskujen ja tilausten osuudet olivat 98,1 ja 96,4 prosenttia.",
    "Tilausten ja laskujen osuudet olivat 96,4 ja 98,1 %.",
    "Sähköisiä olivat 98,1 % laskuista ja 96,4 % tilauksista.",  # each value before whom it is of
])
def test_two_things_named_and_then_two_values_are_each_ones_in_order(realisation):
    statements = [read_statement(t, 1, "A") for t in ("Sähköiset laskut 97 %", "sähköiset tilaukset 95 %")]
    assert _values(statements, realisation) == [98.1, 96.4]


@pytest.mark.parametrize("realisation, expected", [
    ("Toteuma oli talousarvion mukainen, kun lisätalousarvio otetaan huomioon.", 1.0),
    ("Toteuma ei ollut TA:n mukainen: menot ylittyivät 2 %.", 0.0),
])
def test_a_budget_said_to_be_kept_as_toteuma_mukainen(realisation, expected):
    assert read_realisation(realisation, read_statement("Toteuma TA:n mukainen", 1, "A")).actual == expected


def test_not_a_single_one_is_none():
    statement = read_statement("Koulupudokkaita enintään 2", 1, "A")
    assert read_realisation("Yksikään oppilas ei jäänyt ilman jatko-opiskelupaikkaa.", statement).actual == 0.0
    assert read_realisation("Vain yksi oppilas jäi ilman paikkaa.", statement).actual == 1.0


def test_bullets_and_a_comma_after_whom_a_share_is_of_end_clauses():
    text = "* Kävijöitä oli 4 100 * seuroja tuettiin kahdeksan * uusia ohjaajia ei saatu"
    assert [text[a:b].strip() for a, b in _clauses(text)] == [
        "* Kävijöitä oli 4 100", "* seuroja tuettiin kahdeksan", "* uusia ohjaajia ei saatu"]
    text = "Uimakouluun osallistui 64 prosenttia oppilaista, kaksi prosenttiyksikköä alle tavoitteen."
    assert [text[a:b].strip() for a, b in _clauses(text)][0] == "Uimakouluun osallistui 64 prosenttia oppilaista,"


def test_statements_run_together_split_at_a_slash_a_parenthesis_and_a_thing_due_by_a_date():
    assert split_statements("Toteuma TA:n mukainen / Ryhmäkoko enintään 21") == [
        "Toteuma TA:n mukainen", "Ryhmäkoko enintään 21"]
    assert split_statements("Päästöt -20 % (vertailuvuosi 2050) Tuulivoimaa 300 MWh") == [
        "Päästöt -20 % (vertailuvuosi 2050)", "Tuulivoimaa 300 MWh"]
    assert split_statements("uimakoulut 40 kpl laaja liikuntaselvitys lautakunnalle 5/2090") == [
        "uimakoulut 40 kpl", "laaja liikuntaselvitys lautakunnalle 5/2090"]
    assert split_statements("Kävijöitä 300, hallin kuntoarvio valmis 9/2090") == [
        "Kävijöitä 300", "hallin kuntoarvio valmis 9/2090"]
    # not the thing counted, what a share is of, a year, nor a thing done by a year
    assert len(split_statements("kyselyn 2089 tulokset käsitelty kaikissa kouluissa 3/2090")) == 1
    assert len(split_statements("Liikuntaohjelma 2091-2094 hyväksytty 2090")) == 1


@pytest.mark.parametrize("statement_text, realisation, expected", [
    ("Toteuma TA:n mukainen", "Talousarvio toteutui osin.", (None, "partial")),  # kept in part: no yes or no
    ("Uimahallin kävijät vähintään 9 000", "Kävijämäärät eivät ole käytettävissä kassavian vuoksi.", (None, "")),
    ("Lainaukset vähintään 7 000", "Lainauksia ei saatu eriteltyä järjestelmän vuoksi.", (None, "")),
    ("Salien käyttöaste vähintään 60 %", "Käyttöastetta ei tänä vuonna ole.", (None, "")),
    ("Sopimus kaikkien seurojen kanssa", "Sopimuksia ei ole vielä tehty.", (0.0, "")),  # none done: a zero
])
def test_a_figure_not_to_be_had_is_no_zero(statement_text, realisation, expected):
    reading = read_realisation(realisation, read_statement(statement_text, 1, "A"))
    assert (reading.actual, reading.status) == expected


@pytest.mark.parametrize("realisation, expected", [
    ("Kuntoilijafoorumit touko- ja marraskuussa.", 2.0),  # the first of a pair by its first part
    ("Foorumi kokoontui sekä kevät- että syyskauden alussa.", 2.0),  # a season's term is the season
    ("Foorumi pidettiin toukokuussa; syksyn foorumi siirtyy helmikuulle 2101.", 1.0),  # one held, one moved
    ("Foorumi vain keväällä.", 1.0),  # one season against twice a year: once
    ("Foorumi 10/2100", 1.0),  # a month of the report's year
    ("Foorumi kokoontui uimahallissa, kirjastossa ja nuorisotalolla.", 3.0),  # once in each place named
    ("Kirjaston ja uimahallin foorumit pidettiin.", 2.0),
    ("Foorumi pidettiin syyskuussa kirjastossa, uimahallissa ja nuorisotalolla.", 3.0),  # a month is no place
])
def test_times_a_year_told_by_the_seasons_and_months_named(realisation, expected):
    assert read_realisation(realisation, read_statement("Kuntoilijafoorumi 2 krt/v", 1, "A"), 2100).actual == expected


@pytest.mark.parametrize("statement_text, realisation, expected", [
    ("Esteettömiä tiedotteita 98 %", "Julkaistuista 150 tiedotteesta kahta lukuun ottamatta kaikki olivat "
     "esteettömiä.", 98.7),  # all but two
    ("Esteettömiä tiedotteita 98 %", "Tiedotteista vain yksi sadasta ei ollut esteetön.", 99.0),
    ("Kerhoja kaikissa kouluissa", "Kolmessa koulussa kymmenestä ei ollut kerhoja.", 70.0),  # the whole between
    ("Esteettömiä tiedotteita 98 %", "Esteettömiä olivat lähes kaikki, 150 tiedotteesta 148.", 98.7),  # the figures
    ("Kerhoja kaikissa kouluissa", "Kerhoja oli yhdeksällä koululla kymmenestä – ei aivan tavoitteessa.", 90.0),
    ("Tuulisähkö vähintään 6 000 MWh", "Tuulisähköä tuotettiin noin kuusi gigawattituntia.", 6000.0),
    ("Toteuma TA:n mukainen", "Nettomenot jäivät talousarvion sisään.", 1.0),
    ("Kierrätysaste vähintään 60 %", "Kierrätysaste parani edellisvuoden 58 prosentista 1,5 prosenttiyksikköä.",
     59.5),  # told as a change from last year
    ("Kierrätysaste vähintään 60 %", "Kierrätysaste laski 62 prosentista 3 prosenttiyksikköä.", 59.0),
    ("Hepolan ja Marttalan leikkipuistot kunnostettu", "Kumpikin puisto otettiin käyttöön, Hepola kesäkuussa ja "
     "Marttala elokuussa.", 2.0),  # the verb before both names
    ("Hepolan ja Marttalan leikkipuistot kunnostettu", "Kumpikin puisto otettiin käyttöön kesällä.", 2.0),
])
def test_parts_not_done_units_in_words_budgets_and_both_named_things(statement_text, realisation, expected):
    assert read_realisation(realisation, read_statement(statement_text, 1, "A"), 2100).actual == expected


@pytest.mark.parametrize("statement_text, realisation, expected", [  # found by review of the new readings
    ("Toteuma TA:n mukainen", "Toteuma ei ollut talousarvion mukainen.", (0.0, "")),
    ("Toteuma TA:n mukainen", "Menot eivät mahtuneet talousarvion sisään.", (0.0, "")),
    ("Toteuma TA:n mukainen", "Talousarvio alittui, vaikka investoinnit toteutuivat vain osin.", (1.0, "")),
    ("Kerhoja kaikissa kouluissa", "Kerhotoimintaa oli 9 koulussa 10:stä eikä ohjaajapulaa ollut.", (90.0, "")),
    ("Kerhoja kaikissa kouluissa", "Heinäkuuta lukuun ottamatta kerhoja oli yhdeksässä koulussa kymmenestä.",
     (90.0, "")),
    ("Kerhoja kaikissa kouluissa", "Kouluissa ei ole kerhoja.", (0.0, "")),  # none: not a figure not had
    ("Asukaskysely 1 krt/v", "Kysely toteutettiin verkossa ja kirjastossa.", (1.0, "")),  # two places: anything
    ("Asukaskysely 1 krt/v", "Kysely tehtiin yhteistyössä kaupungin ja seurakunnan kanssa.", (1.0, "")),
    ("Asukaskysely 1 krt/v", "Kysely toteutettiin touko- ja kesäkuun aikana.", (1.0, "")),  # one period
    ("Asukaskysely 1 krt/v", "Kysely tehty 9/2100, tulokset lautakunnassa 11/2100.", (1.0, "")),
    ("Foorumi 2 krt/v", "Foorumin suunnittelu aloitettiin syksyllä.", (None, "")),  # begun, not held
    ("Liikuntaseteleitä käytetään 400", "Seteleitä lunastettiin 410, kun edellisvuonna niitä käytettiin 380.",
     (410.0, "")),  # last year's verb is not this year's value
    ("Liikuntaseteleitä käytetään 400", "Seteleitä jaettiin 520, joista käytettiin 410 eli 79 %.", (410.0, "")),
    ("Esteettömiä tiedotteita 98 %", "Esteettömiä olivat lähes kaikki tiedotteet. Kyselyyn vastasi 212 asukasta, "
     "joista 150 oli tyytyväisiä.", (None, "partial")),  # another sentence's figures are not these
    ("Kierrätysaste vähintään 60 %", "Aste nousi 1,5 prosenttiyksikköä edellisvuoden 58 prosentista.", (59.5, "")),
    ("Kierrätysaste vähintään 60 %", "Aste laski kasvaneen jätemäärän vuoksi 62 prosentista 3 prosenttiyksikköä.",
     (59.0, "")),
    ("Hepolan ja Marttalan leikkipuistot kunnostettu", "Kummankin puiston kunnostus valmistui kesällä.", (2.0, "")),
])
def test_new_readings_the_review_found_wrong(statement_text, realisation, expected):
    reading = read_realisation(realisation, read_statement(statement_text, 1, "A"), 2100)
    assert (reading.actual, reading.status) == expected


def test_new_splits_and_pairs_the_review_found_wrong():
    assert split_statements("Vähintään 3 uutta harrastusryhmää käynnissä 9/2100") == [
        "Vähintään 3 uutta harrastusryhmää käynnissä 9/2100"]
    statements = [read_statement(t, 1, "A") for t in ("Kävijöitä uimahallissa 90 000", "kävijöitä kirjastossa 60 000")]
    assert _values(statements, "Uimahallin ja kirjaston kävijämäärät olivat 92 000 ja 58 000.") == [92000.0, 58000.0]
    shares = [read_statement(t, 1, "A") for t in ("Sähköiset laskut 97 %", "sähköiset tilaukset 95 %")]
    assert _values(shares, "Laskuista ja tilauksista sähköisiä oli 98 %, edellisvuonna 97 ja 96 %.") != [97.0, 96.0]
    text = "Kävijöitä 92 000, seuratuen haku siirtyi ensi vuoteen."  # a new subject after the comma
    assert not _value_before(text, _clauses(text), 1)


@pytest.mark.parametrize("statement_text, realisation, expected", [
    ("Päästöjen vähenemä väh. 60 % vuoden 2050 tasosta", "Päästöt vuoden 2050 tasoon verrattuna: −61,2 %", 61.2),
    ("Lippuja myydään 20 000", "Lippuja myytiin kaksikymmentätuhatta viisisataa", 20500.0),
    ("Lippuja myydään 10 000", "Lippuja myytiin kymmenentuhatta kolmesataa", 10300.0),  # Voikko: an ash
    ("Lippuja myydään 10 000", "Lippuja myytiin kymmenentuhattakaksisataa", 10200.0),  # one word Voikko lacks
    ("Etäpalvelua 12 palvelussa", "etäpalvelu poistui yhdestä palvelusta (12 → 11)", 11.0),  # where it went
    ("Tyytyväisyys vähintään 4,0", "Arvosana laski hieman (4,2 → 3,9).", 3.9),  # decimals too
    ("Hakemuksen jättää 80 % seuroista", "Hakemuksen jätti kahdeksan seuraa; kaksi jätti hakematta.", 80.0),
    ("Kyselyn tulokset käsitelty kaikissa kouluissa", "Tulokset käsiteltiin seitsemässä koulussa; kolmessa "
     "käsittely siirtyi syksyyn.", 70.0),  # done and not: of all
    ("Liikuntaseteleitä käytetään 250", "Jaetuista 300 setelistä käytettiin kaikki paitsi kuusi.", 294.0),
    ("Liikuntaseteleitä käytetään 250", "Jaetuista 300 setelistä 20 jäi käyttämättä.", 280.0),
    ("Liikuntaseteleitä käytetään 250", "Seteleitä käytettiin 281 eli kaikki paitsi neljä.", 281.0),  # the count
])
def test_signed_falls_numerals_arrows_and_what_was_not_done(statement_text, realisation, expected):
    assert read_realisation(realisation, read_statement(statement_text, 1, "A"), 2100).actual == expected


@pytest.mark.parametrize("statement_text, last, realisation, expected", [
    ("Käyntejä 42 000", 40900.0, "Käyntejä oli 2 000 enemmän kuin vuonna 2099.", 42900.0),
    ("Yhteistapahtumia 60", 65.0, "Yhteistapahtumia järjestettiin kaksi vähemmän kuin edellisvuonna.", 63.0),
    ("Aurinkosähköä 7 600 MWh", 7650.0, "Aurinkosähkön tuotanto laski edellisvuodesta 400 MWh.", 7250.0),
    ("Yritysasiakkaiden osuus 40 %", 44.5, "Osuus kasvoi edellisvuodesta neljä prosenttiyksikköä.", 48.5),
    ("Energiankulutus vähenee 76 % vuoden 2050 tasosta", 76.4, "Vähenemä kasvoi puoli prosenttiyksikköä.", 76.9),
    ("Energiankulutus vähenee 76 % vuoden 2050 tasosta", 76.4,  # the consumption fell: its fall grew
     "Energiankulutus väheni edellisvuodesta 0,5 prosenttiyksikköä.", 76.9),
    ("Ryhmäkoko enintään 20 oppilasta", 19.6, "Ryhmäkoko kasvoi edellisvuodesta 0,7 oppilaalla, kun kaksi luokkaa "
     "yhdistettiin.", 20.3),
    ("Sähköinen ajanvaraus 99,5 %", 99.6, "Sähköisen ajanvarauksen osuus pysyi edellisvuoden tasolla.", 99.6),
    # a level told beside how it compares, a level it rose to, a rise told from-to: the level, not last year's sum
    ("Kävijöitä 60 000", 60500.0, "Kävijöitä oli arviolta 59 000, hieman vähemmän kuin edellisvuonna.", 59000.0),
    ("Kävijöitä 40 000", 38000.0, "Kävijämäärä kasvoi edellisvuodesta ja oli 41 300.", 41300.0),
    ("Käyntejä 40 000", 38000.0, "Käynnit kasvoivat edellisvuoden 36 900 käynnistä 41 300:aan.", 41300.0),
    ("Ryhmäkoko enintään 20", 20.4, "alaluokilla keskikoko nousi 20,8 oppilaaseen, kun kahdeksalla luokalla "
     "oppilasmäärä kasvoi", 20.8),  # the first number told is the level; the later one no change of it
    # a verdict first, an aside, a change by how much (the adessive), "vuotta aiemmin", a year alone
    ("Aurinkosähköä 8 500 MWh", 8480.0, "Aurinkosähkö: ylittyi. Tuotanto kasvoi 120 MWh edellisvuodesta (uusi "
     "40 kW:n voimala verkossa 3/2100 alkaen).", 8600.0),
    ("Ryhmäkoko enintään 20 oppilasta", 19.8, "Ryhmäkoko: hieman yli rajan. Keskiarvo nousi 0,4 oppilaalla, koska "
     "kaksi luokkaa yhdistettiin.", 20.2),
    ("Käyntejä lähikirjastoissa 43 000", 44900.0, "Lähikirjastoissa 1 200 vähemmän kuin vuotta aiemmin.", 43700.0),
    ("Palvelupaketteja 11 000 kpl", 11320.0, "Pakettimyynti: 300 kpl enemmän kuin 2099.", 11620.0),
    ("Henkilöstökoulutuksia 15", 16.0, "Koulutuksia pidettiin kolme vähemmän kuin 2099.", 13.0),
    ("Chat 16 palvelussa", 16.0, "Chat yhtä monessa palvelussa kuin 2099", 16.0),  # "yhtä" is no one here
    ("Käyntejä lähikirjastoissa 43 000", 44100.0, "Lähikirjastoissa käytiin 900 kertaa enemmän kuin vuonna 2099.",
     45000.0),  # visits ("kertaa"), not times as many
    ("Ryhmäkoko enintään 20 oppilasta", 19.7, "Ryhmäkoko sen sijaan pysyi samana kuin vuonna 2099.", 19.7),
    ("Aurinkosähköä 8 500 MWh", 9300.0, "Invertterin kahden kuukauden vika söi aurinkosähköä, jota kertyi 500 MWh "
     "vähemmän kuin edellisvuonna.", 8800.0),  # past the cause told first
    ("Tapahtumia 8", 5.0, "Tapahtumia järjestettiin kaksi kertaa enemmän kuin edellisvuonna.", None),  # twice as many
    ("Chat 16 palvelussa", 16.0, "Chat lopetettiin kahdessa palvelussa vähäisen käytön vuoksi.", 14.0),  # ended
    ("Lähiruoan osuus vähintään 30 %", 30.0, "Osuus nousi edellisvuoden 30 prosentista arviolta kolmella "
     "prosenttiyksiköllä.", 33.0),  # where it started is no level told beside the change
    # the review's: a level told beside the change, or numbers that are no change of it
    ("Käyntejä 40 000", 40500.0, "Käyntejä kertyi 41 800, lähes yhtä paljon kuin edellisvuonna.", 41800.0),
    ("Käyntejä 40 000", 40000.0, "Käyntejä oli 1 200 enemmän kuin edellisvuonna, yhteensä 41 500.", 41500.0),
    ("Ryhmäkoko enintään 20 oppilasta", 19.6, "Ryhmäkoko kasvoi edellisvuodesta kolmella koululla.", None),
    ("Käyntejä 40 000", 40000.0, "Käynnit kasvoivat edellisvuodesta neljässä kirjastossa viidestä.", None),
])
def test_a_value_told_only_as_a_change_from_last_year_is_read_on_last_years(statement_text, last, realisation,
                                                                             expected):
    statement = replace(read_statement(statement_text, 1, "A"), last=last)
    reading = read_realisation(realisation, statement, 2100)
    if expected is None:  # where, not by how much: no change read (whatever else is)
        assert not any("from last year" in reason or "than last year" in reason for reason in reading.reasons)
        return
    assert reading.actual == expected
    assert not reading.certain or expected in (59000.0, 41300.0, 20.8, 41800.0, 41500.0)  # the analyst confirms a
    # sum on last year's


def test_a_change_is_not_read_without_last_years_value_nor_as_a_share_of_itself():
    statement = read_statement("Käyntejä 42 000", 1, "A")
    assert read_realisation("Käyntejä oli 2 000 enemmän kuin vuonna 2099.", statement, 2100).actual != 42900.0
    grown = replace(read_statement("Lainoja 40 000", 1, "A"), last=38000.0)
    assert read_realisation("Lainaus kasvoi edellisvuodesta 5 %.", grown, 2100).actual not in (38005.0, 39900.0)
    previous = pd.DataFrame({"metric_id": ["joint_events"], "metric": ["Yhteistapahtumien määrä"],
                             "evidence_target": ["Yhteistapahtumia 60"], "evidence_actual": ["Tapahtumia oli 65"],
                             "actual_value": ["65"]})
    statements = [read_statement("Yhteistapahtumia 62", 1, "A")]
    _hear_echoes([statements], previous)
    assert statements[0].last == 65.0  # from --previous: the metric it continues


@pytest.mark.parametrize("statement_text, realisation, expected", [
    ("Koulutuksia 15", "Koulutuskalenterin 16 koulutuksesta pidettiin 13", 13.0),  # the part of a whole said first
    ("Auditoituja verkkopalveluja 8 kpl", "Kymmenestä verkkopalvelusta seitsemän on auditoitu", 7.0),
    ("Opinnäytetöitä 16", "Opinnäytetöitä valmistui 18 niistä 6 ylempiä", 18.0),  # "niistä": a subset, not the whole
    ("Omatoimikirjautumisia 24 000", "Omatoimikirjasto: 25 300 kirjautumista (+6 %).", 25300.0),
    ("Käyntejä 98 000", "Pääkirjastossa noin sata tuhatta käyntiä", 100000.0),  # a numeral times a scale word
    ("Käyntejä 4 000", "Käyntejä kirjattiin kolme tuhatta", 3000.0),
    ("Seteleitä käytetään 180", "Jaetuista 240 kesätyösetelistä neljännes jäi käyttämättä.", 180.0),
    ("Harrastetoimintaa kaikissa kouluissa", "Jokaisessa yhdeksässä koulussa toimi vähintään kaksi kerhoa.", 100.0),
    ("Sertifikaatti kaikilla kouluilla", "Yksikään koulu ei menettänyt sertifikaattiaan.", 100.0),
    ("Sopimus 90 %:lla avustettavista", "Sopimus on tehty kaikkien paitsi kahden kanssa, ja avustettavia oli "
     "kaikkiaan kuusikymmentä.", 96.7),  # "kaikkiaan": in all, a sum; not "all sixty"
    ("Sertifikaatti kaikissa päiväkodeissa", "Lepikon sertifikaatti raukesi remontin ajaksi; muut 14 päiväkotia "
     "ovat sertifioituja.", 93.3),  # the others after one left out
    ("Kerhoja kaikissa kouluissa", "Kahdessa koulussa kerhot olivat tauolla; muissa kuudessa toiminta jatkui.", 75.0),
    ("Kerhoja kaikissa kouluissa", "Ajoksen koulu odottaa auditointia (2/2101). Muilla yhdeksällä koululla on.", 90.0),
    ("Hakemuksen jättää 75 % yksiköistä", "Hakemuksen jätti lähes kaikki yksiköt, 11/12", 91.7),  # the figure, not
    ("Hakemuksen jättää 75 % yksiköistä", "Hakemuksen jätti lähes kaikki yksiköt", 90.0),  # about 90 %, an estimate
    ("Sertifikaatti kaikissa päiväkodeissa", "Uusi päiväkoti odottaa auditointia. Muut 17 pitivät omansa.", 94.4),
    ("Seteleitä käytetään 180", "Kesätyösetelit: 230 jaettiin, 30 jäi käyttämättä.", 200.0),  # a whole given
    ("Seteleitä käytetään 180", "Seteleitä käytettiin 181, 19 jäi käyttämättä.", 181.0),  # the count used is told
    ("Hankerahoitusta hakee 80 % yksiköistä", "Kahdeksan tulosyksikköä haki hankerahoitusta, neljä ei.", 66.7),
    ("Hankerahoitusta hakee 80 % yksiköistä", "Yhdeksän yksikköä haki, kolme ei hakenut.", 75.0),  # of all twelve
    ("Selkotiedotteita 98 %", "Julkaistiin 248, niistä yksi ei ollut selkokielinen.", 99.6),  # "niistä": of them
    ("Sopimus kaikkien avustettavien kanssa", "Kaikki 83 ovat allekirjoittaneet sopimuksen, kolme uutta mukaan "
     "lukien.", 100.0),
    ("Hankerahoitusta hakee 80 % yksiköistä", "Hankerahoitusta hakivat kahta lukuun ottamatta kaikki kaksitoista "
     "tulosyksikköä.", 83.3),  # all but two, not all twelve
])
def test_parts_wholes_scales_and_all_of_a_number(statement_text, realisation, expected):
    assert read_realisation(realisation, read_statement(statement_text, 1, "A"), 2100).actual == expected


@pytest.mark.parametrize("statement_text, realisation, expected", [
    # a subset of a whole said first is no count of it; a part cancelled, nor a fraction, is no part done
    ("Koulutuksia 15", "Pidetyistä 16 koulutuksesta 3 oli verkossa.", 16.0),
    ("Käyntejä 40 000", "Kirjaston 41 500 käynnistä 12 000 oli omatoimikäyntejä.", 41500.0),
    ("Seteleitä käytetään 180", "Jaetuista 240 setelistä käytettiin vain kolmannes, loput jäivät käyttämättä.", 80.0),
    ("Seteleitä käytetään 180", "Vuoden jälkimmäisellä puolella jaetuista 240 setelistä osa jäi käyttämättä.", 240.0),
    ("Reklamaatioita alle 5", "Reklamaatioita tuli kolme tuhannesta toimituksesta.", 3.0),  # "tuhannesta": of, not 000
    ("Vihreä lippu 80 %:lla päiväkodeista", "Yksikään päiväkoti ei menettänyt lippuaan, mutta lippu on vasta 12 "
     "päiväkodilla 20:stä.", 60.0),  # none lost, but a share told
    ("Raportin palauttaa 90 % yksiköistä", "Tulosyksiköitä on 12, kolme ei palauttanut.", 75.0),  # 12 is all
    ("Hankerahoitusta hakee 80 % yksiköistä", "Yhdeksän yksikköä haki hankerahoitusta, kolme ei saanut.", 66.7),
    ("Seurafoorumi 2 krt/v", "Seurafoorumit pidettiin maaliskuussa ja lokakuussa, osallistujia yhteensä 140.", 2.0),
])
def test_sentences_a_review_wrote_to_break_the_new_readings(statement_text, realisation, expected):
    assert read_realisation(realisation, read_statement(statement_text, 1, "A"), 2100).actual == expected


def test_only_a_school_level_is_derived_from_its_pupils():
    assert _derived_from("yläkoululaisista") == {"yläkoulu"} and _derived_from("alakoululaista") == {"alakoulu"}
    assert _derived_from("koululaisia") == _derived_from("kesäläisiä") == _derived_from("lukiolaisia") == set()


def test_the_others_are_of_the_statements_things():
    statement = read_statement("Kerhoja kaikissa kouluissa", 1, "A")
    for text in ("Ajoksen koulussa kerhot tauolla; muut kolme hanketta jatkuvat.",
                 "Ajoksen koulussa kerhot tauolla; muut 3 hanketta jatkuvat."):
        assert read_realisation(text, statement, 2100).actual != 75.0  # three projects, not three schools of four
    did_not = read_realisation("Lepikko sai sertifikaatin; muut 16 päiväkotia eivät vielä ole sertifioituja.",
                               read_statement("Sertifikaatti kaikissa päiväkodeissa", 1, "A"), 2100)
    assert did_not.actual != 94.1  # the others did not


def test_pupils_of_a_school_level_are_told_apart_by_it():
    clubs = [read_statement(t, 1, "A") for t in ("alakoulujen kerhoissa 80 %", "yläkoulujen kerhoissa 55 % oppilaista")]
    text = "Kerhoihin osallistui 1 010 alakoululaista 1 230:stä. Yläkoululaisten osuus nousi 56 prosenttiin."
    assert [text[a:b].strip() for a, b in _clauses(text)] == [  # the whole ("1 230:stä") stays with its part
        "Kerhoihin osallistui 1 010 alakoululaista 1 230:stä.", "Yläkoululaisten osuus nousi 56 prosenttiin."]
    assert _values(clubs, text) == [82.1, 56.0]  # "yläkoululainen" is of "yläkoulu"
    assert _values(clubs, "Kerhoissa kävi alakoululaisista kolme neljästä ja yläkoululaisista joka toinen.") == [
        75.0, 50.0]  # "joka toinen" (every other) does not refer back to the clause before


@pytest.mark.parametrize("realisation, expected", [
    ("Kyselyyn kutsuttiin 2 900 asiakasta.", 1.0),  # those asked, not how often: held once
    ("Kysely lähetettiin lokakuussa 3 100 asiakkaalle.", 1.0),
    ("Oma kysely lokakuussa: kutsuttuja 3 000", 1.0),  # no verb: the month it was held in
    ("Kyselyä ei tehty; 2 900 asiakkaan otos siirtyy ensi vuoteen.", 0.0),  # not held: none, not once
    ("Kysely tehtiin kahdesti, ja siihen vastasi 1 200 asiakasta.", 2.0),
])
def test_a_count_of_people_is_no_count_of_times(realisation, expected):
    statement = read_statement("Asiakaskysely 1 krt/v", 1, "A")
    assert read_realisation(realisation, statement, 2100).actual == expected


def test_a_comparison_and_a_verb_after_a_count_stay_in_its_clause():
    for text, first in [("Koulutuksia pidettiin kolme vähemmän kuin 2099.", "Koulutuksia pidettiin kolme vähemmän kuin "
                         "2099."), ("Kahdeksan tulosyksikköä haki hankerahoitusta, neljä ei.",
                                    "Kahdeksan tulosyksikköä haki hankerahoitusta,"),
                        ("Vanhusneuvosto (uusi mittari) neljästi, nuorisovaltuusto kahdeksasti.",
                         "Vanhusneuvosto (uusi mittari) neljästi,")]:  # a name, an aside, then its value
        start, end = _clauses(text)[0]
        assert text[start:end].strip() == first


def test_a_number_shared_by_two_statements_goes_to_the_one_named_right_before_it():
    survey = [read_statement(t, 1, "A") for t in ("Asiakaskysely 1 krt/v", "Vastausprosentti 40")]
    reads = [(statement, Reading(actual=43.0)) for statement in survey]
    text = "Syyskuun kyselyssä vastausprosentti oli 43 ja"
    _one_value_per_text([(statement, text, [pair]) for statement, pair in zip(survey, reads)])
    assert [reading.actual for _, reading in reads] == [None, 43.0]
    councils = [read_statement(t, 1, "A") for t in ("Nuorisovaltuusto 6 krt/v", "Vammaisneuvosto neljä kokousta")]
    reads = [(statement, Reading(actual=8.0)) for statement in councils]
    text = "Nuorisovaltuuston kokouksia kahdeksan vammaisneuvoston neljä"  # the name after it begins the next item
    _one_value_per_text([(statement, text, [pair]) for statement, pair in zip(councils, reads)])
    assert [reading.actual for _, reading in reads] == [8.0, None]


def test_a_yes_no_done_after_its_deadline_month_is_not_high_and_only_partly_done_when_late():
    report = read_statement("Hyvinvointikertomus valtuuston hyväksymä 5/2100", 1, "A")
    late = read_realisation("Valtuusto hyväksyi kertomuksen vasta 16.6.2100.", report, 2100)
    assert late.actual is None and late.status == "partial"
    after = read_realisation("Kertomus hyväksyttiin valtuustossa kesäkuussa.", report, 2100)
    assert after.actual == 1.0 and not after.certain and "after its deadline" in after.reasons[-1]
    assert read_realisation("Kertomus hyväksyttiin valtuustossa toukokuussa.", report, 2100).actual == 1.0


def test_a_count_with_a_part_of_it_told_after_it_is_not_high():
    statements = [read_statement(t, 1, "A") for t in ("digiopastuksia kirjastossa 450", "kotikäynneillä 300")]
    read = _read_goal(SimpleNamespace(realisation="Digitukiopastuksia annettiin kaikkiaan 790, joista kotikäynneillä "
                                                  "342."), statements, [0, 0], 2100)
    library = read[0][1]
    assert library.actual == 790.0 and not library.certain and "joista" in library.reasons[-1]


def test_a_yes_no_statement_takes_no_average():
    budget = read_statement("Toteuma TA:n mukainen", 1, "A")
    readings = _readings(budget, "1-6 luokat ka 22 7-9 luokat ka 20", 70.0, "1-6 luokat ka 22 7-9 luokat ka 20", 2100)
    assert [reading.actual for _, reading in readings] != [22.0, 20.0] and all(
        reading.actual in (None, 0.0, 1.0) for _, reading in readings)


def test_a_value_with_something_more_after_it_is_not_certain():
    statement = read_statement("Henkilöstökoulutuksia 15", 1, "A")
    assert read_realisation("Henkilöstökoulutuksia 16.", statement).certain
    assert not read_realisation("Henkilöstökoulutuksia 16 sekä keväältä siirtynyt tietosuojakoulutus.",
                                statement).certain


def test_a_target_for_all_of_two_groups_is_two_statements():
    both = split_groups(read_statement("Esteettömyyskartoitus kaikissa kirjastoissa ja nuorisotiloissa", 1, "A"))
    assert [s.text for s in both] == ["Esteettömyyskartoitus kaikissa kirjastoissa ja nuorisotiloissa"] * 2
    assert [s.topic for s in both] == ["Esteettömyyskartoitus kaikissa kirjastoissa",
                                       "Esteettömyyskartoitus kaikissa nuorisotiloissa"]
    assert len(split_groups(read_statement("Kartoitus kirjastoissa ja nuorisotiloissa", 1, "A"))) == 1


def test_a_run_together_realisation_breaks_after_each_value():
    text = "Uimakouluja pidettiin neljäkymmentä kävijöitä 91 200 lainoja noin 118 000"
    assert [text[a:b].strip() for a, b in _clauses(text)] == [
        "Uimakouluja pidettiin neljäkymmentä", "kävijöitä 91 200", "lainoja noin 118 000"]
    # the thing counted stays with its number
    text = "nuorisotyö tavoitti 152 nuorta koulupudokkaita ei vielä tiedossa"  # an adjective as the thing counted
    assert [text[a:b].strip() for a, b in _clauses(text)] == ["nuorisotyö tavoitti 152 nuorta",
                                                              "koulupudokkaita ei vielä tiedossa"]
    text = "Yrityksille 1 090 kolme uutta kulttuurialan yritystä aloitti"  # but not an adjective before its noun
    assert [text[a:b].strip() for a, b in _clauses(text)][-1] == "kolme uutta kulttuurialan yritystä aloitti"
    text = "Uusia kerhoja perustettiin kolme kuuteentoista kouluun ja uusia ohjaajia 12"
    assert "kuuteentoista kouluun" in [text[a:b].strip() for a, b in _clauses(text)][0]
    text = "Lippuja myytiin 4 120 kpl, niistä verkossa 1 030 kaksi uutta myyntipistettä avattiin"
    assert [text[a:b].strip() for a, b in _clauses(text)] == [
        "Lippuja myytiin 4 120 kpl,", "niistä verkossa 1 030", "kaksi uutta myyntipistettä avattiin"]
    text = "Ohjaus tavoitti 88 nuorta (joista 20 töihin) kesätyöpaikkoja 45 kerhoja 12"
    assert [text[a:b].strip() for a, b in _clauses(text)] == [
        "Ohjaus tavoitti 88 nuorta (joista 20 töihin)", "kesätyöpaikkoja 45", "kerhoja 12"]
    text = "Käyntejä 89 000 - lainoja 118 500 - kerhoja 12"
    assert [text[a:b].strip() for a, b in _clauses(text)] == ["Käyntejä 89 000 -", "lainoja 118 500 -", "kerhoja 12"]
    text = "Kävijöitä 4 000 (kesä, syksy 1 200) talous ylittyi 0,4 miljoonalla"  # never inside "( … )"
    assert [text[a:b].strip() for a, b in _clauses(text)] == [
        "Kävijöitä 4 000 (kesä, syksy 1 200)", "talous ylittyi 0,4 miljoonalla"]


def test_ordinals_asides_and_dates_are_not_values():
    text = "latauspisteitä 14 kiinteistössä, 15. kohde valmistuu 3/2041 (2039: 9) (tavoite 15)"
    assert [value for value, _, _ in _numbers(text)] == [14.0]


def test_a_hyphenated_compound_is_found_by_its_parts():
    statements = [read_statement(t, 1, "A") for t in ("Chat vähintään 30 palvelussa", "Lainat 120 000")]
    windows = _windows(statements, ["Lainoja 118 500 Chat-palvelu käytössä 31 palvelussa 33:sta"], [0, 0])
    assert windows[0][0].startswith("Chat-palvelu käytössä 31")


def test_a_number_given_to_two_statements_is_read_for_one():
    window = "Ohjaus tavoitti nuoria 120 pudokkaita"
    statements = [read_statement(t, 1, "A") for t in ("Pudokkaita enintään 3", "Ohjaus tavoittaa 100 nuorta")]
    read = [(s, window, [(s, read_realisation(window, s, 2040))]) for s in statements]
    assert [readings[0][1].actual for _, _, readings in read] == [120.0, 120.0]
    _one_value_per_text(read)  # the text names the outreach first: the number is its
    assert [readings[0][1].actual for _, _, readings in read] == [None, 120.0]
    window = "Kaikki koulut ja päiväkodit sertifioitu"
    both = [read_statement(t, 1, "A")
            for t in ("Sertifikaatti kaikissa kouluissa", "Sertifikaatti kaikissa päiväkodeissa")]
    done = [(s, window, [(s, read_realisation(window, s, 2040))]) for s in both]
    _one_value_per_text(done)  # a verdict ("all") may be said of several at once
    assert [readings[0][1].actual for _, _, readings in done] == [100.0, 100.0]
    window = "Vammaisneuvosto ja nuorisovaltuusto kokoontuivat kumpikin kahdeksan kertaa"
    councils = [read_statement(t, 1, "A") for t in ("Nuorisovaltuusto 8 krt/v", "Vammaisneuvosto 6 krt/v")]
    said = [(s, window, [(s, read_realisation(window, s, 2040))]) for s in councils]
    _one_value_per_text(said)  # "kumpikin" (both): the number is said of each
    assert [readings[0][1].actual for _, _, readings in said] == [8.0, 8.0]
    window = "Ryhmäkoko oli sekä ala- että yläkoulussa 19,6 oppilasta"
    grades = [read_statement(t, 1, "A") for t in ("Ryhmäkoko enintään 21 (1-6 lk)", "Ryhmäkoko enintään 20 (7-9 lk)")]
    said = [(s, window, [(s, read_realisation(window, s, 2040))]) for s in grades]
    _one_value_per_text(said)  # "sekä … että" (both … and)
    assert [readings[0][1].actual for _, _, readings in said] == [19.6, 19.6]


def test_a_share_takes_in_the_whole_said_before_it():
    statements = [read_statement(t, 1, "A") for t in ("Sopimus kaikkien kanssa", "Tapahtumia 30")]
    windows = _windows(statements, ["Avustusta sai 40 seuraa; sopimus on niistä 38:n kanssa", "Tapahtumia 27"],
                       [0, 1])
    assert windows[0][0].startswith("Avustusta sai 40 seuraa")
    assert read_realisation(windows[0][0], statements[0], 2040).actual == 95.0


def test_a_clause_without_a_value_takes_in_the_value_just_before_it():
    statements = [read_statement(t, 1, "A") for t in ("Selkokielisiä tiedotteita 97 %", "Digitukiopastuksia 400 kpl")]
    windows = _windows(statements, ["Tiedotteista 98 % oli selkokielisiä. Digitukiopastuksia annettiin 380."])
    assert windows[0][0].startswith("Tiedotteista 98 %")
    assert read_realisation(windows[0][0], statements[0], 2040).actual == 98
    statements = [read_statement(t, 1, "A") for t in ("Hankerahoitusta hakee 80 % tulosyksiköistä", "Tapahtumia 60")]
    windows = _windows(statements, ["Tapahtumia järjestettiin 61. Yhdeksän tulosyksikköä kahdestatoista haki "
                                    "hankerahoitusta."])  # the whole in words, out of twelve
    assert read_realisation(windows[0][0], statements[0], 2040).actual == 75
    text = "Päiväkodeista kymmenen auditoitu jäljellä viisi koulut toteutui"
    assert [text[a:b].strip() for a, b in _clauses(text)][-1] == "koulut toteutui"
    assert not _value_before(text, _clauses(text), len(_clauses(text)) - 1)  # "viisi" is no whole out of which
    text = "Koulutuksia 16, mukaan lukien tammikuulle siirtynyt tietosuojakoulutus."  # a comma between
    assert _value_before(text, _clauses(text), 1)
    text = "Kävijöitä oli 16 000, ja paketteja, joita kysyttiin kesällä, myytiin 2 600."  # a value of its own later
    assert not any(_value_before(text, _clauses(text), i) for i in range(1, len(_clauses(text))))


def test_a_list_answered_by_its_labels_pairs_by_label():
    cell = "1) sähköinen ajanvaraus 99,5 % 2) sähköiset palautteet 99 % 3) sovelluksen käyttäjiä 8 500"
    statements = [replace(read_statement(text, 1, "A"), label=label) for label, text in labelled(cell)]
    goal = SimpleNamespace(realisation="1) 99,6 % 2) 98,8 % 3) kuukausikäyttäjiä keskimäärin 9 020")
    read = _read_goal(goal, statements, [0, 0, 0], 2040)
    assert [reading.actual for _, reading in read] == [99.6, 98.8, 9020.0]
    assert labelled("Kerhoja (n. 40) ja 2) muuta") == []  # labels out of order are no list


def test_a_typo_in_the_words_that_pair_is_found_by_likeness():
    statements = [read_statement(t, 1, "A") for t in ("Etsivä nuorisotyö tavoittaa 195 nuorta", "Koulupudokkaita 0",
                                                      "Koulutuksia 14")]
    goal = SimpleNamespace(realisation="Etsivä nuorisotyö tavoitti 180–190 nuorta, tarkkaa lukua ei saatu. "
                                       "Koulupudokaita kolme, heistä kaksi on palannut opintoihin. Koulutuksia 12.")
    read = _read_goal(goal, statements, [0, 0, 0], 2040)
    assert [reading.actual for _, reading in read] == [180.0, 3.0, 12.0]  # a range is read though not exact


def test_a_date_is_no_number_but_a_decimal_with_a_point_is():
    assert [v for v, _, _ in _numbers("Asiakastyytyväisyys 4.2 (asteikko 1-5), palvelu 1.3. alkaen")] == [4.2]
    assert _numbers("Ryhmäkoko 20.7, tavoite 21")[0][0] == 20.7


def test_a_value_of_another_size_than_its_target_is_never_high():
    statement = read_statement("Kävijöitä 60 000", 1, "A")
    reading = read_realisation("Kävijöitä 600", statement, 2040)
    assert reading.actual == 600 and reading.certain  # one number, said plainly: but a hundredth of the target
    reading.score = 100.0
    row = _row(SimpleNamespace(source_line=1, aim="A"), statement, reading, _Proposal(), set())
    assert row["confidence"] == "medium" and "another size" in row["note"]
    none = read_statement("Koulupudokkaita enintään 5", 1, "A")  # none is of any size
    reading = read_realisation("Koulupudokkaita 0", none, 2040)
    reading.score = 100.0
    assert _row(SimpleNamespace(source_line=1, aim="A"), none, reading, _Proposal(), set())["confidence"] == "high"


def test_a_compound_pairs_with_its_head_standing_alone():
    assert "kysely" in head("Asiakastyytyväisyyskysely") and "kysely" not in lemmas("Asiakastyytyväisyyskysely")
    assert "opastus" in head("Digitukiopastuksia") and head("kyselyä") == set()  # Voikko's base: "opastaa"
    statements = [read_statement(t, 1, "A") for t in ("Asiakastyytyväisyyskysely 1 krt/v", "Vastausprosentti 35")]
    windows = _windows(statements, ["Palautetta kerättiin verkossa. Kyselyä ei tehty. Vastausprosentti jäi 31:een."])
    assert windows[0][0].startswith("Kyselyä ei tehty")


@pytest.mark.parametrize("realisation", ["Ryhmäkoot keskimäärin: 1.–6. luokat 20,7, 7.–9. luokat 20,3.",
                                         "Yläkoulussa ryhmäkoko oli 20,3 ja alakoulussa 20,7."])
def test_groups_are_alike_however_written(realisation):
    statements = [read_statement(t, 1, "A") for t in ("Ryhmäkoko ka. enintään 21 (1.–6. lk)",
                                                      "Ryhmäkoko ka. enintään 20 (7–9 lk)")]
    read = _read_goal(SimpleNamespace(realisation=realisation), statements, [0, 1], 2040)
    assert [reading.actual for _, reading in read] == [20.7, 20.3]  # "1.–6." is no number 1
    assert first_clause("Ryhmäkoko oli 1.–6. luokilla 20,7") == "Ryhmäkoko oli 1.–6. luokilla 20,7"  # nor an end


def test_a_left_over_clause_is_read_and_clauses_named_by_the_other_are_traded():
    statements = [read_statement(t, 1, "A") for t in ("Kirjastokäyntejä 106 000", "Omatoimikirjautumisia 28 000")]
    goal = SimpleNamespace(realisation="Kävijöitä oli 104 300. Omatoimikirjastoon kirjauduttiin yli 29 000 kertaa.")
    read = _read_goal(goal, statements, [0, 0], 2040)
    assert [reading.actual for _, reading in read] == [104300.0, 29000.0]
    assert not any(reading.certain for _, reading in read)  # paired by what was left, not by words


def test_a_typo_pairs_by_voikkos_spelling_suggestions():
    assert "koulupudokas" in guesses("Koulupudokaita") and not guesses("Koulupudokkaita")  # a known word: none
    assert _content_forms("Opinnäytetöitä 22") & _clause_forms("Opinnäytetöita valmistui 19")  # "töita": a typo


def test_last_years_words_for_a_metric_decide_what_its_own_words_cannot():
    statements = [read_statement(t, 1, "A") for t in ("Kaikki päiväkodit ympäristösertifioituja",
                                                      "ISO 45001 -sertifikaatti kaikilla kouluilla")]
    previous = pd.DataFrame({"metric_id": ["daycare_certified", "school_iso"],
                             "metric": ["Päiväkodit ympäristösertifioitu", "ISO 45001 kouluissa"],
                             "evidence_target": [s.text for s in statements],
                             "evidence_actual": ["Ympäristösertifikaatti kaikilla neljällätoista päiväkodilla",
                                                 "ISO 45001 voimassa yhdeksässä koulussa kymmenestä"]})
    # "sertifikaatti" and "koulu" each name one paragraph: a tie the school statement's own words cannot break
    goal = SimpleNamespace(realisation="Sertifikaatti on viidellätoista päiväkodilla kuudestatoista.\n"
                                       "ISO 45001 voimassa kaikissa kymmenessä koulussa.")
    _hear_echoes([statements], previous)
    assert "voima" in statements[1].echo  # "voimassa": a word of last year's that tells its clause
    assert not statements[0].echo & {"kaikki", "päiväkoti", "neljätoista"}  # its own, and numerals, tell nothing
    assert [reading.actual for _, reading in _read_goal(goal, statements, [0, 0], 2040)] == [93.8, 100.0]


def test_a_previous_year_without_a_quote_gives_no_echo():
    statements = [read_statement("Uusien yhdistysten määrä", 1, "A")]
    _hear_echoes([statements], pd.DataFrame({"metric_id": ["new"], "metric": ["Uusien yhdistysten määrä"],
                                             "evidence_target": [""], "evidence_actual": [float("nan")]}))
    assert statements[0].echo == frozenset()  # an empty cell read by pandas as NaN is no text


def test_a_change_from_one_value_to_another_is_one_clause():
    text = "Vähenemä kasvoi edellisvuoden 73,1 prosentista 73,6 prosenttiin, tavoite 73 ylittyi."
    assert [text[a:b].strip(" ,") for a, b in _clauses(text)][0].endswith("73,6 prosenttiin")


def test_paragraphs_pair_one_to_one_when_their_counts_agree():
    statements = [read_statement(t, 1, "A") for t in ("Kotouttamisohjelma valmis", "Tulkkauksen osuus 60 %")]
    windows = _windows(statements, ["Tulkattuja tapaamisia 64 %", "Ei valmistunut"], [0, 1])
    assert [w for w, _ in windows] == ["Ei valmistunut", "Tulkattuja tapaamisia 64 %"]


@pytest.mark.parametrize(("window", "statement_text", "actual"), [
    ("Ryhmäkoko ka. 19,5 ja 20,8 (1–6 lk / 7–9 lk).", "enintään 21 luokilla 7–9", 20.8),
    ("Lainoja (2039: 121 000) tänä vuonna 118 000", "Lainat vähintään 120 000", 118000.0),
    ("Lippuja myytiin kolmetuhatta neljäsataa", "Liput 3 000", 3400.0),
    ("Kirjastoista se puuttuu vielä yhdeltä kymmenestä", "Kartoitus kaikissa kirjastoissa", 90.0),
    ("Kartoitettu kaikissa kirjastoissa paitsi yhdessä kymmenestä", "Kartoitus kaikissa kirjastoissa", 90.0),
    ("Sopimuksia kuudellakymmenellä seuralla, avustettavia 80", "Sopimus vähintään 70 %:lla", 75.0),
    ("Kerhoja noin 40", "Kerhoja vähintään 30", 40.0),
    ("Ohjauksen kontakteja 1 140, eri nuoria 188", "Ohjaus tavoittaa 185 nuorta", 188.0),  # the one of its size
    ("Kulutus laski 41 % (ed. vuonna 37 %)", "Kulutus vähenee 40 %", 41.0),
    ("Kulutus laski (v. 2039: 37 %) nyt 41 %", "Kulutus vähenee 40 %", 41.0),
    ("Vastausprosentti jäi 31:een, kysely tehtiin kerran", "vastausprosentti 35", 31.0),
    ("Kartoitus keskeytyi kuun puolivälissä", "Kartoitus kaikissa kirjastoissa", None),  # halfway is no half
    ("Kävijöitä arviolta 25-26 tuhatta", "Kävijöitä vähintään 24 000", 25000.0),
    ("Lainoja yli 118 tuhatta", "Lainat vähintään 120 000", 118000.0),
    ("Sopimus allekirjoitettiin 30 seuran kanssa 40:stä avustettavasta", "Sopimus vähintään 70 %:lla", 75.0),
    ("Odotusaika vajaa kuusi", "Odotusaika enintään 5", 5.0),
    ("Jäsenmäärä alle 2 000", "Jäsenmäärä 2 500", 2000.0),
    ("Ohjelma valmistui toukokuussa", "Ohjelma valmis", 1.0),
    ("Kysely tehtiin syksyllä", "Asukaskysely 1 krt/v", 1.0),
    ("Leikkipuisto avattiin kesäkuussa", "Leikkipuisto valmis 6/2040", 1.0),  # any deed told in the past
    ("Kartoitus aloitettiin syksyllä", "Kartoitus valmis", None),  # begun is not done
    ("Kartoitus viivästyi", "Kartoitus valmis", None),
    ("Digitukea annettiin 1.3. alkaen, opastuksia 318", "Opastuksia 300", 318.0),  # a day and month
    ("Seuraava kysely 2/2041", "Kysely 1 krt/v", None),  # a month and year is no part of a whole
    ("Seurafoorumi kokoontui keväällä ja syksyllä", "Seurafoorumi 2 krt/v", 2.0),  # one time in each season
    ("Kysely tehtiin huhtikuussa ja uusittiin marraskuussa", "Kysely 1 krt/v", 2.0),  # or month
    ("Toimialan menot jäivät 0,7 % alle talousarvion", "Toteuma TA:n mukainen", 1.0),  # under the budget: kept
    ("Menot olivat 2 % yli talousarvion", "Toteuma TA:n mukainen", 0.0),
    ("Kerhoja oli kaikissa kouluissa. Kerhoihin osallistui 68 %", "Harrastetoimintaa kaikissa kouluissa", 100.0),
    ("Kerhoja oli jokaisessa koulussa ja kerhoihin osallistui 71 %", "Harrastetoimintaa kaikissa kouluissa", 100.0),
    ("Hepolan puisto avattiin kesäkuussa", "Kunnostettuja leikkipuistoja 1", 1.0),  # one thing, done
    ("Valtuusto kokoontui joka kuukausi heinäkuuta lukuun ottamatta", "Valtuusto 8 krt/v", 11.0),  # but July
    ("Valtuusto kokoontui kuukausittain kesää lukuun ottamatta eli 10 kertaa", "Valtuusto 8 krt/v", 10.0),
    ("Kulutus on enää 43 % vuoden 2030 kulutuksesta", "Kulutus vähenee 55 %", 57.0),  # what is left: a fall of 57
    ("Kulutus väheni enää 3 %", "Kulutus vähenee 5 %", 3.0),  # the fall itself
    ("Chatin arvosana nousi 3,9:stä 4,2:een", "Chatin arvosana vähintään 4,0", 4.2),  # what it rose to
    ("Vastausprosentti jäi 36:een, kun se edellisvuonna oli 42", "Vastausprosentti 40", 36.0),
    ("Kirjautumiset kasvoivat 36 900 kirjautumisesta 41 300:aan", "Kirjautumisia 40 000", 41300.0),
    ("Tuotannoksi mitattiin 5,48 GWh", "Aurinkosähköä 5 000 MWh", 5480.0),  # in the target's unit
    ("Vuosituotanto oli 5,42 gigawattituntia", "Aurinkosähköä 5 000 MWh", 5420.0),
    ("Vähenemä parani 1,7 prosenttiyksiköllä 69,2 prosenttiin", "Kulutuksen vähenemä 68 %", 69.2),  # by, then to
    ("Tuotanto kasvoi 150 MWh:lla 6 250 MWh:iin.", "Aurinkosähköä 6 000 MWh", 6250.0),
    ("Chatin arvosana 4,2 (asteikko 1–5)", "Chatin arvosana vähintään 4,0", 4.2),  # a scale is no range of values
    ("Yhteistapahtumia oli viitisenkymmentä", "Yhteisiä tapahtumia 45", 50.0),  # about fifty, never certain
    ("Kerhoissa kävi 1 220 oppilasta 1 600:sta", "Kerhoissa 75 % oppilaista", 76.3),  # 76.25, half up
    ("Energiankulutus oli 26,9 % vuoden 2030 tasosta", "Energiankulutus vähenee 70 % vuoden 2030 tasosta", 73.1),
    ("Talousarvio ei pitänyt: menot ylittyivät 2,4 %", "Toteuma TA:n mukainen", 0.0),  # "ei" is not "ylittyivät"'s
    ("Seurafoorumi kutsuttiin koolle 15.3. ja 18.10.2040.", "Seurafoorumi 2 krt/v", 2.0),  # two dates: twice
    ("Kysely tehtiin, vastausprosentti 36,5 (2039: kolmannes)", "vastausprosentti vähintään 35", 36.5),  # aside
    ("Tupakoivia on enää 8 %", "Tupakoivien osuus laskee alle 10 %", 8.0),  # a level to fall to, not a fall
    ("Talousarvio ylittyi 3 %, koska hankkeet toteutuivat", "Toteuma TA:n mukainen", 0.0),  # over comes first
    ("Kävijämäärä vuosina 2038–2040 ei ole tiedossa", "Kävijöitä 5 000", None),  # years are no range of values
    ("Selvitys siirrettiin seuraavalle vuodelle", "Kartoitus valmis", None),  # moved on is not done
    ("Vastauksia saatiin 45/2000 asiakkaalta", "Vastausprosentti 40", 2.3),  # no month 45; 2.25 rounds half up
    ("Lainoja (2139: 121 000) tänä vuonna 118 000", "Lainat vähintään 120 000", 118000.0),  # years to 2199
    ("Tietoja ei saatu lippujärjestelmästä, kävijämäärää ei tiedetä", "Kävijöitä 5 000", None),
    ("Arvosanan keskiarvo 4,2 asteikolla 1–5", "Chatin arvosana vähintään 4,0", 4.2),  # a scale, in any case
    ("Chatin tyytyväisyys 3,9/5", "Chatin arvosana vähintään 4,0", 3.9),  # a mean out of the scale's top
    ("Vastausprosentit 38 ja 44, keskimäärin 41", "Vastausprosentti vähintään 40", 41.0),  # the average of them
    ("Tilauksia oli 11, ja arvosana keskimäärin 3,9", "Tilauksia 12", 11.0),  # not an average of the 11
    ("40 prosentin tavoitteesta jäätiin niukasti; vastauksia 1 150 / 2 900", "Vastausprosentti vähintään 40", 39.7),
    ("Tavoite 73 ylittyi, kävijöitä 75", "Kävijöitä vähintään 73", 75.0),  # the target said again
    ("Myynti 2 480 kpl – tavoitteesta puuttui kaksikymmentä", "Myynti 2 500 kpl", 2480.0),  # not the target
    ("Tiedotteita julkaistiin 241, niistä selkokielisiä kaikki paitsi kaksi", "Selkokielisiä 98 %", 99.2),
    ("Kulutus on enää 43 % vuoden 2050 kulutuksesta (v. 2091 vähenemä 56 %)", "Kulutus vähenee 55 %", 57.0),
    ("Kerhoja on kaikissa kouluissa ja siihen osallistuu seitsemän oppilasta kymmenestä",
     "Kerhoihin osallistuu 2/3 oppilaista", 70.0),  # the share in figures, not "kaikissa"
    ("Sertifioitu kaikki päiväkodit ja kuusi koulua seitsemästä", "Vähintään 3/4 päiväkodeista", 100.0),  # not theirs
    ("Tuotanto oli 5,42 gigawattituntia eli noin 180 MWh enemmän", "Aurinkosähköä 5 000 MWh", 5420.0),  # sized in MWh
    ("Kysely toteutettiin helmikuussa (siirtyi syksystä 2039)", "Asiakaskysely 1 krt/v", 1.0),  # moved here, held
    ("Edellisvuodelta siirtynyt asiakaskysely tehtiin huhtikuussa", "Asiakaskysely 1 krt/v", 1.0),
    ("Asiakaskysely siirtyy tammikuulle", "Asiakaskysely 1 krt/v", 0.0),  # moved on: not held
    ("Tiedotteita julkaistiin 248, ja niistä vain yksi ei ollut selkokielinen", "Selkokielisiä 98 %", 99.6),
    ("Sertifikaatti on 15 päiväkodilla kuudestatoista – ei aivan tavoitteessa", "Kaikki päiväkodit", 93.8),
    ("Vastausprosentti vaihteli 31-44, keskimäärin 38", "Vastausprosentti vähintään 35", 38.0),  # not the range
])
def test_reading_values_as_the_report_writes_them(window, statement_text, actual):
    reading = read_realisation(window, read_statement(statement_text, 1, "A"), 2040)
    assert reading.actual == pytest.approx(actual) if actual is not None else reading.actual is None


def test_a_deed_told_in_the_past_is_done_but_never_certain():
    statement = read_statement("Hyvinvointikertomus lautakunnalle 5/2040", 1, "A")
    reading = read_realisation("Vuosiraportti käsiteltiin lautakunnassa 20.5.2040", statement, 2040)
    assert reading.actual == 1 and not reading.certain  # the verb is the analyst's to check
    assert read_realisation("Vuosiraportti valmistui toukokuussa", statement, 2040).certain  # a verb of finishing


def test_a_reading_the_text_goes_on_to_qualify_or_another_clause_rivals_is_never_certain():
    park = read_statement("Leikkipuisto kunnostettu 9/2040", 1, "A")
    reading = read_realisation("Puiston pohjatyöt tehtiin elokuussa. Välineet tilattu, käyttöön 5/2041", park, 2040)
    assert reading.actual == 1 and not reading.certain  # "tilattu … 5/2041" after it
    statements = [read_statement(t, 1, "A") for t in ("Kaikki päiväkodit ympäristösertifioituja",
                                                      "ISO 45001 -sertifikaatti kaikilla kouluilla")]
    goal = SimpleNamespace(realisation="Sertifikaatti 15/16 päiväkodilla. ISO 45001 voimassa yhdeksässä koulussa.")
    assert not any(reading.certain for _, reading in _read_goal(goal, statements, [0, 0], 2040))


def test_a_value_beside_a_negation_or_after_another_clause_is_never_certain():
    statement = read_statement("Uusia seuroja vähintään kolme", 1, "A")
    reading = read_realisation("Ei toteutunut, yksi seura perusteilla", statement, 2040)
    assert reading.actual == 1 and not reading.certain
    reading = read_realisation("Uusia seuroja kaksi", statement, 2040)
    assert reading.actual == 2 and reading.certain
    share = read_statement("Kartoitus kaikissa kirjastoissa", 1, "A")
    reading = read_realisation("Kartoitus tehtiin kaikissa kahdeksassa kirjastossa, mutta vain puolet tiloista "
                               "on esteettömiä", share, 2040)
    assert not reading.certain  # a share read from a text of several clauses
    assert not read_realisation("Kirjastoista lähes kaksi kolmasosaa", share, 2040).certain  # "lähes": an estimate
    assert read_realisation("Kirjastoista kaksi kolmasosaa", share, 2040).certain


def test_the_drafts_own_check_names_the_draft_not_a_temporary_file(tmp_path, caplog):
    folder = FIXTURES / "drafting_heldout17"  # school_dropouts has a zero target: one warning
    report = load_report(folder / "raw" / "kuviteltu_2105.txt")
    previous = read_annotations(folder / "annotations" / "2104.csv").table
    write_draft(draft_annotations(report, previous), tmp_path / "2105.draft.csv", report)
    assert "zero" in caplog.text or "target_value is 0" in caplog.text
    assert "2105.draft.csv" in caplog.text and ".tmp" not in caplog.text


def test_previous_metric_ids_are_reused_and_a_dropped_metric_keeps_a_row(tmp_path):
    previous = read_annotations(FIXTURES / "multiyear/annotations/2031.csv").table
    draft = draft_annotations(load_report(FIXTURES / "multiyear/raw/kuviteltu_2032.txt"), previous)
    found = draft[~draft["note"].str.contains("was not found")]
    ids = dict(zip(found["source_line"], found["metric_id"]))
    assert ids[6] == "park_cleanups" and ids[7] == "queue_days" and ids[12] == "customer_surveys"
    assert ids[13] not in set(previous["metric_id"])  # the new cycle path metric gets a new id
    # a matched row keeps the analysts' short text, not the raw sentence
    assert found.set_index("metric_id").loc["park_cleanups", "metric"] == "Puistosiivoukset vuodessa"
    dropped = draft[draft["metric_id"] == "street_lamps"].iloc[0]
    assert dropped["status"] == "not_reported" and dropped["note"].startswith("DRAFT, confidence low")
    assert dropped["target_value"] == "" and dropped["evidence_actual"] == ""


def test_statements_alike_in_characters_keep_the_previous_id_whose_words_they_share():
    previous = pd.DataFrame({"metric_id": ["daycare_env", "school_env"],
                             "metric": ["Ympäristösertifioitujen päiväkotien osuus",
                                        "Ympäristösertifioitujen koulujen osuus"],
                             "evidence_target": ["Päiväkodeista vähintään 90 % ympäristösertifoitu", "koulut kaikki"]})
    proposals, missing = _propose_ids(["Ympäristösertifikaatti kaikille päiväkodeille",
                                       "Ympäristösertifikaatti kaikille kouluille"], previous)
    assert [p.metric_id for p in proposals] == ["daycare_env", "school_env"] and not missing
    same, _ = _propose_ids(["Uusien yhdistysten määrä"], pd.DataFrame({
        "metric_id": ["new_associations"], "metric": ["Uusien yhdistysten määrä"], "evidence_target": [""]}))
    assert same[0].reason.endswith("(score 100)")  # the matcher's score, 0-100, in the note


def test_match_and_draft_propose_the_same_ids():
    from kemi_analysis.authoring.matching import propose_matches

    previous = read_annotations(FIXTURES / "multiyear/annotations/2031.csv").table
    report = load_report(FIXTURES / "multiyear/raw/kuviteltu_2032.txt")
    proposals = propose_matches(report, previous)
    matched = proposals[proposals["decision"] == "match"]
    draft = draft_annotations(report, previous)
    drafted = draft[draft["note"].str.contains("of the previous year")]
    assert sorted(zip(matched["source_line"], matched["metric_id"])) == sorted(
        zip(drafted["source_line"], drafted["metric_id"]))
    assert set(proposals.loc[proposals["decision"] == "not_found", "metric_id"]) == {"street_lamps"}


def test_cli_draft(tmp_path, capsys):
    out = tmp_path / "2032.draft.csv"
    code = main(["draft", str(FIXTURES / "multiyear/raw/kuviteltu_2032.txt"), "--previous",
                 str(FIXTURES / "multiyear/annotations/2031.csv"), "--out", str(out)])
    assert code == 0 and out.is_file()
    assert "Wrote 5 draft rows for 2032" in capsys.readouterr().out  # 4 statements and the dropped street_lamps


@pytest.mark.slow
def test_the_report_path_does_not_load_voikko():
    code = ("import sys, kemi_analysis.report.sections, kemi_analysis.report.runner, kemi_analysis.cli; "
            "print('libvoikko' in sys.modules, 'kemi_analysis.authoring.draft' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.split() == ["False", "False"]


# The fictional development corpus (tests/fixtures/drafting*, README.md in each). Tuned on 2051-2088, 2092-2094
# and 2098-2130: each set was written by someone who never saw the drafter and scored while still held out before
# it was tuned on. Held out, their rows never printed: drafting_heldout12 (2089-2091), drafting_heldout14
# (2095-2097) and drafting_heldout26 (2131-2133, scored once, after the last change). Each year is drafted with the
# year before it as the previous year, as the city does. Figures when this was written (benchmarks/drafting.py).
CORPUS_PINNED = {"tuning 2051": {"right": 449 / 483, "status_right": 459 / 483, "high_right": 146 / 146,
                                 "other_metric": 4},
                 "tuning 2068": {"right": 85 / 90, "status_right": 85 / 90, "high_right": 20 / 20,
                                 "other_metric": 0},
                 "tuning 2071": {"right": 88 / 97, "status_right": 91 / 97, "high_right": 25 / 25,
                                 "other_metric": 2},
                 "tuning 2074": {"right": 98 / 108, "status_right": 98 / 108, "high_right": 24 / 24,
                                 "other_metric": 0},
                 "tuning 2077": {"right": 91 / 109, "status_right": 94 / 109, "high_right": 33 / 33,
                                 "other_metric": 1},
                 "tuning 2080": {"right": 98 / 114, "status_right": 102 / 114, "high_right": 19 / 19,
                                 "other_metric": 0},
                 "tuning 2083": {"right": 102 / 114, "status_right": 104 / 114, "high_right": 30 / 30,
                                 "other_metric": 0},
                 "tuning 2086": {"right": 107 / 120, "status_right": 112 / 120, "high_right": 34 / 34,
                                 "other_metric": 2},
                 "held out 2089": {"right": 84 / 119, "status_right": 91 / 119, "high_right": 30 / 30,
                                   "other_metric": 5},
                 "tuning 2092": {"right": 111 / 118, "status_right": 113 / 118, "high_right": 31 / 31,
                                 "other_metric": 2},
                 "held out 2095": {"right": 100 / 119, "status_right": 108 / 119, "high_right": 36 / 36,
                                   "other_metric": 4},
                 "tuning 2110": {"right": 120 / 126, "status_right": 121 / 126, "high_right": 31 / 31,
                                   "other_metric": 1},
                 "tuning 2113": {"right": 114 / 126, "status_right": 118 / 126, "high_right": 26 / 26,
                                 "other_metric": 0},
                 "tuning 2116": {"right": 115 / 127, "status_right": 118 / 127, "high_right": 30 / 30,
                                 "other_metric": 2},
                 "tuning 2125": {"right": 107 / 131, "status_right": 113 / 131, "high_right": 16 / 16,
                                 "other_metric": 3},
                 "tuning 2128": {"right": 96 / 130, "status_right": 109 / 130, "high_right": 21 / 21,
                                 "other_metric": 4},
                 "held out 2131": {"right": 101 / 132, "status_right": 109 / 132, "high_right": 30 / 31,
                                   "other_metric": 2},
                 "tuning 2122": {"right": 112 / 128, "status_right": 118 / 128, "high_right": 26 / 26,
                                 "other_metric": 3},
                 "tuning 2119": {"right": 114 / 129, "status_right": 117 / 129, "high_right": 33 / 33,
                                 "other_metric": 1},
                 "tuning 2107": {"right": 122 / 128, "status_right": 122 / 128, "high_right": 18 / 18,
                                   "other_metric": 0},
                 "tuning 2098": {"right": 106 / 119, "status_right": 107 / 119, "high_right": 31 / 31,
                                   "other_metric": 1},
                 "tuning 2101": {"right": 120 / 124, "status_right": 121 / 124, "high_right": 34 / 34,
                                   "other_metric": 1},
                 "tuning 2104": {"right": 116 / 126, "status_right": 117 / 126, "high_right": 24 / 24,
                                   "other_metric": 1}}


@pytest.mark.slow  # drafts eighty-three fictional years
@pytest.mark.parametrize("part", list(CORPUS_PINNED))
def test_drafting_on_the_fictional_corpus_does_not_fall(part):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import drafting

    from kemi_analysis.authoring.grading import grading_summary

    years = next(years for name, years in drafting.PARTS.items() if name.startswith(part))
    graded = pd.concat([drafting.graded_year(folder, year) for folder, year in years], ignore_index=True)
    figures = grading_summary(graded)
    pinned = CORPUS_PINNED[part]
    assert figures["right"] >= pinned["right"] - 1e-9
    assert figures["status_right"] >= pinned["status_right"] - 1e-9
    high = graded[graded["confidence"] == "high"]
    assert len(high) >= 15 and high["right"].mean() >= pinned["high_right"] - 1e-9
    assert figures["other_metric"] <= pinned["other_metric"]
