"""Helpers shared by the tests. Everything under tests/fixtures/ is fictional unless it says otherwise."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
RAW_2022 = ROOT / "data" / "raw" / "000_09050fdfe5e94683.txt"
ANNOTATIONS_2022 = ROOT / "data" / "annotations" / "2022.csv"

HEADER = "Tavoite\tToimenpiteet\tVastuu ja aikataulu\tMittarit, arviointi\tToteuma 1-12/2031\tSDG"


def make_report(*rows: str, header: str = HEADER, aim: str = "KUVITELTU KAUPUNKI") -> str:
    """A one-table fictional report text with the given tab-separated rows."""
    return "\n".join([f"# Strateginen päämäärä: {aim}, hyvinvointi", "", header, *rows, ""])


def synthetic():
    """The benchmarks' generator of fictional data (``benchmarks/synthetic.py``), for tests of scale."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks" / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
