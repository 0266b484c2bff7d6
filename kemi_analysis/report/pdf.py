"""The report as a PDF for the council's agenda, printed by Chromium from the HTML report.

Uses Debian's ``chromium`` through the ``playwright`` package (never a
downloaded browser): the HTML's print stylesheet lays it out on A4 landscape,
the footer numbers the pages, and the PDF is tagged and carries an outline
from the headings where Chromium can do it.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from ..errors import UsageError
from ..files import atomic_path
from .labels import text

logger = logging.getLogger(__name__)

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
_FOOTER = ('<div style="font-size:8pt;width:100%;text-align:center;color:#1a1a1a;">{page} '
           '<span class="pageNumber"></span> / <span class="totalPages"></span></div>')


def chromium_path() -> str:
    """Debian's chromium; a :class:`UsageError` saying how to get it when it is missing."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        raise UsageError("a PDF needs Chromium, which is not installed.",
                         hint="apt-get install chromium (Debian's package), then run again.")
    return found


def write_pdf(html: Path, pdf: Path, lang: str = "fi") -> Path:
    """Print ``html`` to ``pdf`` (A4 landscape, numbered pages), atomically; nothing is fetched from a network."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise UsageError("a PDF needs the playwright package.", hint="pip install 'kemi_analysis[pdf]' "
                         "(make setup installs it).") from exc
    executable = chromium_path()
    logger.info("printing %s to PDF", html.name)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(offline=True).new_page()
            page.route(lambda url: not url.startswith("file:"), lambda route: route.abort())
            page.goto(Path(html).resolve().as_uri())
            page.emulate_media(media="print")
            with atomic_path(pdf) as tmp:
                page.pdf(path=str(tmp), format="A4", landscape=True, print_background=True,
                         display_header_footer=True, header_template="<span></span>",
                         footer_template=_FOOTER.format(page=text("pdf.page", lang)),
                         margin={"top": "12mm", "bottom": "16mm", "left": "10mm", "right": "10mm"},
                         tagged=True, outline=True)
        finally:
            browser.close()
    return pdf
