"""Shared fixtures. Everything under tests/fixtures/ is fictional unless it says otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import RAW_2022


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
    from kemi_analysis.parser import load_report

    return load_report(RAW_2022)
