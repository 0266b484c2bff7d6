"""Figures for the report: each function returns a :class:`Chart`, a figure with its alt text.

Figures are built with :class:`matplotlib.figure.Figure` (no pyplot state) and
never saved or shown here. Colour is never the only carrier of meaning: every
status has a hatch pattern too, and bars carry their numbers as text.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..schemas import Status
from .labels import format_percent, status_label, text

# Okabe-Ito colours (distinguishable with colour-vision deficiencies) plus a hatch per status.
STATUS_STYLE = {
    Status.ACHIEVED: ("#009E73", ""),
    Status.PARTIAL: ("#E69F00", "//"),
    Status.NOT_ACHIEVED: ("#D55E00", "xx"),
    Status.IN_PROGRESS: ("#56B4E9", ".."),
    Status.NO_TARGET: ("#BBBBBB", "--"),
    Status.NO_DATA: ("#DDDDDD", "\\\\"),
    Status.NOT_REPORTED: ("#FFFFFF", "oo"),
}
RATIO_DISPLAY_CAP = 2.0
FIGURE_DPI = 110
#: The smallest text in any figure, in points: at FIGURE_DPI it is 8 * 110 / 72 = 12.2 px when shown unscaled.
MIN_FONT_PT = 8


@dataclass(repr=False)
class Chart:
    """A figure and the text that describes it to someone who cannot see it.

    A notebook shows the chart itself (:meth:`_repr_png_`); its plain-text form is the alt text.
    """

    figure: Figure
    alt: str

    def __repr__(self) -> str:
        return f"Chart: {self.alt}"

    @property
    def pixel_width(self) -> int:
        """The PNG's width in pixels, the width the report shows it at (never scaled down on screen)."""
        return round(self.figure.get_figwidth() * FIGURE_DPI)

    def _repr_png_(self) -> bytes:
        """The figure as PNG, so that a notebook shows the chart itself."""
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=FIGURE_DPI)
        return buffer.getvalue()


def plain_label(text: str) -> str:
    """Source text for a matplotlib label: ``$`` escaped so it is never read as mathtext."""
    return text.replace("$", r"\$")


def wrap_label(label: str, width: int = 38, max_lines: int = 4) -> str:
    r"""A label broken into lines of at most ``width`` characters, so it never runs off the figure.

    Past ``max_lines`` it ends in an ellipsis; the full text is in the alt text and the tables.

    Examples
    --------
    >>> wrap_label("Kaupunkilaisten hyvinvointi ja terveys paranevat", 20)
    'Kaupunkilaisten\nhyvinvointi ja\nterveys paranevat'
    >>> wrap_label("a " * 100, 10, 2)
    'a a a a a\na a a a a…'
    """
    lines = textwrap.wrap(label, width, break_long_words=True) or [""]
    if len(lines) > max_lines:
        lines = [*lines[:max_lines - 1], lines[max_lines - 1][:width - 1] + "…"]
    return plain_label("\n".join(lines))


