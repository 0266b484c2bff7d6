"""Year over year on the fictional multi-year fixture, and the Open SDG progress method by hand."""

from __future__ import annotations

import math
import shutil

import pandas as pd
import pytest

from helpers import FIXTURES
from kemi_analysis.cli import main
from kemi_analysis.compute.pipeline import load_years
from kemi_analysis.authoring.matching import propose_matches
from kemi_analysis.read.parser import load_report
from kemi_analysis.compute.trends import (
    changes_table,
    new_and_dropped,
    open_sdg_progress,
    progress,
    status_by_aim_and_year,
    year_over_year,
    year_pairs,
)

MULTIYEAR = FIXTURES / "multiyear"


@pytest.fixture(scope="module")
def dataset():
    return load_years(MULTIYEAR)


def test_all_years_load_into_one_long_table_and_a_missing_annotation_file_is_reported(dataset):
    assert sorted(dataset.years) == [2031, 2032]
    assert sorted(dataset.metrics["year"].unique()) == [2031, 2032]
    assert [str(p).split(": ", 1)[1].split(":")[0] for p in dataset.problems] == ["no annotation file for 2033"]
    assert len(dataset.metrics) == 8


def test_a_raw_file_whose_name_and_text_disagree_on_the_year(tmp_path):
    shutil.copytree(MULTIYEAR, tmp_path / "data")
    (tmp_path / "data/raw/kuviteltu_2032.txt").rename(tmp_path / "data/raw/kuviteltu_2030.txt")
    dataset = load_years(tmp_path / "data")
    assert sorted(dataset.years) == [2031]
    problems = {problem.path.name: problem.message for problem in dataset.problems}
    assert problems["kuviteltu_2030.txt"].startswith("the file name says 2030 but the text reports on 2032")
    assert problems["2032.csv"] == f"no raw report for 2032 in {tmp_path / 'data' / 'raw'}."


def test_changes_transitions_and_flags(dataset):
    changes = year_over_year(dataset.metrics).set_index("metric_id")
    park = changes.loc["park_cleanups"]
    assert (park["actual_from"], park["actual_to"], park["change_abs"]) == (3, 5, 2)
    assert park["change_rel"] == pytest.approx(2 / 3)
    assert park["ratio_change"] == pytest.approx(1.25 - 0.75)
    assert park["transition"] == "partial -> achieved"
    assert park["first_achieved"] and not park["fell_back"]
    surveys = changes.loc["customer_surveys"]  # reworded in 2032, joined on metric_id
    assert surveys["transition"] == "achieved -> not_achieved"
    assert surveys["fell_back"] and not surveys["first_achieved"]
    queue = changes.loc["queue_days"]  # lower is better: 20 -> 16 days
    assert queue["ratio_from"] == pytest.approx(14 / 20) and queue["ratio_to"] == pytest.approx(14 / 16)
    assert queue["change_rel"] == pytest.approx(-0.2)


def test_carried_over_by_passed_deadline_or_continuing_work(dataset):
    from kemi_analysis.compute.trends import flag_carried_over

    metrics = dataset.years[2031].metrics
    flags = dict(zip(metrics["metric_id"], flag_carried_over(metrics)))
    assert flags == {"park_cleanups": False, "queue_days": False, "customer_surveys": False, "street_lamps": True}


def test_carried_over_from_the_realisation_text_of_2022():
    from helpers import ROOT
    from kemi_analysis.compute.pipeline import load_year
    from kemi_analysis.compute.trends import flag_carried_over

    metrics = load_year(ROOT / "data", 2022).metrics
    carried = set(metrics.loc[flag_carried_over(metrics), "metric_id"])
    assert "daycare_env_audits" in carried  # "auditoinnit jatkuvat 2023"
    assert "service_network_study" in carried  # deadline 2022-05 passed, "valmiustelutyö jatkuu"
    assert "school_safety_audits" not in carried


def test_new_and_dropped_metrics(dataset):
    table = new_and_dropped(dataset.metrics, 2031, 2032)
    assert table[["change", "metric_id"]].values.tolist() == [["new", "cycle_paths"], ["dropped", "street_lamps"]]


def test_status_by_aim_and_year_with_change(dataset):
    table = status_by_aim_and_year(dataset.metrics).set_index(["aim", "year"])
    assert table.loc[("KUVITELTU KAUPUNKI", 2032), "share_achieved"] == 0.5
    assert table.loc[("KUVITELTU KAUPUNKI", 2032), "share_achieved_change"] == 0.5
    assert table.loc[("KUVITELTU ARKI", 2032), "share_achieved_change"] == -0.5
    assert math.isnan(table.loc[("KUVITELTU ARKI", 2031), "share_achieved_change"])


