"""How well ``kemi-analysis draft`` reads text: the real 2022 report and the fictional development corpus.

Run with ``.venv/bin/python benchmarks/drafting.py`` (needs Voikko). The corpus
(fictional, ``tests/fixtures/drafting*``) is written in sets of three years,
each by someone who never saw the drafter, with a gold file written by hand
before any tool read the text. Each set was first held out and scored before
it was tuned on. The tuning parts: ``drafting`` (2051-2055) to
``drafting_heldout4`` (2056-2067), ``drafting_heldout5`` (2068-2070) to
``drafting_heldout11`` (2086-2088), ``drafting_heldout13`` (2092-2094) and
``drafting_heldout15`` to ``drafting_heldout25`` (2098-2130); held out, rows
never printed while tuning: ``drafting_heldout12`` (2089-2091),
``drafting_heldout14`` (2095-2097) and ``drafting_heldout26`` (2131-2133).
Each year is drafted with the year before it as the previous year, from
whichever folder holds it (the series runs on, as the city's years do). For
each part: rows, the share of statuses, values and whole rows right, values
taken from another metric's paragraph, and per confidence level the rows and
the share right. ``--rows`` prints every row that is wrong; ``--part tuning``
or ``--part held`` one kind of part only.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "fixtures" / "drafting"
SECOND = ROOT / "tests" / "fixtures" / "drafting_heldout"
THIRD = ROOT / "tests" / "fixtures" / "drafting_heldout2"
FOURTH = ROOT / "tests" / "fixtures" / "drafting_heldout3"
FIFTH = ROOT / "tests" / "fixtures" / "drafting_heldout4"
HELD_OUT = ROOT / "tests" / "fixtures" / "drafting_heldout5"
HELD_OUT_2 = ROOT / "tests" / "fixtures" / "drafting_heldout6"
HELD_OUT_3 = ROOT / "tests" / "fixtures" / "drafting_heldout7"
HELD_OUT_4 = ROOT / "tests" / "fixtures" / "drafting_heldout8"
HELD_OUT_5 = ROOT / "tests" / "fixtures" / "drafting_heldout9"
HELD_OUT_6 = ROOT / "tests" / "fixtures" / "drafting_heldout10"
HELD_OUT_7 = ROOT / "tests" / "fixtures" / "drafting_heldout11"
HELD_OUT_8 = ROOT / "tests" / "fixtures" / "drafting_heldout12"
HELD_OUT_9 = ROOT / "tests" / "fixtures" / "drafting_heldout13"
HELD_OUT_10 = ROOT / "tests" / "fixtures" / "drafting_heldout14"
HELD_OUT_11 = ROOT / "tests" / "fixtures" / "drafting_heldout15"
HELD_OUT_12 = ROOT / "tests" / "fixtures" / "drafting_heldout16"
HELD_OUT_13 = ROOT / "tests" / "fixtures" / "drafting_heldout17"
HELD_OUT_14 = ROOT / "tests" / "fixtures" / "drafting_heldout18"
HELD_OUT_15 = ROOT / "tests" / "fixtures" / "drafting_heldout19"
HELD_OUT_16 = ROOT / "tests" / "fixtures" / "drafting_heldout20"
HELD_OUT_17 = ROOT / "tests" / "fixtures" / "drafting_heldout21"
HELD_OUT_18 = ROOT / "tests" / "fixtures" / "drafting_heldout22"
HELD_OUT_19 = ROOT / "tests" / "fixtures" / "drafting_heldout23"
HELD_OUT_20 = ROOT / "tests" / "fixtures" / "drafting_heldout24"
HELD_OUT_21 = ROOT / "tests" / "fixtures" / "drafting_heldout25"
HELD_OUT_22 = ROOT / "tests" / "fixtures" / "drafting_heldout26"
FOLDERS = (CORPUS, SECOND, THIRD, FOURTH, FIFTH, HELD_OUT, HELD_OUT_2, HELD_OUT_3, HELD_OUT_4, HELD_OUT_5, HELD_OUT_6,
           HELD_OUT_7, HELD_OUT_8, HELD_OUT_9, HELD_OUT_10, HELD_OUT_11, HELD_OUT_12,
           HELD_OUT_13, HELD_OUT_14, HELD_OUT_15, HELD_OUT_16, HELD_OUT_17, HELD_OUT_18, HELD_OUT_19,
           HELD_OUT_20, HELD_OUT_21, HELD_OUT_22)
PARTS = {"2022 (real)": [(ROOT / "data", 2022)],
         "tuning 2051-2067": [(CORPUS, year) for year in (2051, 2052, 2053, 2054, 2055)]
         + [(SECOND, year) for year in (2056, 2057, 2058)] + [(THIRD, year) for year in (2059, 2060, 2061)]
         + [(FOURTH, year) for year in (2062, 2063, 2064)] + [(FIFTH, year) for year in (2065, 2066, 2067)],
         "tuning 2068-2070": [(HELD_OUT, year) for year in (2068, 2069, 2070)],
         "tuning 2071-2073": [(HELD_OUT_2, year) for year in (2071, 2072, 2073)],
         "tuning 2074-2076": [(HELD_OUT_3, year) for year in (2074, 2075, 2076)],
         "tuning 2077-2079": [(HELD_OUT_4, year) for year in (2077, 2078, 2079)],
         "tuning 2080-2082": [(HELD_OUT_5, year) for year in (2080, 2081, 2082)],
         "tuning 2083-2085": [(HELD_OUT_6, year) for year in (2083, 2084, 2085)],
         "tuning 2086-2088": [(HELD_OUT_7, year) for year in (2086, 2087, 2088)],
         "held out 2089-2091": [(HELD_OUT_8, year) for year in (2089, 2090, 2091)],
         "tuning 2092-2094": [(HELD_OUT_9, year) for year in (2092, 2093, 2094)],
         "held out 2095-2097": [(HELD_OUT_10, year) for year in (2095, 2096, 2097)],
         "tuning 2098-2100": [(HELD_OUT_11, year) for year in (2098, 2099, 2100)],
         "tuning 2101-2103": [(HELD_OUT_12, year) for year in (2101, 2102, 2103)],
         "tuning 2104-2106": [(HELD_OUT_13, year) for year in (2104, 2105, 2106)],
         "tuning 2107-2109": [(HELD_OUT_14, year) for year in (2107, 2108, 2109)],
         "tuning 2110-2112": [(HELD_OUT_15, year) for year in (2110, 2111, 2112)],
         "tuning 2113-2115": [(HELD_OUT_16, year) for year in (2113, 2114, 2115)],
         "tuning 2116-2118": [(HELD_OUT_17, year) for year in (2116, 2117, 2118)],
         "tuning 2119-2121": [(HELD_OUT_18, year) for year in (2119, 2120, 2121)],
         "tuning 2122-2124": [(HELD_OUT_19, year) for year in (2122, 2123, 2124)],
         "tuning 2125-2127": [(HELD_OUT_20, year) for year in (2125, 2126, 2127)],
         "tuning 2128-2130": [(HELD_OUT_21, year) for year in (2128, 2129, 2130)],
         "held out 2131-2133": [(HELD_OUT_22, year) for year in (2131, 2132, 2133)]}


def graded_year(data_dir: Path, year: int) -> pd.DataFrame:
    from kemi_analysis.authoring.draft import draft_annotations, write_draft
    from kemi_analysis.authoring.grading import grade_draft
    from kemi_analysis.compute.achievement import build_metrics
    from kemi_analysis.compute.pipeline import discover
    from kemi_analysis.read.annotations import load_annotations
    from kemi_analysis.read.parser import load_report

    files = discover(data_dir).files(year)
    report = load_report(files.raw)
    gold = build_metrics(report, load_annotations(files.annotations, report))
    previous = None
    earlier = [folder / "annotations" / f"{year - 1}.csv" for folder in (data_dir, *FOLDERS)]
    earlier = [path for path in earlier if path.is_file()]
    if earlier:  # the series runs on across the corpus folders, as the city's years do
        previous = pd.read_csv(earlier[0], dtype=str, keep_default_na=False)
    with tempfile.TemporaryDirectory() as tmp:
        path = write_draft(draft_annotations(report, previous), Path(tmp) / f"{year}.draft.csv", report)
        draft = build_metrics(report, load_annotations(path, report))
    graded = grade_draft(draft, gold)
    graded.insert(0, "year", year)
    return graded


def main() -> int:
    from kemi_analysis.authoring.grading import grading_summary

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", action="store_true", help="print every row the draft got wrong")
    parser.add_argument("--part", choices=["all", "2022", "tuning", "held"], default="all")
    args = parser.parse_args()
    for name, years in PARTS.items():
        if args.part != "all" and not name.startswith(args.part):
            continue
        graded = pd.concat([graded_year(folder, year) for folder, year in years if
                            (folder / "annotations" / f"{year}.csv").exists()], ignore_index=True)
        figures = grading_summary(graded)
        print(f"{name}: {figures['rows']} rows; status {figures['status_right']:.0%}, values "
              f"{figures['values_right']:.0%}, rows {figures['right']:.0%} right; "
              f"{figures['other_metric']} values from another metric")
        for level, (count, share) in figures["calibration"].items():
            print(f"  confidence {level:<6} {count:>3} rows, {share:.0%} right")
        if args.rows:
            wrong = graded[~graded["right"]]
            with pd.option_context("display.width", 200, "display.max_columns", 20, "display.max_rows", 500):
                print(wrong.drop(columns=["right"]).to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
