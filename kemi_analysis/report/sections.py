"""The report's sections, computed as plain data for the report notebook.

Each public function takes the :class:`ReportContext` that :func:`prepare`
returns and gives a :class:`Section`: a list of blocks (paragraphs, tables,
figures, lists) holding text and numbers only. Jupyter shows a section
through :mod:`kemi_analysis.report.html`, which renders it with autoescaping
templates, so source text is never markup. Every label comes from
:mod:`kemi_analysis.report.labels`.
"""

from __future__ import annotations

import platform
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd

from .. import __version__
from ..catalogues.sdg import SDGS
from ..compute.achievement import metric_quality, rollup
from ..compute.pipeline import Dataset, YearData, load_years
from ..compute.trends import flag_carried_over, new_and_dropped, progress, status_by_aim_and_year, year_over_year
from ..schemas import STATUSES, YES_NO_UNITS, ProgressCategory, Status
from .labels import (
    count_noun,
    format_change,
    format_number,
    format_percent,
    format_target,
    format_value,
    progress_label,
    reading_note,
    status_label,
    text,
)
from .parameters import ReportParameters
from .plots import Chart, achievement_ratios, share_achieved_by_year, status_by_aim

#: What a figure can hold and still be read, on a screen or on A4. Past these a table of the same numbers
#: replaces it, with a sentence saying so; a report of thousands of metrics stays readable and small.
MAX_AIMS_IN_FIGURE = 20
MAX_BARS_IN_FIGURE = 60
MAX_RATIO_FIGURES = 12
MAX_LINES_IN_FIGURE = 8
#: The most rows a table or list of single metrics (or goal rows) shows; a longer one is left to the spreadsheet
#: the sentence in its place names, which holds every row with its quotes. 2022 has 27 metrics.
MAX_ROWS_IN_TABLE = 2000

# --------------------------------------------------------------------------
# Blocks


class _Block:
    @property
    def kind(self) -> str:
        """The block's type name, which the template switches on."""
        return type(self).__name__


@dataclass
class Paragraph(_Block):
    text: str
    note: bool = False


@dataclass
class ItemList(_Block):
    lead: str
    items: list[str]


@dataclass
class Table(_Block):
    caption: str
    headers: list[str]
    rows: list[list[str]]
    numeric: tuple[int, ...] = ()
    quotes: tuple[int, ...] = ()
    row_header: bool = True


@dataclass
class Figure(_Block):
    chart: Chart
    caption: str


@dataclass
class KeyFigures(_Block):
    summary: str
    figures: list[tuple[str, str]]  # (value, label); the first is the total, the others add up to it
    caption: str = ""


@dataclass
class Badge:
    number: int
    name: str
    colour: str
    text_colour: str


@dataclass
class SDGList(_Block):
    aim: str
    badges: list[Badge]


@dataclass
class Title(_Block):
    heading: str
    intro: str


Block = Paragraph | ItemList | Table | Figure | KeyFigures | SDGList | Title


@dataclass
class Section:
    """A section of the report: blocks in order. Jupyter shows it as HTML.

    ``table_cue`` and ``figure_cue`` are what a narrow screen shows above a wide table or figure that
    scrolls sideways in its own labelled region.
    """

    blocks: list[Block]
    table_cue: str = ""
    figure_cue: str = ""

    def _repr_html_(self) -> str:
        from .html import render_section

        return render_section(self)

    def __repr__(self) -> str:
        return f"Section({', '.join(type(b).__name__ for b in self.blocks)})"


# --------------------------------------------------------------------------
# What the sections are computed from


