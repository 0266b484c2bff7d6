"""``outputs/index.html``: every year's reports and the share achieved per aim by year, on one page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..compute.pipeline import DataFolder, load_years
from ..compute.trends import status_by_aim_and_year
from ..files import atomic_path
from .html import environment
from .labels import format_percent, text
from .runner import report_paths


@dataclass
class IndexRow:
    year: int
    links: list[tuple[str, str | None]]  # (label, href relative to the index, or None when not made)


def write_index(folder: DataFolder, out_dir: str | Path, lang: str = "fi", *, allow_draft: bool = False) -> Path:
    """Write ``index.html`` (``index_en.html`` in English) in ``out_dir``, linking the reports found there.

    Examples
    --------
    >>> import tempfile
    >>> from kemi_analysis.compute.pipeline import discover
    >>> write_index(discover("data"), tempfile.mkdtemp()).name
    'index.html'
    """
    out_dir = Path(out_dir)
    rows = []
    for year in folder.annotated:
        fi_html, _ = report_paths(out_dir, year, "fi")
        en_html, _ = report_paths(out_dir, year, "en")
        files = [(text("index.fi", lang), fi_html), (text("index.en", lang), en_html),
                 (text("index.pdf", lang), fi_html.with_suffix(".pdf"))]
        rows.append(IndexRow(year, [(label, path.relative_to(out_dir).as_posix() if path.is_file() else None)
                                    for label, path in files]))
    years = folder.annotated
    summary = status_by_aim_and_year(load_years(folder, years, allow_draft=allow_draft).metrics) if years else None
    shares = []
    if summary is not None:
        for aim, group in summary.groupby("aim", sort=False):
            by_year = dict(zip(group["year"], group["share_achieved"]))
            shares.append([aim, *[format_percent(by_year.get(year), lang) for year in years]])
    page = environment().get_template("index.html.j2").render(lang=lang, rows=rows, years=years, shares=shares,
                                                                say=lambda key, **v: text(key, lang, **v))
    path = out_dir / ("index.html" if lang == "fi" else f"index_{lang}.html")
    with atomic_path(path) as tmp:
        tmp.write_text(page, encoding="utf-8")
    return path
