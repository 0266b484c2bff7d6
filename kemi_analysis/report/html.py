"""Sections as HTML: Jinja templates with autoescape, inside the package.

Every value a template shows is escaped by Jinja; line breaks in source text
become ``<br>`` after escaping. Figures are embedded as PNG data with their
alt text, so the report is one self-contained file.
"""

from __future__ import annotations

import base64
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

if TYPE_CHECKING:
    from .plots import Chart
    from .sections import Section

TEMPLATES = Path(__file__).resolve().parent / "templates"


def lines(value: object) -> Markup:
    """Escaped text whose line breaks show as ``<br>``.

    Examples
    --------
    >>> lines("<b>Uusi</b>\\nVanha")
    Markup('&lt;b&gt;Uusi&lt;/b&gt;<br>Vanha')
    """
    return Markup("<br>").join(escape(part) for part in str(value).split("\n"))


def png_data_uri(chart: Chart) -> str:
    """The chart's figure as a ``data:image/png;base64,…`` URI."""
    return "data:image/png;base64," + base64.b64encode(chart._repr_png_()).decode("ascii")


@cache
def environment() -> Environment:
    """The Jinja environment of the section templates (autoescape on, undefined values are errors)."""
    env = Environment(loader=FileSystemLoader(TEMPLATES / "sections"),
                      autoescape=select_autoescape(["html", "html.j2"], default_for_string=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["lines"] = lines
    env.filters["png_data_uri"] = png_data_uri
    return env


def render_section(section: Section) -> str:
    """A section's HTML."""
    return environment().get_template("section.html.j2").render(section=section)