@dataclass
class ReportContext:
    """The loaded years and the report's parameters."""

    parameters: ReportParameters
    compare_years: list[int]
    dataset: Dataset
    started: datetime = field(default_factory=lambda: datetime.now(timezone.utc))

    @property
    def year(self) -> int:
        return self.parameters.year

    @property
    def lang(self) -> str:
        return self.parameters.lang

    @property
    def current(self) -> YearData:
        return self.dataset.years[self.year]

    @property
    def metrics(self) -> pd.DataFrame:
        return self.current.metrics

    def say(self, key: str, **values: object) -> str:
        """A text of the catalogue in the report's language."""
        return text(key, self.lang, **values)

    def count(self, value: int) -> str:
        """A count with the language's thousands separator: "100 000" in Finnish, "100,000" in English."""
        return format_number(int(value), self.lang)

    @property
    def drafts(self) -> int:
        """How many of the shown metric rows (this year's and the compared years') are drafts."""
        return int(self.dataset.metrics["draft"].sum())

    def section(self, blocks: list[Block]) -> Section:
        """A section in the report's language."""
        return Section(blocks, table_cue=self.say("scroll.cue"), figure_cue=self.say("figure.cue"))

    def marked(self, metrics: pd.DataFrame) -> pd.DataFrame:
        """``metrics`` with every draft row's ``metric`` text marked LUONNOS / DRAFT, as the report shows it."""
        if not metrics["draft"].any():
            return metrics
        mark = f" ({self.say('draft.mark')})"
        return metrics.assign(metric=metrics["metric"].where(~metrics["draft"], metrics["metric"] + mark))


def prepare(year: int, compare_years: list[int] | None = None, data_dir: str | Path = "data",
            lang: str = "fi", allow_draft: bool = False) -> ReportContext:
    """Check the parameters, and load the year and the years it is compared with.

    ``compare_years`` empty means every earlier annotated year of the data
    folder. A year that cannot load is an error naming it, never left out;
    so are draft rows, unless ``allow_draft`` (then the report says it is a
    draft and marks every draft metric).

    Examples
    --------
    >>> context = prepare(2022, [], "data", "fi")
    >>> context.year, context.compare_years
    (2022, [])
    """
    parameters = ReportParameters(year=year, compare_years=list(compare_years or []), data_dir=data_dir, lang=lang,
                                  allow_draft=allow_draft)
    folder, compare = parameters.check()
    dataset = load_years(folder, [*compare, year], allow_draft=allow_draft)
    return ReportContext(parameters=parameters, compare_years=compare, dataset=dataset)


# --------------------------------------------------------------------------
# Sections


def title(ctx: ReportContext) -> Section:
    """The report's title and a one-sentence introduction; a draft says so first."""
    heading = ctx.say("title.heading", year=ctx.year)
    if not ctx.drafts:
        return ctx.section([Title(heading, ctx.say("title.intro"))])
    return ctx.section([Title(ctx.say("draft.prefix") + heading, ctx.say("title.intro")),
                    Paragraph(ctx.say("draft.note", count=ctx.drafts), note=True)])


def key_figures(ctx: ReportContext) -> Section:
    """The few numbers a reader should see first: every metric in exactly one status box.

    The boxes add up to the total, every status shown, so nothing is left out of the sum.
    """
    m = ctx.metrics
    count = m["status"].value_counts()
    total = len(m)
    with_target = int(m["target_value"].notna().sum())
    achieved = int(((m["status"] == Status.ACHIEVED) & m["target_value"].notna()).sum())
    share = format_percent(achieved / with_target if with_target else None, ctx.lang)
    sentences = [
        ctx.say("key.intro", year=ctx.year, total=ctx.count(total), metric_word=count_noun(total, "metric", ctx.lang)),
        ctx.say("key.with_target", with_target=ctx.count(with_target), achieved=ctx.count(achieved), share=share,
                metric_word_adessive=count_noun(with_target, "metric", ctx.lang, "adessive"),
                metric_word_inessive=count_noun(achieved, "metric", ctx.lang, "inessive")),
    ]
    figures = [(ctx.count(count.get(status, 0)), status_label(status, ctx.lang)) for status in STATUSES]
    figures.insert(0, (ctx.count(total), f"{count_noun(total, 'metric', ctx.lang)} {ctx.say('key.total')}"))
    return ctx.section([KeyFigures(" ".join(sentences), figures, ctx.say("key.caption", total=ctx.count(total)))])


