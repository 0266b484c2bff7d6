"""Numbers and labels as the report shows them, in Finnish and English, in one place.

Finnish is the default and is written as plain language (selkokieli): short
sentences and everyday words. Numbers use the Finnish decimal comma and a
space before the per cent sign. Rounding never says 0 % or 100 % where the
value is not: it says "< 1 %" or "> 99 %" instead.
"""

from __future__ import annotations

import math

LANGUAGES = ("fi", "en")
_NBSP = "\u00a0"

STATUS_LABELS = {
    "fi": {
        "achieved": "Toteutui",
        "partial": "Toteutui osittain",
        "not_achieved": "Ei toteutunut",
        "in_progress": "Kesken",
        "no_target": "Ei tavoitetta",
        "no_data": "Ei mitattavaa tietoa",
        "not_reported": "Ei raportoitu",
    },
    "en": {
        "achieved": "Achieved",
        "partial": "Partly achieved",
        "not_achieved": "Not achieved",
        "in_progress": "In progress",
        "no_target": "No target",
        "no_data": "No measurable data",
        "not_reported": "Not reported",
    },
}

PROGRESS_LABELS = {
    "fi": {
        "target_achieved": "Tavoite saavutettu",
        "substantial_progress": "Selvää edistystä",
        "moderate_progress": "Jonkin verran edistystä",
        "limited_progress": "Vähän edistystä",
        "deterioration": "Heikkeni",
        "not_available": "Ei voi arvioida",
    },
    "en": {
        "target_achieved": "Target achieved",
        "substantial_progress": "Substantial progress",
        "moderate_progress": "Moderate progress",
        "limited_progress": "Limited progress",
        "deterioration": "Deterioration",
        "not_available": "Not available",
    },
}

COMPARATOR_LABELS = {
    "fi": {">=": "vähintään", "<=": "enintään", "=": ""},
    "en": {">=": "at least", "<=": "at most", "=": ""},
}

YES_NO = {"fi": ("kyllä", "ei"), "en": ("yes", "no")}

# Column headers and short phrases used by tables and figures.
TEXT = {
    "fi": {
        "aim": "Strateginen päämäärä",
        "line": "Rivi",
        "metric": "Mittari",
        "target": "Tavoite",
        "actual": "Toteuma",
        "ratio": "Toteutumisaste",
        "status": "Tila",
        "quote_target": "Lähde: mittari",
        "quote_actual": "Lähde: toteuma",
        "metrics": "Mittareita",
        "with_target": "Joilla tavoite",
        "share_achieved": "Tavoite toteutui",
        "mean_ratio_capped": "Keskimääräinen toteutumisaste (enintään 100 %)",
        "role": "Vastuuhenkilö",
        "sdg": "SDG",
        "sdg_name": "Tavoitteen nimi",
        "share_with_target": "Tavoite on luku",
        "share_with_deadline": "Aikaraja on kerrottu",
        "share_with_owner": "Vastuuhenkilö on nimetty",
        "share_with_actual": "Toteuma on mitattu",
        "year": "Vuosi",
        "year_from": "Vuodesta",
        "year_to": "Vuoteen",
        "change": "Muutos",
        "transition": "Tilan muutos",
        "flags": "Huomio",
        "first_achieved": "toteutui ensimmäistä kertaa",
        "fell_back": "heikkeni",
        "carried_over": "siirtyy seuraavalle vuodelle",
        "progress": "Kehitys",
        "base": "Alku",
        "current": "Viimeisin",
        "new": "uusi mittari",
        "dropped": "mittari poistui",
        "all_aims": "Kaikki päämäärät",
        "file": "Tiedosto",
        "sha256": "SHA-256-tarkiste",
        "item": "Tieto",
        "value": "Arvo",
        "none": "–",
        "count": "Määrä",
        "share": "Osuus",
    },
    "en": {
        "aim": "Strategic aim",
        "line": "Line",
        "metric": "Metric",
        "target": "Target",
        "actual": "Actual",
        "ratio": "Achievement",
        "status": "Status",
        "quote_target": "Source: metric",
        "quote_actual": "Source: realisation",
        "metrics": "Metrics",
        "with_target": "With a target",
        "share_achieved": "Target achieved",
        "mean_ratio_capped": "Mean achievement (capped at 100 %)",
        "role": "Responsible role",
        "sdg": "SDG",
        "sdg_name": "Goal",
        "share_with_target": "Numeric target",
        "share_with_deadline": "Deadline given",
        "share_with_owner": "Owner named",
        "share_with_actual": "Actual measured",
        "year": "Year",
        "year_from": "From",
        "year_to": "To",
        "change": "Change",
        "transition": "Status change",
        "flags": "Note",
        "first_achieved": "achieved for the first time",
        "fell_back": "fell back",
        "carried_over": "carried over to the next year",
        "progress": "Progress",
        "base": "First",
        "current": "Latest",
        "new": "new metric",
        "dropped": "metric dropped",
        "all_aims": "All aims",
        "file": "File",
        "sha256": "SHA-256 checksum",
        "item": "Item",
        "value": "Value",
        "none": "–",
        "count": "Count",
        "share": "Share",
    },
}


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is a known report language, else raise ``ValueError``."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: choose one of {', '.join(LANGUAGES)}")
    return lang


