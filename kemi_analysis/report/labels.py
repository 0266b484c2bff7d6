"""Every text the report shows, in Finnish and English, and numbers as it writes them: one catalogue.

Finnish is the default and is written as plain language (selkokieli): short
sentences and everyday words. Numbers use the Finnish decimal comma and a
space before the per cent sign. Rounding never says 0 % or 100 % where the
value is not: it says "< 1 %" or "> 99 %" instead.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

from ..schemas import YES_NO_UNITS, ProgressCategory, Status

LANGUAGES = ("fi", "en")
_NBSP = "\u00a0"

STATUS_LABELS = {
    "fi": {
        Status.ACHIEVED: "Toteutui",
        Status.PARTIAL: "Toteutui osittain",
        Status.NOT_ACHIEVED: "Ei toteutunut",
        Status.IN_PROGRESS: "Kesken",
        Status.NO_TARGET: "Ei tavoitetta",
        Status.NO_DATA: "Ei mitattavaa tietoa",
        Status.NOT_REPORTED: "Ei raportoitu",
    },
    "en": {
        Status.ACHIEVED: "Achieved",
        Status.PARTIAL: "Partly achieved",
        Status.NOT_ACHIEVED: "Not achieved",
        Status.IN_PROGRESS: "In progress",
        Status.NO_TARGET: "No target",
        Status.NO_DATA: "No measurable data",
        Status.NOT_REPORTED: "Not reported",
    },
}

PROGRESS_LABELS = {
    "fi": {
        ProgressCategory.TARGET_ACHIEVED: "Tavoite saavutettu",
        ProgressCategory.SUBSTANTIAL: "Selvää edistystä",
        ProgressCategory.MODERATE: "Jonkin verran edistystä",
        ProgressCategory.LIMITED: "Vähän edistystä",
        ProgressCategory.DETERIORATION: "Heikkeni",
        ProgressCategory.NOT_AVAILABLE: "Ei voi arvioida",
    },
    "en": {
        ProgressCategory.TARGET_ACHIEVED: "Target achieved",
        ProgressCategory.SUBSTANTIAL: "Substantial progress",
        ProgressCategory.MODERATE: "Moderate progress",
        ProgressCategory.LIMITED: "Limited progress",
        ProgressCategory.DETERIORATION: "Deterioration",
        ProgressCategory.NOT_AVAILABLE: "Not available",
    },
}

COMPARATOR_LABELS = {
    "fi": {">=": "vähintään", "<=": "enintään", "=": ""},
    "en": {">=": "at least", "<=": "at most", "=": ""},
}

YES_NO = {"fi": ("kyllä", "ei"), "en": ("yes", "no")}

#: Units as the English report writes them; the Finnish report shows them as the annotation file does.
UNITS_EN = {"kpl": "pcs", "krt/v": "times a year", "krt/vko": "times a week", "h/vko": "hours a week",
            "vrk": "days", "h": "hours", "oppilasta": "pupils", "henkilöä": "persons", "eur": "€",
            "kyllä/ei": "yes/no"}


def unit_label(unit: str, lang: str = "fi") -> str:
    """A unit in the report's language: ``kpl`` stays in Finnish and is ``pcs`` in English.

    Examples
    --------
    >>> unit_label("krt/v", "en"), unit_label("krt/v", "fi"), unit_label("km", "en")
    ('times a year', 'krt/v', 'km')
    """
    return UNITS_EN.get(unit.casefold(), unit) if lang == "en" else unit


def count_noun(count: int, noun: str, lang: str = "fi", case: str = "") -> str:
    """The form of ``noun`` that goes with ``count``: "1 mittari", "27 mittaria", "1 metric".

    ``case`` picks a Finnish case from the catalogue (``adessive``: mittarilla, ``inessive``:
    mittarissa). Examples
    --------
    >>> count_noun(1, "metric"), count_noun(27, "metric"), count_noun(6, "metric", "en")
    ('mittari', 'mittaria', 'metrics')
    """
    number = "one" if count == 1 else "many"
    return TEXT[lang][".".join(["noun", noun, *([case] if case else []), number])]

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
        "carried_over": "jatkui edellisestä vuodesta",
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
        # Sentences and captions, by section. Placeholders are filled by text(key, lang, **values).
        "key.intro": "Vuonna {year} seurattiin {total} {metric_word}.",
        "key.with_target": "Tavoite on annettu lukuna {with_target} {metric_word_adessive}. Niistä tavoite "
                           "toteutui {achieved} {metric_word_inessive} ({share}).",
        "key.total": "yhteensä",
        "key.caption": "Mittarit tilan mukaan. Luvut ovat mittarien määriä, ja ne ovat yhteensä {total}.",
        "noun.metric.one": "mittari",
        "noun.metric.many": "mittaria",
        "noun.metric.adessive.one": "mittarilla",
        "noun.metric.adessive.many": "mittarilla",
        "noun.metric.inessive.one": "mittarissa",
        "noun.metric.inessive.many": "mittarissa",
        "change.points": "prosenttiyksikköä",
        "progress.unchanged": "Ei muutosta",
        "goals.caption": "{aim}: tavoitteet, toimenpiteet ja vastuut. Teksti on lähteestä sellaisenaan.",
        "goals.line": "Rivi",
        "goal": "Tavoite",
        "action": "Toimenpiteet",
        "responsible": "Vastuu ja aikataulu",
        "reading": "Miten luku on luettu",
        "sdg.aims": "Päämäärät, jotka tukevat tavoitetta",
        "sdg.metrics": "Mittareita näissä päämäärissä",
        "sdg.note": "Raportti liittää SDG-tavoitteet strategisiin päämääriin, ei yksittäisiin mittareihin. "
                    "Taulukko kertoo, mitkä päämäärät tukevat kutakin tavoitetta. Se ei kerro, miten "
                    "SDG-tavoitteet toteutuivat.",
        "scroll.cue": "Taulukko on leveä: vieritä sitä sivusuunnassa.",
        "figure.cue": "Kuva on leveä: vieritä sitä sivusuunnassa.",
        "provenance.data_dir": "Aineistokansio",
        "provenance.time_zone": "Suomen aikaa",
        "pdf.page": "Sivu",
        "sheet.metrics": "Mittarit",
        "sheet.summary": "Yhteenveto",
        "sheet.changes": "Muutokset",
        "sheet.sources": "Lähteet",
        "sheet.metric_id": "Mittarin tunnus",
        "sheet.comparator": "Vertailu",
        "sheet.unit": "Yksikkö",
        "sheet.deadline": "Määräaika",
        "sheet.previous_year": "Edellinen vuosi",
        "sheet.ratio_change": "Toteutumisasteen muutos",
        "sheet.previous_status": "Edellinen tila",
        "index.title": "Kemin hyvinvointitoimiala: strategian toteutumisen raportit",
        "index.intro": "Raportit vuosittain. Jokainen raportti on yksi tiedosto, jonka voi avata ilman verkkoyhteyttä.",
        "index.reports_caption": "Raportit vuosittain",
        "index.year": "Vuosi",
        "index.fi": "Suomeksi",
        "index.en": "Englanniksi",
        "index.pdf": "PDF",
        "index.missing": "ei tehty",
        "index.share_caption": "Tavoite toteutui: toteutuneiden osuus mittareista, joilla on tavoite, "
                               "päämäärittäin ja vuosittain",
        "title.heading": "Kemin hyvinvointitoimiala: strategian toteutuminen vuonna {year}",
        "title.document": "Kemin hyvinvointitoimiala {year}",
        "title.intro": "Tämä raportti kertoo, miten hyvinvointitoimialan strategiset tavoitteet toteutuivat. "
                       "Luvut on laskettu toimialan omasta raportista.",
        "draft.prefix": "LUONNOS: ",
        "draft.mark": "LUONNOS",
        "draft.note": "Tämä raportti on luonnos. {count} mittarin tulkintaa ei ole vielä tarkistettu. Ne on "
                      "merkitty sanalla LUONNOS, ja ne ovat mukana kaikissa yhteenvedoissa.",
        "status.table_caption": "Mittarien tila päämäärittäin {year}. Tavoite toteutui = toteutuneet / mittarit, "
                                "joilla on tavoite. Keskimääräisessä toteutumisasteessa jokainen mittari lasketaan "
                                "enintään 100 %:n arvoisena.",
        "status.figure_caption": "Kuva 1. Mittarien tila päämäärittäin. Luvut ovat mittarien määriä.",
        "ratios.figure_caption": "Kuva 2{part}. {aim}: toteutumisaste mittareittain. Katkoviiva on 100 % eli tavoite. "
                                 "Yli 200 %:n pylväät on piirretty 200 %:iin; luku kertoo todellisen arvon.",
        "changes.no_earlier": "Vuotta {year} edeltävistä vuosista ei ole tietoja. Siksi muutosta edelliseen "
                              "vuoteen ei voi vielä laskea.",
        "changes.continues": "Nämä työt jatkuvat vuoden {year} jälkeen:",
        "changes.table_caption": "Muutos vuodesta {previous} vuoteen {year} mittareittain",
        "changes.churn": "Uudet ja poistuneet mittarit:",
        "ratios.none": "Yhdelläkään mittarilla ei ole sekä tavoitetta että toteumaa, joten toteutumisastetta ei voi laskea.",
        "changes.figure_caption": "Kuva 3. Toteutuneiden tavoitteiden osuus vuosittain.",
        "changes.progress_caption": "Kehitys koko aikasarjalla (Open SDG -menetelmä)",
        "chart.too_big": "Kuvaa ei piirretty, koska siinä olisi {count} {what} eikä sitä voisi lukea. Samat "
                         "luvut ovat taulukossa.",
        "table.too_long": "Taulukossa olisi {count} riviä, joten sitä ei näytetä tässä. Samat tiedot "
                          "lainauksineen saa taulukkolaskentatiedostoksi komennolla: {command}",
        "table.file_name": "mittarit",
        "table.goals_file_name": "tavoitteet",
        "chart.what.aims": "päämäärää",
        "chart.what.bars": "pylvästä",
        "chart.what.lines": "viivaa",
        "ratios.summary_caption": "Toteutumisaste päämäärittäin {year}",
        "rated_metrics": "Mittareita, joilla on toteutumisaste",
        "median_ratio": "Toteutumisasteen mediaani",
        "at_least_100": "Vähintään 100 %",
        "under_50": "Alle 50 %",
        "changes.share_caption": "Toteutuneiden tavoitteiden osuus päämäärittäin ja vuosittain",
        "changes.caveat": "Aikasarjat ovat lyhyitä, ja tavoitteet voivat muuttua valtuustokausittain. Kehitys "
                          "kertoo suunnan, ei ennustetta.",
        "sdg.table_caption": "Kestävän kehityksen tavoitteet ja päämäärät, jotka tukevat niitä.",
        "roles.table_caption": "Vastuuhenkilöt ja heidän mittarinsa. Mittari lasketaan jokaiselle tavoiterivillä "
                               "nimetylle vastuuhenkilölle.",
        "quality.table_caption": "Mittarien laatu: kuinka suuressa osassa mittareista asia on kunnossa",
        "quality.weakest": "Heikoin kohta: {what} vain {share} mittareista.",
        "metrics.table_caption": "Kaikki mittarit {year}. Rivi = rivinumero lähdetiedostossa. Lainaukset ovat "
                                 "lähteen tekstiä sellaisenaan, kirjoitusvirheineen.",
        "provenance.report": "{year}: raportti",
        "provenance.annotations": "{year}: tulkinnat",
        "provenance.files_caption": "Lähdetiedostot",
        "provenance.software": "Ohjelma",
        "provenance.parameters": "Parametrit",
        "provenance.run_at": "Ajettu",
        "provenance.run_caption": "Ajo",
        "provenance.note": "Kaikkien mittarien taulukon sarake ”Miten luku on luettu” kertoo analyytikon tulkinnan "
                           "silloin, kun luku on luettu lähteestä harkiten.",
        "plot.count_axis": "Mittareita (kpl)",
        "plot.status_alt": "Vaakapylväskaavio mittarien tilasta päämäärittäin. {parts}.",
        "plot.target_line": " 100 % = tavoite",
        "plot.ratio_axis": "Toteutumisaste",
        "plot.ratios_alt": "Vaakapylväskaavio {count} mittarin toteutumisasteesta. Katkoviiva on 100 %, eli "
                           "tavoite. {parts}.",
        "plot.ratios_left_out.one": " Kaaviosta puuttuu 1 mittari, jolla ei ole tavoitetta tai toteumaa.",
        "plot.ratios_left_out.many": " Kaaviosta puuttuu {left_out} mittaria, joilla ei ole tavoitetta tai toteumaa.",
        "plot.share_axis": "Tavoite toteutui (osuus)",
        "plot.share_alt": "Viivakaavio: niiden mittarien osuus, joiden tavoite toteutui, vuosittain ja "
                          "päämäärittäin. {parts}.",
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
        "carried_over": "carried over from the previous year",
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
        "key.intro": "Metrics followed in {year}: {total}.",
        "key.with_target": "Metrics with a numeric target: {with_target}. Of those, achieved: {achieved} ({share}).",
        "key.total": "in all",
        "key.caption": "Metrics by status. The numbers are counts of metrics; together they make {total}.",
        "noun.metric.one": "metric",
        "noun.metric.many": "metrics",
        "noun.metric.adessive.one": "metric",
        "noun.metric.adessive.many": "metrics",
        "noun.metric.inessive.one": "metric",
        "noun.metric.inessive.many": "metrics",
        "change.points": "percentage points",
        "progress.unchanged": "No change",
        "goals.caption": "{aim}: goals, actions and who is responsible. The text is the source's, as written.",
        "goals.line": "Line",
        "goal": "Goal",
        "action": "Actions",
        "responsible": "Responsibility and schedule",
        "reading": "How the number was read",
        "sdg.aims": "Strategic aims that support the goal",
        "sdg.metrics": "Metrics under these aims",
        "sdg.note": "The report links the SDGs to strategic aims, not to single metrics. The table shows which "
                    "aims support each goal. It does not tell how the SDGs were achieved.",
        "scroll.cue": "The table is wide: scroll it sideways.",
        "figure.cue": "The figure is wide: scroll it sideways.",
        "provenance.data_dir": "Data folder",
        "provenance.time_zone": "Finnish time",
        "pdf.page": "Page",
        "sheet.metrics": "Metrics",
        "sheet.summary": "Summary",
        "sheet.changes": "Changes",
        "sheet.sources": "Sources",
        "sheet.metric_id": "Metric id",
        "sheet.comparator": "Comparison",
        "sheet.unit": "Unit",
        "sheet.deadline": "Deadline",
        "sheet.previous_year": "Previous year",
        "sheet.ratio_change": "Change in achievement",
        "sheet.previous_status": "Previous status",
        "index.title": "Kemi welfare sector: reports on how the strategy was carried out",
        "index.intro": "The reports by year. Each report is one file that opens without a network connection.",
        "index.reports_caption": "Reports by year",
        "index.year": "Year",
        "index.fi": "In Finnish",
        "index.en": "In English",
        "index.pdf": "PDF",
        "index.missing": "not made",
        "index.share_caption": "Target achieved: the share of metrics with a target that achieved it, by "
                               "strategic aim and year",
        "title.heading": "Kemi welfare sector: how the strategy was carried out in {year}",
        "title.document": "Kemi welfare sector {year}",
        "title.intro": "This report shows how the welfare sector's strategic goals were carried out. "
                       "The figures are computed from the sector's own report.",
        "draft.prefix": "DRAFT: ",
        "draft.mark": "DRAFT",
        "draft.note": "This report is a draft. The reading of {count} metrics has not been checked yet. They are "
                      "marked DRAFT, and they are included in every summary.",
        "status.table_caption": "Metric status by strategic aim, {year}. Target achieved = achieved / metrics with "
                                "a target. In the mean achievement each metric counts at most 100 %.",
        "status.figure_caption": "Figure 1. Metric status by strategic aim. The numbers are counts of metrics.",
        "ratios.figure_caption": "Figure 2{part}. {aim}: achievement ratio by metric. The dashed line is 100 %, the target. "
                                 "Bars over 200 % are drawn at 200 %; the label gives the true value.",
        "changes.no_earlier": "The data holds no year before {year}, so the change since the previous year "
                              "cannot be computed yet.",
        "changes.continues": "This work continues after {year}:",
        "changes.table_caption": "Change from {previous} to {year} by metric",
        "changes.churn": "New and dropped metrics:",
        "ratios.none": "No metric has both a target and a measured value, so no achievement ratio can be computed.",
        "changes.figure_caption": "Figure 3. Share of targets achieved, by year.",
        "changes.progress_caption": "Progress over the whole series (Open SDG method)",
        "chart.too_big": "The chart is left out: it would hold {count} {what} and could not be read. The table "
                         "gives the same numbers.",
        "table.too_long": "The table would have {count} rows, so it is not shown here. The same data, with its "
                          "quotes, can be written to a spreadsheet with: {command}",
        "table.file_name": "metrics",
        "table.goals_file_name": "goals",
        "chart.what.aims": "strategic aims",
        "chart.what.bars": "bars",
        "chart.what.lines": "lines",
        "ratios.summary_caption": "Achievement ratio by strategic aim, {year}",
        "rated_metrics": "Metrics with a ratio",
        "median_ratio": "Median achievement ratio",
        "at_least_100": "At least 100 %",
        "under_50": "Under 50 %",
        "changes.share_caption": "Share of targets achieved by strategic aim and year",
        "changes.caveat": "The series are short and targets may change with the council term. Progress shows a "
                          "direction, not a forecast.",
        "sdg.table_caption": "The Sustainable Development Goals and the strategic aims that support them.",
        "roles.table_caption": "Responsible roles and their metrics. A metric counts for every role named on its "
                               "goal row.",
        "quality.table_caption": "Metric quality: the share of metrics that have each property",
        "quality.weakest": "Weakest point: {what} for only {share} of the metrics.",
        "metrics.table_caption": "All metrics, {year}. Line = line number in the source file. Quotes are the "
                                 "source text as written, typos included.",
        "provenance.report": "{year}: report",
        "provenance.annotations": "{year}: annotations",
        "provenance.files_caption": "Source files",
        "provenance.software": "Software",
        "provenance.parameters": "Parameters",
        "provenance.run_at": "Run at",
        "provenance.run_caption": "Run",
        "provenance.note": "The column “How the number was read” of the table of all metrics gives the analyst's "
                           "reading where a number took judgement to read from the source.",
        "plot.count_axis": "Metrics (count)",
        "plot.status_alt": "Horizontal stacked bar chart of metric status by strategic aim. {parts}.",
        "plot.target_line": " 100 % = target",
        "plot.ratio_axis": "Achievement ratio",
        "plot.ratios_alt": "Horizontal bar chart of the achievement ratio of {count} metrics. The dashed line is "
                           "100 %, the target. {parts}.",
        "plot.ratios_left_out.one": " Not shown: 1 metric without a target or a value.",
        "plot.ratios_left_out.many": " Not shown: {left_out} metrics without a target or a value.",
        "plot.share_axis": "Share achieved",
        "plot.share_alt": "Line chart of the share of metrics achieved, by year and strategic aim. {parts}.",
    },
}


def text(key: str, lang: str = "fi", **values: object) -> str:
    """A label or sentence from :data:`TEXT`, its ``{placeholders}`` filled from ``values``.

    Examples
    --------
    >>> text("changes.table_caption", "en", previous=2031, year=2032)
    'Change from 2031 to 2032 by metric'
    """
    template = TEXT[lang][key]
    return template.format(**values) if values else template


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
    >>> format_percent(0.004), format_percent(0.005), format_percent(0.125), format_percent(8.0, "en")
    ('<\\xa01\\xa0%', '1\\xa0%', '13\\xa0%', '800 %')
    """
    if _is_missing(share):
        return TEXT[lang]["none"]
    percent = float(share) * 100
    space = _NBSP if lang == "fi" else " "
    rounded = int(Decimal(repr(percent)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if percent > 0 and rounded == 0:
        return f"<{space}1{space}%"
    if percent < 100 and rounded == 100:
        return f">{space}99{space}%"
    return f"{format_number(rounded, lang)}{space}%"


def format_value(value: float | None, unit: str, lang: str = "fi") -> str:
    """A value with its unit: "25 %", "8 krt/v", "kyllä" for a yes/no value."""
    if _is_missing(value):
        return TEXT[lang]["none"]
    if unit.casefold() in YES_NO_UNITS:
        yes, no = YES_NO[lang]
        return yes if float(value) == 1 else no
    number = format_number(value, lang)
    unit = unit_label(unit, lang)
    return f"{number}{_NBSP}{unit}" if unit else number


def format_target(target: float | None, comparator: str, unit: str, lang: str = "fi") -> str:
    """A target as a phrase: "vähintään 50 %", "enintään 14 vrk", "kyllä"."""
    if _is_missing(target):
        return TEXT[lang]["none"]
    value = format_value(target, unit, lang)
    words = COMPARATOR_LABELS[lang].get(comparator, "")
    if unit.casefold() in YES_NO_UNITS:
        return value
    return f"{words} {value}".strip()


def format_change(change: float | None, unit: str, lang: str = "fi") -> str:
    """A change between two years with its unit; a share's change in percentage points.

    Examples
    --------
    >>> format_change(37.5, "%"), format_change(2, "kpl", "en"), format_change(-4, "vrk")
    ('+37,5\\xa0prosenttiyksikköä', '+2\\xa0pcs', '−4\\xa0vrk')
    >>> format_change(0, "%", "en")
    '±0\\xa0percentage points'
    """
    if _is_missing(change):
        return TEXT[lang]["none"]
    sign = "+" if change > 0 else ("±" if change == 0 else "")
    words = TEXT[lang]["change.points"] if unit == "%" else unit_label(unit, lang)
    return f"{sign}{format_number(change, lang)}{_NBSP}{words}".strip()


def reading_note(row, lang: str = "fi") -> str:
    """The analyst's reading of a metric as the report shows it: ``note_fi`` in Finnish; in English
    ``note_en``, else the working ``note`` unless the row is still a draft; "" when there is none.

    ``row`` is a metric row (a mapping with ``note``, ``note_fi``, ``note_en`` and ``draft``).
    """
    if lang == "fi":
        return row["note_fi"]
    if row["note_en"]:
        return row["note_en"]
    return "" if row["draft"] else row["note"]