def status_by_aim_section(ctx: ReportContext) -> Section:
    """Metric status per strategic aim: a chart (while the aims fit in one) and the same numbers as a table."""
    counts = rollup(ctx.metrics, "aim")
    headers = [text("aim", ctx.lang), *[status_label(s, ctx.lang) for s in STATUSES], text("metrics", ctx.lang),
               text("share_achieved", ctx.lang), text("mean_ratio_capped", ctx.lang)]
    rows = [[r["aim"], *[ctx.count(r[s]) for s in STATUSES], ctx.count(r["metrics"]),
             format_percent(r["share_achieved"], ctx.lang), format_percent(r["mean_ratio_capped"], ctx.lang)]
            for _, r in counts.iterrows()]
    table = Table(ctx.say("status.table_caption", year=ctx.year), headers, rows,
                  numeric=tuple(range(1, len(headers))))
    if len(counts) > MAX_AIMS_IN_FIGURE:
        return ctx.section([_too_big(ctx, len(counts), "aims"), table])
    return ctx.section([Figure(status_by_aim(counts, ctx.lang), ctx.say("status.figure_caption")), table])


def _too_big(ctx: ReportContext, count: int, what: str) -> Paragraph:
    """The sentence that stands where a figure would be unreadable."""
    return Paragraph(ctx.say("chart.too_big", count=ctx.count(count),
                             what=ctx.say(f"chart.what.{what}")), note=True)


def _too_long(ctx: ReportContext, count: int, command: str) -> Paragraph:
    """The sentence that stands where a table of ``count`` rows would be, naming the command that writes them."""
    return Paragraph(ctx.say("table.too_long", count=ctx.count(count), command=command),
                     note=True)


def _export_command(ctx: ReportContext, years: list[int]) -> str:
    name = ctx.say("table.file_name")
    span = str(years[-1]) if len(years) == 1 else f"{years[0]}-{years[-1]}"
    option = f"--year {years[0]}" if len(years) == 1 else f"--years {','.join(map(str, years))}"
    return f"kemi-analysis export {option} --out {name}_{span}.xlsx"


def ratios_section(ctx: ReportContext) -> Section:
    """Each metric's achievement ratio against the 100 % line: one figure per aim, so each fits a page.

    Past :data:`MAX_RATIO_FIGURES` aims or :data:`MAX_BARS_IN_FIGURE` metrics in an aim, a table per aim
    (how many rated, the median, how many reached 100 %) stands in for the figures.
    """
    metrics = ctx.marked(ctx.metrics)
    rated = metrics[metrics["achievement_ratio"].notna()]
    if rated.empty:
        return ctx.section([Paragraph(ctx.say("ratios.none"), note=True)])
    groups = dict(list(metrics.groupby("aim", sort=False)))  # one pass, not one filter per aim
    with_ratio = set(rated["aim"])
    aims = [aim for aim in groups if aim in with_ratio]
    largest = int(rated.groupby("aim", sort=False).size().max())
    if len(aims) > MAX_RATIO_FIGURES or largest > MAX_BARS_IN_FIGURE:
        return ctx.section([_too_big(ctx, len(rated), "bars"), _ratio_summary(ctx, rated)])
    letters = "abcdefghijklmnopqrstuvwxyz"
    return ctx.section([
        Figure(achievement_ratios(groups[aim], ctx.lang),
               ctx.say("ratios.figure_caption", aim=aim, part=letters[i] if len(aims) > 1 else ""))
        for i, aim in enumerate(aims)])


def _ratio_summary(ctx: ReportContext, rated: pd.DataFrame) -> Table:
    ratio = rated.groupby("aim", sort=False)["achievement_ratio"]
    summary = pd.DataFrame({"rated": ratio.size(), "median": ratio.median(),
                            "reached": ratio.agg(lambda r: int((r >= 1).sum())),
                            "low": ratio.agg(lambda r: int((r < 0.5).sum()))})
    lang = ctx.lang
    headers = [text(key, lang) for key in ("aim", "rated_metrics", "median_ratio", "at_least_100", "under_50")]
    rows = [[aim, ctx.count(r.rated), format_percent(r.median, lang), ctx.count(r.reached), ctx.count(r.low)]
            for aim, r in zip(summary.index, summary.itertuples(index=False))]
    return Table(ctx.say("ratios.summary_caption", year=ctx.year), headers, rows, numeric=(1, 2, 3, 4))


