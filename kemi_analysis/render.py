"""The report's sections as HTML blocks, one function per section, for the report notebook.

Every text that comes from the source or the annotation file is escaped:
source text is data, never markup. Figures are embedded as PNG data with
their alt text; tables have caption and header cells.
"""

from __future__ import annotations

import base64
import html
import io
import platform
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from . import __version__
from .achievement import metric_quality, rollup
from .dataset import Dataset, YearData, available_years, load_years
from .errors import DataError, UsageError
from .formatting import (
    check_lang,
    format_number,
    format_percent,
    format_target,
    format_value,
    plural,
    progress_label,
    status_label,
    text,
)
from .plots import Chart, achievement_ratios, share_achieved_by_year, status_by_aim
from .sdg import SDGS
from .trends import flag_carried_over, new_and_dropped, progress, status_by_aim_and_year, year_over_year


class HTMLBlock:
    """A piece of HTML that Jupyter displays (``_repr_html_``)."""

    def __init__(self, markup: str) -> None:
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup

    def __repr__(self) -> str:
        return f"HTMLBlock({len(self.markup)} characters)"


@dataclass
class ReportContext:
    """What the report's sections are computed from."""

    year: int
    lang: str
    data_dir: Path
    compare_years: list[int]
    dataset: Dataset
    parameters: dict
    started: datetime = field(default_factory=lambda: datetime.now(timezone.utc))

    @property
    def current(self) -> YearData:
        return self.dataset.years[self.year]

    @property
    def metrics(self) -> pd.DataFrame:
        return self.current.metrics

    @property
    def all_metrics(self) -> pd.DataFrame:
        return self.dataset.metrics


def prepare(year: int, compare_years: list[int] | None = None, data_dir: str | Path = "data",
            lang: str = "fi") -> ReportContext:
    """Load the year and the years it is compared with.

    ``compare_years`` empty means every earlier year found in the data.

    Examples
    --------
    >>> context = prepare(2022, [], "data", "fi")
    >>> context.year, context.compare_years
    (2022, [])
    """
    try:
        check_lang(lang)
    except ValueError as exc:
        raise UsageError(str(exc), hint="use lang='fi' or lang='en'.") from exc
    data_dir = Path(data_dir)
    years = available_years(data_dir)
    if year not in years:
        raise DataError(f"no raw report and annotation file for {year} (years with both: "
                        f"{', '.join(map(str, years)) or 'none'}).", path=data_dir)
    earlier = [y for y in years if y < year]
    compare = sorted(set(compare_years)) if compare_years else earlier
    unknown = [y for y in compare if y not in earlier]
    if unknown:
        raise UsageError(f"compare_years {unknown} are not earlier years in the data (earlier years: {earlier}).",
                         path=data_dir)
    dataset = load_years(data_dir, [*compare, year])
    if year not in dataset.years:
        raise DataError(dataset.problems.get(str(year), f"{year} could not be loaded."), path=data_dir)
    parameters = {"year": year, "compare_years": list(compare_years or []), "data_dir": str(data_dir),
                  "lang": lang}
    return ReportContext(year=year, lang=lang, data_dir=data_dir, compare_years=sorted(dataset.years)[:-1],
                         dataset=dataset, parameters=parameters)


# --------------------------------------------------------------------------
# HTML helpers


def escape(value: object) -> str:
    """Escape text for HTML; line breaks become ``<br>``."""
    return html.escape(str(value), quote=True).replace("\n", "<br>")


def html_table(headers: list[str], rows: list[list[str]], caption: str, *, numeric: tuple[int, ...] = (),
               row_header: bool = True, classes: dict[int, str] | None = None) -> str:
    """A table with caption and header cells; every cell escaped.

    ``numeric`` columns are right-aligned; the first column's cells are row
    headers when ``row_header``.
    """
    classes = classes or {}

    def cls(i: int) -> str:
        names = (["num"] if i in numeric else []) + ([classes[i]] if i in classes else [])
        return f' class="{" ".join(names)}"' if names else ""

    head = "".join(f'<th scope="col"{cls(i)}>{escape(h)}</th>' for i, h in enumerate(headers))
    body = []
    for row in rows:
        cells = []
        for i, cell in enumerate(row):
            tag = "th" if (i == 0 and row_header) else "td"
            scope = ' scope="row"' if tag == "th" else ""
            cells.append(f"<{tag}{scope}{cls(i)}>{escape(cell)}</{tag}>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    return (f'<table class="kemi-table"><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>")