def status_by_aim(counts: pd.DataFrame, lang: str = "fi") -> Chart:
    """Stacked horizontal bars: how many metrics of each aim are in each status.

    ``counts`` is :func:`kemi_analysis.compute.achievement.rollup` by aim.
    """
    statuses = [s for s in STATUS_STYLE if s in counts and counts[s].sum() > 0]
    aims = [wrap_label(aim, 30) for aim in counts["aim"]]
    height = sum(max(0.9, 0.25 * (label.count("\n") + 1) + 0.35) for label in aims)
    figure = Figure(figsize=(9, 1.6 + height), layout="constrained")
    axes = figure.add_subplot()
    left = np.zeros(len(aims))
    positions = np.arange(len(aims))  # by position: two aims whose labels read alike stay two bars
    for status in statuses:
        colour, hatch = STATUS_STYLE[status]
        values = counts[status].to_numpy(dtype=float)
        bars = axes.barh(positions, values, left=left, color=colour, hatch=hatch, edgecolor="#333333",
                         label=status_label(status, lang))
        for bar, value in zip(bars, values):
            if value > 0:
                axes.text(bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2, f"{int(value)}",
                          ha="center", va="center", fontsize=10, fontweight="bold", color="#000000",
                          bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none"})
        left += values
    axes.set_yticks(positions, aims)
    axes.invert_yaxis()
    axes.set_xlabel(text("plot.count_axis", lang))
    axes.spines[["top", "right"]].set_visible(False)
    figure.legend(loc="outside lower center", ncol=3, frameon=False, fontsize=9)  # the layout makes room for it
    parts = []
    for row in counts.itertuples(index=False):
        pieces = [f"{getattr(row, s)} {status_label(s, lang).lower()}" for s in statuses if getattr(row, s) > 0]
        parts.append(f"{row.aim}: {', '.join(pieces)}")
    return Chart(figure, text("plot.status_alt", lang, parts=". ".join(parts)))


def achievement_ratios(metrics: pd.DataFrame, lang: str = "fi") -> Chart:
    """Horizontal bars: each metric's achievement ratio, with the 100 % line.

    Metrics without a ratio (no target or no value) are left out and counted
    in the alt text. Bars longer than 200 % are drawn at 200 % and labelled
    with their true value.
    """
    rated = metrics[metrics["achievement_ratio"].notna()].sort_values(
        ["aim", "achievement_ratio"], ascending=[True, False])
    figure = Figure(figsize=(9, 1.5 + 0.45 * max(len(rated), 1)), layout="constrained")
    axes = figure.add_subplot()
    labels = [wrap_label(m, 38, 3) for m in rated["metric"]]
    ratios = rated["achievement_ratio"].to_numpy(dtype=float)
    shown = np.minimum(ratios, RATIO_DISPLAY_CAP)
    colours = [STATUS_STYLE[s][0] for s in rated["status"]]
    hatches = [STATUS_STYLE[s][1] for s in rated["status"]]
    bars = axes.barh(range(len(rated)), shown, color=colours, edgecolor="#333333")
    for bar, hatch, ratio in zip(bars, hatches, ratios):
        bar.set_hatch(hatch)
        axes.text(bar.get_width() + 0.02, bar.get_y() + bar.get_height() / 2, format_percent(ratio, lang),
                  va="center", fontsize=9)
    axes.set_yticks(range(len(rated)), labels, fontsize=8)
    axes.invert_yaxis()
    axes.axvline(1.0, color="#000000", linewidth=1.5, linestyle="--")
    axes.text(1.0, -0.8, text("plot.target_line", lang), fontsize=9, va="bottom")
    axes.set_xlim(0, RATIO_DISPLAY_CAP + 0.35)
    ticks = np.arange(0, RATIO_DISPLAY_CAP + 0.01, 0.5)
    axes.set_xticks(ticks, [format_percent(t, lang) for t in ticks])
    axes.set_xlabel(text("plot.ratio_axis", lang))
    axes.spines[["top", "right"]].set_visible(False)
    present = [s for s in STATUS_STYLE if s in set(rated["status"])]
    axes.legend(handles=[Patch(facecolor=STATUS_STYLE[s][0], hatch=STATUS_STYLE[s][1], edgecolor="#333333",
                               label=status_label(s, lang)) for s in present],
                loc="lower right", fontsize=8, frameon=True)
    left_out = len(metrics) - len(rated)
    parts = "; ".join(f"{m}: {format_percent(r, lang)}" for m, r in zip(rated["metric"], ratios))
    alt = text("plot.ratios_alt", lang, count=len(rated), parts=parts)
    if left_out:
        alt += text(f"plot.ratios_left_out.{'one' if left_out == 1 else 'many'}", lang, left_out=left_out)
    return Chart(figure, alt)


def share_achieved_by_year(summary: pd.DataFrame, lang: str = "fi") -> Chart:
    """Lines: each aim's share of metrics achieved, year by year.

    ``summary`` is :func:`kemi_analysis.compute.trends.status_by_aim_and_year`.
    """
    aims = summary["aim"].nunique()
    figure = Figure(figsize=(9, 3.6 + 0.3 * (aims if aims <= 3 else -(-aims // 2))), layout="constrained")
    axes = figure.add_subplot()
    markers = ["o", "s", "^", "D", "v", "P"]
    years = sorted(summary["year"].unique())
    parts = []
    for index, (aim, group) in enumerate(summary.groupby("aim", sort=False)):
        group = group.sort_values("year")
        axes.plot(group["year"], group["share_achieved"], marker=markers[index % len(markers)],
                  label=wrap_label(aim, 60, 2))
        last = group.iloc[-1]
        axes.annotate(format_percent(last["share_achieved"], lang), (last["year"], last["share_achieved"]),
                      textcoords="offset points", xytext=(6, 0), va="center", fontsize=9)
        values = ", ".join(f"{int(y)}: {format_percent(s, lang)}" for y, s in zip(group["year"],
                                                                                 group["share_achieved"]))
        parts.append(f"{aim}: {values}")
    axes.set_xticks(years, [str(int(y)) for y in years])
    axes.set_ylim(0, 1.05)
    axes.set_yticks([0, 0.25, 0.5, 0.75, 1.0], [format_percent(v, lang) for v in (0, 0.25, 0.5, 0.75, 1.0)])
    axes.set_ylabel(text("plot.share_axis", lang))
    axes.spines[["top", "right"]].set_visible(False)
    figure.legend(loc="outside lower center", ncol=2 if len(parts) > 3 else 1, fontsize=9, frameon=False)
    return Chart(figure, text("plot.share_alt", lang, parts=". ".join(parts)))
