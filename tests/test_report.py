"""The yearly HTML report: notebooks run by papermill, the runner's outputs and the HTML's promises."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from helpers import FIXTURES, ROOT
from kemi_analysis.cli import main
from kemi_analysis.errors import AnnotationError, DataError, ReportError, UsageError
from kemi_analysis.report.runner import DEFAULT_NOTEBOOK, render_report
from kemi_analysis.report.sections import prepare

pytestmark = pytest.mark.slow

MULTIYEAR = FIXTURES / "multiyear"
HEADINGS_FI = ["Tärkeimmät luvut", "Mittarien tila päämäärittäin", "Toteutumisaste mittareittain",
               "Muutos edellisestä vuodesta", "Kestävän kehityksen tavoitteet", "Vastuuhenkilöt ja heidän mittarinsa",
               "Mittarien laatu", "Tavoitteet ja toimenpiteet", "Kaikki mittarit", "Tietojen lähde"]
HEADINGS_EN = ["Key figures", "Status of metrics by strategic aim", "Achievement ratio by metric",
               "Change since the previous year", "Sustainable Development Goals", "Responsible roles and their metrics",
               "Quality of the metrics", "Goals and actions", "All metrics", "Sources and provenance"]
PLACEHOLDER = "No description has been provided for this image"


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.headings: list[str] = []
        self._in_heading = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_heading = tag in ("h1", "h2", "h3")
        if self._in_heading:
            self.headings.append("")

    def handle_endtag(self, tag):
        if tag in ("h1", "h2", "h3"):
            self._in_heading = False

    def handle_data(self, data):
        if self._in_heading:
            self.headings[-1] += data


def parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


@pytest.fixture(scope="session")
def reports(rendered):
    return rendered


def test_the_report_is_written_where_the_readme_says(reports):
    result = reports["2022-fi"]
    assert result.html.name == "report_2022.html" and result.html.parent.name == "2022"
    assert result.notebook == result.html.with_suffix(".ipynb")
    executed = json.loads(result.notebook.read_text(encoding="utf-8"))
    assert executed["metadata"]["papermill"]["parameters"]["year"] == 2022
    assert reports["2022-en"].html.name == "report_2022_en.html"


@pytest.mark.parametrize(("key", "lang", "headings"), [("2022-fi", "fi", HEADINGS_FI), ("2022-en", "en", HEADINGS_EN),
                                                       ("2032-fi", "fi", HEADINGS_FI)])
def test_lang_and_section_headings(reports, key, lang, headings):
    html = reports[key].html.read_text(encoding="utf-8")
    assert f'<html lang="{lang}">' in html
    found = [h.strip().rstrip("¶").strip() for h in parse(html).headings]
    for heading in headings:
        assert heading in found, (heading, found)
    other = HEADINGS_EN if lang == "fi" else HEADINGS_FI
    assert not set(other) & set(found)  # the other language's narrative cells are removed


@pytest.mark.parametrize("key", ["2022-fi", "2022-en", "2032-fi"])
def test_self_contained_no_code_and_every_image_described(reports, key):
    html = reports[key].html.read_text(encoding="utf-8")
    collector = parse(html)
    assert not [t for t, _ in collector.tags if t == "script"]
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "@import" not in html and "url(http" not in html
    code_cells = re.findall(r'class="jp-Cell jp-CodeCell[^"]*"', html)
    assert code_cells and all("jp-mod-noInput" in c for c in code_cells)  # no code visible
    assert "render.prepare" not in html
    images = [a for t, a in collector.tags if t == "img"]
    assert len(images) >= 2
    for attrs in images:
        assert attrs.get("alt") and PLACEHOLDER not in attrs["alt"] and len(attrs["alt"]) > 40
    assert PLACEHOLDER not in html


def test_tables_have_captions_and_header_cells(reports):
    html = reports["2022-fi"].html.read_text(encoding="utf-8")
    tables = re.findall(r"<table.*?</table>", html, flags=re.S)
    assert len(tables) >= 6
    for table in tables:
        assert "<caption>" in table and '<th scope="col"' in table
        assert "<th></th>" not in table  # no empty corner header


def test_2022_key_figures_trace_to_the_metric_table(reports):
    html = reports["2022-fi"].html.read_text(encoding="utf-8")
    assert ("Vuonna 2022 seurattiin 27 mittaria. Tavoite on annettu lukuna 17 mittarilla. Niistä tavoite toteutui "
            "6 mittarissa (35\u00a0%).") in html
    # Each quote in the metric table is the source text as written, with its line.
    assert "“Päiväkodeista kaksi auditoitu, jäljellä kuusi”" in html
    assert "Vuotta 2022 edeltävistä vuosista ei ole tietoja." in html


def test_multi_year_report_shows_changes(reports):
    html = reports["2032-fi"].html.read_text(encoding="utf-8")
    assert "Muutos vuodesta 2031 vuoteen 2032 mittareittain" in html
    assert "Toteutui osittain → Toteutui" in html
    assert "toteutui ensimmäistä kertaa" in html
    assert "Vaihdetut lamput (mittari poistui, 2031)" in html
    assert "Kehitys koko aikasarjalla" in html


def test_provenance_gives_checksums_and_parameters(reports):
    import hashlib
    from html import unescape

    html = unescape(reports["2022-fi"].html.read_text(encoding="utf-8"))  # the quotes are written as &#39;
    raw = (ROOT / "data/raw/000_09050fdfe5e94683.txt").read_bytes()
    annotations = (ROOT / "data/annotations/2022.csv").read_bytes()
    assert hashlib.sha256(raw).hexdigest() in html
    assert hashlib.sha256(annotations).hexdigest() in html
    assert "year=2022" in html and "lang='fi'" in html
    assert str(ROOT) not in html  # paths relative to the data folder
    assert "raw/000_09050fdfe5e94683.txt" in html and "(Suomen aikaa, EE" in html


def test_a_failed_run_keeps_the_previous_report_and_the_failed_notebook(tmp_path, reports):
    out = tmp_path / "outputs"
    (out / "2022").mkdir(parents=True)
    for result in (reports["2022-fi"].html, reports["2022-fi"].notebook):
        shutil.copy2(result, out / "2022" / result.name)
    before = (out / "2022" / "report_2022.html").read_bytes()
    broken = tmp_path / "report.ipynb"
    notebook = json.loads(DEFAULT_NOTEBOOK.read_text(encoding="utf-8"))
    notebook["cells"][3]["source"] = "raise RuntimeError('deliberate failure for the test')"
    broken.write_text(json.dumps(notebook), encoding="utf-8")
    with pytest.raises(ReportError) as caught:
        render_report(2022, data_dir=ROOT / "data", out_dir=out, notebook=broken)
    assert (out / "2022" / "report_2022.html").read_bytes() == before
    failed = out / "2022" / "report_2022.failed.ipynb"
    assert caught.value.notebook == failed and failed.is_file()
    assert "deliberate failure" in str(caught.value) and str(failed) in str(caught.value)
    assert sorted(p.name for p in (out / "2022").iterdir()) == [
        "report_2022.failed.ipynb", "report_2022.html", "report_2022.ipynb"]


def test_cli_exit_code_3_for_a_failed_notebook(tmp_path, capsys):
    broken = tmp_path / "report.ipynb"
    notebook = json.loads(DEFAULT_NOTEBOOK.read_text(encoding="utf-8"))
    notebook["cells"][2]["source"] = "1 / 0"
    broken.write_text(json.dumps(notebook), encoding="utf-8")
    code = main(["report", "--year", "2022", "--data-dir", str(ROOT / "data"), "--out-dir", str(tmp_path),
                 "--notebook", str(broken)])
    assert code == 3
    assert "ZeroDivisionError" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"year": 2021}, DataError, "no raw report for 2021"),
        ({"year": 1800}, UsageError, "year must be a whole number"),
        ({"year": 2022, "lang": "sv"}, UsageError, "lang must be one of"),
        ({"year": 2022, "data_dir": "/nonexistent"}, UsageError, "does not exist"),
        ({"year": 2022, "compare_years": [2019]}, DataError, "compare_years [2019]"),
    ],
)
def test_parameters_are_checked_before_running(tmp_path, kwargs, error, message):
    options = {"data_dir": ROOT / "data", "out_dir": tmp_path, **kwargs}
    with pytest.raises(error, match=re.escape(message)):
        render_report(options.pop("year"), **options)
    assert not any(tmp_path.rglob("*.ipynb"))


def test_a_year_not_in_the_data_exits_1_and_bad_usage_exits_2(tmp_path, capsys):
    assert main(["report", "--year", "2021", "--data-dir", str(ROOT / "data"), "--out-dir", str(tmp_path)]) == 1
    assert "no raw report for 2021" in capsys.readouterr().err
    assert main(["report", "--year", "2022", "--data-dir", str(tmp_path / "none"), "--out-dir", str(tmp_path)]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_defect_a_compared_year_that_cannot_load_is_an_error_not_left_out(tmp_path, capsys):
    """Pinned: with a broken 2031 annotation file, a 2032 report compared with 2031 exited 0 and said
    there was no earlier year."""
    data = tmp_path / "data"
    shutil.copytree(MULTIYEAR, data)
    path = data / "annotations" / "2031.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",>=,", ",>>,", 1), encoding="utf-8")
    code = main(["report", "--year", "2032", "--compare-years", "2031", "--data-dir", str(data),
                 "--out-dir", str(tmp_path / "out")])
    assert code == 1
    err = capsys.readouterr().err
    assert "2031.csv" in err and "comparator must be one of" in err
    assert not list((tmp_path / "out").rglob("*.html"))
    with pytest.raises(AnnotationError):
        prepare(2032, [], data, "fi")  # the default comparison (every earlier year) refuses it too


@pytest.mark.parametrize(("data_dir", "year"), [("../data", 2022)])  # its defaults, as an analyst runs it
def test_the_explore_notebook_runs(tmp_path, data_dir, year):
    import papermill

    out = tmp_path / "explore.ipynb"
    papermill.execute_notebook(str(ROOT / "notebooks/explore.ipynb"), str(out), kernel_name="python3",
                               parameters={"data_dir": data_dir, "year": year}, progress_bar=False,
                               cwd=str(ROOT / "notebooks"))
    executed = json.loads(out.read_text(encoding="utf-8"))
    outputs = [o for c in executed["cells"] for o in c.get("outputs", [])]
    assert [o for o in outputs if o.get("output_type") == "error"] == []
    assert any("image/png" in o.get("data", {}) for o in outputs)  # the chart itself, not "<Figure size …>"
    assert not any("<Figure size" in "".join(o.get("data", {}).get("text/plain", "")) for o in outputs)


def test_report_notebooks_are_thin():
    for name in ("report.ipynb", "explore.ipynb"):
        notebook = json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))
        first = notebook["cells"][0] if name == "report.ipynb" else notebook["cells"][1]
        assert "parameters" in first["metadata"].get("tags", [])
        code = ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]
        assert not [c for c in code if re.search(r"^\s*(def|class)\s", c, flags=re.M)]


def test_make_report_output_location_is_ignored_by_git():
    def ignored(path: str) -> bool:
        return subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT).returncode == 0

    assert ignored("outputs/2022/report_2022.html") and ignored("outputs/screenshots/report_fi.png")
    assert not ignored("outputs/.gitkeep") and (ROOT / "outputs" / ".gitkeep").exists()


def test_run_all_of_the_report_notebook_from_notebooks_works(tmp_path):
    """As 'make lab' then Run All does: the notebook's own parameters, run from notebooks/."""
    import papermill

    out = tmp_path / "report.ipynb"
    papermill.execute_notebook(str(ROOT / "notebooks" / "report.ipynb"), str(out), kernel_name="python3",
                               progress_bar=False, cwd=str(ROOT / "notebooks"))
    executed = json.loads(out.read_text(encoding="utf-8"))
    html = "".join("".join(o.get("data", {}).get("text/html", "")) for c in executed["cells"]
                   for o in c.get("outputs", []))
    assert "Niistä tavoite toteutui 6 mittarissa" in html