def figure_html(chart: Chart, caption: str) -> str:
    """A figure as an embedded PNG with its alt text and a caption."""
    buffer = io.BytesIO()
    chart.figure.savefig(buffer, format="png", dpi=110)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (f'<figure class="kemi-figure"><img src="data:image/png;base64,{data}" alt="{escape(chart.alt)}">'
            f"<figcaption>{escape(caption)}</figcaption></figure>")


def _say(ctx: ReportContext, fi: str, en: str) -> str:
    """The Finnish or the English text, as the report's language asks."""
    return fi if ctx.lang == "fi" else en


# --------------------------------------------------------------------------
# Sections


def title(ctx: ReportContext) -> HTMLBlock:
    """The report's title and a one-sentence introduction."""
    heading = _say(ctx, f"Kemin hyvinvointitoimiala: strategian toteutuminen vuonna {ctx.year}",
                  f"Kemi welfare sector: how the strategy was carried out in {ctx.year}")
    intro = _say(ctx,
                "Tämä raportti kertoo, miten hyvinvointitoimialan strategiset tavoitteet toteutuivat. "
                "Luvut on laskettu toimialan omasta raportista.",
                "This report shows how the welfare sector's strategic goals were carried out. "
                "The figures are computed from the sector's own report.")
    return HTMLBlock(f"<h1>{escape(heading)}</h1><p>{escape(intro)}</p>")


def key_figures(ctx: ReportContext) -> HTMLBlock:
    """The few numbers a reader should see first."""
    m = ctx.metrics
    total = len(m)
    with_target = int(m["target_value"].notna().sum())
    achieved = int((m["status"] == "achieved").sum())
    partial = int((m["status"] == "partial").sum())
    missed = int((m["status"] == "not_achieved").sum())
    unknown = int(m["status"].isin(["no_data", "not_reported"]).sum())
    share = achieved / with_target if with_target else None
    goals = len(ctx.current.report.goals)
    aims = len(ctx.current.report.aims)
    if ctx.lang == "fi":
        items = [
            (str(total), f"mittaria {goals} tavoiterivillä ja {aims} strategisessa päämäärässä"),
            (str(with_target), "mittarilla on tavoite, joka on luku"),
            (str(achieved), f"tavoitetta toteutui ({format_percent(share, 'fi')} tavoitteellisista)"),
            (str(partial), "tavoitetta toteutui osittain"),
            (str(missed), "tavoitetta ei toteutunut"),
            (str(unknown), "mittarista ei ole mitattavaa tietoa tai sitä ei raportoitu"),
        ]
        summary = (f"Vuonna {ctx.year} tavoite toteutui {achieved} mittarissa {with_target}:stä, "
                   f"joilla on tavoite. Se on {format_percent(share, 'fi')}.")
    else:
        items = [
            (str(total), f"metrics on {goals} goal rows under {aims} strategic aims"),
            (str(with_target), "metrics have a numeric target"),
            (str(achieved), f"targets achieved ({format_percent(share, 'en')} of those with a target)"),
            (str(partial), "targets partly achieved"),
            (str(missed), "targets not achieved"),
            (str(unknown), "metrics have no measurable data or were not reported"),
        ]
        summary = (f"In {ctx.year} the target was achieved for {achieved} of the {with_target} metrics "
                   f"with a target: {format_percent(share, 'en')}.")
    lis = "".join(f'<li><span class="value">{escape(v)}</span>{escape(label)}</li>' for v, label in items)
    return HTMLBlock(f'<p>{escape(summary)}</p><ul class="kemi-key-figures">{lis}</ul>')


def status_by_aim_section(ctx: ReportContext) -> HTMLBlock:
    """Metric status per strategic aim: a chart and the same numbers as a table."""
    counts = rollup(ctx.metrics, "aim")
    chart = status_by_aim(counts, ctx.lang)
    statuses = ["achieved", "partial", "not_achieved", "in_progress", "no_target", "no_data", "not_reported"]
    headers = [text("aim", ctx.lang), *[status_label(s, ctx.lang) for s in statuses], text("metrics", ctx.lang),
               text("share_achieved", ctx.lang), text("mean_ratio_capped", ctx.lang)]
    rows = [[r["aim"], *[str(r[s]) for s in statuses], str(r["metrics"]),
             format_percent(r["share_achieved"], ctx.lang), format_percent(r["mean_ratio_capped"], ctx.lang)]
            for _, r in counts.iterrows()]
    caption = _say(ctx, f"Mittarien tila päämäärittäin {ctx.year}. Tavoite toteutui = toteutuneet / mittarit, "
                       "joilla on tavoite. Keskimääräisessä toteutumisasteessa jokainen mittari lasketaan "
                       "enintään 100 %:n arvoisena.",
                  f"Metric status by strategic aim, {ctx.year}. Target achieved = achieved / metrics with a target. "
                  "In the mean achievement each metric counts at most 100 %.")
    figure_caption = _say(ctx, "Kuva 1. Mittarien tila päämäärittäin. Luvut ovat mittarien määriä.",
                         "Figure 1. Metric status by strategic aim. The numbers are counts of metrics.")
    return HTMLBlock(figure_html(chart, figure_caption)
                     + html_table(headers, rows, caption, numeric=tuple(range(1, len(headers)))))


