"""Unattended runs: concurrent runs leave one complete report; an interrupted run leaves the previous one."""

from __future__ import annotations

import shutil
from html import unescape
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import ROOT

pytestmark = pytest.mark.slow

COMMAND = [sys.executable, "-m", "kemi_analysis.cli", "-q", "report", "--year", "2022", "--data-dir",
           str(ROOT / "data")]


def complete(html: Path) -> bool:
    text = unescape(html.read_text(encoding="utf-8"))  # nbconvert writes a heading's ä as &#228;
    return text.startswith("<!DOCTYPE html>") and text.rstrip().endswith("</html>") and "Tietojen lähde" in text


def test_two_runs_at_once_leave_one_complete_report(tmp_path):
    runs = [subprocess.Popen([*COMMAND, "--out-dir", str(tmp_path)], cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE) for _ in range(2)]
    codes = [run.wait(timeout=300) for run in runs]
    assert codes == [0, 0], [run.stderr.read() for run in runs]
    folder = tmp_path / "2022"
    assert sorted(p.name for p in folder.iterdir()) == ["report_2022.html", "report_2022.ipynb"]
    assert complete(folder / "report_2022.html")


@pytest.mark.parametrize("signals", [[signal.SIGTERM], [signal.SIGINT], [signal.SIGTERM] * 3, [signal.SIGKILL]],
                         ids=["SIGTERM", "SIGINT", "3xSIGTERM", "SIGKILL"])
def test_an_interrupted_run_leaves_the_previous_report(tmp_path, signals, rendered):
    (tmp_path / "2022").mkdir()
    for previous in (rendered["2022-fi"].html, rendered["2022-fi"].notebook):
        shutil.copy2(previous, tmp_path / "2022" / previous.name)
    html = tmp_path / "2022" / "report_2022.html"
    before = html.read_bytes()
    run = subprocess.Popen([*COMMAND, "--out-dir", str(tmp_path)], cwd=ROOT, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not list((tmp_path / "2022").glob(".report_2022.*")) and time.monotonic() < deadline:
        time.sleep(0.05)  # wait until the run has started writing its temporary notebook
    time.sleep(0.5)
    for how in signals:
        run.send_signal(how)
        time.sleep(0.1)
    code = run.wait(timeout=120)
    assert code != 0
    assert html.read_bytes() == before
    assert complete(html)
    if signals != [signal.SIGKILL]:  # a killed process cannot clean up; the others remove their temporary files
        # read() returns once every writer of the pipe is gone, the kernel too: a line it logs late is caught
        err = run.stderr.read().decode()
        assert code == 130, err
        assert err.splitlines() == ["kemi-analysis: interrupted; files written before were left as they were."]
        assert sorted(p.name for p in (tmp_path / "2022").iterdir()) == ["report_2022.html", "report_2022.ipynb"]