def changes_section(ctx: ReportContext) -> Section:
    """Year-over-year changes and progress, or a sentence that there is no earlier year."""
    if not ctx.compare_years:
        return _no_earlier_year(ctx)
    metrics = ctx.marked(ctx.dataset.metrics)
    previous = ctx.compare_years[-1]
    changes = year_over_year(metrics, [(previous, ctx.year)])
    blocks: list[Block] = [_changes_table(ctx, changes, previous) if len(changes) <= MAX_ROWS_IN_TABLE else
                           _too_long(ctx, len(changes), _export_command(ctx, [previous, ctx.year]))]
    churn = new_and_dropped(metrics, previous, ctx.year)
    if 0 < len(churn) <= MAX_ROWS_IN_TABLE:
        blocks.append(ItemList(ctx.say("changes.churn"), [f"{r.metric} ({text(r.change, ctx.lang)}, {r.year})"
                                                          for r in churn.itertuples()]))
    blocks += _share_by_year(ctx, status_by_aim_and_year(metrics))
    progress_table = _progress_table(ctx, progress(metrics[metrics["year"] <= ctx.year]))
    if progress_table is not None:
        blocks.append(progress_table)
    blocks.append(Paragraph(ctx.say("changes.caveat"), note=True))
    return ctx.section(blocks)


def _share_by_year(ctx: ReportContext, summary: pd.DataFrame) -> list[Block]:
    """The share achieved per aim and year: lines while they can be told apart, else a table of the shares."""
    aims = summary["aim"].nunique()
    if aims <= MAX_LINES_IN_FIGURE:
        return [Figure(share_achieved_by_year(summary, ctx.lang), ctx.say("changes.figure_caption"))]
    shares = summary.pivot(index="aim", columns="year", values="share_achieved")
    shares = shares.reindex(summary["aim"].drop_duplicates())
    rows = [[aim, *[format_percent(v, ctx.lang) for v in values]] for aim, values in zip(shares.index,
                                                                                         shares.to_numpy())]
    return [_too_big(ctx, aims, "lines"),
            Table(ctx.say("changes.share_caption"), [text("aim", ctx.lang), *map(str, shares.columns)], rows,
                  numeric=tuple(range(1, len(shares.columns) + 1)))]


def _no_earlier_year(ctx: ReportContext) -> Section:
    blocks: list[Block] = [Paragraph(ctx.say("changes.no_earlier", year=ctx.year), note=True)]
    carried = ctx.marked(ctx.metrics)[flag_carried_over(ctx.metrics)]
    if 0 < len(carried) <= MAX_ROWS_IN_TABLE:
        blocks.append(ItemList(ctx.say("changes.continues", year=ctx.year),
                               [f"{m} ({status_label(s, ctx.lang).lower()})"
                                for m, s in zip(carried["metric"], carried["status"])]))
    return ctx.section(blocks)


def _flags(row: pd.Series, lang: str) -> str:
    return ", ".join(text(f, lang) for f in ("first_achieved", "fell_back", "carried_over") if row[f])


def _change_text(row: pd.Series, lang: str) -> str:
    """The change with its unit; a yes/no metric's change as "ei → kyllä"."""
    if str(row["unit"]).casefold() in YES_NO_UNITS:
        return f"{format_value(row['actual_from'], row['unit'], lang)} → {format_value(row['actual_to'], row['unit'], lang)}"
    return format_change(row["change_abs"], row["unit"], lang)


def _changes_table(ctx: ReportContext, changes: pd.DataFrame, previous: int) -> Table:
    lang = ctx.lang
    headers = [text("metric", lang), text("aim", lang), f"{text('actual', lang)} {previous}",
               f"{text('actual', lang)} {ctx.year}", text("change", lang), text("transition", lang),
               text("flags", lang)]
    rows = [[r["metric"], r["aim"], format_value(r["actual_from"], r["unit"], lang),
             format_value(r["actual_to"], r["unit"], lang), _change_text(r, lang),
             f"{status_label(r['status_from'], lang)} → {status_label(r['status_to'], lang)}", _flags(r, lang)]
            for _, r in changes.iterrows()]
    return Table(ctx.say("changes.table_caption", previous=previous, year=ctx.year), headers, rows, numeric=(2, 3, 4))


