"""Achievement ratios, statuses and roll-ups: edge cases, properties and the 2022 figures."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from helpers import ROOT
from kemi_analysis.compute.achievement import achievement_ratio, compute_status, metric_quality, rollup, summarise
from kemi_analysis.compute.pipeline import load_year

NAN = float("nan")


def ratio(target, actual, comparator, unit=""):
    return float(achievement_ratio([target], [actual], [comparator], [unit])[0])


@pytest.mark.parametrize(
    ("target", "actual", "comparator", "unit", "expected"),
    [
        pytest.param(50, 25, ">=", "%", 0.5, id="at least, half"),
        pytest.param(4, 4, ">=", "krt/v", 1.0, id="target equal to actual"),
        pytest.param(100, 99.9, ">=", "%", 0.999, id="just under 100 %"),
        pytest.param(0.3, 0.1 + 0.2, ">=", "", 1.0, id="float noise counts as met"),
        pytest.param(20, 25, "<=", "", 0.8, id="lower is better, missed"),
        pytest.param(20, 10, "<=", "", 2.0, id="lower is better, beaten"),
        pytest.param(20, 0, "<=", "", 1.0, id="lower is better, zero actual"),
        pytest.param(0, 3, ">=", "", 1.0, id="zero target, met"),
        pytest.param(0, 3, "<=", "", 0.0, id="zero target at most, missed"),
        pytest.param(0, 0, "=", "", 1.0, id="zero target equal"),
        pytest.param(10, 8, "=", "", 0.8, id="equal, smaller over larger"),
        pytest.param(10, 12.5, "=", "", 0.8, id="equal, over"),
        pytest.param(-5, -3, ">=", "", 1.0, id="negative target, met"),
        pytest.param(5, -3, ">=", "", 0.0, id="negative actual"),
        pytest.param(1, 0, "=", "kyllä/ei", 0.0, id="yes/no, no"),
        pytest.param(1, 1, ">=", "Kyllä/ei", 1.0, id="yes/no, yes"),
    ],
)
def test_ratio_edge_cases(target, actual, comparator, unit, expected):
    assert ratio(target, actual, comparator, unit) == pytest.approx(expected)


@pytest.mark.parametrize(("target", "actual", "comparator"), [(NAN, 3, ">="), (3, NAN, ">="), (3, 3, "")])
def test_ratio_is_nan_only_without_a_target_or_an_actual(target, actual, comparator):
    assert math.isnan(ratio(target, actual, comparator))


def test_missing_values_get_a_status_never_nan():
    statuses = compute_status([NAN, NAN, NAN], [1, NAN, 1], [NAN, 2, NAN], [True, True, False]).tolist()
    assert statuses == ["no_data", "no_target", "not_reported"]


values = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
comparators = st.sampled_from([">=", "<=", "="])


@given(values, values, comparators)
def test_ratio_is_finite_and_not_negative(target, actual, comparator):
    r = ratio(target, actual, comparator)
    assert math.isfinite(r) and r >= 0


@given(values, values, comparators)
def test_status_agrees_with_ratio(target, actual, comparator):
    r = achievement_ratio([target], [actual], [comparator])
    status = compute_status(r, [target], [actual], [True])[0]
    expected = "achieved" if r[0] >= 1 else "partial" if r[0] > 0 else "not_achieved"
    assert status == expected


@given(values, values, comparators)
def test_met_comparisons_are_achieved(target, actual, comparator):
    met = {">=": actual >= target, "<=": actual <= target, "=": actual == target}[comparator]
    if met:
        assert ratio(target, actual, comparator) >= 1.0


@given(st.floats(min_value=0.01, max_value=1e6), st.floats(min_value=0, max_value=1e6),
       st.floats(min_value=0, max_value=1e6))
def test_more_is_never_worse_when_higher_is_better(target, a, b):
    low, high = sorted((a, b))
    assert ratio(target, high, ">=") >= ratio(target, low, ">=")


@given(st.floats(min_value=0.01, max_value=1e6), st.floats(min_value=0.01, max_value=1e6),
       st.floats(min_value=0.01, max_value=1e6))
def test_more_is_never_better_when_lower_is_better(target, a, b):
    # The quotient target / actual is defined for positive actuals; zero is pinned in the edge cases.
    low, high = sorted((a, b))
    assert ratio(target, high, "<=") <= ratio(target, low, "<=")


RANK = {"achieved": 2, "partial": 1, "not_achieved": 0}


@given(st.floats(min_value=0, max_value=1e6), st.floats(min_value=0, max_value=1e6),
       st.floats(min_value=0, max_value=1e6), comparators)
def test_status_never_worsens_as_actual_moves_the_right_way(target, a, b, comparator):
    low, high = sorted((a, b))
    if comparator != "=":
        better, worse = (high, low) if comparator == ">=" else (low, high)
    elif high <= target:  # below the target: the higher the better
        better, worse = high, low
    elif low >= target:  # above it: the lower the better
        better, worse = low, high
    else:  # on both sides: the target itself is best
        better, worse = target, low
    statuses = compute_status(achievement_ratio([target, target], [better, worse], [comparator] * 2),
                              [target] * 2, [better, worse], [True, True])
    assert RANK[statuses[0]] >= RANK[statuses[1]]


@given(st.sampled_from([0.0, 1.0]), st.sampled_from([0.0, 1.0]), comparators)
def test_yes_no_ratios_are_one_or_zero(target, actual, comparator):
    assert ratio(target, actual, comparator, "kyllä/ei") in (0.0, 1.0)


def test_rollup_share_and_capped_mean():
    metrics = pd.DataFrame({
        "aim": ["A", "A", "A", "B"],
        "target_value": [1.0, 1.0, NAN, 1.0],
        "achievement_ratio": [2.0, 0.5, NAN, 0.0],
        "status": ["achieved", "partial", "no_target", "not_achieved"],
    })
    summary = rollup(metrics, "aim").set_index("aim")
    assert summary.loc["A", "share_achieved"] == pytest.approx(0.5)
    assert summary.loc["A", "mean_ratio_capped"] == pytest.approx(0.75)  # (min(2,1) + 0.5) / 2
    assert summary.loc["A", "no_target"] == 1
    assert summary.loc["B", "share_achieved"] == 0.0


# 2022 ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def year_2022():
    return load_year(ROOT / "data", 2022)


def test_2022_counts_by_status_per_aim(year_2022):
    summary = rollup(year_2022.metrics, "aim").set_index("aim")
    counts = summary[["achieved", "partial", "not_achieved", "in_progress", "no_target", "no_data",
                      "not_reported"]]
    assert counts.loc["ELINVOIMAINEN KAUPUNKI"].tolist() == [1, 1, 1, 0, 2, 2, 1]
    assert counts.loc["HYVINVOIVAT KUNTALAISET"].tolist() == [4, 1, 0, 0, 1, 3, 3]
    assert counts.loc["SUJUVA ARKI"].tolist() == [1, 0, 3, 2, 1, 0, 0]
    assert summary["share_achieved"].round(3).tolist() == [0.25, 0.571, 0.167]


def test_2022_overrides_are_kept_apart_from_computed_status(year_2022):
    metrics = year_2022.metrics.set_index("metric_id")
    assert metrics.loc["service_network_study", ["status", "status_computed"]].tolist() == [
        "in_progress", "no_data"]
    assert metrics["status_overridden"].sum() == 3


def test_2022_rollups_by_role_and_sdg(year_2022):
    by_role = rollup(year_2022.metrics, "role", year_2022.report).set_index("role")
    assert by_role.loc["Nuorisosihteeri", "metrics"] == 3
    assert by_role.loc["Varhaiskasvatuspäällikkö", "partial"] == 1
    by_sdg = rollup(year_2022.metrics, "sdg", year_2022.report).set_index("sdg")
    assert sorted(by_sdg.index) == sorted({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17})
    assert by_sdg.loc[4, "metrics"] == 12  # only HYVINVOIVAT KUNTALAISET names SDG 4
    assert by_sdg.loc[3, "metrics"] == 27  # all three aims name SDG 3


def test_2022_metric_quality(year_2022):
    quality = metric_quality(year_2022.metrics, year_2022.report).set_index("aim")
    assert quality.loc["(all)", "metrics"] == 27
    assert quality.loc["(all)", "share_with_target"] == pytest.approx(17 / 27)
    assert quality.loc["(all)", "share_with_actual"] == pytest.approx(16 / 27)
    assert quality.loc["SUJUVA ARKI", "share_with_target"] == pytest.approx(6 / 7)
    assert np.all(quality["share_with_owner"] == 1.0)


def test_defect_share_achieved_stays_within_100_percent_when_an_analyst_marks_a_metric_without_target_achieved():
    """Pinned: an override to 'achieved' on a metric without a target counted as achieved over the metrics
    with a target, and the share reached 200 %."""
    metrics = pd.DataFrame({
        "aim": ["A", "A"],
        "target_value": [1.0, NAN],
        "achievement_ratio": [1.0, NAN],
        "status": ["achieved", "achieved"],  # the second is an analyst's override without a target
    })
    summary = summarise(metrics, "aim").iloc[0]
    assert summary["achieved"] == 2 and summary["with_target"] == 1
    assert summary["share_achieved"] == 1.0
