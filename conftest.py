"""Doctest set-up: the package's examples run from the project's folder on the real 2022 data."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent


@pytest.fixture(autouse=True)
def _doctest_context(request, doctest_namespace, monkeypatch, tmp_path):
    if not isinstance(request.node, pytest.DoctestItem):
        return
    monkeypatch.chdir(ROOT)
    from kemi_analysis.dataset import load_year

    data = load_year("data", 2022)
    doctest_namespace.update(report=data.report, annotations=data.annotations, metrics=data.metrics,
                             tmp_dir=tmp_path)
