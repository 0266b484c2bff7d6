"""A large input: years load on every core and keep only their annotations and metrics (fictional fixtures)."""

from __future__ import annotations

import pickle
import shutil

import pandas as pd
import pytest

from helpers import FIXTURES
from kemi_analysis.compute import pipeline
from kemi_analysis.errors import DataError


@pytest.fixture
def data(tmp_path):
    shutil.copytree(FIXTURES / "multiyear", tmp_path / "data")
    return tmp_path / "data"


def test_a_large_input_reads_each_report_again_when_asked_and_gets_the_same_tables(data, monkeypatch):
    kept = pipeline.load_years(data)
    monkeypatch.setattr(pipeline, "LARGE_INPUT_BYTES", 0)
    large = pipeline.load_years(data)
    assert sorted(large.years) == sorted(kept.years) == [2031, 2032]  # 2033 has no annotation file
    for year, loaded in large.years.items():
        assert loaded._report is None  # not kept, nor sent back from the worker
        assert loaded.raw == kept.years[year].raw and loaded.raw_sha256 == kept.years[year].raw_sha256
        for name, table in kept.years[year].report.tables().items():
            pd.testing.assert_frame_equal(loaded.report.tables()[name], table, obj=name)
        assert loaded._report is not None  # read once, then kept
    pd.testing.assert_frame_equal(large.metrics, kept.metrics)


def test_a_raw_report_changed_after_loading_is_an_error_not_other_tables(data, monkeypatch):
    monkeypatch.setattr(pipeline, "LARGE_INPUT_BYTES", 0)
    large = pipeline.load_years(data)
    raw = large.years[2032].raw
    raw.write_text(raw.read_text(encoding="utf-8").replace("KUVITELTU", "MUUTETTU", 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        large.years[2032].report
    assert caught.value.path == raw and "changed after 2032 was loaded" in str(caught.value)


def test_a_year_without_its_report_pickles_small(data):
    year = pipeline.load_year(data, 2031)
    assert len(pickle.dumps(year.without_report())) < len(pickle.dumps(year))


def test_a_year_sent_back_by_a_worker_arrives_the_same_with_shared_columns_sent_once(data):
    year = pipeline.load_year(data, 2031).without_report()
    sent = pickle.dumps(year)
    arrived = pickle.loads(sent)
    pd.testing.assert_frame_equal(arrived.annotations.table, year.annotations.table, check_exact=True)
    pd.testing.assert_frame_equal(arrived.metrics, year.metrics, check_exact=True)
    assert arrived.annotations.path == year.annotations.path and arrived.raw_sha256 == year.raw_sha256
    assert len(sent) < len(pickle.dumps(dict(vars(year)))) * 0.8  # the annotation columns once, not twice