def test_the_installed_package_renders_from_any_folder(tmp_path):
    """A non-editable install (pip install ., not -e) carries its notebook and templates."""
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                    "--target", str(target), str(ROOT)], check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    where = subprocess.run([sys.executable, "-c", "import kemi_analysis; print(kemi_analysis.__file__)"],
                           cwd=elsewhere, env=env, capture_output=True, text=True, check=True).stdout
    assert where.startswith(str(target))
    run = subprocess.run([sys.executable, "-m", "kemi_analysis.cli", "-q", "report", "--year", "2022", "--data-dir",
                          str(ROOT / "data"), "--out-dir", "out"], cwd=elsewhere, env=env, capture_output=True,
                         text=True)
    assert run.returncode == 0, run.stderr
    html = elsewhere / "out" / "2022" / "report_2022.html"
    assert "Vuonna 2022 seurattiin 27 mittaria." in html.read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("chromium") is None and not os.environ.get("CI"), reason="needs Debian's chromium")
def test_report_all_renders_pdfs_and_the_index_then_lists_the_incomplete_year(tmp_path, capsys):
    """report --all --format pdf: every complete year's HTML and PDF (page numbers, every section) and
    index.html; then exit 1 naming the raw report without annotations (2033 in the fixture)."""
    assert shutil.which("pdftotext"), "pdftotext comes with poppler-utils (.ci/run installs it)"
    code = main(["-q", "report", "--all", "--format", "pdf", "--data-dir", str(MULTIYEAR), "--out-dir", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 1 and "no annotation file for 2033" in err and "kemi-analysis draft" in err
    assert sorted(p.name for p in tmp_path.glob("*/report_*.*")) == [
        "report_2031.html", "report_2031.ipynb", "report_2031.pdf", "report_2032.html", "report_2032.ipynb",
        "report_2032.pdf"]
    pdf = tmp_path / "2032" / "report_2032.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info)[1])
    assert pages >= 5 and "Tagged:          yes" in info and "842.88 x 595.92" in info  # A4 landscape
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(text.split())
    for heading in HEADINGS_FI:
        assert heading in flat, heading
    assert "Vuonna 2032 seurattiin 4 mittaria." in flat and "mittaria yhteensä" in flat
    assert "Niistä tavoite toteutui 1 mittarissa (25 %)." in flat
    assert f"Sivu 1 / {pages}" in flat and f"Sivu {pages} / {pages}" in flat
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    for year in (2031, 2032):
        assert f'<a href="{year}/report_{year}.html">' in index and f'<a href="{year}/report_{year}.pdf">' in index
    assert "KUVITELTU KAUPUNKI" in index
