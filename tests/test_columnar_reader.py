"""The columnar reader gives what the line-by-line reader gave: same tables, lines and warnings, or the same error.

The old reader is kept as the oracle in ``tests/line_reader.py``. Inputs: the real 2022 text, every raw text of
the fictional fixtures (good and bad), hand-made rows for each path the columnar reader splits off (markup,
entities, every white-space character Python knows, short and wide rows, a joined 'Toteuma ... SDG' header,
SDG-only rows, text in the SDG cell, unknown roles), synthetic benchmark data and the fuzz corpus of
``test_fuzz.py``.
"""

from __future__ import annotations

import sys

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings

from helpers import FIXTURES, HEADER, RAW_2022, make_report, synthetic
from kemi_analysis.errors import SourceError
from kemi_analysis.read import arrow
from kemi_analysis.read.decode import read_source
from kemi_analysis.read.parser import parse_report
from line_reader import parse_report_by_line
from test_fuzz import perturbed

TABLES = ("aims", "goals", "items", "roles", "sdgs", "lines")


def outcome(read, text: str):
    try:
        return read(text, "report.txt")
    except SourceError as error:
        return error


def assert_same(text: str) -> None:
    old, new = outcome(parse_report_by_line, text), outcome(parse_report, text)
    if isinstance(old, SourceError) or isinstance(new, SourceError):
        assert type(old) is type(new) and str(old) == str(new) and old.line == new.line
        return
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(old, name), getattr(new, name), check_exact=True, obj=name)
    assert new.warnings == old.warnings
    assert new.year == old.year


def test_the_real_2022_text_reads_the_same():
    source = read_source(RAW_2022)
    old = parse_report_by_line(source.text, source.path, source=source)
    new = parse_report(source.text, source.path, source=source)
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(old, name), getattr(new, name), check_exact=True, obj=name)
    assert new.warnings == old.warnings
    assert len(new.goals) == 12 and len(new.items) > len(new.goals)


@pytest.mark.parametrize("path", sorted(FIXTURES.rglob("*.txt")), ids=lambda p: str(p.relative_to(FIXTURES)))
def test_every_fixture_text_reads_the_same(path):
    try:
        text = read_source(path).text
    except SourceError:
        pytest.skip("not decodable: the reader never sees it")
    assert_same(text)


ROWS = {
    "markup and items": "<p>Uusi</p> <p>Vanha</p>\t<b>Siivous</b>\t<p>Toimialajohtaja</p><p>Rehtori 2031</p>"
                        "\tVähintään 4 &amp; 5\t<br/>Toteutui<br>5 kpl\t<b>3</b> TERVEYTTÄ",
    "entities only": "A &lt; B\tC &amp; D\tToimialajohtaja\t&nbsp;\t5 &#8722; 3\t",
    "hostile text": "<script>alert(1)</script>\t<img src=x onerror=alert(1)>\t&\t<\t>\t",
    "short row, SDG last": "Puistot\tSiivous\t4 YHTEISTYÖ",
    "sdg only": "\t\t\t\t\t17 YHTEISTYÖ KUMPPANUUS",
    "not sdg text": "Puistot\tSiivous\tToimialajohtaja\tmittari\ttoteuma\tei tavoitteita",
    "unknown roles": "Puistot\tSiivous\tKolmas sektori ja seurakunta 2031-\tmittari\t\t",
    "empty goal": "\tSiivous\tToimialajohtaja\tmittari\ttoteutui\t",
    "trailing empty cells": "Puistot\tSiivous\tToimialajohtaja\tmittari\ttoteutui\t\t\t",
}


@pytest.mark.parametrize("name", ROWS)
def test_each_path_of_the_columnar_reader_reads_the_same(name):
    assert_same(make_report(ROWS[name], "Tavoite 2\tToimenpide\tRehtori\tmittari\t5\t3"))


def test_a_row_wider_than_the_header_is_the_same_error():
    assert_same(make_report("a\tb\tc\td\te\tf\tg\th", "Tavoite 2\tToimenpide\tRehtori\tmittari\t5\t3"))


def test_every_white_space_character_collapses_as_python_splits():
    spaces = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())
    assert arrow.SPACES == spaces
    for space in spaces.replace("\n", "").replace("\r", "").replace("\t", ""):
        assert_same(make_report(f"{space}Puistot{space}{space}x\tSiivous{space}\tRehtori\tmittari\t5{space}\t"))


def test_a_joined_realisation_and_sdg_header_reads_the_same():
    header = "Tavoite\tToimenpiteet\tVastuu ja aikataulu\tMittarit, arviointi\tToteuma 1-12/2031 SDG"
    assert_same(make_report("Puistot\tSiivous\tRehtori\tmittari\tToteutui 5 kpl 3 TERVEYTTÄ JA HYVINVOINTIA",
                            "Puistot 2\tSiivous\tRehtori\tmittari", header=header))


def test_several_aims_with_lines_between_read_the_same():
    first = make_report("Puistot\tSiivous\tRehtori\tmittari\t5\t3 TERVEYTTÄ")
    second = make_report("Koulut\tOpetus\tToimialajohtaja\tmittari\t\t4", aim="KUVITELTU ARKI")
    assert_same("Johdanto ilman sarkaimia\n" + first + "# Muu otsikko\nirrallinen rivi\n\n" + second +
                "\n# Strateginen päämäärä: TYHJÄ, hyvinvointi\n" + HEADER + "\n")


def test_synthetic_benchmark_data_reads_the_same(tmp_path):
    folder = synthetic().write_dataset(tmp_path, 3000, years=1)
    assert_same(next((folder / "raw").glob("*.txt")).read_text(encoding="utf-8"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(perturbed())
def test_the_fuzz_corpus_reads_the_same(text):
    assert_same(text)


def test_many_small_tables_read_the_same(tmp_path):
    folder = synthetic().write_dataset(tmp_path, 800, years=1, aims=200)
    assert_same(next((folder / "raw").glob("*.txt")).read_text(encoding="utf-8"))


def test_tables_with_different_headers_read_the_same():
    without_sdg = "Tavoite\tToimenpiteet\tVastuu ja aikataulu\tMittarit, arviointi\tToteuma 1-12/2031"
    joined = "Tavoite\tToimenpiteet\tVastuu ja aikataulu\tMittarit, arviointi\tToteuma 1-12/2031 SDG"
    reordered = "Toimenpiteet\tTavoite\tSDG\tVastuu ja aikataulu\tMittarit, arviointi\tToteuma 1-12/2031"
    text = (make_report("Puistot\tSiivous\tRehtori\tmittari\t5\t3 TERVEYTTÄ", "\t\t\t\t\t4 HYVÄ KOULUTUS")
            + make_report("Koulut\tOpetus\tRehtori\tmittari\t6", "Lyhyt\trivi", aim="KUVITELTU ARKI", header=without_sdg)
            + make_report("Kirjasto\tLaina\tRehtori\tmittari\t7 kpl 11 KESTÄVÄT KAUPUNGIT", aim="KUVITELTU YHTEISÖ",
                          header=joined)
            + make_report("Siivous\tPuistot\t3 TERVEYTTÄ\tRehtori\tmittari\t8", "Ei\tsdg:tä\t\tRehtori\tm\t",
                          aim="KUVITELTU TOINEN", header=reordered))
    assert_same(text)
