"""The metric tables as people's spreadsheets: one ``.xlsx`` with a sheet per table, in Finnish or English.

Headers and statuses speak the report's language, ratios and shares are
percentages, and a sheet says where the data came from. Every text is
written as text (:func:`kemi_analysis.files.write_workbook`), so nothing from
the source can become a formula.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd

from ..compute.achievement import summarise
from ..compute.pipeline import Dataset
from ..compute.trends import changes_table
from ..files import write_workbook
from ..schemas import STATUSES
from .labels import COMPARATOR_LABELS, reading_note, status_label, text, unit_label

PERCENT = "0 %"


def _metrics_sheet(dataset: Dataset, lang: str) -> pd.DataFrame:
    m = dataset.metrics
    note = [reading_note(row, lang) for _, row in m.iterrows()]
    return pd.DataFrame({
        text("year", lang): m["year"],
        text("sheet.metric_id", lang): m["metric_id"],
        text("aim", lang): m["aim"],
        text("line", lang): m["source_line"],
        text("metric", lang): m["metric"],
        text("sheet.comparator", lang): m["comparator"].map(lambda c: COMPARATOR_LABELS[lang].get(c, c) or c),
        text("target", lang): m["target_value"],
        text("sheet.unit", lang): m["target_unit"].map(lambda u: unit_label(u, lang)),
        text("sheet.deadline", lang): m["deadline"],
        text("actual", lang): m["actual_value"],
        text("ratio", lang): m["achievement_ratio"],
        text("status", lang): m["status"].map(lambda s: status_label(s, lang)),
        text("quote_target", lang): m["evidence_target"],
        text("quote_actual", lang): m["evidence_actual"],
        text("reading", lang): note,
    })


def _summary_sheet(dataset: Dataset, lang: str) -> pd.DataFrame:
    summary = summarise(dataset.metrics, ["year", "aim"])
    columns = {"year": text("year", lang), "aim": text("aim", lang), "metrics": text("metrics", lang),
               **{s: status_label(s, lang) for s in STATUSES},
               "with_target": text("with_target", lang), "share_achieved": text("share_achieved", lang),
               "mean_ratio_capped": text("mean_ratio_capped", lang)}
    return summary[list(columns)].rename(columns=columns)


def _changes_sheet(dataset: Dataset, lang: str) -> pd.DataFrame:
    table = changes_table(dataset.metrics)
    table = table[table["previous_year"].notna()]
    columns = {"year": text("year", lang), "metric_id": text("sheet.metric_id", lang), "aim": text("aim", lang),
               "metric": text("metric", lang), "previous_year": text("sheet.previous_year", lang),
               "change_abs": text("change", lang), "ratio_change": text("sheet.ratio_change", lang),
               "previous_status": text("sheet.previous_status", lang), "status": text("status", lang)}
    out = table[list(columns)].copy()
    for column in ("previous_status", "status"):
        out[column] = out[column].map(lambda s: status_label(s, lang) if isinstance(s, str) else s)
    return out.rename(columns=columns)


def _sources_sheet(dataset: Dataset, lang: str) -> pd.DataFrame:
    rows = []
    for year in sorted(dataset.years):
        data = dataset.years[year]
        for kind, path, sha in (("provenance.report", data.raw, data.raw_sha256),
                                ("provenance.annotations", data.annotations.path, data.annotations.sha256)):
            rows.append([text(kind, lang, year=year), dataset.folder.relative(path), sha])
    now = datetime.now(timezone.utc).astimezone(ZoneInfo("Europe/Helsinki"))
    rows.append([text("provenance.run_at", lang), f"{now:%Y-%m-%d %H:%M} ({text('provenance.time_zone', lang)})", ""])
    return pd.DataFrame(rows, columns=[text("item", lang), text("file", lang), text("sha256", lang)])


def write_metrics_workbook(dataset: Dataset, path: str | Path, lang: str = "fi") -> Path:
    """Write the metrics, a summary per aim, the changes between years (with several) and the sources."""
    sheets = {text("sheet.metrics", lang): _metrics_sheet(dataset, lang),
              text("sheet.summary", lang): _summary_sheet(dataset, lang)}
    if len(dataset.years) > 1:
        sheets[text("sheet.changes", lang)] = _changes_sheet(dataset, lang)
    sheets[text("sheet.sources", lang)] = _sources_sheet(dataset, lang)
    formats = {text("sheet.metrics", lang): {text("ratio", lang): PERCENT},
               text("sheet.summary", lang): {text("share_achieved", lang): PERCENT,
                                             text("mean_ratio_capped", lang): PERCENT}}
    if len(dataset.years) > 1:
        formats[text("sheet.changes", lang)] = {text("sheet.ratio_change", lang): PERCENT}
    return write_workbook(sheets, path, formats=formats)
