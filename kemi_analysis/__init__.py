"""kemi_analysis: the city of Kemi's welfare sector strategy reports, as numbers.

Read the yearly report text into tidy tables (:func:`load_report`), join the
analysts' annotations and compute achievement, compare years, and render the
yearly HTML report. Heavy modules are imported only when their names are used,
so ``import kemi_analysis`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Public name -> module that defines it.
_EXPORTS = {
    "KemiError": "errors",
    "SourceError": "errors",
    "AnnotationError": "errors",
    "DataError": "errors",
    "UsageError": "errors",
    "ReportError": "errors",
    "Report": "parser",
    "load_report": "parser",
    "SDGS": "sdg",
}

__all__ = ["__version__", *_EXPORTS]

if TYPE_CHECKING:  # pragma: no cover
    from .errors import AnnotationError, DataError, KemiError, ReportError, SourceError, UsageError
    from .parser import Report, load_report
    from .sdg import SDGS


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'kemi_analysis' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
