"""Property-based fuzzing of the reader on the real 2022 text.

Perturbations: drop, duplicate or move lines and tabs; insert garbage and markup. Reading must
either succeed with every non-blank line accounted for, or raise the package's own SourceError.
Never any other exception.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import RAW_2022
from kemi_analysis.errors import SourceError
from kemi_analysis.read.parser import load_report

LINES = RAW_2022.read_text(encoding="utf-8").split("\n")
MARKUP = ["<p>", "</p>", "<b>", "</b>", "<br/>", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
          "&amp;", "&lt;", "<", ">", "\t", "# Strateginen päämäärä: X, y", "Toteuma 1-12/2023", "17 YHTEISTYÖ",
          "\r", "\ufeff", "Tavoite\tToimenpiteet"]
GARBAGE = st.text(alphabet=st.characters(blacklist_categories=("Cs",), max_codepoint=0x2FFF), max_size=40)
EXAMPLES = 60  # with schema validation (slow: pandera takes most of each example)
FAST_EXAMPLES = 20


@st.composite
def perturbed(draw) -> str:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["drop_line", "duplicate_line", "move_line", "drop_tab", "duplicate_tab",
                                     "move_tab", "garbage", "markup"]))
        i = draw(st.integers(0, len(lines) - 1))
        line = lines[i]
        if kind == "drop_line" and len(lines) > 1:
            del lines[i]
        elif kind == "duplicate_line":
            lines.insert(i, line)
        elif kind == "move_line":
            lines.insert(draw(st.integers(0, len(lines) - 1)), lines.pop(i))
        elif kind in ("drop_tab", "duplicate_tab", "move_tab") and "\t" in line:
            tabs = [k for k, c in enumerate(line) if c == "\t"]
            k = draw(st.sampled_from(tabs))
            if kind == "drop_tab":
                lines[i] = line[:k] + line[k + 1:]
            elif kind == "duplicate_tab":
                lines[i] = line[:k] + "\t" + line[k:]
            else:
                rest = line[:k] + line[k + 1:]
                j = draw(st.integers(0, len(rest)))
                lines[i] = rest[:j] + "\t" + rest[j:]
        elif kind in ("garbage", "markup"):
            insert = draw(GARBAGE) if kind == "garbage" else draw(st.sampled_from(MARKUP))
            j = draw(st.integers(0, len(line)))
            lines[i] = line[:j] + insert + line[j:]
    return "\n".join(lines)


def non_blank_lines(text: str) -> list[int]:
    text = text.removeprefix("\ufeff")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [n for n, line in enumerate(lines, start=1) if line.strip()]


def check_conservation(text: str, read) -> None:
    """Reading ``text`` either accounts for every non-blank line or raises a SourceError naming the file."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzzed.txt"
        path.write_bytes(text.encode("utf-8"))
        try:
            report = read(path)
        except SourceError as error:
            assert error.path == path
            return
    accounted = report.lines["line"].tolist()
    assert accounted == non_blank_lines(text)
    assert set(report.goals["source_line"]) <= set(accounted)
    kinds = dict(zip(report.lines["line"], report.lines["kind"]))
    assert all(kinds[line] == "goal_row" for line in report.goals["source_line"])
    assert (report.skipped["reason"] != "").all()


@settings(max_examples=FAST_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(perturbed())
def test_parsing_perturbed_text_conserves_lines_or_raises_source_error(text):
    check_conservation(text, lambda path: load_report(path, validate=False))


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(perturbed())
def test_reading_perturbed_text_succeeds_with_conservation_or_raises_source_error(text):
    check_conservation(text, load_report)  # with schema validation: its tables always hold their schema
