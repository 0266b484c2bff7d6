"""Shared fixtures. Everything under tests/fixtures/ is fictional unless it says otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

from helpers import FIXTURES, RAW_2022, ROOT

# 'make test-fast' runs the property tests with fewer examples; 'make test' (and CI) with hypothesis' default.
settings.register_profile("fast", max_examples=25)


@pytest.fixture
def write_raw(tmp_path: Path):
    """Write report text (str or bytes) to a file and return its path."""

    def write(content: str | bytes, name: str = "report.txt") -> Path:
        path = tmp_path / name
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8", newline="")
        else:
            path.write_bytes(content)
        return path

    return write


@pytest.fixture(scope="session")
def report_2022():
    from kemi_analysis.read.parser import load_report

    return load_report(RAW_2022)


@pytest.fixture(scope="session")
def rendered(tmp_path_factory):
    """The reports the report and browser tests look at, each rendered once per test session.

    Keys: ``2022-fi``, ``2022-en`` (the real data), ``2032-fi`` (the fictional multi-year fixture) and
    ``untrusted`` (fictional hostile text). Values are :class:`ReportResult`.
    """
    from kemi_analysis.report.runner import render_report

    out = tmp_path_factory.mktemp("rendered")
    return {
        "2022-fi": render_report(2022, data_dir=ROOT / "data", out_dir=out / "real", lang="fi"),
        "2022-en": render_report(2022, data_dir=ROOT / "data", out_dir=out / "real", lang="en"),
        "2032-fi": render_report(2032, data_dir=FIXTURES / "multiyear", out_dir=out / "multiyear", lang="fi"),
        "untrusted": render_report(2031, data_dir=FIXTURES / "untrusted", out_dir=out / "untrusted", lang="fi"),
    }


def pytest_collection_modifyitems(config, items):
    """Tests that look at the shared rendered reports run on one xdist worker, which renders them once."""
    for item in items:
        if "rendered" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("rendered"))
