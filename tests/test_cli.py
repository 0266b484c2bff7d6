"""The command line: summaries, tables, exit codes and error messages."""

from __future__ import annotations

import csv

import pytest

from helpers import FIXTURES, RAW_2022, make_report
from kemi_analysis.cli import main


def test_validate_prints_the_summary_and_exits_0(capsys):
    assert main(["validate", str(RAW_2022)]) == 0
    out = capsys.readouterr().out
    assert "report for 2022 (Toteuma 1-12/2022), 3 strategic aims, 12 goal rows" in out
    assert "HYVINVOIVAT KUNTALAISET" in out
    assert "line 18: no realisation (Toteuma) given" in out


def test_validate_lists_skipped_lines(capsys):
    assert main(["validate", str(FIXTURES / "minimal_2031.txt")]) == 0
    assert "skipped line 1: text before the first aim heading" in capsys.readouterr().out


def test_malformed_input_names_file_and_line_and_exits_1(write_raw, capsys):
    path = write_raw(make_report("a\tb\tc\td\te\tf\tg\th"))
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}, line 4:" in err
    assert "8 cells but the header row (line 3) has 6" in err
    assert "What to do:" in err


def test_a_missing_file_exits_1_with_its_name(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nope.txt")]) == 1
    assert "nope.txt: cannot read the report text: No such file" in capsys.readouterr().err


def test_bad_usage_exits_2(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["validate"])
    assert caught.value.code == 2


def test_parse_writes_the_goal_row_table(tmp_path):
    out = tmp_path / "goals.csv"
    assert main(["parse", str(RAW_2022), "--out", str(out)]) == 0
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["year", "aim", "sector", "source_line", "goal", "action", "responsible",
                             "metric", "realisation", "sdgs"]
    assert len(rows) == 12
    assert rows[0]["sdgs"] == "3;6;7;8;9;11;12;13;14;15"
    assert rows[0]["source_line"] == "6"
    assert [r["source_line"] for r in rows if not r["realisation"]] == ["18"]


def test_parse_failure_leaves_an_existing_output_untouched(write_raw, tmp_path):
    out = tmp_path / "goals.csv"
    out.write_text("previous\n", encoding="utf-8")
    bad = write_raw("not a report\n")
    assert main(["parse", str(bad), "--out", str(out)]) == 1
    assert out.read_text(encoding="utf-8") == "previous\n"