def ratios_section(ctx: ReportContext) -> HTMLBlock:
    """Each metric's achievement ratio against the 100 % line."""
    chart = achievement_ratios(ctx.metrics, ctx.lang)
    caption = _say(ctx, "Kuva 2. Toteutumisaste mittareittain. Katkoviiva on 100 % eli tavoite. "
                       "Yli 200 %:n pylväät on piirretty 200 %:iin; luku kertoo todellisen arvon.",
                  "Figure 2. Achievement ratio by metric. The dashed line is 100 %, the target. Bars over 200 % "
                  "are drawn at 200 %; the label gives the true value.")
    return HTMLBlock(figure_html(chart, caption))


def _flags(row: pd.Series, lang: str) -> str:
    flags = [text(f, lang) for f in ("first_achieved", "fell_back", "carried_over") if row[f]]
    return ", ".join(flags)


def changes_section(ctx: ReportContext) -> HTMLBlock:
    """Year-over-year changes and progress, or a sentence that there is no earlier year."""
    if not ctx.compare_years:
        carried = ctx.metrics[flag_carried_over(ctx.metrics)]
        note = _say(ctx,
                   f"Aineistossa ei ole vuotta {ctx.year} aiempia tietoja. Muutosta edelliseen vuoteen ei siksi "
                   "voi vielä laskea.",
                   f"The data holds no year before {ctx.year}, so the change since the previous year cannot be "
                   "computed yet.")
        parts = [f'<p class="kemi-note">{escape(note)}</p>']
        if len(carried):
            lead = _say(ctx, f"Nämä työt jatkuvat vuoden {ctx.year} jälkeen:",
                       f"This work continues after {ctx.year}:")
            items = "".join(f"<li>{escape(m)} ({escape(status_label(s, ctx.lang).lower())})</li>"
                            for m, s in zip(carried["metric"], carried["status"]))
            parts.append(f"<p>{escape(lead)}</p><ul>{items}</ul>")
        return HTMLBlock("".join(parts))

    metrics = ctx.all_metrics
    previous = ctx.compare_years[-1]
    changes = year_over_year(metrics, [(previous, ctx.year)])
    parts = []
    headers = [text("metric", ctx.lang), text("aim", ctx.lang), f"{text('actual', ctx.lang)} {previous}",
               f"{text('actual', ctx.lang)} {ctx.year}", text("change", ctx.lang), text("transition", ctx.lang),
               text("flags", ctx.lang)]
    rows = []
    for _, r in changes.iterrows():
        change = r["change_abs"]
        change_text = text("none", ctx.lang) if pd.isna(change) else (
            ("+" if change > 0 else "") + format_number(change, ctx.lang))
        transition = f"{status_label(r['status_from'], ctx.lang)} → {status_label(r['status_to'], ctx.lang)}"
        rows.append([r["metric"], r["aim"], format_number(r["actual_from"], ctx.lang),
                     format_number(r["actual_to"], ctx.lang), change_text, transition, _flags(r, ctx.lang)])
    caption = _say(ctx, f"Muutos vuodesta {previous} vuoteen {ctx.year} mittareittain",
                  f"Change from {previous} to {ctx.year} by metric")
    parts.append(html_table(headers, rows, caption, numeric=(2, 3, 4)))

    churn = new_and_dropped(metrics, previous, ctx.year)
    if len(churn):
        items = "".join(f"<li>{escape(r.metric)} ({escape(text(r.change, ctx.lang))}, {r.year})</li>"
                        for r in churn.itertuples())
        lead = _say(ctx, "Uudet ja poistuneet mittarit:", "New and dropped metrics:")
        parts.append(f"<p>{escape(lead)}</p><ul>{items}</ul>")

    summary = status_by_aim_and_year(metrics)
    chart = share_achieved_by_year(summary, ctx.lang)
    parts.append(figure_html(chart, _say(ctx, "Kuva 3. Toteutuneiden tavoitteiden osuus vuosittain.",
                                        "Figure 3. Share of targets achieved, by year.")))

    table = progress(metrics[metrics["year"] <= ctx.year])
    table = table[table["years"] >= 2]
    if len(table):
        headers = [text("metric", ctx.lang), text("base", ctx.lang), text("current", ctx.lang),
                   text("target", ctx.lang), text("progress", ctx.lang)]
        rows = [[r["metric"], f"{format_number(r['base_value'], ctx.lang)} ({r['base_year']})",
                 f"{format_number(r['current_value'], ctx.lang)} ({r['current_year']})",
                 format_number(r["target_value"], ctx.lang), progress_label(r["progress"], ctx.lang)]
                for _, r in table.iterrows()]
        caption = _say(ctx, "Kehitys koko aikasarjalla (Open SDG -menetelmä)",
                      "Progress over the whole series (Open SDG method)")
        parts.append(html_table(headers, rows, caption))
    caveat = _say(ctx,
                 "Aikasarjat ovat lyhyitä, ja tavoitteet voivat muuttua valtuustokausittain. Kehitys kertoo "
                 "suunnan, ei ennustetta.",
                 "The series are short and targets may change with the council term. Progress shows a "
                 "direction, not a forecast.")
    parts.append(f'<p class="kemi-note">{escape(caveat)}</p>')
    return HTMLBlock("".join(parts))


