"""The yearly cycle on a fictional new year: draft, check, review, report refused, rows reviewed, report.

tests/fixtures/cycle holds a curated 2041 and the raw 2042 report only (see its README).
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from helpers import FIXTURES
from kemi_analysis.authoring.review import build_review
from kemi_analysis.cli import main

pytestmark = pytest.mark.slow  # renders reports

CYCLE = FIXTURES / "cycle"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["-q", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def mark_reviewed(path: Path) -> None:
    """What the analyst does once each row is checked: remove the DRAFT marker from its note."""
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    for row in rows[1:]:
        row[-1] = row[-1].removeprefix("DRAFT, ").replace("confidence", "checked; drafted with confidence", 1)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def test_the_yearly_cycle_on_a_fictional_year(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(CYCLE, data)
    raw, draft, curated = data / "raw/kuviteltu_2042.txt", data / "annotations/2042.draft.csv", data / "annotations/2042.csv"

    # 1. Draft: every row is marked DRAFT, the dropped metric keeps a row, matched ids keep their short text.
    code, out, _ = run(capsys, "draft", str(raw), "--previous", str(data / "annotations/2041.csv"))
    assert code == 0 and "Wrote 4 draft rows for 2042" in out
    rows = {r["metric_id"]: r for r in csv.DictReader(draft.open(encoding="utf-8"))}
    assert all(r["note"].startswith("DRAFT") for r in rows.values())
    assert rows["park_cleanups"]["metric"] == "Puistosiivoukset vuodessa"  # the 2041 curated text
    assert rows["library_loans"]["status"] == "not_reported" and "not found" in rows["library_loans"]["note"]
    before = draft.read_bytes()
    code, _, err = run(capsys, "draft", str(raw))  # never overwrites
    assert code == 1 and "2042.draft.csv exists" in err and draft.read_bytes() == before
    code, _, err = run(capsys, "draft", str(raw), "--out", str(data / "annotations/2041.csv"), "--force")
    assert code == 1 and "never replaced" in err

    # 2. Check: the draft follows the contract; a broken quote is named with the cell it was compared with.
    code, out, _ = run(capsys, "check", str(draft), "--data-dir", str(data))
    assert code == 0 and "4 rows follow the contract" in out and "4 still marked DRAFT" in out
    broken = tmp_path / "2042.csv"
    broken.write_text(draft.read_text(encoding="utf-8").replace("Siivouksia 18", "Siivouksia 81"), encoding="utf-8")
    code, _, err = run(capsys, "check", str(broken), "--data-dir", str(data))
    assert code == 1 and "'Siivouksia 81' is not found in the realisation cell of line 6, which reads: " \
                         "'Siivouksia 18'" in err

    # 3. Review: what needs attention comes first.
    sheet = build_review(data, 2042)
    first = sheet.entries[0]
    assert first.metric_id == "park_cleanups"
    assert first.flags == ["the actual value changed from 5 (2041) to 18",
                           "the unit differs from 2041's: 'krt/v' then, 'kpl' now",
                           "achievement ratio 450 % is over 300 %: check the target, the value and their units"]
    flags = {e.metric_id: e.flags for e in sheet.entries}
    assert "the realisation of line 7 mentions 340, which no row of it uses" in flags["queue_days"]
    assert "drafted with low confidence: read the note and the source" in flags["library_loans"]
    assert sheet.drafts == 4
    code, out, _ = run(capsys, "review", "2042", "--data-dir", str(data), "--out", str(tmp_path / "review.html"))
    assert code == 0 and "4 entries" in out and (tmp_path / "review.html").is_file()

    # 4. The draft saved as the year's file: report and export refuse it, naming the lines.
    shutil.copy(draft, curated)
    code, _, err = run(capsys, "report", "--year", "2042", "--data-dir", str(data), "--out-dir", str(tmp_path / "out"))
    assert code == 1 and "4 row(s) are still drafts" in err and "lines 2, 3, 4, 5" in err
    assert not (tmp_path / "out").exists()
    code, _, err = run(capsys, "export", "--year", "2042", "--data-dir", str(data), "--out", str(tmp_path / "m.csv"))
    assert code == 1 and "still drafts" in err and not (tmp_path / "m.csv").exists()

    # 5. --allow-draft renders it, marked as a draft in its title and at every draft metric.
    code, _, _ = run(capsys, "report", "--year", "2042", "--data-dir", str(data), "--out-dir", str(tmp_path / "draft"),
                     "--allow-draft")
    html = (tmp_path / "draft/2042/report_2042.html").read_text(encoding="utf-8")
    assert code == 0
    assert "<title>LUONNOS: Kemin hyvinvointitoimiala 2042</title>" in html
    assert "LUONNOS: Kemin hyvinvointitoimiala: strategian toteutuminen vuonna 2042" in html
    assert "Puistosiivoukset vuodessa (LUONNOS)" in html

    # 6. Rows marked reviewed: the report renders, compared with 2041, and says nothing of drafts.
    mark_reviewed(curated)
    code, _, err = run(capsys, "report", "--year", "2042", "--data-dir", str(data), "--out-dir", str(tmp_path / "out"))
    assert code == 0, err
    html = (tmp_path / "out/2042/report_2042.html").read_text(encoding="utf-8")
    assert "Muutos vuodesta 2041 vuoteen 2042 mittareittain" in html
    assert "LUONNOS" not in html


def test_a_copy_of_a_raw_report_stops_every_command(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(CYCLE, data)
    shutil.copy(data / "raw/kuviteltu_2041.txt", data / "raw/kuviteltu_2041 (kopio).txt")
    for argv in (["report", "--all"], ["export", "--years", "all", "--out", str(tmp_path / "x.csv")],
                 ["match", "--year", "2042"], ["check", str(data / "annotations/2041.csv")]):
        code, _, err = run(capsys, *argv, "--data-dir", str(data))
        assert code == 1, argv
        assert "more than one raw report for a year" in err
        assert "'kuviteltu_2041 (kopio).txt'" in err and "'kuviteltu_2041.txt'" in err


def test_a_year_with_only_a_draft_is_listed_with_what_to_do(tmp_path, capsys):
    """What report --all lists after the complete years (its rendering is tested in test_report)."""
    from kemi_analysis.compute.pipeline import discover

    data = tmp_path / "data"
    shutil.copytree(CYCLE, data)
    run(capsys, "draft", str(data / "raw/kuviteltu_2042.txt"))
    folder = discover(data)
    assert folder.annotated == [2041]
    assert [str(p).split(": ", 1)[1] for p in folder.problems] == [
        "2042 has only a draft annotation file (2042.draft.csv), so it cannot be reported on yet.\n"
        "  What to do: check and review it ('kemi-analysis review 2042'), then save it as 2042.csv."]


def test_validate_on_an_annotation_file_points_to_check(capsys):
    code, _, err = run(capsys, "validate", str(CYCLE / "annotations/2041.csv"))
    assert code == 2 and "kemi-analysis check" in err
