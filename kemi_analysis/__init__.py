"""kemi_analysis: the city of Kemi's welfare sector strategy reports, as numbers.

The flow, one way: :func:`discover` a data folder's years, read each raw
report (:func:`load_report`) and annotation file (:func:`load_annotations`),
compute achievement (:func:`load_year`, :func:`rollup`) and changes between
years (:func:`load_years`, :func:`year_over_year`, :func:`progress`), and
present them (:func:`render_report`). Names resolve when first used, so
``import kemi_analysis`` stays cheap.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

# A library logs and never configures logging; without this, Python's last-resort handler would print
# warnings to stderr, and inside the report's kernel stderr becomes a red box in the board's report.
logging.getLogger(__name__).addHandler(logging.NullHandler())

# Public name -> module that defines it.
_EXPORTS = {
    "KemiError": "errors",
    "SourceError": "errors",
    "AnnotationError": "errors",
    "DataError": "errors",
    "UsageError": "errors",
    "ReportError": "errors",
    "Status": "schemas",
    "SDGS": "catalogues.sdg",
    "Report": "read.parser",
    "load_report": "read.parser",
    "load_annotations": "read.annotations",
    "read_annotations": "read.annotations",
    "discover": "compute.pipeline",
    "load_year": "compute.pipeline",
    "load_years": "compute.pipeline",
    "rollup": "compute.achievement",
    "metric_quality": "compute.achievement",
    "year_over_year": "compute.trends",
    "new_and_dropped": "compute.trends",
    "status_by_aim_and_year": "compute.trends",
    "progress": "compute.trends",
    "render_report": "report.runner",
}

__all__ = ["__version__", *_EXPORTS]

if TYPE_CHECKING:  # pragma: no cover
    from .catalogues.sdg import SDGS
    from .compute.achievement import metric_quality, rollup
    from .compute.pipeline import discover, load_year, load_years
    from .compute.trends import new_and_dropped, progress, status_by_aim_and_year, year_over_year
    from .errors import AnnotationError, DataError, KemiError, ReportError, SourceError, UsageError
    from .read.annotations import load_annotations, read_annotations
    from .read.parser import Report, load_report
    from .report.runner import render_report
    from .schemas import Status


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'kemi_analysis' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