def sdg_section(ctx: ReportContext) -> HTMLBlock:
    """The SDGs each strategic aim supports, with their numbers, names and UN colours."""
    parts = []
    sdgs = ctx.current.report.sdgs
    for aim, group in sdgs.groupby("aim", sort=False):
        items = []
        for number in group["sdg"]:
            goal = SDGS[int(number)]
            style = f"background-color:{goal.colour};color:{goal.text_colour}"
            items.append(f'<li><span class="kemi-sdg-badge" style="{style}">{number}</span>'
                         f"{escape(goal.name(ctx.lang))}</li>")
        parts.append(f"<h3>{escape(aim)}</h3><ul class=\"kemi-sdg-list\">{''.join(items)}</ul>")
    by_sdg = rollup(ctx.metrics, "sdg", ctx.current.report)
    headers = [text("sdg", ctx.lang), text("sdg_name", ctx.lang), text("metrics", ctx.lang),
               text("share_achieved", ctx.lang)]
    rows = [[str(r["sdg"]), SDGS[int(r["sdg"])].name(ctx.lang), str(r["metrics"]),
             format_percent(r["share_achieved"], ctx.lang)] for _, r in by_sdg.iterrows()]
    caption = _say(ctx, "Mittarit kestävän kehityksen tavoitteittain. Mittari lasketaan jokaiselle päämääränsä "
                       "SDG-tavoitteelle.",
                  "Metrics by SDG. A metric counts for every SDG of its strategic aim.")
    parts.append(html_table(headers, rows, caption, numeric=(0, 2, 3)))
    return HTMLBlock("".join(parts))


def roles_section(ctx: ReportContext) -> HTMLBlock:
    """Responsible roles and how their metrics went."""
    by_role = rollup(ctx.metrics, "role", ctx.current.report)
    headers = [text("role", ctx.lang), text("metrics", ctx.lang), status_label("achieved", ctx.lang),
               status_label("partial", ctx.lang), status_label("not_achieved", ctx.lang),
               text("share_achieved", ctx.lang)]
    rows = [[r["role"], str(r["metrics"]), str(r["achieved"]), str(r["partial"]), str(r["not_achieved"]),
             format_percent(r["share_achieved"], ctx.lang)] for _, r in by_role.iterrows()]
    caption = _say(ctx, "Vastuuhenkilöt ja heidän mittarinsa. Mittari lasketaan jokaiselle tavoiterivillä "
                       "nimetylle vastuuhenkilölle.",
                  "Responsible roles and their metrics. A metric counts for every role named on its goal row.")
    return HTMLBlock(html_table(headers, rows, caption, numeric=(1, 2, 3, 4, 5)))