def _progress_table(ctx: ReportContext, table: pd.DataFrame) -> Block | None:
    table = table[table["years"] >= 2]
    if table.empty:
        return None
    if len(table) > MAX_ROWS_IN_TABLE:
        return _too_long(ctx, len(table), _export_command(ctx, sorted({*ctx.compare_years, ctx.year})))
    lang = ctx.lang
    units = ctx.dataset.metrics.drop_duplicates("metric_id", keep="last").set_index("metric_id")["target_unit"]
    headers = [text("metric", lang), text("base", lang), text("current", lang), text("target", lang),
               text("progress", lang)]
    rows = []
    for _, r in table.iterrows():
        unit = units.get(r["metric_id"], "")
        unchanged = r["base_value"] == r["current_value"] and r["progress"] != ProgressCategory.TARGET_ACHIEVED
        rows.append([r["metric"], f"{format_value(r['base_value'], unit, lang)} ({r['base_year']})",
                     f"{format_value(r['current_value'], unit, lang)} ({r['current_year']})",
                     format_value(r["target_value"], unit, lang),
                     ctx.say("progress.unchanged") if unchanged else progress_label(r["progress"], lang)])
    return Table(ctx.say("changes.progress_caption"), headers, rows)


def sdg_section(ctx: ReportContext) -> Section:
    """The SDGs each strategic aim supports, and for each SDG the aims (and so the metrics) behind it.

    The report links SDGs to aims, not to metrics, so no SDG gets an achievement figure of its own.
    """
    sdgs = ctx.current.report.sdgs
    blocks: list[Block] = []
    for aim, group in sdgs.groupby("aim", sort=False):
        badges = [Badge(int(n), SDGS[int(n)].name(ctx.lang), SDGS[int(n)].colour, SDGS[int(n)].text_colour)
                  for n in group["sdg"]]
        blocks.append(SDGList(str(aim), badges))
    metrics_per_aim = ctx.metrics.groupby("aim").size()
    rows = []
    for number, group in sdgs.groupby("sdg", sort=True):
        aims = list(dict.fromkeys(group["aim"]))
        rows.append([str(number), SDGS[int(number)].name(ctx.lang), "\n".join(aims),
                     ctx.count(sum(metrics_per_aim.get(aim, 0) for aim in aims))])
    headers = [text("sdg", ctx.lang), text("sdg_name", ctx.lang), ctx.say("sdg.aims"), ctx.say("sdg.metrics")]
    blocks.append(Table(ctx.say("sdg.table_caption"), headers, rows, numeric=(0, 3)))
    blocks.append(Paragraph(ctx.say("sdg.note"), note=True))
    return ctx.section(blocks)


def goals_section(ctx: ReportContext) -> Section:
    """Per aim, the goals and actions with who is responsible and by when, as the source writes them."""
    lang = ctx.lang
    headers = [ctx.say("goals.line"), ctx.say("goal"), ctx.say("action"), ctx.say("responsible")]
    goal_rows = ctx.current.report.goals
    if len(goal_rows) > MAX_ROWS_IN_TABLE:
        raw = ctx.current.report.path
        command = f"kemi-analysis parse {ctx.dataset.folder.path.name}/{ctx.dataset.folder.relative(raw)} " \
                  f"--out {ctx.say('table.goals_file_name')}_{ctx.year}.xlsx"
        return ctx.section([_too_long(ctx, len(goal_rows), command)])
    blocks: list[Block] = []
    for aim, goals in ctx.current.report.goals.groupby("aim", sort=False):
        rows = [[str(g.source_line), g.goal or text("none", lang), g.action or text("none", lang),
                 g.responsible or text("none", lang)] for g in goals.itertuples(index=False)]
        blocks.append(Table(ctx.say("goals.caption", aim=aim), headers, rows, numeric=(0,)))
    return ctx.section(blocks)


def roles_section(ctx: ReportContext) -> Section:
    """Responsible roles and how their metrics went."""
    by_role = rollup(ctx.metrics, "role", ctx.current.report)
    shown = (Status.ACHIEVED, Status.PARTIAL, Status.NOT_ACHIEVED)
    headers = [text("role", ctx.lang), text("metrics", ctx.lang), *[status_label(s, ctx.lang) for s in shown],
               text("share_achieved", ctx.lang)]
    rows = [[r["role"], ctx.count(r["metrics"]), *[ctx.count(r[s]) for s in shown], format_percent(r["share_achieved"], ctx.lang)]
            for _, r in by_role.iterrows()]
    return ctx.section([Table(ctx.say("roles.table_caption"), headers, rows, numeric=(1, 2, 3, 4, 5))])