def test_year_pairs():
    assert year_pairs([2024, 2022, 2023]) == [(2022, 2023), (2023, 2024)]
    assert year_pairs([2022, 2023, 2024], compare_years=[2022]) == [(2022, 2024)]
    assert year_pairs([2022]) == []


def test_progress_per_metric_on_the_fixture(dataset):
    table = progress(dataset.metrics).set_index("metric_id")
    assert table.loc["park_cleanups", "progress"] == "target_achieved"
    assert table.loc["queue_days", "progress"] == "moderate_progress"
    assert table.loc["queue_days", "direction"] == -1
    assert table.loc["queue_days", "progress_value"] == pytest.approx(0.2 / 0.3)
    assert table.loc["cycle_paths", "progress"] == "not_available"  # a single year


# Open SDG by hand --------------------------------------------------------------
# Each case: CAGR_obs = (cur/base)^(1/n) - 1; with a target P = d*CAGR_obs/|CAGR_req|.


@pytest.mark.parametrize(
    ("series", "kwargs", "category", "value"),
    [
        # 100 -> 121 over 2 years: CAGR_obs = 0.10. Target 150 in 2026 (4 years from base):
        # CAGR_req = 1.5^(1/4) - 1 = 0.1066819; P = 0.10 / 0.1066819 = 0.937366 -> moderate.
        ({2022: 100, 2024: 121}, {"target": 150, "target_year": 2026}, "moderate_progress", 0.937366),
        # Target 130 in 2026: CAGR_req = 1.3^(1/4) - 1 = 0.0677900; P = 1.475144 -> substantial.
        ({2022: 100, 2024: 121}, {"target": 130, "target_year": 2026}, "substantial_progress", 1.475144),
        # 100 -> 102 in a year (0.02); target 200 in 2023: CAGR_req = 1.0; P = 0.02 -> limited.
        ({2022: 100, 2023: 102}, {"target": 200, "target_year": 2023}, "limited_progress", 0.02),
        # 100 -> 90, target 120: P = -0.1 / 0.2 = -0.5 -> deterioration.
        ({2022: 100, 2023: 90}, {"target": 120, "target_year": 2023}, "deterioration", -0.5),
        # Current 125 already meets the target 120.
        ({2022: 100, 2023: 125}, {"target": 120, "target_year": 2025}, "target_achieved", 0.25 / (1.2 ** (1 / 3) - 1)),
        # Lower is better: 20 -> 16, target 14: P = -1 * -0.2 / 0.3 = 0.666667 -> moderate.
        ({2022: 20, 2023: 16}, {"target": 14, "target_year": 2023, "direction": -1}, "moderate_progress", 0.666667),
        # No target, thresholds 0.015 / 0.005: 100 -> 102 is 0.02 -> substantial.
        ({2022: 100, 2023: 102}, {}, "substantial_progress", 0.02),
        ({2022: 100, 2023: 101}, {}, "moderate_progress", 0.01),
        ({2022: 1000, 2023: 1003}, {}, "limited_progress", 0.003),
        ({2022: 100, 2023: 99}, {}, "deterioration", -0.01),
        # Lower is better without target: 100 -> 99 is progress of 0.01 -> moderate.
        ({2022: 100, 2023: 99}, {"direction": -1}, "moderate_progress", 0.01),
        # Thresholds exactly: 0.95 is substantial, 0.60 moderate, 0.015 substantial.
        ({2022: 100, 2023: 119}, {"target": 120, "target_year": 2023}, "substantial_progress", 0.95),
        ({2022: 100, 2023: 112}, {"target": 120, "target_year": 2023}, "moderate_progress", 0.60),
        ({2022: 1000, 2023: 1015}, {}, "substantial_progress", 0.015),
        # Four points: only the base and current years count. 2021 -> 2024: (133.1/100)^(1/3) - 1 = 0.10.
        ({2021: 100, 2022: 50, 2023: 200, 2024: 133.1}, {}, "substantial_progress", 0.10),
        # Negative base and current: sign -1. -100 -> -90 (less negative) with d=+1: CAGR_obs = -0.1,
        # P = -1 * 1 * -0.1 = 0.1 -> substantial.
        ({2022: -100, 2023: -90}, {}, "substantial_progress", 0.1),
    ],
)
def test_open_sdg_categories(series, kwargs, category, value):
    result = open_sdg_progress(series, **kwargs)
    assert result.category == category
    assert result.value == pytest.approx(value, abs=1e-6)


