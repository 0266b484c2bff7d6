"""The generated report in a real browser: offline, no console errors, zero axe-core WCAG 2.1 A/AA violations.

Uses Debian's chromium through the playwright package (no browser download).
In CI (CI=true) a missing chromium is a failure, not a skip.
"""

from __future__ import annotations

import os
import re
import shutil
from importlib.resources import files

import pytest

from helpers import FIXTURES, ROOT
from kemi_analysis.report.plots import FIGURE_DPI, MIN_FONT_PT

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCREENSHOTS = ROOT / "outputs" / "screenshots"

if CHROMIUM is None:
    if os.environ.get("CI"):
        raise RuntimeError("chromium is missing: .ci/run installs it (apt-get install chromium)")
    pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


# What each check sees: a laptop, a phone, and an A4 landscape page (297 mm at 96 px/in, less the margins).
VIEWPORTS = {"1280": (1280, False), "390": (390, False), "print": (1047, True)}
MIN_TEXT_PX = 11


def visit(browser, path, screenshot_name, width=1280, print_media=False):
    context = browser.new_context(offline=True, viewport={"width": width, "height": 900})
    page = context.new_page()
    if print_media:
        page.emulate_media(media="print")
    requests, console, dialogs = [], [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.route(lambda url: not url.startswith("file:"), lambda route: route.abort())
    page.goto(path.resolve().as_uri())
    page.wait_for_load_state("load")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / screenshot_name))  # the first screen: what a reader sees first
    console_before_axe = list(console)
    title = page.title()
    page.add_script_tag(path=str(files("axe_playwright_python").joinpath("axe.min.js")))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    lang = page.evaluate("document.documentElement.lang")
    headings = page.eval_on_selector_all("h1, h2", "els => els.map(e => e.textContent.replace('¶', '').trim())")
    alts = page.eval_on_selector_all("img", "els => els.map(e => e.getAttribute('alt'))")
    # Elements wider than the viewport, unless inside a labelled region that scrolls sideways.
    overflowing = page.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .filter(e => { const region = e.closest('[role=region][aria-label]');
                       return !region || getComputedStyle(region).overflowX !== 'auto' || region === e; })
        .map(e => e.tagName + '.' + e.className)""")
    # The smallest chart text as shown: the figure's scale times its smallest font at full size.
    scales = page.eval_on_selector_all("figure img", "els => els.map(e => e.getBoundingClientRect().width / e.naturalWidth)")
    context.close()
    return {"requests": requests, "console": console_before_axe, "dialogs": dialogs, "axe": result,
            "lang": lang, "headings": headings, "alts": alts, "title": title, "overflowing": overflowing,
            "chart_text_px": [scale * MIN_FONT_PT * FIGURE_DPI / 72 for scale in scales]}


@pytest.fixture(scope="module")
def reports(rendered):
    return {"fi": rendered["2022-fi"].html, "en": rendered["2022-en"].html, "multi": rendered["2032-fi"].html}


@pytest.mark.parametrize(("key", "lang", "first_heading", "view"), [
    ("fi", "fi", "Tärkeimmät luvut", "1280"), ("fi", "fi", "Tärkeimmät luvut", "390"),
    ("fi", "fi", "Tärkeimmät luvut", "print"), ("en", "en", "Key figures", "1280"),
    ("multi", "fi", "Tärkeimmät luvut", "1280")])
def test_report_in_the_browser(browser, reports, key, lang, first_heading, view):
    width, print_media = VIEWPORTS[view]
    seen = visit(browser, reports[key], f"report_{key}_{view}.png", width, print_media)
    assert seen["overflowing"] == []  # nothing wider than the page outside a labelled scroll region
    assert seen["chart_text_px"] and min(seen["chart_text_px"]) >= MIN_TEXT_PX
    assert seen["requests"] == [reports[key].resolve().as_uri()]  # nothing beyond the file itself
    assert seen["console"] == []
    assert seen["dialogs"] == []
    violations = [(v["id"], v["impact"], len(v["nodes"])) for v in seen["axe"]["violations"]]
    assert violations == []
    assert len(seen["axe"]["passes"]) > 10
    assert seen["lang"] == lang
    assert first_heading in seen["headings"]
    assert seen["alts"] and all(a and "No description has been provided" not in a for a in seen["alts"])


def test_untrusted_source_text_is_shown_as_text_and_never_runs(browser, rendered):
    html = rendered["untrusted"].html
    source = html.read_text(encoding="utf-8")
    assert "<script>alert" not in source and "<img src=x" not in source  # escaped: &lt;script&gt;
    assert not re.search(r"<a\s[^>]*javascript:", source)
    seen = visit(browser, html, "report_untrusted.png")
    assert seen["dialogs"] == []  # no alert() ran
    assert seen["console"] == []  # neither console.log nor console.error ran
    assert seen["title"] == "Kemin hyvinvointitoimiala 2031"  # document.title='pwned' did not run
    assert seen["axe"]["violations"] == []
    context = browser.new_context(offline=True)
    page = context.new_page()
    page.goto(html.resolve().as_uri())
    visible = page.inner_text("main")
    assert page.eval_on_selector_all("script", "els => els.length") == 0
    assert page.eval_on_selector_all("a[href^='javascript:']", "els => els.length") == 0
    assert page.eval_on_selector_all("img[onerror]", "els => els.length") == 0
    context.close()
    assert "<script>console.log(\"metric\")</script> Vähintään 3 kpl" in visible
    assert "<img src=x onerror=\"console.error('realisation')\">" in visible
    assert "<a href=\"javascript:alert('link')\">linkki</a>" in visible
    assert "VIHAMIELINEN <script>document.title='pwned'</script> KAUPUNKI" in visible


@pytest.fixture(scope="module")
def review_sheet(tmp_path_factory):
    """The review sheet of the fictional cycle fixture's drafted 2042, with hostile text in a note."""
    import shutil

    from kemi_analysis.cli import main

    data = tmp_path_factory.mktemp("review") / "data"
    shutil.copytree(FIXTURES / "cycle", data)
    assert main(["-q", "draft", str(data / "raw/kuviteltu_2042.txt"), "--previous",
                 str(data / "annotations/2041.csv")]) == 0
    draft = data / "annotations/2042.draft.csv"
    draft.write_text(draft.read_text(encoding="utf-8").replace(
        "metric_id from 'park_cleanups'", "<script>console.log('note')</script> metric_id from 'park_cleanups'"),
        encoding="utf-8")
    out = data.parent / "review_2042.html"
    assert main(["-q", "review", "2042", "--data-dir", str(data), "--out", str(out)]) == 0
    return out


@pytest.mark.parametrize("width", [1280, 390])
def test_review_sheet_in_the_browser(browser, review_sheet, width):
    seen = visit(browser, review_sheet, f"review_2042_{width}.png", width)
    assert seen["requests"] == [review_sheet.resolve().as_uri()]
    assert seen["console"] == [] and seen["dialogs"] == []
    assert [(v["id"], v["impact"]) for v in seen["axe"]["violations"]] == []
    assert seen["lang"] == "en" and "Review of the 2042 annotations" in seen["headings"]
    assert seen["overflowing"] == []