def quality_section(ctx: ReportContext) -> Section:
    """How SMART the metrics are, per aim."""
    quality = metric_quality(ctx.metrics, ctx.current.report)
    columns = ["share_with_target", "share_with_deadline", "share_with_owner", "share_with_actual"]
    headers = [text("aim", ctx.lang), text("metrics", ctx.lang), *[text(c, ctx.lang) for c in columns]]
    rows = [[text("all_aims", ctx.lang) if r["aim"] == "(all)" else r["aim"], ctx.count(r["metrics"]),
             *[format_percent(r[c], ctx.lang) for c in columns]] for _, r in quality.iterrows()]
    total = quality[quality["aim"] == "(all)"].iloc[0]
    weakest = min(columns, key=lambda c: total[c])
    sentence = ctx.say("quality.weakest", what=text(weakest, ctx.lang).lower(),
                       share=format_percent(total[weakest], ctx.lang))
    return ctx.section([Table(ctx.say("quality.table_caption"), headers, rows, numeric=(1, 2, 3, 4, 5)),
                    Paragraph(sentence)])


def metric_table(ctx: ReportContext) -> Section:
    """Every metric with its target, actual value, status and the quoted source text and line."""
    lang = ctx.lang
    if len(ctx.metrics) > MAX_ROWS_IN_TABLE:
        return ctx.section([_too_long(ctx, len(ctx.metrics), _export_command(ctx, [ctx.year]))])
    headers = [text(key, lang) for key in ("metric", "aim", "line", "target", "actual", "ratio", "status",
                                           "quote_target", "quote_actual", "reading")]
    rows = [[r["metric"], r["aim"], str(r["source_line"]),
             format_target(r["target_value"], r["comparator"], r["target_unit"], lang),
             format_value(r["actual_value"], r["target_unit"], lang),
             format_percent(r["achievement_ratio"], lang),
             status_label(r["status"], lang),
             f"“{r['evidence_target']}”" if r["evidence_target"] else text("none", lang),
             f"“{r['evidence_actual']}”" if r["evidence_actual"] else text("none", lang),
             reading_note(r, lang) or text("none", lang)]
            for _, r in ctx.marked(ctx.metrics).iterrows()]
    return ctx.section([Table(ctx.say("metrics.table_caption", year=ctx.year), headers, rows, numeric=(2, 5),
                          quotes=(7, 8))])


def provenance(ctx: ReportContext) -> Section:
    """Where the numbers come from: files (relative to the data folder) with checksums, versions,
    parameters and the time of the run in Finnish time."""
    files = []
    folder = ctx.dataset.folder
    for year in sorted(ctx.dataset.years):
        data = ctx.dataset.years[year]
        files.append([ctx.say("provenance.report", year=year), folder.relative(data.raw), data.raw_sha256])
        files.append([ctx.say("provenance.annotations", year=year), folder.relative(data.annotations.path),
                      data.annotations.sha256])
    started = ctx.started.astimezone(ZoneInfo("Europe/Helsinki"))
    facts = [
        [ctx.say("provenance.software"),
         f"kemi_analysis {__version__}, pandas {pd.__version__}, Python {platform.python_version()}"],
        [ctx.say("provenance.data_dir"), folder.path.name],
        [ctx.say("provenance.parameters"), ctx.parameters.describe(with_data_dir=False)],
        [ctx.say("provenance.run_at"), f"{started:%Y-%m-%d %H:%M} ({ctx.say('provenance.time_zone')}, {started:%Z})"],
    ]
    lang = ctx.lang
    return ctx.section([
        Table(ctx.say("provenance.files_caption"), [text("item", lang), text("file", lang), text("sha256", lang)],
              files),
        Table(ctx.say("provenance.run_caption"), [text("item", lang), text("value", lang)], facts),
        Paragraph(ctx.say("provenance.note")),
    ])