def quality_section(ctx: ReportContext) -> HTMLBlock:
    """How SMART the metrics are, per aim."""
    quality = metric_quality(ctx.metrics, ctx.current.report)
    columns = ["share_with_target", "share_with_deadline", "share_with_owner", "share_with_actual"]
    headers = [text("aim", ctx.lang), text("metrics", ctx.lang), *[text(c, ctx.lang) for c in columns]]
    rows = []
    for _, r in quality.iterrows():
        aim = text("all_aims", ctx.lang) if r["aim"] == "(all)" else r["aim"]
        rows.append([aim, str(r["metrics"]), *[format_percent(r[c], ctx.lang) for c in columns]])
    caption = _say(ctx, "Mittarien laatu: kuinka suuressa osassa mittareista asia on kunnossa",
                  "Metric quality: the share of metrics that have each property")
    total = quality[quality["aim"] == "(all)"].iloc[0]
    weakest = min(columns, key=lambda c: total[c])
    sentence = _say(ctx,
                   f"Heikoin kohta: {text(weakest, 'fi').lower()} vain {format_percent(total[weakest], 'fi')} "
                   "mittareista.",
                   f"Weakest point: {text(weakest, 'en').lower()} for only {format_percent(total[weakest], 'en')} "
                   "of the metrics.")
    return HTMLBlock(html_table(headers, rows, caption, numeric=(1, 2, 3, 4, 5)) + f"<p>{escape(sentence)}</p>")


def metric_table(ctx: ReportContext) -> HTMLBlock:
    """Every metric with its target, actual value, status and the quoted source text and line."""
    m = ctx.metrics
    headers = [text("metric", ctx.lang), text("aim", ctx.lang), text("line", ctx.lang), text("target", ctx.lang),
               text("actual", ctx.lang), text("ratio", ctx.lang), text("status", ctx.lang),
               text("quote_target", ctx.lang), text("quote_actual", ctx.lang)]
    rows = []
    for _, r in m.iterrows():
        rows.append([
            r["metric"], r["aim"], str(r["source_line"]),
            format_target(r["target_value"], r["comparator"], r["target_unit"], ctx.lang),
            format_value(r["actual_value"], r["target_unit"], ctx.lang),
            format_percent(r["achievement_ratio"], ctx.lang),
            status_label(r["status"], ctx.lang),
            f"“{r['evidence_target']}”" if r["evidence_target"] else text("none", ctx.lang),
            f"“{r['evidence_actual']}”" if r["evidence_actual"] else text("none", ctx.lang),
        ])
    caption = _say(ctx, f"Kaikki mittarit {ctx.year}. Rivi = rivinumero lähdetiedostossa. Lainaukset ovat "
                       "lähteen tekstiä sellaisenaan, kirjoitusvirheineen.",
                  f"All metrics, {ctx.year}. Line = line number in the source file. Quotes are the source text "
                  "as written, typos included.")
    return HTMLBlock(html_table(headers, rows, caption, numeric=(2, 5), classes={7: "quote", 8: "quote"}))


def provenance(ctx: ReportContext) -> HTMLBlock:
    """Where the numbers come from: files with checksums, versions, parameters and time."""
    rows = []
    for year in sorted(ctx.dataset.years):
        data = ctx.dataset.years[year]
        rows.append([f"{year}: " + _say(ctx, "raportti", "report"), data.report.path.name, data.report.sha256])
        rows.append([f"{year}: " + _say(ctx, "tulkinnat", "annotations"), data.annotations.path.name,
                     data.annotations.sha256])
    files = html_table([text("item", ctx.lang), text("file", ctx.lang), text("sha256", ctx.lang)], rows,
                       _say(ctx, "Lähdetiedostot", "Source files"))
    params = ", ".join(f"{k}={v!r}" for k, v in ctx.parameters.items())
    facts = [
        [_say(ctx, "Ohjelma", "Software"), f"kemi_analysis {__version__}, pandas {pd.__version__}, "
                                           f"Python {platform.python_version()}"],
        [_say(ctx, "Parametrit", "Parameters"), params],
        [_say(ctx, "Ajettu", "Run at"), ctx.started.strftime("%Y-%m-%d %H:%M:%S UTC")],
    ]
    run = html_table([text("item", ctx.lang), text("value", ctx.lang)], facts, _say(ctx, "Ajo", "Run"))
    note = _say(ctx, "Tulkintatiedoston muistiinpanot kertovat, miten jokainen luku on luettu lähteestä.",
               "The annotation file's notes say how each number was read from the source.")
    return HTMLBlock(files + run + f"<p>{escape(note)}</p>")
