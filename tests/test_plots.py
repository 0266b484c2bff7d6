"""Figures: long source labels wrap and every piece of text stays inside the image."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.text import Text

from kemi_analysis.compute.achievement import rollup
from kemi_analysis.compute.pipeline import load_years
from kemi_analysis.report.plots import FIGURE_DPI, achievement_ratios, share_achieved_by_year, status_by_aim

# Fictional aim names of about 100 characters, as a city could write them.
LONG = "{} – kaupunkilaisten hyvinvointi, osallisuus ja terveys paranevat kaikissa ikäryhmissä ja alueilla"


@pytest.fixture(scope="module")
def long_metrics():
    metrics = load_years("data", [2022]).metrics.copy()
    metrics["aim"] = metrics["aim"].map(lambda aim: LONG.format(aim))
    return metrics


def texts_outside(chart) -> list[str]:
    """The drawn texts of a chart that reach outside its image (nothing should)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure = chart.figure
    FigureCanvasAgg(figure)  # the canvas the PNG is drawn on
    figure.dpi = FIGURE_DPI
    renderer = figure.canvas.get_renderer()
    figure.draw(renderer)  # lays the figure out as saving it would
    drawn = [t for t in figure.findobj(Text) if t.get_visible() and t.get_text().strip()]
    for axes in figure.axes:  # tick labels beyond the axis limits exist but are not drawn
        hidden = {id(label) for axis in (axes.xaxis, axes.yaxis) for tick in axis.get_major_ticks()
                  for label in (tick.label1, tick.label2)}
        shown = {id(label) for axis in (axes.xaxis, axes.yaxis) for tick in axis._update_ticks()
                 for label in (tick.label1, tick.label2)}
        drawn = [t for t in drawn if id(t) not in hidden - shown]
    box = figure.bbox
    return [t.get_text() for t in drawn
            if (extent := t.get_window_extent(renderer)).x0 < box.x0 - 1 or extent.x1 > box.x1 + 1
            or extent.y0 < box.y0 - 1 or extent.y1 > box.y1 + 1]


def test_long_aim_names_wrap_inside_the_status_figure(long_metrics):
    chart = status_by_aim(rollup(long_metrics, "aim"))
    assert texts_outside(chart) == []
    labels = [label.get_text() for label in chart.figure.axes[0].get_yticklabels()]
    assert len(labels) == 3 and all("\n" in label for label in labels)
    assert all(LONG.format(aim) in chart.alt for aim in ["HYVINVOIVAT KUNTALAISET"])  # the alt text keeps it whole


def test_long_aim_names_wrap_inside_the_share_figure(long_metrics):
    aims = long_metrics["aim"].unique()
    summary = pd.DataFrame({"aim": [*aims, *aims], "year": [2022] * 3 + [2023] * 3,
                            "share_achieved": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]})
    chart = share_achieved_by_year(summary)
    assert texts_outside(chart) == []
    legend = chart.figure.legends[0] if chart.figure.legends else chart.figure.axes[0].get_legend()
    assert all("\n" in label.get_text() for label in legend.get_texts())


def test_long_metric_names_wrap_inside_the_ratio_figure(long_metrics):
    metrics = long_metrics.copy()
    metrics["metric"] = metrics["metric"] + " " + "ja sen pitkä selitys " * 8
    assert texts_outside(achievement_ratios(metrics)) == []


def test_the_check_itself_sees_a_label_that_runs_off():
    from matplotlib.figure import Figure

    from kemi_analysis.report.plots import Chart

    figure = Figure(figsize=(3, 2))
    figure.add_subplot().set_yticks([0], [LONG.format("X")])
    assert texts_outside(Chart(figure, "")) != []
