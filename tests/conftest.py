"""Shared fixtures. Everything under tests/fixtures/ is fictional unless it says otherwise."""

from __future__ import annotations

import fcntl
import json
from pathlib import Path

import pytest
from hypothesis import settings

from helpers import FIXTURES, RAW_2022, ROOT

# 'make test-fast' runs the property tests with fewer examples; 'make test' (and CI) with hypothesis' default.
settings.register_profile("fast", max_examples=10)


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
def rendered(tmp_path_factory, worker_id):
    """The reports the report and browser tests look at, rendered once per test run.

    Keys: ``2022-fi``, ``2022-en`` (the real data), ``2032-fi`` (the fictional multi-year fixture) and
    ``untrusted`` (fictional hostile text). Values are :class:`ReportResult`. Under pytest-xdist the
    workers share one rendering: the first to take the lock renders, the others read what it wrote.
    """
    from kemi_analysis.report.runner import ReportResult, render_report

    root = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        root = root.parent  # the folder all workers' temporary folders share
    out, done = root / "rendered", root / "rendered.json"
    with open(root / "rendered.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            results = {
                "2022-fi": render_report(2022, data_dir=ROOT / "data", out_dir=out / "real", lang="fi"),
                "2022-en": render_report(2022, data_dir=ROOT / "data", out_dir=out / "real", lang="en"),
                "2032-fi": render_report(2032, data_dir=FIXTURES / "multiyear", out_dir=out / "multiyear", lang="fi"),
                "untrusted": render_report(2031, data_dir=FIXTURES / "untrusted", out_dir=out / "untrusted",
                                           lang="fi"),
            }
            done.write_text(json.dumps({key: [str(r.html), str(r.notebook), r.seconds]
                                        for key, r in results.items()}), encoding="utf-8")
    return {key: ReportResult(Path(html), Path(notebook), seconds)
            for key, (html, notebook, seconds) in json.loads(done.read_text(encoding="utf-8")).items()}


def pytest_collection_modifyitems(config, items):
    """Under pytest-xdist, start the shared rendering at once and look at it last.

    One test that needs the rendered reports runs first, so one worker renders them while the other
    works through the tests that need no reports; the other tests that look at them run at the end.
    """
    looking = [item for item in items if "rendered" in getattr(item, "fixturenames", ())]
    if looking:
        others = [item for item in items if item not in looking]
        items[:] = [looking[0], *others, *looking[1:]]