def text(key: str, lang: str = "fi") -> str:
    """A label from :data:`TEXT`."""
    return TEXT[lang][key]


def status_label(status: str, lang: str = "fi") -> str:
    """The plain-language label of a status."""
    return STATUS_LABELS[lang].get(status, status)


def progress_label(category: str, lang: str = "fi") -> str:
    """The plain-language label of an Open SDG progress category."""
    return PROGRESS_LABELS[lang].get(category, category)


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def format_number(value: float | None, lang: str = "fi", *, decimals: int = 1) -> str:
    """A number with the language's separators; whole numbers without decimals.

    Examples
    --------
    >>> format_number(2285), format_number(12.5), format_number(12.5, "en"), format_number(None)
    ('2\\xa0285', '12,5', '12.5', '–')
    """
    if _is_missing(value):
        return TEXT[lang]["none"]
    value = float(value)
    if value.is_integer():
        body = f"{int(value):,}"
    else:
        body = f"{value:,.{decimals}f}".rstrip("0").rstrip(".")
    if lang == "fi":
        body = body.replace(",", _NBSP).replace(".", ",")
    return body.replace("-", "\u2212")


def format_percent(share: float | None, lang: str = "fi") -> str:
    """A share (0.25) as a whole per cent ("25 %"), never rounding to a misleading 0 or 100.

    Examples
    --------
    >>> format_percent(0.25), format_percent(0.996), format_percent(0.002), format_percent(1.0)
    ('25\\xa0%', '>\\xa099\\xa0%', '<\\xa01\\xa0%', '100\\xa0%')
    >>> format_percent(8.0, "en")
    '800 %'
    """
    if _is_missing(share):
        return TEXT[lang]["none"]
    percent = float(share) * 100
    space = _NBSP if lang == "fi" else " "
    if 0 < percent < 0.5:
        return f"<{space}1{space}%"
    if 99.5 <= percent < 100:
        return f">{space}99{space}%"
    return f"{format_number(round(percent), lang)}{space}%"


def format_value(value: float | None, unit: str, lang: str = "fi") -> str:
    """A value with its unit: "25 %", "8 krt/v", "kyllä" for a yes/no value."""
    if _is_missing(value):
        return TEXT[lang]["none"]
    if unit.casefold() in ("kyllä/ei", "yes/no"):
        yes, no = YES_NO[lang]
        return yes if float(value) == 1 else no
    number = format_number(value, lang)
    return f"{number}{_NBSP}{unit}" if unit else number


def format_target(target: float | None, comparator: str, unit: str, lang: str = "fi") -> str:
    """A target as a phrase: "vähintään 50 %", "enintään 14 vrk", "kyllä"."""
    if _is_missing(target):
        return TEXT[lang]["none"]
    value = format_value(target, unit, lang)
    words = COMPARATOR_LABELS[lang].get(comparator, "")
    if unit.casefold() in ("kyllä/ei", "yes/no"):
        return value
    return f"{words} {value}".strip()


def plural(count: int, singular: str, partitive: str) -> str:
    """``"1 mittari"`` or ``"27 mittaria"``: the noun form that goes with a count."""
    return f"{count} {singular if count == 1 else partitive}"