def test_open_sdg_zero_base_is_replaced_by_0_001():
    result = open_sdg_progress({2022: 0, 2023: 5})
    assert result.cagr_observed == pytest.approx(5 / 0.001 - 1)
    assert result.category == "substantial_progress"


def test_open_sdg_zero_target_is_replaced_by_0_001():
    result = open_sdg_progress({2022: 10, 2023: 5}, target=0, target_year=2024, direction=-1)
    assert result.cagr_required == pytest.approx((0.001 / 10) ** 0.5 - 1)
    assert result.category == "limited_progress"  # P = 0.5 / 0.99 = 0.505


def test_open_sdg_opposite_signs_are_not_available():
    result = open_sdg_progress({2022: -5, 2023: 5})
    assert (result.category, result.value) == ("not_available", None)
    assert "opposite signs" in result.reason


def test_open_sdg_single_year_is_not_available():
    assert open_sdg_progress({2022: 5}).category == "not_available"
    assert open_sdg_progress({2022: 5, 2023: float("nan")}).category == "not_available"


# Matching and the command line ----------------------------------------------------


def test_matching_proposes_reworded_metrics_and_flags_new_and_dropped(dataset):
    report = load_report(MULTIYEAR / "raw" / "kuviteltu_2032.txt")
    proposals = propose_matches(report, dataset.years[2031].annotations.table)
    decided = {(r.source_line, r.decision): r.metric_id for r in proposals.itertuples()}
    assert decided[(6, "match")] == "park_cleanups"
    assert decided[(12, "match")] == "customer_surveys"  # "Asiakaskyselyt kerran vuodessa"
    assert (13, "unmatched") in decided  # the new cycle path metric
    assert decided[(0, "not_found")] == "street_lamps"
    surveys = proposals[proposals["metric_id"] == "customer_surveys"].iloc[0]
    assert 65 <= surveys["score"] < 100
    assert surveys["alternatives"].count("(") == 3


def test_matching_proposes_several_ids_for_a_cell_stating_several_metrics():
    from helpers import RAW_2022, ANNOTATIONS_2022
    from kemi_analysis.read.annotations import read_annotations

    report = load_report(RAW_2022)
    proposals = propose_matches(report, read_annotations(ANNOTATIONS_2022).table)
    line_19 = proposals[(proposals["source_line"] == 19) & (proposals["decision"] == "match")]
    assert set(line_19["metric_id"]) == {"customer_surveys", "sports_forum_meetings", "youth_council_meetings"}
    matched = proposals[proposals["decision"] == "match"]
    assert (matched["score"] >= 65).all()


@pytest.mark.slow  # through the command line; still run by 'make test'
def test_cli_match_and_export_years(tmp_path, capsys, dataset):
    assert main(["match", "--year", "2032", "--data-dir", str(MULTIYEAR)]) == 0
    out = capsys.readouterr().out
    assert "customer_surveys" in out and "dropped?" in out
    target = tmp_path / "long.csv"
    assert main(["export", "--years", "all", "--data-dir", str(MULTIYEAR), "--out", str(target)]) == 0
    import pandas as pd

    table = pd.read_csv(target)
    assert sorted(table["year"].unique()) == [2031, 2032]
    row = table[(table["metric_id"] == "park_cleanups") & (table["year"] == 2032)].iloc[0]
    assert row["transition"] == "partial -> achieved" and row["previous_year"] == 2031
    assert table.loc[table["year"] == 2031, "transition"].isna().all()
    expected = changes_table(dataset.metrics)
    assert row["change_abs"] == expected.set_index(["metric_id", "year"]).loc[("park_cleanups", 2032), "change_abs"] == 2


def test_years_loaded_on_every_core_are_the_years_loaded_one_by_one(tmp_path, monkeypatch):
    import shutil

    from kemi_analysis.compute import pipeline
    from kemi_analysis.errors import AnnotationError

    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "multiyear", data)
    one_by_one = pipeline.load_years(data)
    monkeypatch.setattr(pipeline, "LARGE_INPUT_BYTES", 0)  # the fixture is small: make it a large input
    on_every_core = pipeline.load_years(data)
    pd.testing.assert_frame_equal(on_every_core.metrics, one_by_one.metrics)
    broken = data / "annotations" / "2031.csv"
    broken.write_text(broken.read_text(encoding="utf-8").replace(",3,,", ",kolme,,", 1), encoding="utf-8")
    with pytest.raises(AnnotationError) as caught:  # an error from a worker arrives whole: path, problems, hint
        pipeline.load_years(data, [2031, 2032])
    assert caught.value.path == broken and "'kolme' is not a number" in str(caught.value)
    assert "What to do" in str(caught.value)
