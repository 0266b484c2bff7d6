"""Drafting an annotation file from a raw report's Finnish text.

The draft turns an analyst's day of typing into an hour of review: it splits
each goal row's metric cell into metric statements, reads targets, units,
comparators and deadlines from them, finds the part of the realisation cell
that speaks of each, reads the actual value there, and proposes a status, a
``metric_id`` (matched to the previous year's where it can) and a confidence
with its reason. Every value quotes the text it came from, so the draft loads
with the same checks as a curated file.

Finnish words are analysed with Voikko (``libvoikko``): base forms turn
"kolmessa" into *kolme* and "kaikilla" into *kaikki*, word classes tell
numerals, and word bases tell that "kokeiltu" comes from *kokeilla*. The
report path never imports this module.
"""

from __future__ import annotations

import csv
import logging
from decimal import ROUND_HALF_UP, Decimal
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, utils

from ..errors import DataError
from ..files import atomic_path, check_target
from ..read.parser import Report
from ..schemas import ANNOTATION_COLUMNS as COLUMNS
from ..schemas import Status

from .finnish import (analyse, approximate, guesses, head, is_elative, is_negation, is_past, is_plural_noun, is_verb,
                      lemmas, numeral_value, once)
from . import MATCH_THRESHOLD
from .matching import assign, score_matrix

#: A draft annotation file's name ends so: ``2023.draft.csv``.
DRAFT_SUFFIX = ".draft.csv"

logger = logging.getLogger(__name__)

# Base forms -> meaning. Voikko gives the base form; these are the words' meanings, not suffix rules.
ALL_WORDS = {"kaikki", "jokainen", "joka", "jok"}  # "all", "every"
AT_LEAST = {"vähintään", "yli", "väh", "min"}
AT_MOST = {"enintään", "korkeintaan", "alle", "max", "maks", "enint"}
#: Shares said in words: "puolet" (half), "kolmannes" (a third), ...; "joka toinen" (every second) is read
#: from the ordinal's value below.
FRACTIONS = {"puoli": 50.0, "kolmannes": 100 / 3, "neljännes": 25.0, "viidennes": 20.0, "kolmasosa": 100 / 3,
             "neljäsosa": 25.0, "viidesosa": 20.0, "kymmenesosa": 10.0}
#: Counts said roughly ("kymmenkunta": about ten): read, but never with high confidence.
ABOUT = {"kymmenkunta": 10, "parikymmen": 20, "tusina": 12}
ORDINALS = {"toinen": 2, "kolmas": 3, "neljäs": 4, "viides": 5, "kymmenes": 10}
NEARLY = {"lähes", "melkein", "miltei", "likimain"}
BOUNDS = {"alle", "yli", "noin", "n", "lähes", "vajaa", "runsas", "ainakin"}  # before a number: not exact
NEARLY_ALL = 90.0  # "lähes kaikki": an estimate the analyst confirms
POSTPONED = {"siirtyä", "peruuntua", "perua", "lykkääntyä", "lykätä"}
BACK_REFERENCES = {"joka", "jok", "ne", "niistä", "se", "tämä", "nämä"}  # "joista", "niistä": of which
BUDGET = {"talousarvio", "ta", "budjetti"}
#: Over the budget first: "ylittyi, koska hankkeet toteutuivat" is over.
BUDGET_VERBS = {"ylittyä": 0.0, "ylittää": 0.0, "alittua": 1.0, "pysyä": 1.0, "pitää": 1.0, "toteutua": 1.0,
                "mukainen": 1.0, "sisään": 1.0, "sisällä": 1.0}  # "talousarvion mukainen", "… sisään"
#: How often a year: "joka toinen kuukausi" is 12 / 2 = 6 times a year.
PER_YEAR = {"kuukausi": 12, "viikko": 52, "kuukausittain": 12, "viikoittain": 52}
PERCENT_WORDS = {"prosentti", "%"}
PARTLY = {"osittain", "osin", "osittainen"}  # "toteutui osin": partly
#: A fall: "kulutus vähenee 40 %". Said as what is left ("on enää 57 %"), the fall is the rest.
FALLS = {"vähetä", "vähentyä", "vähentää", "vähennys", "laskea", "lasku", "pienetä", "pienentyä", "supistua",
         "vähenemä"}
NOT_YET = {"vielä", "siirtyä", "tilata", "valmistua", "aloittaa", "käynnistyä"}  # with a later date: not yet done
COUNT_NOUNS = {"lkm", "lukumäärä", "määrä", "myyntimäärä", "lainausmäärä", "kpl", "ka", "keskiarvo"}
DONE_VERBS = {"valmistua", "tehdä", "järjestää", "toteuttaa", "pitää"}  # in the past tense: done ("valmistui")
#: Past-tense verbs that do not say a thing was done: begun, planned, delayed, moved, dropped ("aloitettiin",
#: "viivästyi", "siirrettiin", "luovuttiin"), and "olla".
NOT_DONE_VERBS = {"aloittaa", "alkaa", "käynnistyä", "käynnistää", "viivästyä", "myöhästyä", "keskeytyä", "keskeyttää",
                  "jäädä", "tilata", "valmistella", "suunnitella", "selvittää", "kokeilla", "pilotoida", "olla",
                  "siirtää", "luopua", "keskustella", "hakea", "kaatua", "epäonnistua", "hylätä", "lopettaa",
                  "peruuttaa", "pohtia", "harkita", "ehdottaa", "esittää"}
CONTINUES = {"jatkua", "jatkaa", "menossa", "meneillään", "menellään", "käynnissä", "kesken", "valmistella"}
AFFIRMS = {"käyttö", "käytössä", "valmis", "toteutua", "toteutunut", "otettu", "hyväksyä", "tehty"}
UNKNOWN = {"tieto", "tiedossa", "käytettävissä"}  # "ei ole tiedossa", "eivät ole käytettävissä": not known
# "ei saatu eriteltyä", "kävijämäärää ei saatu": not known either
FIGURED_OUT = {"eritellä", "eritelty", "selvittää", "tieto", "luku", "laskea", "määrä"}
SEASONS = {"kevät": "05", "kesä": "08", "syksy": "11", "talvi": "02"}
_MONTH_ORDER = ["tammikuu", "helmikuu", "maaliskuu", "huhtikuu", "toukokuu", "kesäkuu", "heinäkuu", "elokuu",
                "syyskuu", "lokakuu", "marraskuu", "joulukuu"]
MONTHS = set(_MONTH_ORDER)
SEASON_TERMS = {"kevät": "kevät", "kesä": "kesä", "syys": "syksy", "talvi": "talvi"}  # "syyskausi": autumn term
TIMES_FROM = set(SEASONS) | MONTHS | {"edellisvuosi"}  # "siirtyi syksystä", "edellisvuodelta siirtynyt"
UNIT_WORDS = {"%", "kpl", "krt", "krt/v", "kertaa", "prosenttia", "mwh", "kwh", "h", "€", "eur", "euroa", "km", "vrk",
              "henkilöä", "oppilasta", "lk", "/"}
UNIT_LEMMAS = {"prosentti", "prosenttiyksikkö", "euro", "kerta", "kappale"}  # a unit in any case: "73,1 prosentista"
SCALES = {"tuhat", "tuhatta", "miljoona", "miljoonaa", "milj"}  # "25-26 tuhatta": a number's scale
UNITS = ("krt/v", "krt/vko", "h/vko", "%", "kpl", "km", "vrk", "h", "€", "eur", "henkilöä", "oppilasta")
ABBREVIATIONS = ("mm.", "esim.", "ym.", "jne.", "ns.", "ka.", "n.", "klo.")

_NUMBER = re.compile(r"(?<![\w/.,:\-–])((?:\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?:[,.]\d+)?)(?::\w+)?"
                     r"(?![\w/]|[.,\-–]\d|\.?\s?[–-]\s?\d)")  # not "1-6", "1.–6." (grades one to six)
_GRADE = re.compile(r"(?<![\w/.,-])(\d+,\d+)\s*/\s*(4|5|10)(?![\w/]|[.,]\d)")  # "3,9/5": a mean on a scale to 5
_FRACTION = re.compile(r"(?<![\w/.,-])(\d{1,3}(?:[ \u00a0]\d{3})+|\d+)\s*/\s*(\d{1,3}(?:[ \u00a0]\d{3})+|\d+)"
                       r"(?![\w/]|[.,]\d)")
_RANGE = re.compile(r"(?<![\w/.,-])((?:\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?:[,.]\d+)?)\s*[–-]\s*"
                    r"((?:\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?:[,.]\d+)?)(?!\s*(?:lk|luok|v\b))(?![\w/])")
_VALUE = r"(?:\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?:,\d+)?"  # "1 234,5": a number as written
_YEAR_DIGITS = r"(?:19|20|21)\d{2}"  # a year, 1900-2199
_MONTH_YEAR = re.compile(rf"(?<!\d)(0?[1-9]|1[0-2])/({_YEAR_DIGITS})(?!\d)")
_YEAR = re.compile(rf"(?<![\d/.])({_YEAR_DIGITS})(?![\d/])")
_AVERAGE = re.compile(r"(?:[\w-]+\s+){0,2}ka\s+(?P<value>\d+(?:,\d+)?)")
_WORD = re.compile(r"[^\W\d_][\w-]*", re.UNICODE)


@dataclass
class Statement:
    """One metric statement found in a metric cell."""

    source_line: int
    aim: str
    text: str
    target: float | None = None
    unit: str = ""
    comparator: str = ""
    deadline: str = ""
    kind: str = "count"  # "count", "share", "yes_no"
    reasons: list[str] = field(default_factory=list)
    about: str = ""  # what the statement speaks of, when not all of its text (one of two groups named together)
    label: str = ""  # its label in a list the cell numbers or letters ("2" of "1) … 2) …")
    echo: frozenset[str] = frozenset()  # words of last year's quote for it that tell its clause (``_hear_echoes``)
    named: tuple[str, ...] = ()  # the things its target counts, when it counts things it names ("Hepolan ja …")
    common: frozenset[str] = frozenset()  # its words its row's other statements say too (``_windows``)
    last: float | None = None  # last year's actual value of the metric it continues (``_hear_echoes``)

    @property
    def topic(self) -> str:
        """The text to find the statement by in the realisation and among last year's metrics."""
        return self.about or self.text


# --------------------------------------------------------------------------
# Metric statements


def split_statements(cell: str) -> list[str]:
    """Split a metric cell (one item) into statements: at sentence ends, semicolons and
    after each "<number> <unit>" that another statement follows.

    Examples
    --------
    >>> split_statements("Asiakaskysely 1 krt/v Seurafoorumi 2 krt/v")
    ['Asiakaskysely 1 krt/v', 'Seurafoorumi 2 krt/v']
    """
    protected = re.sub(r"(?:^|(?<=\s))\d{1,2}\)\s+", "\x01", cell)  # a numbered list: "1) Kävijät … 2) …"
    for abbreviation in ABBREVIATIONS:  # whole words only: "mukainen." does not end in the abbreviation "n."
        protected = re.sub(rf"(?<![\w-]){re.escape(abbreviation)}", abbreviation.replace(".", "\0"), protected)
    # Nothing inside parentheses splits a statement.
    protected = re.sub(r"\([^()]*\)", lambda m: m.group(0).replace(",", "\x02").replace(".", "\0"), protected)
    marked = re.sub(r"(\d\s*(?:krt/v|kpl|%)?)\s+(?=[A-ZÄÖÅ][a-zäöå])", "\\1\x01", protected)  # "20 000 Paketteja"
    # Run together without a full stop: "toteuma Ryhmäkoot ka …" (a capital after a lower-case word, but not a name
    # after a conjunction: "Syväkankaan ja Rytikarin leikkipuistot")
    marked = re.sub(r"(?<=[a-zäöå])(?<!\sja)(?<!\stai)(?<!\ssekä)\s+(?=[A-ZÄÖÅ][a-zäöå]{3,})", "\x01", marked)
    marked = re.sub(r"(\d)\s+(?=\d+\s*[-–]\s*\d+\s*lk)", "\\1\x01", marked)  # "… enintään 21 7-9 lk …"
    # "3 000 joista neljännes …": the share of the whole is a statement of its own
    marked = re.sub(r"(\d\s*(?:kpl|%)?),?\s+(?=(?:joista|niistä)\s)", "\\1\x01", marked)
    # "vähintään 16 % vuoden 2050 tasosta aurinkosähkön tuotanto 1 200 MWh": a base year ends its statement
    marked = re.sub(r"(vuoden\s+\d{4}\s+(?:tasosta|tasolta|tasoon|tasolle|kulutuksesta))\s+"
                    r"(?=(?!vähintään|enintään)[a-zäöå]{4,}(?:\s+[a-zäöå]{4,})?\s+"
                    r"(?:(?:vähintään|enintään|yli|alle)\s+)?\d)", "\\1\x01", marked)
    # "käynnit vähintään 75 000 omatoimikäyttö vähintään 11 500": a value, a new noun, and its own value
    # (not a comparator, "luokilla 1-6 enintään 21", nor a base year, "64 % vuoden 2050 tasosta", "vuoden 2050 …")
    marked = re.sub(r"(?<!vuoden\s\d\d\d)(\d\s*(?:krt/v|kpl|%|MWh)?|\d\))\s+"
                    r"(?=(?!luok|vähintään|enintään|vuoden\s+\d{4}|että\s)[a-zäöå]{4,}(?:\s+[a-zäöå]{4,})?\s+"
                    r"(?:(?:vähintään|enintään|yli|alle)\s+)?(?!(?:19|20|21)\d\d(?![\d/]))\d)", "\\1\x01", marked)
    # (nor a thing done by a year: "Ympäristöohjelma 2077-2080 hyväksytty 2076")
    # "asiakkaita 230 laaja hyvinvointikertomus valtuustolle 5/2094": after a value, a thing to do by a deadline
    marked = re.sub(r"(\d\s*(?:krt/v|kpl|%|MWh)?),?\s+(?=([a-zäöå][\w-]*)\s+(?:[a-zäöå][\w-]*\s+){1,3}\d{1,2}/\d{4}\b)",
                    lambda m: m.group(0) if _counted_noun(m.group(2)) or _counted_noun(m.group(2), adjective=True)
                    or _is_elative_noun(m.group(2)) or
                    _YEAR.search(m.string[max(0, m.end(1) - 5):m.end(1)]) else m.group(1) + "\x01", marked)
    # (not "40 % kouluista …", nor after a year: "kouluterveyskyselyn 2112 tulokset käsitelty … 3/2113")
    # "kysely 1 krt/v, seurafoorumi 2 krt/v": a comma after a unit, and another statement with a number follows
    marked = re.sub(r"(\d\s*(?:krt/v|kpl|%)),\s+(?=[^\d\x01]*\d)", "\\1\x01", marked)
    marked = re.sub(r"(?<=[.;])\s+(?=[A-ZÄÖÅ])|;\s*|,\s+(?=[A-ZÄÖÅ][a-zäöå])", "\x01", marked)
    marked = re.sub(r"\s+[-–]\s+(?!\d)", "\x01", marked)  # "Käynnit 88 000 - Kirjautumiset 17 500": a dash between
    marked = re.sub(r"\s+/\s+(?=[A-ZÄÖÅ][a-zäöå])", "\x01", marked)  # "Toteuma TA:n mukainen / Ryhmäkoko …"
    marked = re.sub(r"(?<=\))\s+(?=[A-ZÄÖÅ][a-zäöå]{3,}[^()\x01]*?\d)", "\x01", marked)  # "(vertailuvuosi 2050)
    # Aurinkosähköä 1 900 MWh": a statement with its own number after a parenthesis
    parts = marked.split("\x01")
    parts = [p.replace("\0", ".").replace("\x02", ",").strip(" .;,") for p in parts if p and p.strip(" .;,")]
    return [segment for part in parts for segment in _split_counted(part)]


def split_known(cell: str, known: list[str]) -> list[str]:
    """Split a metric cell where one of last year's statements (``known``, its quoted targets) begins
    inside it: the city keeps its metrics, so "vähintään 20 % aurinkosähkö 1 450 MWh" splits where
    last year's "aurinkosähkö vähintään 1 400 MWh" begins. A statement counts as found when its first word
    and at least one content word share a base form with the cell's words there, and its text without
    digits is alike (a target's number changes from year to year).

    Examples
    --------
    >>> split_known("Kirjastokäynnit vähintään 75 000 omatoimikäyttö vähintään 11 500",
    ...             ["Kirjastokäynnit vähintään 73 000", "omatoimikäyttö 10 500"])
    ['Kirjastokäynnit vähintään 75 000', 'omatoimikäyttö vähintään 11 500']
    """
    spans = [(m.start(), m.group(0)) for m in re.finditer(r"\S+", cell)]
    starts = [index for index in range(1, len(spans)) if _known_at(spans, index, known)]
    bounds = [0]
    for index in starts:  # the piece before a split must be a statement too: a quantity, or one known
        before = cell[spans[bounds[-1]][0]:spans[index][0]] if bounds[-1] else cell[:spans[index][0]]
        if _counts(before) or _has_quantity(before) or _known_at(spans, bounds[-1], known) or (
                len(before.split()) >= 2 and any(fuzz.token_set_ratio(before, text) >= 90 for text in known)):
            bounds.append(index)
    edges = [spans[index][0] for index in bounds] + [len(cell)]
    pieces = [re.sub(r"(?:\s+ja|[\s,;]+)$", "", cell[a:b].strip()) for a, b in zip(edges, edges[1:])]
    return [piece for piece in pieces if piece]


def _known_at(spans: list[tuple[int, str]], index: int, known: list[str]) -> bool:
    """One of last year's statements begins at the word ``index``: the same first word, and alike."""
    here = _words(spans[index][1])
    if not here:
        return False
    forms = lemmas(here[0]) - {"ja"}
    for text in known:
        words = text.split()
        first = _words(words[0]) if words else []
        if len(words) >= 2 and first and _same_word(first[0], here[0], forms) and \
                _alike_statement(text, " ".join(word for _, word in spans[index:index + len(words) + 1])):
            return True
    return False


def _same_word(word: str, other: str, other_forms: set[str]) -> bool:
    """A shared base form, or (a typo Voikko does not know: "vastausprosenti") nearly the same letters."""
    if lemmas(word) & other_forms:
        return True
    return min(len(word), len(other)) >= 6 and not (analyse(word) and analyse(other)) and \
        fuzz.ratio(word.casefold(), other.casefold()) >= 90


def _alike_statement(known: str, segment: str) -> bool:
    """Last year's statement and a piece of this year's cell say the same, numbers aside."""
    own = _content_forms(known)
    first, here = (_words(known) or [""])[0], (_words(segment) or [""])[0]
    if len(segment.split()) < max(2, len(known.split()) - 1) or not (
            own & _clause_forms(segment) or _same_word(first, here, set())):  # set(): by the letters only
        return False
    strip = re.compile(r"[\d\s\u00a0,.]+")
    known_text, segment_text = strip.sub(" ", known.casefold()).strip(), strip.sub(" ", segment.casefold()).strip()
    alignment = fuzz.partial_ratio_alignment(known_text, segment_text)
    start = alignment.dest_start if len(known_text) <= len(segment_text) else alignment.src_start
    return alignment.score >= 80 and start <= 2  # alike from the first word on


def _split_counted(part: str) -> list[str]:
    """"kysely kerran vuodessa, foorumi kahdesti vuodessa, valtuusto 6 krt/v": split at commas when each
    piece counts something of its own (a piece without a count stays with the one before)."""
    pieces = [p.strip() for p in part.split(", ")]
    if len(pieces) < 2:
        return [part]
    merged: list[str] = []
    for piece in pieces:
        if merged and not (_counts(piece) or _has_quantity(piece)):
            merged[-1] += ", " + piece
        else:
            merged.append(piece)
    return merged if len(merged) > 1 and all(_counts(m) or _has_quantity(m) for m in merged) else [part]


def _counts(text: str) -> bool:
    return bool(_numbers(text)) or any(numeral_value(w) is not None or once(w) for w in _words(text))


def split_measures(statement: str) -> list[str]:
    """One statement naming two measures, split at "ja": two targets ("enintään 21 (1-6 lk) ja 20 (7-9 lk)"),
    or, with no number, two things to count ("yritykset ja yhdistykset", "tapahtumien lkm ja kävijämäärä").

    Examples
    --------
    >>> split_measures("Ryhmäkoko ka enintään 21 (1-6 lk) ja 20 (7-9 lk)")
    ['Ryhmäkoko ka enintään 21 (1-6 lk)', 'ja 20 (7-9 lk)']
    >>> split_measures("Ryhmäkoko enintään 21 alakoulussa (1-6) ja enintään 20 yläkoulussa (7-9)")
    ['Ryhmäkoko enintään 21 alakoulussa (1-6)', 'ja enintään 20 yläkoulussa (7-9)']
    >>> split_measures("Uudet kulttuuriyritykset ja -yhdistykset")
    ['Uudet kulttuuriyritykset', 'ja -yhdistykset']
    """
    for joint in (", ja ", " / "):  # "…mukainen, ja ryhmäkoko …", "enint. 21 (1–6 lk) / enint. 20 (7–9 lk)"
        if statement.count(joint) == 1:
            left, right = statement.split(joint)
            if joint == ", ja " or (_numbers(left) and _numbers(right)):
                return [*split_measures(left.rstrip(" ,")), *split_measures(right.strip())]
    labelled = re.fullmatch(r"(.*\d\s+(?:luokilla|lk)\s*\d+\s*[–-]\s*\d+)\s+ja\s+(.*\d.*)", statement)
    if labelled:  # "enintään 21 luokilla 1–6 ja enintään 20 luokilla 7–9": each group's label after its target
        return [labelled.group(1), "ja " + labelled.group(2)]
    match = re.search(r"\s(ja\s+(?:(?:vähintään|enintään|yli|alle)\s+)?\d+(?:[,.]\d+)?\s*(?:%|kpl)?\s*"
                      r"(?:(?:\s*[^\s\d()]+){0,2}\s*(?:\([^()]*\)|\d+\s*[–-]\s*\d+))?)$", statement)
    if match and _numbers(statement[:match.start()]):
        return [statement[:match.start()].rstrip(), match.group(1)]
    if statement.count(" ja ") != 1:
        return [statement]
    left, right = statement.split(" ja ")
    first = _words(right)[:1]
    if (_counts(left) and _has_quantity(right) and not _counts(right) and any(lemmas(w) & ALL_WORDS for w in
                                                                              _words(right))):
        return [left.rstrip(), "ja " + right.strip()]  # "vähintään 90 % ympäristösertifioitu ja koulut kaikki"
    if _counts(left) and _counts(right) and first and not lemmas(first[0]) & (AT_LEAST | AT_MOST) \
            and not _numbers(right.split()[0]):  # "valtuusto 6 krt/v ja neuvosto 4 krt/v": two statements
        return [left.rstrip(), "ja " + right.strip()]
    if _numbers(statement):
        return [statement]
    if (_is_measure(left) and _is_measure(right)) or (_has_quantity(left) and _has_quantity(right)):
        return [left.rstrip(), "ja " + right.strip()]
    return [statement]


def split_groups(statement: Statement) -> list[Statement]:
    """A target for all of two groups named together ("Ympäristösertifikaatti kaikille päiväkodeille ja
    kouluille") is two metrics, each reported on its own: two statements quoting the same text, each about
    one group."""
    both = re.fullmatch(r"(.+?)\s+sekä\s+(.+?)\s+että\s+(.+)", statement.text)
    if both and all(_group_labels(group) for group in both.group(2, 3)):  # "… sekä luokilla 1–6 että luokilla 7–9"
        return [replace(statement, about=f"{both.group(1)} {group}", reasons=[*statement.reasons,
                                                                               f"one of two groups: {group}"])
                for group in both.group(2, 3)]
    words = statement.text.split()
    if "ja" not in words[2:-1] or statement.text.count(" ja ") != 1:
        return [statement]
    at = words.index("ja")
    first, second = words[at - 1], words[at + 1]
    if at + 2 != len(words) or not any(lemmas(w) & ALL_WORDS for w in words[:at - 1]):
        return [statement]
    cases = [{(a.case, a.number) for a in analyse(w.strip(".,;")) if a.word_class == "nimisana"}
             for w in (first, second)]
    if not (cases[0] & cases[1]) or all(number == "singular" for _, number in cases[0] & cases[1]):
        return [statement]
    head = " ".join(words[:at - 1])
    return [replace(statement, about=f"{head} {group}", reasons=[*statement.reasons, f"one of two groups: {group}"])
            for group in (first, second)]


def _has_quantity(text: str) -> bool:
    """A number word, a fraction or "kaikki" (all): "kolme neljäsosaa päiväkodeista", "kaikki koulut"."""
    return any(numeral_value(w) is not None or lemmas(w) & (set(FRACTIONS) | {"kaikki", "jokainen"})
               for w in _words(text))


def _inherit(statements: list[Statement]) -> list[Statement]:
    """The second of two targets split at "ja" ("enintään 21 (1-6 lk) ja 20 (7-9 lk)") says its comparator and
    unit only in the first."""
    for first, second in zip(statements, statements[1:]):
        words = [lemmas(w) for w in _words(second.text)]
        if second.target is not None and not any(f & (AT_LEAST | AT_MOST) for f in words):
            second.comparator, second.unit = first.comparator or second.comparator, first.unit
            second.reasons.append("comparator and unit as in the target before it")
    return statements


def _is_measure(text: str) -> bool:
    """A thing to count: a plural noun ("yhdistykset", "-yhdistykset") or a count noun ("lkm", "kävijämäärä")."""
    words = _words(text.replace(" -", " "))
    return any(is_plural_noun(w) or lemmas(w) & COUNT_NOUNS for w in words)


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


#: An aside that restates the target or gives an earlier year's figure: "(tavoite 1 650)", "(2071: 134)",
#: "(ed. vuonna 37 %)", "(v. 2093: 95 %)".
_ASIDE = re.compile(rf"\((?:tavoite|tav\.|ed\.|edellis|viime|(?:v\.\s*)?{_YEAR_DIGITS}\s*:)[^()]*\)", re.IGNORECASE)


def _number_value(text: str) -> float:
    """A number as written: "1 234,5" is 1234.5."""
    return float(re.sub(r"[ \u00a0]", "", text).replace(",", "."))


def _numbers(text: str) -> list[tuple[float, int, int]]:
    """Numbers written with digits, without years, dates, ranges and asides: (value, start, end)."""
    found = []
    asides = [m.span() for m in _ASIDE.finditer(text)]
    for match in _NUMBER.finditer(text):
        if any(a <= match.start() < b for a, b in asides) or re.match(r"\.\s+[a-zäöå]", text[match.end():]):
            continue  # an aside, or an ordinal: "22. kohde" (the 22nd site)
        if _day_and_month(match.group(1), text[match.end():]):
            continue  # "1.3. alkaen": the report writes decimals with a comma
        value = _number_value(match.group(1)) * _scale(text[match.end():])
        before = text[max(0, match.start() - 4): match.start()]
        if _YEAR.fullmatch(match.group(1)) or before.strip().upper().endswith("ISO"):
            continue
        found.append((value, match.start(), match.end()))
    return found


def _day_and_month(number: str, after: str) -> bool:
    """A date without its year: "1.3." or "1.3 alkaen" (from), not the decimal of "Keskiarvo 4.3" or "8.5 %"."""
    day_month = re.fullmatch(r"(\d{1,2})\.(\d{1,2})", number)
    return bool(day_month and 1 <= int(day_month.group(1)) <= 31 and 1 <= int(day_month.group(2)) <= 12
                and re.match(r"\.(?!\d)|\s*(?:alkaen|lähtien|mennessä|asti|saakka)\b", after.casefold()))


def _scale(after: str) -> float:
    """The scale word after a number: "27 tuhatta" is 27 000, "1,2 miljoonaa" 1 200 000."""
    word = (after.split() or [""])[0].casefold()
    return 1000.0 if word.startswith("tuha") else 1e6 if word.startswith("milj") else 1.0


def _deadline(text: str) -> str:
    match = _MONTH_YEAR.search(text)
    if match:
        return f"{match.group(2)}-{int(match.group(1)):02d}"
    years = [m.group(1) for m in _YEAR.finditer(text) if not _BASE_YEAR.match(text[m.end():])
             and not re.search(r"(?:verrattuna\s+vuoteen|vuodesta)\s*$", text[:m.start()], re.IGNORECASE)]
    if not years:
        return ""
    year = years[0]
    for word in _words(text):
        for lemma in lemmas(word):
            if lemma in SEASONS:
                return f"{year}-{SEASONS[lemma]}"
    if re.search(r"loppuun\s+mennessä", text, re.IGNORECASE):
        return f"{year}-12"
    return year


#: What follows a base year, not a deadline: "vuoden 2050 tasosta", "2050 kulutuksesta", "vertailuvuodesta".
_BASE_YEAR = re.compile(r"\s*(?:tasosta|tasolta|tasoon|tasolle|kulutuksesta|lukemasta|arvosta|verrattuna)\b",
                        re.IGNORECASE)


def read_statement(text: str, source_line: int, aim: str) -> Statement:
    """Read target, unit, comparator and deadline from one metric statement."""
    statement = Statement(source_line=source_line, aim=aim, text=text, deadline=_deadline(text))
    words = _words(text)
    forms = [lemmas(w) | guesses(w) for w in words]  # a typo too: "jokaisesa koulussa" is every school
    if any(f & AT_LEAST for f in forms):
        statement.comparator = ">="
    if any(f & AT_MOST for f in forms):
        statement.comparator = "<="
    outside = re.sub(r"\([^()]*\)", " ", text)  # "(asteikko 1-5, <3 heikko)" says nothing of the target
    if not statement.comparator and (symbol := re.search(r"[≥≤]|[<>]=?\s*\d", outside)):  # "Ryhmäkoko ka ≤ 20"
        statement.comparator = "<=" if symbol.group(0)[0] in "≤<" else ">="
    numbers = _numbers(re.sub(r"(?<!\S)[-–](?=\d)", " ", text))  # "Energiankulutus -40 %": a fall of 40 %
    fraction = next((m for m in _FRACTION.finditer(text) if not _MONTH_YEAR.fullmatch(m.group(0).replace(" ", ""))
                     and 0 < int(m.group(1)) < int(m.group(2))), None)
    if fraction and not numbers:  # "Hankerahoitusta hakee 3/4 tulosyksiköistä": a share of three quarters
        statement.target, statement.unit = round(100 * int(fraction.group(1)) / int(fraction.group(2)), 1), "%"
        statement.reasons.append(f"target {statement.target:g} % from '{fraction.group(0)}'")
    elif words and is_negation(words[0]) and not numbers and len(words) <= 3:  # "Ei koulupudokkaita": none
        statement.target, statement.unit, statement.comparator = 0.0, "kpl", "<="
        statement.reasons.append(f"target none from '{text}'")
    elif numbers:
        value, _, end = numbers[0]
        statement.target = value
        after = text[end:].strip().casefold()
        statement.unit = "%" if after.startswith("prosent") else next((u for u in UNITS if after.startswith(u)), "kpl")
        statement.reasons.append(f"target {value:g} written in digits")
    else:
        _target_in_words(statement, words, forms)
    if statement.target is None and len(names := named(text)) > 1:  # "Hepolan ja Marttalan puistot": two
        statement.target, statement.unit, statement.comparator = float(len(names)), "kpl", ">="
        statement.named = tuple(names)
        statement.reasons.append(f"target {len(names)}: the things it names ({', '.join(names)})")
    if statement.target is not None:  # a target of none ("Koulupudokkaita 0") is at most none
        statement.comparator = statement.comparator or ("<=" if statement.target == 0 else ">=")
        if statement.unit == "kpl" and any(f & {"osuus", "prosentti"} for f in forms):
            statement.unit = "%"  # "vastausprosentti väh. 35": a percentage by its name
    elif any(f & {"osuus", "prosentti", "%"} for f in forms):
        statement.kind, statement.unit = "share", "%"
        statement.reasons.append("a share, with no target")
    elif any(f & COUNT_NOUNS for f in forms) or any(is_plural_noun(w) for w in words):
        statement.kind, statement.unit = "count", "kpl"
        statement.reasons.append("a count of things, with no target")
    else:
        statement.kind, statement.target, statement.unit, statement.comparator = "yes_no", 1.0, "kyllä/ei", "="
        statement.reasons.append("no number: read as a yes/no target")
    if statement.unit == "%":
        statement.kind = "share"
    return statement


def _target_in_words(statement: Statement, words: list[str], forms: list[set[str]]) -> None:
    """A target written in words: a numeral (with "prosenttia", a percentage), a fraction, "joka toinen",
    "kaikki"."""
    for index, (word, word_forms) in enumerate(zip(words, forms)):
        value = 1 if once(word) else numeral_value(word)
        following = forms[index + 1] if index + 1 < len(forms) else set()
        fraction = next((FRACTIONS[f] for f in following if f in FRACTIONS), None)
        if value is not None and following & {"vuosi", "kerta"}:  # "kerran vuodessa", "kahdesti vuodessa"
            statement.target, statement.unit = float(value), "krt/v"
            statement.reasons.append(f"target {value} times a year from '{word} {words[index + 1]}'")
            return
        whole = numeral_value(words[index + 1]) if index + 1 < len(words) and is_elative(words[index + 1]) else None
        if value is not None and whole and value < whole:  # "kolme neljästä": three out of four
            statement.target, statement.unit = round(100 * value / whole, 1), "%"
            statement.reasons.append(f"target {statement.target:g} % from '{word} {words[index + 1]}'")
            return
        if value is not None and fraction is not None:  # "kolme neljäsosaa": three quarters
            statement.target, statement.unit = round(value * fraction, 1), "%"
            statement.reasons.append(f"target {statement.target:g} % from '{word} {words[index + 1]}'")
            return
        if value is not None:
            percent = bool(following & PERCENT_WORDS)
            statement.target, statement.unit = float(value), "%" if percent else "kpl"
            statement.reasons.append(f"target {value}{' %' if percent else ''} from the numeral '{word}'")
            return
        share = _share_word(word_forms, following, forms[index - 1] if index else set(), word)
        if share is not None:
            statement.target, statement.unit = round(share, 1), "%"
            statement.reasons.append(f"target {share:.3g} % from '{word}'")
            return


def _share_word(forms: set[str], following: set[str], before: set[str], word: str = "") -> float | None:
    """The share a word says: a fraction ("puolet"), "joka toinen" (the word "joka" before an ordinal), or
    "kaikki" (all), unless "lähes" (nearly) stands before it. Only the word "joka" itself means every:
    its inflected forms ("joista", of whom) do not."""
    forms = forms - {"joka", "jok"}
    if word:  # a compound's part is not the word: "puolivälissä" (halfway) is no half
        analyses = analyse(word)
        forms = forms - (set().union(*[a.parts for a in analyses]) - {a.base for a in analyses})
    fraction = next((FRACTIONS[f] for f in forms if f in FRACTIONS), None)
    if fraction is not None:
        return fraction
    if word.casefold() == "joka":  # "joka koulu": every school; "joka toinen": every second ("joista": of whom)
        ordinal = next((ORDINALS[f] for f in following if f in ORDINALS), None)
        return 100 / ordinal if ordinal else 100.0
    if forms & ALL_WORDS and not before & NEARLY:
        return 100.0
    return None


# --------------------------------------------------------------------------
# Realisation


@dataclass
class Reading:
    """What the realisation says of one statement."""

    quote: str = ""
    actual: float | None = None
    status: str = ""
    score: float = 0.0
    certain: bool = False  # one reading only: one number that could be meant, said plainly
    reasons: list[str] = field(default_factory=list)


def _anchor(statement: str, realisation: str) -> tuple[int, float]:
    """Where in the realisation the statement is spoken of, and how sure (0-100)."""
    words = [w for w in _words(statement) if len(w) > 3 and not (lemmas(w) & (AT_LEAST | AT_MOST | ALL_WORDS))]
    key = " ".join(words) or statement
    best = fuzz.partial_ratio_alignment(utils.default_process(key), realisation.casefold())
    by_word = max(((fuzz.partial_ratio_alignment(w.casefold(), realisation.casefold()), w) for w in words
                   if len(w) > 5), key=lambda pair: pair[0].score, default=(None, None))[0]
    if by_word is not None and by_word.score > best.score:
        best = by_word
    return _clause_start(realisation, best.dest_start), best.score


def _clause_start(text: str, start: int) -> int:
    """Move an anchor to the start of its word, then back over up to four words of the same
    clause (to take in "Kaikki", "ei ole" or a numeral before the matched words)."""
    while start < len(text) and text[start].isspace():
        start += 1
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while re.match(r"\d{3}(?!\d)", text[start:]) and re.search(r"\d[ \u00a0]$", text[:start]):
        start = text.find(" ", start) + 1 or len(text)  # not inside "71 460": past the number's groups
    if text[start:start + 1].isupper():  # the matched word begins a clause of its own
        return start
    candidate = start
    for _ in range(4):
        before = text[:candidate].rstrip()
        if not before or before[-1] in ".;:,!?" or before.split()[-1][:1].isdigit():
            break
        previous_word = before.split()[-1]
        candidate = len(before) - len(previous_word)
        if previous_word[:1].isupper():
            return candidate
    return start


@dataclass
class _Text:
    """A realisation window, read once: its words, their base forms, numbers and what qualifies them."""

    window: str
    words: list[str]
    forms: list[set[str]]
    numbers: list[tuple[float, int, int]]
    written: list[tuple[int, str, int]]  # (value, word, index) of numeral words
    negated: bool

    @classmethod
    def read(cls, window: str) -> "_Text":
        window = _ASIDE.sub(lambda aside: " " * len(aside.group(0)), window)  # "(2071: kolmannes)" is not read
        words = _words(window)
        written = [(0 if v == 1 and w.casefold().endswith(("kään", "kaan")) else v, w, i)  # "yksikään … ei": none
                   for i, w in enumerate(words) if (v := numeral_value(w) if not once(w) else 1) is not None]
        written += [(ABOUT[f], w, i) for i, w in enumerate(words) for f in lemmas(w) if f in ABOUT]
        written = _join_numerals(sorted(written, key=lambda item: item[2]))
        return cls(window, words, [lemmas(w) for w in words], _numbers(window), written,
                   any(is_negation(w) for w in words))

    def has(self, vocabulary: set[str]) -> bool:
        return any(f & vocabulary for f in self.forms)

    @property
    def starts(self) -> list[int]:
        """Where each of :attr:`words` begins in the window."""
        return [m.start() for m in _WORD.finditer(self.window)]


def _join_numerals(written: list[tuple[int, str, int]]) -> list[tuple[int, str, int]]:
    """Numeral words written apart that make one number: "kolmetuhatta kaksisataa" is 3 200."""
    joined: list[tuple[int, str, int]] = []
    for value, word, index in written:
        if joined and joined[-1][2] == index - 1:
            before, before_word, at = joined[-1]
            scale = 1000 if before % 1000 == 0 else 100 if before % 100 == 0 else 0
            if scale and before >= scale and value < scale:
                joined[-1] = (before + value, f"{before_word} {word}", at)
                continue
            if value in (1000, 1_000_000) and before < 1000 and word.casefold() in ("tuhatta", "miljoonaa"):
                joined[-1] = (before * value, f"{before_word} {word}", at)  # "sata tuhatta": 100 000
                continue
        joined.append((value, word, index))
    return joined


def read_realisation(window: str, statement: Statement, year: int | None = None) -> Reading:
    """Read the actual value (or why there is none) from the realisation text about a statement.

    ``year`` is the report's year: a date after it ("otetaan käyttöön 2/2025") means the work is not
    done at the year's end. A reading is ``certain`` only when one number could be meant.
    """
    if statement.kind == "share":  # its own clause, or two ("9 with an agreement. 36 in all.")
        own = window[:_clauses(window)[0][1]].strip() if window else window
        read = []
        for part in dict.fromkeys([own, first_clause(window), window]):
            reading = Reading(quote=part.strip(" ,;"))
            if _share(reading, _Text.read(part), statement, year):
                reading.certain = reading.certain and len(_clauses(window)) == 1  # no other clause to mean
                _what_is_left(reading, _Text.read(window), statement)
                read.append(reading)
        if read:  # "Kerhoja on kaikissa kouluissa ja niihin osallistuu seitsemän oppilasta kymmenestä": against a
            # target short of all, a share said in figures later, in the statement's words, beats "kaikissa"
            by_all_word = [r.actual == 100 and r.reasons[-1].startswith("100 % from") for r in read]
            sentence = "" if own.endswith((".", "!", "?")) else re.split(r"(?<=[.!?])\s", window[len(own):])[0]
            later = statement.target != 100 and _clause_forms(sentence) & _content_forms(statement.topic)
            figures = [r for r, all_word in zip(read, by_all_word) if not all_word]
            estimate = read[0].actual == NEARLY_ALL and "(nearly all)" in read[0].reasons[-1]  # "lähes kaikki, 10/11"
            if estimate or read[0].actual is None and read[0].status == Status.PARTIAL.value:  # "lähes kaikki,
                # 212:sta 210"
                figures = [r for r in read[1:] if r.actual is not None and not re.search(r"[.!?]\s", r.quote)
                           and r.actual != read[0].actual]
                return figures[0] if figures else read[0]
            return figures[0] if by_all_word[0] and later and figures else read[0]
    # the anchor's own clause first; all the text for things it names, told in clauses of their own
    for part in dict.fromkeys([window] if statement.named else [first_clause(window), window]):
        reading = Reading(quote=part.strip(" ,;"))
        text = _Text.read(part)
        if text.negated and (text.has(UNKNOWN) or text.has({"saada"}) and text.has(FIGURED_OUT)
                             or _rate_missing(text, statement)) \
                and not any(not _YEAR.fullmatch(m.group(1)) for m in _RANGE.finditer(part)):  # "180–190 nuorta,
            # tarkkaa lukua ei saatu": the range is read; "vuosina 2038–2040 ei tiedossa" is not known
            reading.reasons.append("the realisation says it is not known")  # "ei ole tiedossa", "ei saatu selvitettyä"
            return reading
        steps = (_budget, _qualified, _negated, _continues, _affirmed) if statement.kind == "yes_no" else (
            _names_done, _not_yet, _from_last_year, _share, _respectively, _part_of_whole, _fraction_of_whole,
            _rest_of_whole, _part_after_whole, _count, _qualified, _negated, _continues, _times_named, _affirmed)
        for step in steps:
            if step(reading, text, statement, year):
                if step is _affirmed and reading.actual == 1.0 and (later := _later_in_sentence(window, year)):
                    return later  # "pohjatyöt tehtiin elokuussa; välineet tilattu, otetaan käyttöön 5/2109"
                if reading.certain and len(_clauses(part)) > 1:
                    reading.certain = False  # read from a text of several clauses: another may be meant
                    reading.reasons.append("the realisation goes on past the clause the value is in")
                elif reading.certain and _qualified_after(window[len(part):], year):
                    reading.certain = False  # "pohjatyöt tehtiin elokuussa; leikkivälineet tilattu, … 5/2109"
                    reading.reasons.append("the text after it may qualify it (a negation, a delay, a later date)")
                return reading
    reading = Reading(quote=window.strip(" ,;"))
    reading.reasons.append("no measurable outcome found")
    return reading


#: What a figure is called: "vastausprosentti", "käyttöaste", "osuus", "arvosana".
FIGURES = {"prosentti", "osuus", "aste", "arvosana", "keskiarvo", "luku"}


def _rate_missing(text: _Text, statement: Statement) -> bool:
    """A rate said not to exist ("Vastausprosenttia ei siis ole"): there is no figure, not a zero."""
    own = _content_forms(statement.topic) & FIGURES
    verbs = [w for w in text.words if is_verb(w) and "olla" not in lemmas(w)  # a verb, or a participle ("tehty")
             or any(a.word_class == "laatusana" for a in analyse(w)) and any(map(is_verb, lemmas(w) - {w.casefold()}))]
    return statement.kind == "share" and text.has({"olla"}) and not (text.numbers or text.written or verbs) and any(
        forms & own and any(a.case == "osanto" for a in analyse(word)) for word, forms in zip(text.words, text.forms))
    # (not "Sopimuksia ei ole vielä tehty": none done)


def _qualified_after(rest: str, year: int | None) -> bool:
    """The text after a reading's clause says something is not done, delayed, under way or due later."""
    if not rest.strip(" ,;."):
        return False
    text = _Text.read(rest)
    return text.negated or _later_year(rest, year) or _postponed(text) or text.has(NOT_YET - POSTPONED | CONTINUES | PARTLY)


def _later_year(text: str, year: int | None) -> bool:
    """The text names a year after the report's ("siirtyy vuodelle 2026")."""
    return year is not None and any(int(y) > year for y in _YEAR.findall(text))


def first_clause(text: str) -> str:
    """The text up to its first clause boundary: a sentence end, a semicolon, or (the report often leaves out
    the full stop) a capitalised word after at least two words.

    Examples
    --------
    >>> first_clause("Chat-palvelua ei ole kokeiltu Omatoimikirjaston kirjautumiset 2285")
    'Chat-palvelua ei ole kokeiltu'
    """
    words = 0
    for match in re.finditer(r"\S+", text):
        if words >= 2 and (_capitalised(match.group(0)) or _sentence_end(text[:match.start()], match.group(0))):
            return text[:match.start()].rstrip(" ,;.")
        words += 1
    return text


def _capitalised(word: str) -> bool:
    """A word that may begin a clause the report left without a full stop: capitalised, but not a unit ("GWh")."""
    return word[:1].isupper() and not re.fullmatch(r"[kMG]Wh(?::\w+)?\W*", word)


def _sentence_end(before: str, word: str) -> bool:
    """The text before a word ends a sentence; an ordinal or a date does not ("1.–6. luokat", "1.3. alkaen")."""
    before = before.rstrip()
    return before.endswith((";", "!", "?")) or before.endswith(".") and not (
        re.search(r"(?<![\d,])(?:\d{1,2}\.){1,2}$", before) and word[:1].islower())  # nor "1.3. alkaen"


def _not_yet(reading: Reading, text: _Text, statement: Statement, year: int | None) -> bool:
    """"ei (ole) vielä <done>" before any number: nothing done yet (0), whatever is under way after it
    ("ei vielä perustettu, kaksi on perusteilla")."""
    words = [w.casefold() for w in text.words]
    if "vielä" not in words or not text.negated:
        return False
    first_number = min([len(_words(text.window[:start])) for _, start, _ in text.numbers]
                       + [i for _, _, i in text.written], default=len(words))
    if words.index("vielä") > first_number:
        return False
    reading.actual = 0.0
    reading.reasons.append("the realisation says it is not done yet (ei vielä): 0")
    return True


def _budget(reading: Reading, text: _Text, statement: Statement, year: int | None) -> bool:
    """A budget kept or not: "talousarvio alittui" (under budget: yes), "ylittyi" (over: no)."""
    if not {f for w in _words(statement.text) for f in lemmas(w)} & BUDGET:
        return False
    if any(forms & {"toteutua"} and set().union(*text.forms[i + 1:i + 3]) & PARTLY
           and set().union(*text.forms[max(0, i - 2):i]) & BUDGET
           for i, forms in enumerate(text.forms)):  # "Talousarvio toteutui osin": no yes or no
        reading.status = Status.PARTIAL.value
        reading.reasons.append("the budget kept only in part ('osin')")
        return True
    for verb, value in BUDGET_VERBS.items():
        at = next((i for i, forms in enumerate(text.forms) if verb in forms), None)
        if at is not None:
            reach = 2 if verb.endswith(("a", "ä")) else 4  # "ei ollut talousarvion mukainen": past a verb and a noun
            negated = any(is_negation(w) for w in text.words[max(0, at - reach):at])  # "ei pitänyt: menot ylittyivät"
            # is one negation, of "pitää", not of "ylittyä"
            value = 1.0 - value if negated else value  # "talousarviossa ei pysytty": not kept
            reading.actual, reading.certain = value, not text.negated
            reading.reasons.append(f"the budget '{verb}': {'kept' if value else 'not kept'}")
            return True
    for bound, value in (("alle", 1.0), ("yli", 0.0)):  # "menot jäivät 0,7 % alle talousarvion"
        if text.has({bound}) and text.has(BUDGET) and not text.negated:
            reading.actual = value
            reading.reasons.append(f"spending '{bound}' the budget: {'kept' if value else 'not kept'}")
            return True
    return False


def _qualified(reading: Reading, text: _Text, statement: Statement, year: int | None) -> bool:
    """Words that change the verdict: "toteutui osin" (partly); "ei vielä", "siirtyy", a date after the year
    (not yet done at the year's end)."""
    if text.has(PARTLY) and not text.numbers:
        reading.status = Status.PARTIAL.value
        reading.reasons.append("the realisation says it was done in part")
        return True
    if _postponed(text) and (statement.kind == "yes_no" or not (text.numbers or text.written)):
        reading.actual = 0.0
        reading.reasons.append("the realisation says it was postponed: not done in the year (0)")
        return True
    if text.negated and text.has({"vielä"}):  # "ei ole vielä tehty": not done at the year's end
        reading.actual, reading.status = 0.0, ""
        reading.reasons.append("the realisation says it is not done yet (ei vielä): 0")
        return True
    return _under_way(reading, text, year)


def _later_in_sentence(window: str, year: int | None) -> Reading | None:
    """A thing read as done whose sentence goes on to say the rest is under way into a later year."""
    sentence = re.split(r"(?<=[.!?])\s+", window.strip())[0]
    reading, text = Reading(quote=sentence.strip(" ,;.")), _Text.read(sentence)
    ordered = text.has(NOT_YET - POSTPONED)  # "tilattu", not only "otetaan käyttöön" (results may be)
    return reading if ordered and not text.negated and not _postponed(text) and _under_way(reading, text, year) \
        else None


def _under_way(reading: Reading, text: _Text, year: int | None) -> bool:
    """"tilattu, otetaan käyttöön 2/2025": a date after the year with words of work not yet done, under way."""
    dates = [int(y) for y in _YEAR.findall(text.window)] + [int(m.group(2)) for m in _MONTH_YEAR.finditer(text.window)]
    if year is None or not any(y > year for y in dates) or not text.has(NOT_YET | {"käyttö", "ottaa"}):
        return False
    reading.status = Status.IN_PROGRESS.value
    reading.reasons.append("the realisation says it is not yet done at the year's end")
    return True


def _postponed(text: _Text) -> bool:
    """A word of delay that is not a move from earlier: "siirtyy tammikuulle" is, "(siirtyi syksystä 2085)" and
    "edellisvuodelta siirtynyt kysely tehtiin" are not (done this year, moved from before)."""
    for index, forms in enumerate(text.forms):
        if forms & POSTPONED:
            near = [a for word in text.words[max(0, index - 2):index + 4] for a in analyse(word)]
            moved_from = any(a.case in ("sisaeronto", "ulkoeronto") and a.base in TIMES_FROM for a in near)
            moved_to = any(a.case in ("sisatulento", "ulkotulento") and a.base in TIMES_FROM | {"vuosi"} for a in near)
            if not moved_from or moved_to:  # "siirtyi syksyltä keväälle": a delay all the same
                return True
    return False


def _share(reading: Reading, text: _Text, statement: Statement, year: int | None) -> bool:
    """A share for a percentage target: "40 %", "seitsemän kymmenestä", "7/10", "puolet", "kaikki", or
    "2 done, 6 remaining"."""
    if statement.kind != "share":
        return False
    if _from_last_year(reading, text, statement, year):  # "parani 0,8 prosenttiyksikköä": on last year's (a share
        return True  # is read here first, by read_realisation, before its steps)
    value, why, certain = _share_value(text, statement)
    if (points := _by_points(text)) is not None:  # "parani 74 prosentista 0,9 prosenttiyksikköä": 74.9
        value, why, certain = points[0], points[1], False
    elif (changed := _changed_to(text)) is not None and changed[0] <= 100:
        value, why, certain = changed[0], f"'{changed[1]}': the share it ended at", False
    if value is None and statement.target == 100 and text.has(AFFIRMS) and not text.negated \
            and not (text.numbers or text.written):  # "koulut toteutui": done for all
        value, why, certain = 100.0, "the realisation says it was done, for all", False
    if value is None:
        return False
    if value < 0:  # "lähes kaikki": about 90 % against a lower target; against all, only "not quite"
        if (statement.target or 0) >= NEARLY_ALL:
            reading.status = Status.PARTIAL.value
            reading.reasons.append(why + f": short of {statement.target:g} %, no exact share")
            return True
        value, why = NEARLY_ALL, why + f" read as about {NEARLY_ALL:g} %: an estimate"
    reading.actual, reading.certain = _one_decimal(value), certain and not text.has(BOUNDS | NEARLY)  # "lähes …"
    reading.reasons.append(why)
    return True


def _share_value(text: _Text, statement: Statement | None = None) -> tuple[float | None, str, bool]:
    window = text.window
    for value, start, end in text.numbers:
        if re.match(r"\s*(%(?!-yksik)|prosent(?!tiyksik))", window[end:], re.IGNORECASE) \
                and not _restates_target(window, start, end):  # not "1,5 prosenttiyksikköä", a change
            return value, f"{value:g} % written in the realisation", len(text.numbers) == 1
    for value, word, index in text.written:
        if index + 1 < len(text.forms) and text.forms[index + 1] & PERCENT_WORDS:
            return float(value), f"{value} % from the numeral '{word}'", True
    for match in _FRACTION.finditer(window):
        part, whole = (int(re.sub(r"\D", "", g)) for g in match.groups())
        is_date = _MONTH_YEAR.fullmatch(f"{part}/{whole}") is not None  # "2/2025": a month
        if not is_date and 0 < whole and part <= whole:
            return 100 * part / whole, f"{part}/{whole} in the realisation", True
    for value, word, index in text.written:
        following = text.forms[index + 1] if index + 1 < len(text.forms) else set()
        fraction = next((FRACTIONS[f] for f in following if f in FRACTIONS), None)
        if fraction is not None:
            return value * fraction, f"'{word} {text.words[index + 1]}': {value * fraction:.3g} %", True
    proportion = _proportion(text)
    if proportion and (text.has({"puuttua", "paitsi"}) or _part_is_not(text)
                       or _EXCEPT.search(window) and text.has(ALL_WORDS)):
        # "puuttuu yhdeltä yhdeksästä", "yhtä lukuun ottamatta": the others have it; "248:sta yksi ei ollut": the
        # rest were
        return 100 - proportion[0], proportion[1] + " it is missing from: the rest have it", False
    if proportion:
        return proportion
    missing = _missing(text)
    if missing:
        return missing
    remaining = re.search(r"jäljellä\s+(\w+)", window, re.IGNORECASE)
    if remaining and (text.written or text.numbers):
        done = text.written[0][0] if text.written else text.numbers[0][0]
        left = numeral_value(remaining.group(1)) or (int(remaining.group(1)) if remaining.group(1).isdigit() else None)
        if left is not None and done + left > 0:
            return 100 * done / (done + left), f"{done:g} done and {left} remaining", True
    told = _all_or_the_others(text, statement)
    if told is not None:
        return told
    two = _two_counts(text)
    if two:
        return two
    for index, forms in enumerate(text.forms):
        before = text.forms[index - 1] if index else set()
        if forms & ALL_WORDS and before & NEARLY:
            return -1.0, f"'{text.words[index - 1]} {text.words[index]}' (nearly all)", False
        share = _share_word(forms, text.forms[index + 1] if index + 1 < len(text.forms) else set(), before,
                            text.words[index])
        if share is not None:
            return share, f"{share:.3g} % from '{text.words[index]}'", False
    return None, "", False


def _all_or_the_others(text: _Text, statement: Statement | None) -> tuple[float, str, bool] | None:
    """A share told by naming all ("Jokaisessa kahdeksassa koulussa … kolme kerhoa": all eight), the others
    (:func:`_the_others`) or none that lost it ("Yksikään koulu ei menettänyt sertifikaattiaan")."""
    starts = text.starts
    for index, forms in enumerate(text.forms[:-1]):
        digits = re.match(rf"\s+{_VALUE}\s", text.window[starts[index] + len(text.words[index]):])  # "kaikki 83"
        if forms & ALL_WORDS and not is_elative(text.words[index]) and not (index and text.forms[index - 1] & NEARLY) \
                and (digits or any(i == index + 1 for _, w, i in text.written if not is_elative(w))) \
                and not text.negated and not text.has({"paitsi"}) and not _EXCEPT.search(text.window) \
                and text.words[index].casefold() != "kaikkiaan":  # "in all": a sum
            said = digits.group(0).strip() if digits else text.words[index + 1]
            return 100.0, f"100 % from '{text.words[index]} {said}' (all of them)", False
    others = _the_others(text, statement) if statement is not None else None
    if others is not None:
        return others
    none = [w for v, w, _ in text.written if v == 0 and w.casefold().endswith(("kään", "kaan"))]
    if none and len(text.written) == 1 and not text.numbers and any(  # nothing else counted, and in one clause
            none[0] in _words(clause) and _Text.read(clause).has(LOSES) for clause in re.split(r"[,;.]", text.window)):
        return 100.0, f"100 % from '{none[0]} … ei': none lost it, all kept it", False
    return None


def _the_others(text: _Text, statement: Statement) -> tuple[float, str, bool] | None:
    """The others of the statement's things told as a count after the ones that are not ("Lepikon sertifikaatti
    raukesi; muut 16 päiväkotia ovat sertifioituja" for "kaikki päiväkodit"): the others of them all, one left
    out unless another count says how many."""
    starts = text.starts
    own = _content_forms(statement.topic)
    for index, (word, forms) in enumerate(zip(text.words, text.forms)):
        after = text.window[starts[index] + len(word):] if "muu" in forms else ""
        digits = re.match(rf"\s+({_VALUE})(?![\d,])", after)
        things = text.forms[index + 1:index + (2 if digits else 3)]  # "muut 16 päiväkotia", "muissa kuudessa koulussa"
        elided = _elided([word, *text.words[index + 1:index + 2]], digits=True) if digits else \
            _elided(text.words[index:index + 3])
        if "muu" not in forms or is_elative(word) or index and text.forms[index - 1] & ALL_WORDS \
                or not (any(f & own for f in things) or elided):
            continue  # "muista", "kaikki muut paitsi", "muut 3 hanketta" (not its things): not the rest of them
        written = next((v for v, w, i in text.written if i == index + 1 and not is_elative(w)), None)
        rest = _number_value(digits.group(1)) if digits else written
        if not rest:
            continue
        said = _Text.read(re.split(r"[,;.]\s", after)[0])  # what the others did: "muut 16 eivät vielä ole"
        if said.negated or said.has(NOT_YET | {"odottaa"}):
            continue
        counts = [v for v, start, end in text.numbers if not _YEAR.fullmatch(text.window[start:end])] + [
            float(v) for v, w, i in text.written if not once(w)]
        left = [c for c in counts if c != rest]
        out = left[0] if len(left) == 1 and 0 < left[0] < rest else 1  # one, unless a count says: a guess
        guess = "" if len(left) == 1 else " (how many are left out is not told: check)"
        return 100 * rest / (rest + out), f"the other {rest:g} and {out:g} not{guess}: {rest:g} of {rest + out:g}", \
            False
    return None


def _elided(words: list[str], digits: bool = False) -> bool:
    """"muissa kuudessa toiminta jatkui", "Muut 17 pitivät omansa": the numeral after "muu" (``words``: "muu",
    the numeral unless in ``digits``, the next word) has no noun of its case after it (it speaks of the things
    named before)."""
    if digits:
        words = [words[0], *words]  # the digits take the case of "muu"
    if len(words) < 3 or not digits and numeral_value(words[1]) is None:
        return False
    cases = {a.case for a in analyse(words[1])}
    cases |= {"osanto"} if "nimento" in cases else set()  # "kolme hanketta": a numeral's noun in the partitive
    return not cases & {a.case for a in analyse(words[2]) if a.word_class == "nimisana"}


def _undone(word: str) -> bool:
    """A verb's abessive, a thing not done: "hakematta", "käyttämättä"."""
    return any(a.word_class == "teonsana" and a.case == "vajanto" for a in analyse(word.strip(".,;:")))


def _two_counts(text: _Text) -> tuple[float, str, bool] | None:
    """Two counts read as a share: "sopimuksia seitsemälläkymmenellä, avustettavia 78"."""
    written = [float(v) for v, word, _ in text.written if not once(word)]  # "kerran" (once) is no count of things
    numbers = [n for n in text.numbers if not _restates_target(text.window, n[1], n[2])]  # "eli 94 % tavoitteesta"
    counts = [float(n[0]) for n in numbers if float(n[0]).is_integer()] + written
    if not (len(counts) == 2 and len(numbers) + len(written) == 2 and 0 < min(counts) < max(counts)):
        return None
    part, whole = min(counts), max(counts)
    starts = text.starts + [len(text.window)]
    (_, first), (at, second) = sorted([(starts[i], float(v)) for v, w, i in text.written if not once(w)]
                                      + [(n[1], float(n[0])) for n in numbers])
    if (text.has({"paitsi"}) or _EXCEPT.search(text.window)) and text.has(ALL_WORDS):  # "julkaistiin 241, niistä
        # kaikki paitsi kaksi", "kahta lukuun ottamatta kaikki kaksitoista"
        return 100 * (whole - part) / whole, f"all but {part:g} of {whole:g}", False
    rest = next(text.window[a:b] for a, b in _clauses(text.window) if a <= at < b)  # the second count's clause
    said = _words(rest)
    tail = _words(re.split(r"[.;:!?](?:\s|$)", text.window[at:])[0])  # ", neljä ei", ", kolme ei hakenut": the rest
    head = _Text.read(text.window[:at])  # the first count's clause: its verb, and no "on 12" (a whole)
    verbs = [lemmas(w) for w in tail if not is_negation(w) and (is_verb(w) or any(a.verb for a in analyse(w)))]
    bare_no = text.window[:at].rstrip().endswith(",") and len(tail) <= 3 and any(map(is_negation, tail)) \
        and not {"niistä", "joista", "heistä"} & {w.casefold() for w in text.words} and not head.has({"olla"}) \
        and all(f & set().union(*head.forms) for f in verbs)  # not "niistä yksi ei ollut", "haki …, kolme ei saanut"
    if rest.strip() and (bare_no or not text.window[:at].rstrip().endswith(",") and (
            any(_undone(w) for w in said) or _Text.read(rest).has(POSTPONED))):  # "haki yhdeksän; kolme
        total = first + second  # jätti hakematta", "käsitelty kuudessa; kolmessa käsittely siirtyi": of all
        return 100 * first / total, f"{first:g} done, {second:g} not: {first:g} of {total:g}", False
    if _part_is_not(text):  # "julkaistiin 248, niistä yksi ei ollut selkokielinen"
        return 100 * (whole - part) / whole, f"{part:g} of {whole:g} not: the rest are", False
    return 100 * part / whole, f"{part:g} of {whole:g}: two counts read as a share", False


_EXCEPT = re.compile(r"\blukuun\s+ottamatta\b", re.IGNORECASE)  # "yhtä lukuun ottamatta kaikki": all but one


def _part_is_not(text: _Text) -> bool:
    """Of a part and its whole, the part is what the text says is not: a negation just after it ("vain yksi ei
    ollut"; not "Kahdessa koulussa kymmenestä ei ollut", where the whole comes between, nor "8 koulussa 10:stä,
    yksi ei ilmoittanut", a third number)."""
    after = [(float(v), i + 1, w) for v, w, i in text.written] + [
        (v, len(_words(text.window[:start])), text.window[start:end]) for v, start, end in text.numbers]
    if not text.negated or len(after) != 2:
        return False
    part, whole = sorted(after)
    # the whole may come between: "yksi sadasta ei ollut", "Kahdessa koulussa kymmenestä ei ollut"; but not with
    # a stop between ("kuudestatoista – ei aivan tavoitteessa": the whole is not the part)
    between = whole[1] > part[1] and re.search(rf"(?<![\w,]){re.escape(whole[2])}\s+(?:ei|eivät)\s+(?:ole|ollut|"
                                               rf"olleet)\b", text.window)  # not "… eikä ohjaajapulaa ollut"
    return part[0] < whole[0] and any(is_negation(word) for word in text.words[part[1]:part[1] + 1]) or bool(between)


def _one_decimal(value: float) -> float:
    """A share to one decimal, half up as the analysts round: 1 220 of 1 600 is 76.3 (Python's round gives 76.2)."""
    return float(Decimal(repr(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _what_is_left(reading: Reading, text: _Text, statement: Statement) -> None:
    """Against a fall, a share said as what is left ("on enää 43 %", "oli 26,9 % vuoden 2050 tasosta") is a fall
    of the rest."""
    plain = _Text.read(re.sub(r"\([^()]*\)", " ", text.window))  # "(v. 2091 vähenemä 56 %)" is an aside
    signed = re.search(r"(?:^|[\s(:])[−-]\s?\d", plain.window)  # "tasoon verrattuna: −76,4 %": the fall itself
    if reading.actual is not None and plain.has({"enää", "taso"}) and not plain.has(FALLS) and _falls_by(statement) \
            and not signed:
        reading.actual, reading.certain = _one_decimal(100 - reading.actual), False
        reading.reasons.append(f"what is left ('enää', 'tasosta'), so a fall of {reading.actual:g} %")


def _falls_by(statement: Statement) -> bool:
    """A target that is the size of a fall ("kulutus vähenee 40 %"), not a level to fall to ("laskee alle 10 %",
    "laskee 8 %:iin")."""
    words = _words(statement.text)
    return any(lemmas(w) & FALLS for w in words) and statement.comparator != "<=" and ":iin" not in statement.text


_FROM = r"(\d+(?:,\d+)?)\s*(?:%:sta|prosentista)"
_POINTS = r"(\d+(?:,\d+)?)\s*(?:prosenttiyksik|%-yksik)\w*"
_BY_POINTS = re.compile(rf"{_FROM}\s+{_POINTS}|{_POINTS}\s+(?:\w+\s+)?{_FROM}", re.IGNORECASE)
RISES = {"parantua", "parata", "kasvaa", "nousta", "lisääntyä"}
WORSENS = {"heiketä", "heikentyä", "huonontua", "laskea", "vähetä", "vähentyä", "pienetä", "pienentyä"}


def _by_points(text: _Text) -> tuple[float, str] | None:
    """A share told as a change from where it was: "parani edellisvuoden 74 prosentista 0,9 prosenttiyksikköä"
    is 74.9, "laski 80 prosentista 2 prosenttiyksikköä" 78."""
    match = _BY_POINTS.search(text.window)
    if not match:
        return None
    before = _Text.read(text.window[:match.start()])
    verbs = [(is_verb(word), forms) for word, forms in zip(before.words, before.forms) if forms & (RISES | WORSENS)]
    if not verbs:
        return None
    verb = max(enumerate(verbs), key=lambda v: (v[1][0], v[0]))[1][1]  # the nearest finite verb before: "laski"
    # before "kasvaneen jätemäärän vuoksi"
    start, change = (_number_value(g) for g in (match.group(1, 2) if match.group(1) else match.group(4, 3)))
    value = start + change if verb & RISES else start - change
    return _one_decimal(value), f"'{match.group(0)}…' from {start:g} by {change:g} points: {_one_decimal(value):g}"


_ARROW = re.compile(rf"({_VALUE})\s*(?:→|->)\s*({_VALUE})")


def _changed_to(text: _Text) -> tuple[float, str] | None:
    """The one number a change ends at, marked by the illative or translative ("nousi 3,9:stä 4,2:een", "jäi
    36:een", "kasvoi 41 300:aan"), in the statement's own clause or right after where it started (an elative):
    the value, not where it started."""
    arrow = _ARROW.search(text.window)  # "(16 → 14)": where it went
    if arrow:
        return _number_value(arrow.group(2)), arrow.group(0)
    own = _clauses(text.window)[0][1] if text.window else 0  # in the statement's own clause
    ends = [(value, text.window[start:end]) for value, start, end in text.numbers
            if _ends_at(text.window, start, end)
            and (end <= own or re.search(r"(?::|\w)(?:st[aä]|ll[aä])\s+$", text.window[:start]))]  # "… 36 900
    # kirjautumisesta 41 300:aan", "kasvoi 150 MWh:lla 6 250 MWh:iin": from or by, then to
    return ends[0] if len(ends) == 1 else None


def _ends_at(window: str, start: int, end: int) -> bool:
    """The number at ``window[start:end]`` is where a change ended: "4,2:een", "41 300:aan", "69,2 prosenttiin"."""
    return bool(re.search(r":(?:\w*[aeiouyäö]n|ksi)$", window[start:end])) or _illative_after(window[end:])


def _illative_after(after: str) -> bool:
    """The word after a number is in the illative: "69,2 prosenttiin", "6 250 MWh:iin" (to)."""
    word = (after.split() or [""])[0].strip(".,;:")
    if not word[:1].isalpha():  # the next number ("3,9:stä 4,2:een") is not this one's word
        return False
    return bool(re.fullmatch(r"\w+:(?:\w*[aeiouyäö]n)", word)) or any(a.case == "sisatulento" for a in analyse(word))


MORE = {"enemmän", "enempi", "suurempi", "korkeampi"}  # "2 000 enemmän kuin vuonna 2119": more than then
LESS = {"vähemmän", "pienempi", "matalampi", "alhaisempi"}
STAYS = {"pysyä", "säilyä"}
LOSES = {"menettää", "pudota", "menetys"}  # "yksikään … ei menettänyt": all kept it
ENDS = {"lopettaa", "lakkauttaa", "lopettaminen", "poistaa"}  # "chat lopetettiin kahdessa palvelussa": fewer


def _last_year_named(text: _Text, year: int | None) -> bool:
    """The text speaks of last year: "edellisvuodesta", "edellisvuoden tasolla", "viime vuonna", "vuonna 2119",
    "vuotta aiemmin"."""
    years = {int(y) for y in _YEAR.findall(text.window)}
    return text.has({"edellisvuosi"}) or any(
        "viime" in forms and later & {"vuosi"} or "vuosi" in forms and later & {"aiemmin", "aikaisemmin", "sitten"}
        for forms, later in zip(text.forms, text.forms[1:])) or (year is not None and year - 1 in years)


def _change_amounts(text: _Text, end_at: int) -> list[tuple[float, int, str]]:
    """The amounts a change could be by, up to ``end_at`` (its clause's end), each with the index of the word
    after it: numbers that are no year and not where it started or ended ("74 prosentista", "3,8:aan"), "%"
    marked as a word of its own; numeral words; "puoli" (half) before a unit."""
    amounts, words = [], len(_words(text.window[:end_at]))
    for value, start, end in text.numbers:
        written, after = text.window[start:end], text.window[end:]
        if start >= end_at or _YEAR.fullmatch(written) or _ends_at(text.window, start, end) \
                or re.search(r":st[aä]$", written) or is_elative((after.split() or [""])[0]):  # nor where it began
            continue
        amounts.append((value, len(_words(text.window[:start])), written + ("%" if re.match(r"\s*%", after) else "")))
    amounts += [(float(v), i + 1, w) for v, w, i in text.written if not is_elative(w) and i < words]
    amounts += [(0.5, i + 1, w) for i, (w, forms) in enumerate(zip(text.words[:words], text.forms))
                if "puoli" in forms and i + 1 < len(text.forms) and text.forms[i + 1] & UNIT_LEMMAS]
    return sorted(amounts, key=lambda a: a[1])


def _change_from_last(text: _Text, statement: Statement, year: int | None) -> tuple[float, str] | None:
    """A value told only as a change from last year's: "2 000 enemmän kuin vuonna 2119", "laski edellisvuodesta
    400 MWh", "parani 0,8 prosenttiyksikköä", "nousi 0,4 oppilaalla", "pysyi edellisvuoden tasolla", "yhtä
    monessa palvelussa kuin 2122". The signed change, and why. Read in the first stretch of the text up to a
    comma, colon or stop that holds an amount ("Aurinkosähkö: ylittyi. Tuotanto kasvoi 120 MWh edellisvuodesta"),
    asides in parentheses left out."""
    last_named = _last_year_named(text, year)
    plain = re.sub(r"\([^()]*\)", lambda aside: " " * len(aside.group(0)), text.window)
    same = re.search(r"\byhtä\s+\w+(?:\s+\w+)?\s+kuin\b", plain, re.IGNORECASE)
    if last_named and same and not _change_amounts(_Text.read(plain.replace(same.group(0), " ")), len(plain)):
        return 0.0, "as much as last year"  # "yhtä monessa palvelussa kuin 2122" ("yhtä" is no one here)
    for segment in re.split(r"(?<=[,;:.!?])\s+", plain):
        part = _Text.read(segment)
        amounts = _change_amounts(part, len(segment))
        if amounts:
            sentence = next(t for t in re.split(r"(?<=[.!?])\s+", plain) if segment in t)
            change = _change_by(part, amounts, statement, sentence, year)
            if change is not None:
                return change  # else read on: "kahden kuukauden vika söi aurinkosähköä, jota kertyi 500 MWh vähemmän"
        elif part.written or any(not _YEAR.fullmatch(segment[a:b]) for _, a, b in part.numbers):
            return None  # the first number told is a level ("nousi 20,8 oppilaaseen, kun kahdeksalla …")
    if text.has(STAYS) and (text.has({"ennallaan"}) or text.has({"taso", "sama"}) and last_named):
        return 0.0, "stayed at last year's level"
    return None


def _change_by(text: _Text, amounts: list[tuple[float, int, str]], statement: Statement, sentence: str,
               year: int | None) -> tuple[float, str] | None:
    """The change one amount tells, in its stretch of text (:func:`_change_from_last`); none when its sentence
    tells a level of the target's size too ("1 200 enemmän kuin edellisvuonna, yhteensä 41 500")."""
    if len(amounts) != 1 or any(_ends_at(text.window, start, end) for _, start, end in text.numbers):  # "kasvoi
        return None  # 150 MWh:lla 6 250 MWh:iin": the level is told
    value, following, written = amounts[0]
    levels = [v for v, a, b in _numbers(sentence) if v not in (value, statement.last)
              and not _YEAR.fullmatch(sentence[a:b]) and not is_elative((sentence[b:].split() or [""])[0])]  # not
    # "edellisvuoden 30 prosentista", where it started
    if any(_near(statement, v) for v in levels) and statement.target:
        return None
    after = text.forms[following:following + 3]
    tail = re.search(rf"(?<!\w){re.escape(written.rstrip('%'))}%?\s+(?:(\w+)\s+)?({'|'.join(sorted(MORE | LESS))})"
                     rf"\s+kuin\s+(.*)", text.window, re.IGNORECASE)
    times = (tail.group(1) or "").casefold() == "kertaa" and value <= 10 if tail else False  # "kaksi kertaa
    # enemmän": twice as many; "900 kertaa enemmän": 900 visits more
    if tail and not times and _last_year_named(_Text.read(tail.group(3)), year):
        sign = 1 if lemmas(tail.group(2)) & MORE else -1  # "2 000 käyntiä enemmän kuin vuonna 2119"
        return sign * value, f"'{written}' {'more' if sign > 0 else 'fewer'} than last year"
    noun = text.words[following] if following < len(text.words) else ""
    if text.has(ENDS) and _word_forms(noun) & _content_forms(statement.topic) and not text.negated:
        return -value, f"ended in '{written} {noun}'"  # "chat lopetettiin kahdessa palvelussa": in two fewer
    verbs = [forms for word, forms in zip(text.words, text.forms) if forms & (RISES | WORSENS) and is_verb(word)
             and not word.casefold().startswith("laske")]  # "laskettiin": counted
    unit = after[0] if after else set()
    points = "prosenttiyksikkö" in unit
    by = any(a.case == "ulkoolento" for a in analyse(noun)) and _word_forms(noun) & (
        _content_forms(statement.topic) | UNIT_LEMMAS) or re.search(r":ll[aä]$", written)  # "nousi 0,4 oppilaalla"
    # (by how much), not "kasvoi kolmella koululla" (where)
    where = not by and any(a.case in ("sisaolento", "sisaeronto", "sisatulento", "ulkoolento", "ulkotulento")
                           for a in analyse(noun) if a.word_class == "nimisana")  # "neljässä kirjastossa"
    per_cent = written.endswith("%") or "prosentti" in unit and not points
    level = any("olla" in forms for forms in text.forms[:following])  # "kasvoi edellisvuodesta ja oli 41 300"
    if len(verbs) != 1 or per_cent or level or where or not (points or by or _last_year_named(text, year)):
        return None  # "kasvoi 5 %": by a share of itself, or to a level; no one verb: no change told
    sign = 1 if verbs[0] & RISES else -1
    fall_named = any(forms & FALLS and not is_verb(word) for word, forms in zip(text.words, text.forms))
    if _falls_by(statement) and not fall_named:  # "kulutus kasvoi" against a fall: the fall ("vähenemä") shrank
        sign = -sign
    return sign * value, f"'{written}' {'up' if sign > 0 else 'down'} from last year"


def _from_last_year(reading: Reading, text: _Text, statement: Statement, year: int | None) -> bool:
    """A value told only as a change from last year's, added to last year's value (from ``--previous``)."""
    if statement.last is None or statement.kind == "yes_no":
        return False
    found = _change_from_last(text, statement, year)
    if found is None:
        return False
    change, why = found
    if statement.last + change < 0 or not _near(statement, statement.last + change):
        return False  # not a change of it after all
    reading.actual = float(Decimal(repr(statement.last)) + Decimal(repr(change)))
    reading.certain = False  # last year's value as the analyst curated it: they confirm the sum
    reading.reasons.append(f"{why}: last year's {statement.last:g} → {reading.actual:g}")
    return True


def _missing(text: _Text) -> tuple[float, str, bool] | None:
    """"Avustettavia 56, sopimus puuttuu vielä kolmelta": a total, and how many it is missing from."""
    if not text.has({"puuttua"}):
        return None
    counts = [(v, len(_words(text.window[:start]))) for v, start, _ in text.numbers] + [
        (float(v), i) for v, _, i in text.written]
    if len(counts) != 2:
        return None
    total, lacking = sorted((c[0] for c in counts), reverse=True)
    if not 0 <= lacking <= total or not total:
        return None
    return 100 * (total - lacking) / total, f"{total:g} in all, {lacking:g} without: " \
                                             f"{100 * (total - lacking) / total:.3g} %", False


def _proportion(text: _Text) -> tuple[float, str, bool] | None:
    """"seitsemän koulua kymmenestä", "7 koulua 10:stä": a count, then within four words its whole in the
    elative case (out of)."""
    counts = [(float(v), i) for v, _, i in text.written] + [
        (v, len(_words(text.window[:start]))) for v, start, _ in text.numbers]
    for value, index in sorted(counts, key=lambda c: c[1]):
        for later in range(index + 1, min(index + 5, len(text.words))):
            word = text.words[later]
            whole = numeral_value(word) if is_elative(word) else None
            if whole and 0 < value <= whole:
                return 100 * value / whole, f"{value:g} out of {whole} ('{word}')", True
    for value, index in sorted(counts, key=lambda c: c[1]):  # the whole first: "12 päiväkodista yhdeksässä"
        word = text.words[index] if index < len(text.words) else ""
        after = text.words[index + 1] if index + 1 < len(text.words) else ""
        if not (is_elative(word) or (not word.isalpha() or numeral_value(word) is None) and is_elative(after)):
            continue
        for part, at in counts:
            if index < at <= index + 3 and 0 < part <= value and part != value:
                return 100 * part / value, f"{part:g} out of {value:g} (the whole said first)", True
    for match in re.finditer(r"(\d+)\s+\w+\s+(\d+):st[äa]", text.window):
        part, whole = int(match.group(1)), int(match.group(2))
        if 0 < part <= whole:
            return 100 * part / whole, f"{part} out of {whole}", True
    return None


def _count(reading: Reading, text: _Text, statement: Statement, year: int | None) -> bool:
    """A number in digits or words. With several, the one followed by the statement's unit, else the one
    followed by a word of the statement ("24 tapahtumaa" for "tapahtumien lkm"), else the first. Not certain
    after a negation ("Ei toteutunut, yksi yritys perusteilla": may not be it) nor with more told after it
    ("15 sekä siirtynyt koulutus": one more, perhaps)."""
    frequency = _per_year(text) if statement.unit == "krt/v" else None
    said = any(text.forms[i + 1] & {"kerta", "krt"} for _, _, i in text.written if i + 1 < len(text.forms)) or \
        re.search(r"\d\s*(?:kertaa|krt)", text.window)
    if frequency is not None and not said:  # "kuukausittain kesää lukuun ottamatta eli 10 kertaa": the 10
        reading.actual, reading.certain = frequency[0], False
        reading.reasons.append(frequency[1])
        return True
    if not _averaged(text) and _range(reading, text, statement):  # "vaihteli 31-44, keskimäärin 38": the 38
        return True
    candidates = _told_apart(text, [c for c in _candidates(text)  # not "30 tuhatta" % for a share
                                    if statement.kind != "share" or c[0] <= 100], reading.reasons)
    times = [c for c in candidates if c[0] <= 52 or statement.unit != "krt/v" or (statement.target or 0) > 12]
    if candidates and not times:  # more than weekly against a yearly target: those taking part, not how often
        return _held(reading, text, statement, year, candidates[0][0])
    candidates = _where_it_ended(statement, text, times)
    near = [c for c in candidates if _near_target(statement, text, c)]
    chosen_by_size = bool(near) and len(near) < len(candidates)
    if chosen_by_size:  # "kontakteja 1 140, eri nuoria 188" against 185: the one of the target's size
        candidates = near
    if not candidates:
        return False
    candidates = _by_the_verb(statement, text, sorted(candidates, key=lambda c: c[1]))
    own = set().union(*[lemmas(w) for w in _words(statement.topic)]) - {"ja", "olla"}

    def fits(candidate) -> int:
        """3: the statement's unit follows; 2: a word of the statement follows ("24 tapahtumaa"); 1: one stands
        just before ("pudokkaita kolme"); 0: none."""
        index = candidate[1]
        following = " ".join(text.words[index:index + 3]).casefold()
        if statement.unit not in ("", "kpl", "%") and following.startswith(statement.unit.split("/")[0]):
            return 3
        if any(text.forms[j] & own for j in range(index, min(index + 2, len(text.forms)))):
            return 2
        return int(any(text.forms[j] & own for j in range(max(0, index - 2), index)))

    best = max((fits(c) for c in candidates), default=0)
    fitting = [c for c in candidates if best and fits(c) == best]
    chosen = (fitting or candidates)[0]
    reading.actual = chosen[0] * _unit_scale(statement, text, chosen)
    # A bare number for a share target may be a count ("50:lle yhdistykselle"), not a percentage.
    reading.certain = (len(candidates) == 1 or len(fitting) == 1 and best >= 2) and statement.kind != "share" \
        and not text.negated and not chosen_by_size and not text.has({"sekä", "lisäksi"})  # see the docstring
    if chosen_by_size:
        reading.reasons.append(f"of several numbers, the one near the target {statement.target:g}")
    _bounded(reading, text, statement, chosen)
    reading.reasons.append(f"actual {chosen[2]}" + ("" if len(candidates) == 1 else
                                                   f" ({'fits the statement' if fitting else 'the first'} "
                                                   f"of {len(candidates)} numbers)"))
    return True


def _where_it_ended(statement: Statement, text: _Text, candidates: list[tuple[float, int, str]]
                    ) -> list[tuple[float, int, str]]:
    """Of several numbers, the one a change ended at, if of the target's size ("kasvoi 36 900 kirjautumisesta
    41 300:aan": the 41 300)."""
    changed = _changed_to(text)
    if changed is not None and len(candidates) > 1 and _near(statement, changed[0]):
        return [c for c in candidates if c[0] == changed[0]] or candidates
    return candidates


def _held(reading: Reading, text: _Text, statement: Statement, year: int | None, people: float) -> bool:
    """A yearly event told with a count of those taking part and no count of times ("Kyselyyn kutsuttiin 3 050
    asiakasta"): the months or seasons it was held in, else once when it was held."""
    window = text.window
    for value, start, end in text.numbers:
        window = window[:start] + " " * (end - start) + window[end:] if value > 52 else window
    if _times_named(reading, _Text.read(window), statement, year):  # "pidettiin maaliskuussa ja lokakuussa,
        return True  # osallistujia 140": the months, the people left out
    own = _Text.read(text.window[:_clauses(text.window)[0][1]])  # "… vastasi 472 … syksyn kyselyä ei tehty": the
    if own.negated or not (_past_deed(own) or own.has(AFFIRMS | MONTHS)):  # spring's was held
        return False
    reading.actual, reading.certain = 1.0, False
    reading.reasons.append(f"{people:g} is no count of times (it counts those taking part): held, once")
    return True


def _rest_of_whole(reading: Reading, text: _Text, statement: Statement, year: int | None) -> bool:
    """A count told as a whole and the part of it that was not: "Myönnetyistä 190 setelistä käytettiin kaikki
    paitsi neljä", "Myönnetyistä 200 setelistä 40 jäi käyttämättä" (the statement's verb, not done) for "seteleitä
    käytetään 180"."""
    numbers = sorted([float(v) for v, w, _ in text.written if not once(w)] + [float(n[0]) for n in text.numbers])
    if statement.kind != "count" or len(numbers) != 2 or numbers[0] >= numbers[1]:
        return False
    part, whole = numbers
    at = next(((start, end) for value, start, end in text.numbers if value == whole), None)
    after = text.window[at[1]:] if at else ""
    but = text.has({"paitsi"}) and text.has(ALL_WORDS)
    undone = any(_undone(w) and lemmas(w) & _verbs_of(statement) for w in text.words)
    clause = re.split(r"[,;.:]\s", text.window[:at[0]])[-1] + re.split(r"[,;.]\s", text.window[at[0]:])[0] \
        if at else ""  # the whole's own clause: "230 jaettiin, 30 jäi käyttämättä", a whole given, not the count used
    given = undone and clause and not _clause_forms(clause) & _verbs_of(statement)
    if not (any(is_elative(w) for w in _words(after)[:1]) or given):  # "190 setelistä": a whole to take from
        return False  # (not "Seteleitä käytettiin 181 eli kaikki paitsi neljä": the 181 is the count)
    if not (but or undone):
        return False
    reading.actual, reading.certain = whole - part, False
    reading.reasons.append(f"{whole:g} in all, {part:g} {'excepted' if but else 'not done'}: {whole - part:g}")
    return True


def _fraction_of_whole(reading: Reading, text: _Text, statement: Statement, year: int | None) -> bool:
    """A count told as a fraction of a whole: "Jaetuista 220 setelistä neljännes jäi käyttämättä" (a quarter not
    done: 165), "240 setelistä käytettiin kolmannes" (a third done, the statement's verb: 80)."""
    numbers = [float(v) for v, w, _ in text.written if not once(w)] + [float(n[0]) for n in text.numbers]
    fractions = [(FRACTIONS[f], i) for i, forms in enumerate(text.forms) for f in forms & FRACTIONS.keys()
                 if any(a.case in ("nimento", "osanto") for a in analyse(text.words[i]))]  # not "puolella" (side)
    if statement.kind != "count" or len(numbers) != 1 or len(fractions) != 1:
        return False
    (share, index), whole = fractions[0], numbers[0]
    clause = next((c for c in re.split(r"[,;.]\s", text.window) if text.words[index] in _words(c)), "")
    if any(_undone(w) for w in _words(clause)):
        value, how = whole * (1 - share / 100), "not done"
    elif _clause_forms(clause) & _verbs_of(statement):
        value, how = whole * share / 100, "done"
    else:
        return False
    reading.actual, reading.certain = _one_decimal(value), False
    reading.reasons.append(f"'{text.words[index]}' of {whole:g} {how}: {_one_decimal(value):g}")
    return True


def _part_after_whole(reading: Reading, text: _Text, statement: Statement, year: int | None) -> bool:
    """A count told as the part of a whole said first, in the elative: "Kalenterin 15 koulutuksesta pidettiin 12",
    "Kymmenestä verkkopalvelusta kahdeksan on auditoitu": the part is the count."""
    told = sorted([(float(v), i, w) for v, w, i in text.written if not once(w)] + [
        (v, len(_words(text.window[:start])), text.window[start:end]) for v, start, end in text.numbers],
        key=lambda c: c[1])
    if statement.kind != "count" or len(told) != 2 or not 0 < told[1][0] < told[0][0]:
        return False
    (whole, at, written), (part, _, said) = told
    of = written if not written[:1].isdigit() else (text.window.split(written, 1)[1].split() or [""])[0]
    pronoun = any(a.word_class == "asemosana" for a in analyse(of))  # "18, niistä 6 ylempiä": a subset of it
    per_cent = re.match(r"\s*%", text.window.split(said, 1)[-1])  # "25 300 kirjautumista (+6 %)": a change
    if not is_elative(of) or pronoun or per_cent or text.has({"paitsi"}) or any(_undone(w) for w in text.words):
        return False  # "15 koulutuksesta": of 15; "kaikki paitsi neljä", "jäi käyttämättä" are _rest_of_whole's
    done = [w for w in text.words if is_past(w) and not lemmas(w) & (NOT_DONE_VERBS | POSTPONED | {"olla", "perua"})]
    done += [w for w in text.words if text.has({"olla"}) and any(a.verb and a.verb != "olla" for a in analyse(w))]
    given = any(a.verb for w in text.words[max(0, at - 2):at] for a in analyse(w) if a.case == "sisaeronto")
    fraction = any(FRACTIONS.keys() & forms for forms in text.forms)
    if not done or given or fraction:  # "16 koulutuksesta 3 oli verkossa", "Pidetyistä 16 koulutuksesta 3 …",
        return False  # "240 setelistä käytettiin kolme neljäsosaa": a subset, or no part done
    reading.actual, reading.certain = part, False
    reading.reasons.append(f"'{said}' of the {whole:g} said first ('{written}')")
    return True


def _verbs_of(statement: Statement) -> set[str]:
    """The base forms of a statement's verbs ("käytetään": käyttää), "olla" aside."""
    return {a.base for w in _words(statement.topic) for a in analyse(w) if a.word_class == "teonsana"} - {"olla"}


def _part_of_whole(reading: Reading, text: _Text, statement: Statement, year: int | None) -> bool:
    """A count told as a share of a whole said just before, in the clause of the statement's verb: "Seteleitä
    jaettiin 200, ja niistä käytettiin yhdeksän kymmenestä" for "seteleitä käytetään 180" is 180."""
    verbs = _verbs_of(statement)
    clauses = [text.window[a:b] for a, b in _clauses(text.window)]
    for before, clause in zip(clauses, clauses[1:]):
        words = [w.casefold() for w in _words(clause)]
        wholes = _numbers(before)
        if not (verbs & _clause_forms(clause) and {"niistä", "joista"} & set(words[:3]) and wholes) \
                or _numbers(clause):  # "joista käytettiin 410": the count is said
            continue
        share, how, _ = _share_value(_Text.read(clause))
        if share is not None and 0 < share < 100:
            whole = wholes[-1][0]
            reading.actual, reading.certain = float(round(whole * share / 100)), False
            reading.reasons.append(f"{how} of the {whole:g} said before: {reading.actual:g}")
            return True
    return False


def _by_the_verb(statement: Statement, text: _Text, candidates: list[tuple[float, int, str]]
                 ) -> list[tuple[float, int, str]]:
    """Of numbers that fit a statement alike, those in the clause of its verb: "Seteleitä myönnettiin 205, ja
    käytettyjä oli 190" for "seteleitä käytetään 180" (all of them when the verb tells none apart)."""
    verbs = _verbs_of(statement)
    if len(candidates) < 2 or not verbs:
        return candidates
    clauses = [text.window[a:b] for a, b in _clauses(text.window)]
    values = [({c[0] for c in _candidates(_Text.read(clause))}, bool(_clause_forms(clause) & verbs)
               and not _clause_forms(clause) & LAST_YEAR) for clause in clauses]  # not "edellisvuonna käytettiin"
    said = [c for c in candidates if any(c[0] in found for found, verb in values if verb)
            and not any(c[0] in found for found, verb in values if not verb)]
    return said if said else candidates


_OF_TARGET = re.compile(r"\s*(?:%|prosenttia)\s+tavoitteesta\b", re.IGNORECASE)


def _restates_target(window: str, start: int, end: int) -> bool:
    """The number at ``start:end`` is the target said again or a difference from it: "tavoite 73", "40 prosentin
    tavoitteesta", "(95 % tavoitteesta)", "eli 90 % tavoitteesta", "150 tavoitetta vähemmän"; not "4 800,
    tavoitteesta jäätiin 200"."""
    after = window[end:]
    return bool(re.match(r"(?::n|\s*%:n|\s+prosentin)\s+tavoit", after, re.IGNORECASE)  # "40 prosentin tavoitteesta"
                or re.match(r"\s*%?\s*tavoit\w*\s*\)", after, re.IGNORECASE)  # "(95 % tavoitteesta)"
                or _OF_TARGET.match(after)  # "eli 90 % tavoitteesta"
                or re.match(r"\s+tavoitetta\s+(?:vähemmän|enemmän)", after, re.IGNORECASE)  # a difference
                or re.search(r"\btavoite\s*$", window[:start], re.IGNORECASE))


def _averaged_at(text: _Text, index: int) -> bool:
    """The number at word ``index`` is one the text calls the average: "keskimäärin 41", "keskiarvo oli 4,1"."""
    before = text.forms[max(0, index - 2):index]
    return bool(before) and bool(before[-1] & AVERAGES or len(before) == 2 and before[0] & AVERAGES
                                 and "olla" in before[1])


def _averaged(text: _Text) -> bool:
    return any(_averaged_at(text, len(_words(text.window[:start]))) for _, start, _ in text.numbers)


def _told_apart(text: _Text, candidates: list[tuple[float, int, str]], reasons: list[str]
                ) -> list[tuple[float, int, str]]:
    """Of several numbers, not one the text calls the target ("tavoite 73", "40 prosentin tavoitteesta", "(95 %
    tavoitteesta)"), and the one it calls the average of the others when it does ("38 ja 44, keskimäärin 41");
    why goes to ``reasons``."""
    restated = {len(_words(text.window[:start])) for _, start, end in text.numbers
                if _restates_target(text.window, start, end)}
    of_target = {len(_words(text.window[:end])) for _, _, end in text.numbers if _OF_TARGET.match(text.window[end:])}
    candidates = [c for c in candidates if c[1] not in of_target]  # "eli 94 % tavoitteesta": never the value
    kept = [c for c in candidates if c[1] not in restated] or candidates
    average = [c for c in kept if _averaged_at(text, c[1])]
    others = [c[0] for c in kept if c not in average]
    if len(average) == 1 and others and min(others) <= average[0][0] <= max(others):  # among what it averages
        reasons.append("of several numbers, the one the text calls the average")
        return average
    if len(kept) < len(candidates):
        reasons.append("a number the text calls the target is not the value")
    return kept


def _near_target(statement: Statement, text: _Text, candidate: tuple[float, int, str]) -> bool:
    """A number of the target's size (a fifth to five times it), in the target's unit: "5,42 GWh" against
    5 000 MWh is."""
    return bool(statement.target) and _near(statement, candidate[0] * _unit_scale(statement, text, candidate))


def _unit_scale(statement: Statement, text: _Text, chosen: tuple[float, int, str]) -> float:
    """A value in another unit of energy than its target: "5,48 GWh" against MWh is 5 480 MWh."""
    at = chosen[1] + (numeral_value((text.words[chosen[1]:] or [""])[0]) is not None)  # after "seitsemän"
    following = (text.words[at:at + 1] or [""])[0].casefold()
    following = next((unit for word, unit in (("kilowatti", "kwh"), ("megawatti", "mwh"), ("gigawatti", "gwh"))
                      if following.startswith(word)), following)  # "5,42 gigawattituntia"
    scales = {"kwh": 1.0, "mwh": 1e3, "gwh": 1e6}
    unit = re.search(r"\d\s*([kmg]wh)\b", statement.text, re.IGNORECASE)
    target, said = (unit.group(1).casefold() if unit else ""), following
    return scales[said] / scales[target] if said in scales and target in scales else 1.0


def _bounded(reading: Reading, text: _Text, statement: Statement, chosen: tuple[float, int, str]) -> None:
    """"alle viisi", "noin 20", "10–12": not exact; "alle viisi" of whole things is at most four."""
    bound = text.forms[chosen[1] - 1] & BOUNDS if chosen[1] else set()
    bound |= text.forms[chosen[1]] & set(ABOUT) if chosen[1] < len(text.forms) else set()
    if chosen[1] < len(text.words) and approximate(text.words[chosen[1]]):  # "viitisenkymmentä": about fifty
        bound.add("noin")
    if not bound and not re.search(r"\d\s*[-–]\s*\d", text.window):
        return
    reading.certain = False
    average = bool({f for w in _words(statement.text) for f in lemmas(w)} & {"ka", "keskiarvo", "keskimäärin"})
    if bound & {"alle", "vajaa"} and chosen[0].is_integer() and chosen[0] < 100 \
            and statement.unit not in ("%", "€") and not average:  # "alle 23 000" is about 23 000
        reading.actual = chosen[0] - 1
        reading.reasons.append(f"'{min(bound & {'alle', 'vajaa'})} {chosen[0]:g}' (under) of whole things: "
                               f"at most {chosen[0] - 1:g}")


_RESPECTIVELY = re.compile(r"(\d+(?:,\d+)?)\s+ja\s+(\d+(?:,\d+)?)\s*\(\s*(\d+\s*[–-]\s*\d+)(?:\s*lk)?\s*/\s*"
                           r"(\d+\s*[–-]\s*\d+)")


def _respectively(reading: Reading, text: _Text, statement: Statement, year: int | None) -> bool:
    """"20,4 ja 19,8 (1–6 lk / 7–9 lk)": two values and then their groups, in the same order; the statement's
    group ("enintään 20 luokilla 7–9") picks its own."""
    def label(group: str) -> str:  # "1 – 6" and "1-6" alike
        return re.sub(r"\s", "", group).replace("–", "-")

    match = _RESPECTIVELY.search(text.window)
    groups = {label(g) for g in re.findall(r"\d+\s*[–-]\s*\d+", statement.text)}
    if not match or not groups:
        return False
    for value, label_ in zip(match.group(1, 2), map(label, match.group(3, 4))):
        if label_ in groups:
            reading.actual, reading.certain = float(value.replace(",", ".")), False
            reading.reasons.append(f"'{match.group(0)}': {value} for the group {label_}, in the order given")
            return True
    return False


def _range(reading: Reading, text: _Text, statement: Statement) -> bool:
    """"2–3", "20-21", "26-27 tuhatta": the end that is the safe side of the target."""
    span = next((m for m in _RANGE.finditer(text.window) if not _is_group(text.window, m)
                 and text.window[:m.start()].count("(") <= text.window[:m.start()].count(")")), None)  # "(1–5)"
    if not span:
        return False
    scale = _scale(text.window[span.end():])
    low, high = (scale * _number_value(g) for g in span.groups())
    reading.actual = high if statement.comparator == "<=" else low
    reading.reasons.append(f"the range {span.group(0)}: {reading.actual:g}, its "
                           f"{'upper' if statement.comparator == '<=' else 'lower'} end")
    return True


def _candidates(text: _Text) -> list[tuple[float, int, str]]:
    """The numbers a count may be: (value, word index, how it was read); of "16/16", the part done."""
    candidates = [(v, len(_words(text.window[:start])), f"{v:g} written in digits") for v, start, _ in text.numbers]
    candidates += [(float(v), i, f"{v} from the numeral '{w}'") for v, w, i in text.written]
    candidates += [(_number_value(m.group(1)), len(_words(text.window[:m.start()])),
                    f"{m.group(1)} of {m.group(2)} ('{m.group(0)}'): the part done")
                   for m in _FRACTION.finditer(text.window) if not _MONTH_YEAR.fullmatch(re.sub(r"\s", "", m.group(0)))]
    candidates += [(float(m.group(1).replace(",", ".")), len(_words(text.window[:m.start()])),
                    f"{m.group(1)} on a scale to {m.group(2)} ('{m.group(0)}')") for m in _GRADE.finditer(text.window)]
    return candidates


def _is_group(text: str, match: re.Match) -> bool:
    """"luokilla 1–6", "1-6 lk": a group's label, not a range of values."""
    words = text[:match.start()].split()
    before = words[-1:] or [""]
    after = text[match.end():].split()[:1] or [""]
    label_before = before[0].casefold().startswith(("luok", "lk")) and not (  # "7-9 lk 19-21": a value
        len(words) > 1 and re.fullmatch(r"\(?\d+\s*[–-]\s*\d+\)?", words[-2]))
    scale = any("asteikko" in lemmas(word.strip(".,:;")) for word in words[-2:])  # "asteikolla 1–5": a scale
    return label_before or scale or text[:match.start()].endswith("(") or after[0].casefold().startswith(("lk", "luok"))


def _per_year(text: _Text) -> tuple[float, str] | None:
    """Times a year said as a rhythm: "joka toinen kuukausi" (6), "kuukausittain" (12), "joka viikko" (52)."""
    for index, forms in enumerate(text.forms):
        period = next((PER_YEAR[f] for f in forms if f in PER_YEAR), None)
        if period is None:
            continue
        before = text.forms[max(0, index - 2):index]
        ordinal = next((ORDINALS[f] for b in before for f in b if f in ORDINALS), 1)
        if ordinal > 1 or any(b & {"joka", "jok"} for b in before) or text.words[index].casefold().endswith("ittain"):
            times = period / ordinal
            months_out = [w for w, f, after in zip(text.words, text.forms, text.words[1:])
                          if after.casefold() == "lukuun" and any(m.endswith("kuu") for m in f)]
            if period == 12 and ordinal == 1 and len(months_out) == 1:  # "joka kuukausi heinäkuuta lukuun ottamatta"
                return times - 1, f"'{' '.join(text.words[max(0, index - 2):index + 1])}' but {months_out[0]}: " \
                                  f"{times - 1:g} times a year"
            return times, f"'{' '.join(text.words[max(0, index - 2):index + 1])}': {times:g} times a year"
    return None


def _negated(reading: Reading, text: _Text, statement: Statement, year: int | None) -> bool:
    if text.negated and (statement.kind in ("yes_no", "count") or statement.target):
        reading.actual = 0.0
        reading.reasons.append("a negation ('ei ...') in the realisation: 0")
        return True
    return False


def _times_named(reading: Reading, text: _Text, statement: Statement, year: int | None) -> bool:
    """Times a year told by the seasons, months or dates named: "kokoontui keväällä ja syksyllä", "tehtiin
    huhtikuussa ja uusittiin marraskuussa", "koolle 15.3. ja 18.10." are twice. Dates are no numbers here."""
    moved = {i for i, forms in enumerate(text.forms) if forms & POSTPONED}  # "siirtyi syksystä": moved from, not held
    times = {base for i, word in enumerate(text.words) for base, case in _time_analyses(word, text.words[i + 1:i + 3])
             if not (case in _MOVED_CASES and moved & set(range(i - 3, i + 4)))}
    times |= set(re.findall(r"(?<![\d.])\d{1,2}\.\d{1,2}\.", text.window))
    dates = {m.group(0) for m in _MONTH_YEAR.finditer(text.window) if year and int(m.group(2)) == year}
    times |= dates if len(dates) == 1 else set()  # "Kysely 9/2105"; not "tehty 9/2100, käsitelty 11/2100"
    places = _places_listed(text, statement) if statement.unit == "krt/v" else []
    if len(places) > len(times) and not (text.numbers or text.written or text.negated):  # "Kysely tehtiin
        # kotihoidossa, kirjastossa ja liikuntapalveluissa", "Kirjaston ja uimahallin kyselyt tehtiin syksyllä"
        reading.actual = float(len(places))
        reading.reasons.append(f"{len(places)} times, once in each place named ({', '.join(places)})")
        return True
    if statement.unit != "krt/v" or len(times) < (1 if (statement.target or 0) <= 2 else 2) or text.numbers \
            or text.written or text.negated or text.has(NOT_DONE_VERBS):  # not "suunnittelu aloitettiin syksyllä";
        # "pidettiin huhtikuussa" against twice a year: once; "Kysely 9/2105"
        return False
    reading.actual = float(len(times))
    reading.reasons.append(f"{len(times)} time{'s' * (len(times) > 1)}, one for each season, month or date named "
                           f"({', '.join(sorted(times))})")
    return True


def _places_listed(text: _Text, statement: Statement) -> list[str]:
    """Places listed where the thing was done, once in each: three or more in one case ("kotihoidossa, kirjastossa
    ja liikuntapalveluissa"; two may be anything, "verkossa ja kirjastossa"), or owners of the things themselves,
    named in the plural ("kirjaston ja uimahallin asiakaskyselyt"); [] for none."""
    tokens = [*re.findall(r"[^\W\d_][\w-]*|,", text.window), "."]
    own = _content_forms(statement.topic)
    for cases, least in (({"sisaolento", "ulkoolento"}, 3), ({"omanto"}, 2)):
        run: list[str] = []
        for index, token in enumerate(tokens):
            in_case = any(a.case in cases and a.word_class == "nimisana" and a.base not in MONTHS and a.base not in
                          SEASONS for a in analyse(token))  # a place, not a time ("syyskuussa")
            if in_case and (not run or tokens[index - 1] in (",", "ja")):
                run.append(token)
            elif token not in (",", "ja"):
                owned = cases != {"omanto"} or is_plural_noun(token) and bool(_word_forms(token) & own)
                if len(run) >= least and owned:
                    return run
                run = [token] if in_case else []
    return []


#: A season or month near a move in these cases is when it was moved from or to ("syksyn foorumi siirtyy
#: tammikuulle"), not when it was held.
_MOVED_CASES = ("omanto", "sisaeronto", "ulkoeronto", "sisatulento", "ulkotulento")


def _time_analyses(word: str, following: list[str]) -> list[tuple[str, str]]:
    """(season or month, case) for a word naming one, the first part of a pair too: "huhti- ja lokakuussa",
    "kevät- että syyskauden" (a season's term, "syyskausi", is the season)."""
    if word.endswith("-") and len(word) > 2:
        month = next((w[w.find("kuu"):] for w in following if "kuu" in w), "")
        if month and any(a.case == "omanto" for a in analyse("huhti" + month)):
            return []  # "touko- ja kesäkuun aikana": one period, not two times
        word = word[:-1] + month if month else word[:-1]
    found = []
    for a in analyse(word):
        base = SEASON_TERMS.get(a.base[:-len("kausi")], "") if a.base.endswith("kausi") else a.base
        if base in SEASONS or base in MONTHS:
            found.append((base, a.case))
    return found


#: Two or more names in the genitive before what they own: "Hepolan ja Marttalan leikkipuistot".
_NAMES = re.compile(r"(?<![\w-])([A-ZÄÖÅ][a-zäöå-]+n(?:(?:,\s*|\s+ja\s+)[A-ZÄÖÅ][a-zäöå-]+n)+)"
                    r"\s+[a-zäöå]")


def named(text: str) -> list[str]:
    """The things a statement names, when it names two or more before a plural: "Hepolan ja Marttalan
    leikkipuistot" names Hepolan and Marttalan ("Kemin ja Tornion yhteinen suunnitelma" names no things)."""
    match = _NAMES.search(text)
    following = _words(text[match.end() - 1:])[:1] if match else []
    return re.split(r",\s*|\s+ja\s+", match.group(1)) if following and is_plural_noun(following[0]) else []


def _name_at(name: str, clause: str) -> bool:
    """The clause speaks of the name, in any case: "Syväkankaan" is found in "Syväkangas", "Syväkankaalla"."""
    stems = {name[:max(4, len(name) - 3)].casefold()} | {
        form[:max(4, len(form) - 2)] for form in lemmas(name) if form != name.casefold()}
    return any(word.casefold().startswith(tuple(stems)) for word in _words(clause))


def _names_window(statement: Statement, realisation: str) -> tuple[str, float] | None:
    """For a statement counting things it names, the realisation from the first clause naming one to the end of
    the last, and the clauses around them in their sentence, which may carry their verb ("Hepolan ja | Marttalan
    puistot kunnostettiin", "Kumpikin puisto otettiin käyttöön, | Hepola kesäkuussa ja Marttala elokuussa")."""
    spans = _clauses(realisation)
    at = [i for i, (a, b) in enumerate(spans) if any(_name_at(name, realisation[a:b]) for name in statement.named)]
    if not at:
        return None
    first = at[0] - (at[0] > 0 and not realisation[:spans[at[0]][0]].rstrip().endswith((".", "!", "?", ";")))
    return realisation[spans[first][0]:spans[min(at[-1] + 1, len(spans) - 1)][1]], 80.0


def _names_done(reading: Reading, text: _Text, statement: Statement, year: int | None) -> bool:
    """A target of the things a statement names: how many of them the text says are done ("Hepolan puisto
    otettiin käyttöön kesäkuussa ja Marttalan syyskuussa" is 2; "Kivikko valmistui, Hepola on tilattu" is 1)."""
    names = statement.named
    clauses = [text.window[a:b] for a, b in _clauses(text.window)]
    verdicts = [_done_in(clause, year) for clause in clauses]
    both = [i for i, clause in enumerate(clauses) if len(names) == 2 and any(
        lemmas(w) & {"kumpikin", "kummankin", "molempi"} for w in _words(clause))]  # "Kummankin puiston …"
    if names and both and not any(_name_at(name, text.window) for name in names) and verdicts[both[0]]:
        reading.actual, reading.certain = float(len(names)), False  # "Kumpikin puisto otettiin käyttöön"
        reading.reasons.append(f"both of the {len(names)} things it names done ('{_words(clauses[both[0]])[0]}')")
        return True
    done = []
    for name in names:
        at = next((i for i, clause in enumerate(clauses) if _name_at(name, clause)), None)
        if at is None:
            return False  # a name the text does not speak of: the other readings decide
        verdict = verdicts[at]
        if verdict is None and clauses[at].rstrip().endswith(" ja") and at + 1 < len(clauses):
            verdict = verdicts[at + 1]  # "Hepolan ja | Marttalan puistot kunnostettiin": the verb after
        if verdict is None and at:  # no verb of its own: "… otettiin käyttöön kesäkuussa ja Marttalan syyskuussa",
            # "Kumpikin puisto otettiin käyttöön, Hepola kesäkuussa ja | Marttala elokuussa": the nearest before
            verdict = next((v for v in reversed(verdicts[:at]) if v is not None), None)
        done += [name] if verdict else []
    if not names:
        return False
    reading.actual, reading.certain = float(len(done)), False
    reading.reasons.append(f"{len(done)} of the {len(names)} things it names done ({', '.join(done) or 'none'})")
    return True


def _done_in(clause: str, year: int | None) -> bool | None:
    """Whether a clause says its thing is done (a deed in the past, "valmis", "käytössä"), is not (a negation, a
    delay, an order, work under way, a later date), or neither (None)."""
    text = _Text.read(clause)
    if text.negated or _later_year(clause, year) or text.has(POSTPONED | CONTINUES | {"tilata"}):
        return False
    if _past_deed(text) or text.has({"valmis", "käytössä"}):
        return True
    # a verb of its own, not past ("suunnitellaan", "odottaa rahoitusta"): not done
    return False if any(is_verb(word) and "olla" not in lemmas(word) for word in text.words) else None


def _past_deed(text: _Text) -> bool:
    """A verb in the past tense that is not one of beginning, delay or stopping ("avattiin", "hyväksyttiin")."""
    return any(is_past(word) and not forms & (NOT_DONE_VERBS | POSTPONED)
               for word, forms in zip(text.words, text.forms))


def _continues(reading: Reading, text: _Text, statement: Statement, year: int | None) -> bool:
    if text.has(CONTINUES):
        reading.status = Status.IN_PROGRESS.value
        reading.reasons.append("the realisation says the work continues")
        return True
    return False


def _done_late(text: _Text, statement: Statement, year: int | None) -> str:
    """A date or month in the report's year after the statement's deadline month ("vasta 16.6.2126" against
    5/2126), as written; empty when none."""
    if year is None or not statement.deadline.startswith(f"{year}-"):
        return ""
    due = int(statement.deadline[5:7])
    dated = [m.group(0) for m in re.finditer(rf"\b\d{{1,2}}\.(\d{{1,2}})\.{year}\b", text.window)
             if int(m.group(1)) > due]
    named = [word for word, forms in zip(text.words, text.forms) for month in forms & MONTHS
             if _MONTH_ORDER.index(month) + 1 > due]
    return (dated + named + [""])[0]


def _affirmed(reading: Reading, text: _Text, statement: Statement, year: int | None) -> bool:
    done = text.has(AFFIRMS) or any(lemma in DONE_VERBS and is_past(word)
                                    for word, forms in zip(text.words, text.forms) for lemma in forms)
    late = _done_late(text, statement, year) if statement.kind == "yes_no" else ""
    if late and (done or _past_deed(text)) and text.has({"vasta"}):  # "hyväksyttiin vasta 16.6.2126" (5/2126)
        reading.status = Status.PARTIAL.value
        reading.reasons.append(f"done only after its deadline ('vasta … {late}'): partly, no value (check)")
        return True
    if statement.kind == "yes_no" and done and late:
        reading.actual = 1.0  # done after the deadline month: yes, but the analyst decides
        reading.reasons.append(f"done, but after its deadline ({late}): check")
        return True
    if statement.kind == "yes_no" and done:
        reading.actual, reading.certain = 1.0, True
        reading.reasons.append("the realisation says it is done or in use")
        return True
    if (statement.kind == "yes_no" or statement.target == 1 and not (text.numbers or text.written)) \
            and _past_deed(text):  # "puisto avattiin 12.6.", "raportti käsiteltiin": one thing, done
        reading.actual = 1.0
        reading.reasons.append("the realisation tells in the past tense of it being done: yes (check the verb)")
        return True
    if statement.unit == "krt/v" and statement.target == 1 and done and not (text.numbers or text.written):
        reading.actual = 1.0  # "Kysely 1 krt/v" / "Kysely tehtiin keväällä": done, once
        reading.reasons.append("the realisation says it was done: once")
        return True
    dated = [m for m in re.finditer(rf"\b\d{{1,2}}\.\d{{1,2}}\.({_YEAR_DIGITS})\b", text.window)]
    if statement.kind == "yes_no" and dated and all(int(m.group(1)) == year for m in dated) and not text.negated:
        reading.actual = 1.0  # "Vuosiraportti lautakunnassa 20.5.2087.": dated within the year, no verb
        reading.reasons.append(f"the realisation dates it within the year ({dated[0].group(0)}): yes (check it)")
        return True
    return False


def _windows(statements: list[Statement], paragraphs: list[str], written_in: list[int] | None = None
             ) -> list[tuple[str, float]]:
    """The realisation text that speaks of each statement, and how sure that is (0-100).

    With several paragraphs, each statement goes to the paragraph that speaks of it best (a value is
    never taken from another statement's paragraph); statements sharing a paragraph split it at their
    anchors. A statement no paragraph speaks of (score under 50) gets no text. When the metric cell has
    as many paragraphs as the realisation (``written_in``: each statement's metric paragraph), or there
    are as many statements as paragraphs, each paragraph answers one of them: the best pairs first,
    then the rest in order.
    """
    realisation = " ".join(paragraphs)
    if len(statements) == 1:  # one statement: the whole realisation speaks of it
        return [(realisation, 100.0)]
    forms = [_content_forms(statement.topic) for statement in statements]
    statements = [replace(statement, common=frozenset(own & set().union(*forms[:i], *forms[i + 1:])))
                  for i, (statement, own) in enumerate(zip(statements, forms))]
    if len(paragraphs) <= 1:
        return _anchor_windows(statements, realisation)
    windows: list[tuple[str, float] | None] = [None] * len(statements)
    scored = [_paragraph_scores(statement, paragraphs) for statement in statements]
    if written_in is None or len(set(written_in)) != len(paragraphs):
        written_in = list(range(len(statements)))  # one statement to a paragraph, if their counts agree
    if len(set(written_in)) == len(paragraphs):
        groups = _pair_paragraphs(scored, written_in)
    else:
        groups = {}
        for i, (shared, fuzzy, scores) in enumerate(scored):
            # Shared base forms decide first ("1-6 lk" against "7-9 lk"), the fuzzy anchor between equals.
            best = max(range(len(paragraphs)), key=lambda p: (shared[p], fuzzy[p]))
            if scores[best] >= 50:
                groups.setdefault(best, []).append(i)
            else:
                windows[i] = ("", scores[best])
    for p, members in groups.items():
        shared = _anchor_windows([statements[i] for i in members], paragraphs[p])
        for i, window in zip(members, shared):
            windows[i] = window
    return windows  # type: ignore[return-value]


def _refers_back(statement: Statement, text: str, clauses: list[tuple[int, int]], index: int, end: int) -> bool:
    """A share whose clause refers back to a whole said in the clause before: "…myytiin 1 712, niistä
    yrityksille 257", "Avustusta sai 51 yhdistystä; kumppanuussopimus on niistä 49:n kanssa"."""
    if statement.kind != "share" or not index:
        return False
    words = _words(text[clauses[index][0]:end])
    every = {i for i, w in enumerate(words[:2]) if w.casefold() == "joka" and i + 1 < len(words)
             and lemmas(words[i + 1]) & set(ORDINALS)}  # "yläkoululaisista joka toinen": every other, a share
    return any(lemmas(w) & BACK_REFERENCES for i, w in enumerate(words[:2]) if i not in every) or any(
        w.casefold() in {"joista", "niistä", "heistä", "joiden", "niiden"} for w in words[2:6])  # not "joka toinen"


def _paragraph_scores(statement: Statement, paragraphs: list[str]) -> tuple[list[float], list[float], list[float]]:
    """How well each paragraph speaks of a statement: shared base forms (share of the statement's, and of its
    ``echo`` a little), the fuzzy anchor score, and the two combined (0-100)."""
    shared = [_overlap(statement, _clause_forms(paragraph)) for paragraph in paragraphs]
    fuzzy = [_anchor(statement.topic, paragraph)[1] for paragraph in paragraphs]
    own = [_overlap(replace(statement, echo=frozenset()), _clause_forms(paragraph)) for paragraph in paragraphs]
    return shared, fuzzy, [max(f, 60 + 40 * o) if o else f for f, o in zip(fuzzy, own)]  # last year's words: no score


def _pair_paragraphs(scored: list[tuple[list[float], list[float], list[float]]], written_in: list[int]
                     ) -> dict[int, list[int]]:
    """Each metric paragraph (its statements together) to one realisation paragraph: the best pairs first
    (shared base forms, then the fuzzy anchor), the rest in order."""
    members: dict[int, list[int]] = {}
    for i, group in enumerate(written_in):
        members.setdefault(group, []).append(i)
    count = len(scored[0][0])
    pairs = sorted(((max(scored[i][0][p] for i in group), max(scored[i][1][p] for i in group), -g, -p)
                    for g, group in members.items() for p in range(count)), reverse=True)
    chosen: dict[int, int] = {}
    for shared, fuzzy, g, p in pairs:
        if (shared or fuzzy >= 80) and -g not in chosen and -p not in chosen.values():
            chosen[-g] = -p
    free = [p for p in range(count) if p not in chosen.values()]
    for g in members:
        if g not in chosen and free:
            chosen[g] = free.pop(0)
    return {p: members[g] for g, p in chosen.items()}


def _anchor_windows(statements: list[Statement], text: str) -> list[tuple[str, float]]:
    """One text shared by statements: each statement takes the clause whose words (base forms and compound
    parts, then its echo's) it shares most, up to the next clause another statement takes; without any
    shared word, the fuzzy anchor decides."""
    clauses = _clauses(text)
    if len(statements) == 1:  # the one statement of this paragraph: from the clause that speaks of it
        shared = [_overlap(statements[0], _clause_forms(text[a:b])) for a, b in clauses]
        index = max(range(len(clauses)), key=shared.__getitem__) if max(shared) > 1 / ECHO_SHARE else 0
        index -= _refers_back(statements[0], text, clauses, index, len(text)) or _value_before(text, clauses, index)
        return [(text[clauses[index][0]:], _anchor(statements[0].topic, text)[1])]
    overlaps = [[_overlap(statement, _clause_forms(text[a:b])) for a, b in clauses] for statement in statements]
    unmatched = [i for i, row in enumerate(overlaps) if max(row) == 0]
    # A statement sharing no word with any clause may still be spoken of in the clause no other statement
    # takes, when it states a target ("myönteisiä päätöksiä vähintään kaksi" / "joista kolmelle myönnettiin");
    # a bare count or name sharing no word is more likely not spoken of at all: then the fuzzy anchors decide.
    if len(unmatched) == len(statements) or any(statements[i].target is None for i in unmatched) \
            or len(unmatched) > len(clauses) - (len(statements) - len(unmatched)):
        return _fuzzy_windows(statements, text)
    best = _best_pairs(overlaps)
    taken_by = {pair[0] for pair in best if pair}
    free = [c for c in range(len(clauses)) if c not in taken_by]
    for i, row in enumerate(overlaps):
        if best[i] is None and max(row) <= 1 / ECHO_SHARE and free:  # no own word: the free clause a typo'd word is
            start, score = _anchor(statements[i].topic, text)  # like ("Koulupudokaita"), or the first free one
            alike = [c for c in free if clauses[c][0] <= start < clauses[c][1]] if score >= 80 else []
            best[i] = ((alike or free)[0], 0.25)
            free.remove(best[i][0])
        elif best[i] is None:  # more statements than clauses: share the best clause
            c = max(range(len(clauses)), key=row.__getitem__)
            best[i] = (c, row[c])
    taken = sorted({index for index, _ in best})  # type: ignore[misc]
    windows = []
    for statement, (index, overlap) in zip(statements, best):  # type: ignore[misc]
        later = [t for t in taken if t > index]
        end = clauses[later[0]][0] if later else len(text)
        start = clauses[index][0]
        if _refers_back(statement, text, clauses, index, end) or (
                index - 1 not in taken and _value_before(text, clauses, index)):
            start = clauses[index - 1][0]
        if end < len(text) and text[start:end].rstrip().endswith(" ja") and not _counts(text[start:end]):
            end = next((b for a, b in clauses if a == end), end)  # "Ajanvarauksen ja | palautteiden osuudet 99,7
            # ja 99,5 %": both told in the clause after
        windows.append((text[start:end], 60 + 40 * overlap))
    return windows


def _best_pairs(overlaps: list[list[float]]) -> list[tuple[int, float] | None]:
    """Each statement's clause, one clause to a statement, among the clauses that speak of it (``overlaps``:
    statement by clause): the best pairs first. Between clauses a statement's words name equally, it takes the
    one the other statements' words name least, then the earlier: "chat 14 palvelussa" leaves "Chat-palvelun
    arvosana oli 3,8" to the statement on the chat's grade."""
    best: list[tuple[int, float] | None] = [None] * len(overlaps)
    taken: set[int] = set()
    for overlap, _, i, c in sorted(((o, -c, i, c) for i, row in enumerate(overlaps) for c, o in enumerate(row) if o),
                                   reverse=True):
        if best[i] is not None or c in taken:
            continue
        ties = [t for t, o in enumerate(overlaps[i]) if o == overlap and t not in taken]
        wanted = {t: sum(row[t] for j, row in enumerate(overlaps) if j != i and best[j] is None) for t in ties}
        c = min(ties, key=lambda t: (wanted[t], t))
        best[i] = (c, overlap)
        taken.add(c)
    return best


#: What last year's quote counts in pairing against the statement's own words: all its words together weigh
#: less than any one word of the statement, so they only decide between clauses the statement's words cannot.
ECHO_SHARE = 1000

#: What a word the row's other statements say too counts against a word of the statement's own.
COMMON_WEIGHT = 0.5


def _overlap(statement: Statement, clause: set[str]) -> float:
    """The share of a statement's words a clause names, plus the share of its echo's over :data:`ECHO_SHARE`."""
    own, echo = _content_forms(statement.topic), statement.echo

    def weight(forms: set[str]) -> float:
        return len(forms - statement.common) + COMMON_WEIGHT * len(forms & statement.common)
    return weight(own & clause) / max(weight(own), 1e-9) + len(echo & clause) / max(len(echo), 1) / ECHO_SHARE


def _value_before(text: str, clauses: list[tuple[int, int]], index: int) -> bool:
    """A clause without a value whose value ends the clause before it, in the same sentence: "Tiedotteista
    98 % | oli selkokielisiä", "Kerhoissa kävi 2/3 | oppilaista", "Yhdeksän yksikköä kahdestatoista | haki"."""
    if not index or _counts(text[clauses[index][0]:clauses[index][1]]):
        return False
    before = text[clauses[index - 1][0]:clauses[index - 1][1]].rstrip()
    last = (before.split() or [""])[-1]  # "Yhdeksän tulosyksikköä kahdestatoista | haki hankerahoitusta"
    rest = re.split(r"(?<=[.;!?])\s", text[clauses[index][0]:])[0]
    if before.endswith(",") and (_counts(rest) or (_words(rest) or [""])[0].casefold() not in GOES_ON):
        return False  # after a comma only what goes on of it ("Koulutuksia 16, | mukaan lukien …"), not "oli
        # 16 000, | ja paketteja, … myytiin 2 600" nor "Kävijöitä 92 000, | seuratuen haku siirtyi …"
    return not before.endswith((".", ";", "!", "?")) and bool(re.search(r"\d\s*%?,?$", before)
                                                              or numeral_value(last) is not None and is_elative(last))


AVERAGES = {"keskimäärin", "keskiarvo"}

#: Words that go on of what was just said: "Koulutuksia 16, mukaan lukien …", "…, eli kaikki".
GOES_ON = {"mukaan", "eli", "mikä", "joista", "niistä", "josta", "joka", "jotka"}

#: A grading scale is no group: "asteikolla 1–5", "4,0 (1–5)".
_SCALE = re.compile(r"asteik\w*\s*\d{1,2}\s*[-–]\s*\d{1,2}|\d,\d+\s*\(\s*[01]\s*[-–]\s*(?:4|5|7|10)\s*\)",
                    re.IGNORECASE)

#: School stages by the grades they are: "alakoulussa" is grades 1-6.
STAGES = {"alakoulu": "1-6", "yläkoulu": "7-9", "alaluokka": "1-6", "yläluokka": "7-9"}


def _group_labels(text: str) -> set[str]:
    """The groups a text names, alike however written: "1-6 lk", "1–6", "1.–6. luokat", "alakoulu" are all 1-6."""
    labels = {f"{a}-{b}" for a, b in re.findall(r"(?<![\d,.])(\d{1,2})\.?\s*[-–]\s*(\d{1,2})(?![\d,])",
                                                _SCALE.sub(" ", text))}
    return labels | {STAGES[form] for word in _words(text) for form in lemmas(word) if form in STAGES}


def _clause_forms(text: str) -> set[str]:
    return set().union(_group_labels(text), *[_word_forms(w) for w in _words(text)])


def _word_forms(word: str) -> set[str]:
    """A word's base forms, and each part's of a hyphenated compound ("Chat-palvelu": chat, palvelu)."""
    parts = [part for part in word.split("-") if len(part) > 2] if "-" in word.strip("-") else []
    forms = lemmas(word).union(head(word), guesses(word), *[lemmas(part) for part in parts])
    return forms | _derived_from(word)


def _derived_from(word: str) -> set[str]:
    """The school level a "-lainen" pupil belongs to, which Voikko gives no word base for: "yläkoululainen" (a
    pupil of the upper school) is of "yläkoulu", as a statement on "yläkoulujen kerhot" says. Only when that is a
    compound Voikko knows ("ylä" + "koulu"): "koululainen", "kesäläinen" or "lukiolainen" tie to no other word."""
    return {stem for a in analyse(word) for ending in ("lainen", "läinen") if a.base.endswith(ending)
            for stem in [a.base[:-len(ending)]] if any(b.parts or b.pieces for b in analyse(stem))}


#: Words that say how much or that something is, not what: no statement is found by them.
FUNCTION_WORDS = AT_LEAST | AT_MOST | ALL_WORDS | {"olla", "kanssa", "vuosi"}


def _content_forms(text: str) -> set[str]:
    """The base forms (and compound parts) of a statement's content words, for matching clauses."""
    forms: set[str] = _group_labels(text)  # "1-6 lk", "7-9 lk": which group
    for word in _words(text):
        word_forms = _word_forms(word)
        if len(word) > 3 and not word_forms & FUNCTION_WORDS:
            forms |= word_forms - {word.casefold()} or word_forms
    return forms


def _clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of each clause: split at sentence ends, semicolons, commas, a capitalised word after
    two words (the report often leaves out the full stop), and after a value that another one follows
    ("kokoontui kolmesti asiakaskyselyyn vastasi 412": a list run together)."""
    tokens = list(re.finditer(r"\S+", text))
    values = [_is_value(t.group(0)) for t in tokens]
    starts = [0]
    words = depth = begun = 0
    for index, match in enumerate(tokens):
        before = text[:match.start()].rstrip()
        word = match.group(0)
        ends = _sentence_end(before, word)
        ready = words >= 2 or words and ends and _capitalised(word)  # a full stop splits even after one word
        aside = before.endswith(")") and values[index] and not any(values[begun:index])  # "Vanhusneuvosto (uusi
        # mittari) neljästi": a name, an aside, then its value
        if word in ("*", "•") and words:  # a bullet list: "* koulupudokkaita ei ollut * koulutuksia …"
            starts.append(match.start())
            words, begun = -1, index
        elif ready and not depth and not aside and (_capitalised(word) or ends or before.endswith((",", ")"))
                                    or re.search(r"\s[-–]$", before) and not word[:1].isdigit()
                                    or (before.endswith(" ja") and words >= 3)
                                    or _after_value(tokens, values, index)
                                    or _group_of_values(tokens, values, index)
                                    or _numeral_after_digits(tokens, index)
                                    or _group_label_after_value(tokens, values, index)):
            starts.append(match.start())
            words, begun = 0, index
        words += 1
        depth = max(0, depth + match.group(0).count("(") - match.group(0).count(")"))  # never inside "( … )"
    return [(a, b) for a, b in zip(starts, [*starts[1:], len(text)])]


def _counted_noun(word: str, adjective: bool = False) -> bool:
    """A noun (or, with ``adjective``, an adjective) in the partitive singular, as after a number: "24 tapahtumaa",
    "134 nuorta"."""
    classes = ("laatusana", "nimisana_laatusana") if adjective else ("nimisana",)
    return any(a.case == "osanto" and a.number == "singular" and a.word_class in classes
               for a in analyse(word.strip(".,;:")))


def _numeral_after_digits(tokens: list[re.Match], index: int) -> bool:
    """A number in words right after one in digits begins the next item: "yrityksille 1 090 kolme uutta …"."""
    word = tokens[index].group(0).strip(".,;:")
    return bool(index and re.search(r"\d$", tokens[index - 1].group(0)) and word.isalpha()
                and word.casefold() not in SCALES and numeral_value(word) is not None)


def _group_label_after_value(tokens: list[re.Match], values: list[bool], index: int) -> bool:
    """A group's label after a value (and its unit) begins the next group's: "7-9 lk 20,4 1-6 lk 20,9"."""
    if not index or not re.match(r"\d+\s*[-–]\s*\d+$", tokens[index].group(0)):
        return False
    after_value = values[index - 1] or index > 1 and values[index - 2] and \
        tokens[index - 1].group(0).casefold() in UNIT_WORDS
    return bool(after_value and index + 1 < len(tokens)
                and tokens[index + 1].group(0).casefold().startswith(("lk", "luok")))


def _is_value(token: str) -> bool:
    word = token.strip(".,;:()")
    return bool(re.search(r"\d", word)) or word.casefold() == "yhtään" or (
        word.isalpha() and (numeral_value(word) is not None or once(word) or bool(lemmas(word) & set(FRACTIONS))))


def _group_of_values(tokens: list[re.Match], values: list[bool], index: int) -> bool:
    """A plural noun in the elative with a value just after it starts a clause of its own: "Kouluissa toteutui
    päiväkodeista 14 viidestätoista" (of the day-care centres, 14 out of 15)."""
    word = tokens[index].group(0).strip(".,;:")
    if not word.isalpha() or not word[:1].islower() or not any(values[index + 1:index + 3]) \
            or tokens[index].group(0)[-1] in ".,;:":  # "71 prosenttia oppilaista, kolme …": it ends a clause
        return False
    percent = tokens[index - 1].group(0).strip(".,") if index >= 2 and values[index - 2] else ""
    if (percent == "%" or lemmas(percent) & PERCENT_WORDS) and not values[index + 1]:  # "99,8 % ajanvarauksista
        return False  # ja 99,3 % palautteista", but "98,8 % | palautteista 96 prosenttia"
    analyses = analyse(word)
    if index and values[index - 1] and any(a.case == "osanto" for a in analyses):
        return False  # "1 010 alakoululaista 1 230:stä": the noun counted (a partitive Voikko also reads as elative)
    return any(a.case == "sisaeronto" and a.number == "plural" and a.word_class == "nimisana" for a in analyses)


def _after_value(tokens: list[re.Match], values: list[bool], index: int) -> bool:
    """A word that starts a new clause after a value (and its unit), unless the value begins its clause and
    no other value follows soon ("Kolme uutta yhdistystä perustettu"), and unless it is the thing counted
    ("24 tapahtumaa", "kuuteentoista kiinteistöön")."""
    word = tokens[index].group(0)
    if not word[:1].isalpha() or not word[:1].islower() or values[index] \
            or word.casefold().strip(".,;:") in UNIT_WORDS | {"ja", "sekä", "tai", "eli"} \
            or word.casefold().startswith(("milj", "tuha")) \
            or word.casefold().startswith(("lk", "ka", "luok")) \
            or lemmas(word.strip(".,;:")) & (UNIT_LEMMAS | MORE | LESS):  # "1-6 lk", "lk ka 20": a group's label;
        return False  # "73,1 prosentista"; "kolme vähemmän kuin 2122": how it compares
    last = index - 1
    unit = last >= 0 and tokens[last].group(0).casefold().strip(".,") in UNIT_WORDS
    counted = not unit and last >= 1 and values[last - 1] and not values[last] and (
        _counted_noun(tokens[last].group(0)) or _counted_noun(tokens[last].group(0), adjective=True)
        and not any(a.case == "omanto" or a.case == "osanto" and a.number == "singular"
                    for a in analyse(word.strip(".,;:"))))  # "152 nuorta | koulupudokkaita", not "kolme uutta yritystä"
    unit_between = unit or counted  # "134 nuorta koulupudokkaita …": the thing counted stands where a unit would
    last -= unit_between
    if last < 0 or not values[last] or (unit_between and tokens[index - 1].group(0).casefold() == "lk"):
        return False  # "7–9 lk alle 20": a group's label, not a value
    first = last  # the whole value: "2 900", "412 / 1 530", "kuusi kahdeksasta", "Kaikki kymmenen"
    while first > 0 and (values[first - 1] or tokens[first - 1].group(0) == "/"
                         or lemmas(tokens[first - 1].group(0)) & ALL_WORDS):
        first -= 1
    ahead = values[index + 1:index + (3 if counted else 4)]
    begins = first == 0 or tokens[first - 1].group(0)[-1:] in ".,;:"
    if begins and (not any(ahead) or counted and any(a.tense for a in analyse(word.strip(".,;:")))):
        return False  # "Kahdeksan tulosyksikköä haki …, neljä ei": the count is the subject of the verb after it
    following = " ".join(t.group(0) for t in tokens[index + 1:index + 3])  # "1 230:stä" is two tokens
    if index + 1 < len(tokens) and (_of_a_whole(tokens[index + 1].group(0)) or _of_a_whole(following)) \
            or is_negation(word.strip(".,;:")):
        return False  # "39 palvelussa 40:stä": a part, its noun and the whole; "yksi sadasta ei ollut": what is not
    percent = tokens[index - 1].group(0).strip(".,")
    if unit and (percent == "%" or lemmas(percent) & PERCENT_WORDS) and _is_elative_noun(word) and (
            "tavoite" not in lemmas(word.strip(".,;:")) or word[-1] in ".,;:" or index + 1 == len(tokens)):
        return False  # "73 prosenttia oppilaista", "94 % tavoitteesta.": what the share is of; but "90 % |
        # tavoitteesta energiankulutuksen vähenemä …" runs on into the next item
    if unit_between:  # "kymmenen kertaa vammaisneuvosto"
        return True
    if re.search(r"\d:\w+$", tokens[last].group(0)):  # "38:ssa palvelussa", "45:stä avustettavasta": its noun
        return False
    analyses = analyse(word.strip(".,;:"))
    counted = tokens[last].group(0)
    # A numeral's own case carried by the noun after it ("kuuteentoista kiinteistöön"); the nominative
    # ("viisi etsivä") does not count, a nominative numeral takes the partitive ("viisi koulua").
    cases = {a.case for a in analyse(counted)} - {"", "nimento"} if counted.isalpha() else set()
    return not ({a.case for a in analyses} & cases or any(a.case == "osanto" and a.number == "singular"
                                                          for a in analyses))


def _is_elative_noun(word: str) -> bool:
    return any(a.case == "sisaeronto" and a.word_class in ("nimisana", "laatusana", "nimisana_laatusana")
               for a in analyse(word.strip(".,;:")))


def _of_a_whole(token: str) -> bool:
    """A whole a part is told of: "40:stä", "neljästäkymmenestä"."""
    word = token.strip(".,;:()")
    return bool(re.fullmatch(r"\d+(?:[ \u00a0]\d{3})*:st[äa]", word)) or (
        word.isalpha() and numeral_value(word) is not None and is_elative(word))


def _fuzzy_windows(statements: list[Statement], text: str) -> list[tuple[str, float]]:
    """From each statement's fuzzy anchor to the next anchor."""
    anchors = [_anchor(s.topic, text) for s in statements]
    usable = sorted({start for start, score in anchors if score >= 50})
    windows = []
    for start, score in anchors:
        if score < 50:
            windows.append(("", score))
            continue
        later = [a for a in usable if a > start]
        windows.append((text[start:later[0] if later else len(text)], score))
    return windows


# --------------------------------------------------------------------------
# The draft


def slug(text: str) -> str:
    """A metric_id from text: lower-case ASCII letters, digits and underscores."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").casefold()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    return "_".join(words[:4])[:40].strip("_") or "metric"


def draft_annotations(report: Report, previous: pd.DataFrame | None = None) -> pd.DataFrame:
    """A draft annotation table for ``report`` in the contract's columns (plus ``confidence``).

    ``previous`` is the previous year's annotation table. The one matcher
    (:func:`kemi_analysis.authoring.matching.assign`, as ``kemi-analysis match``,
    with up to :data:`WORD_BONUS` points for shared base forms to tell apart
    statements of one cell) proposes its ``metric_id`` for the statements it fits, and such a row keeps
    the previous year's short ``metric`` text; every previous metric it finds
    nowhere gets a ``not_reported`` row of its own, so none is dropped silently.
    Every row's note begins with ``DRAFT``.
    """
    entries: list[tuple] = []  # (goal, statement, reading); statement None for a goal row without one
    metric_items = report.items[report.items["field"] == "metric"]
    known = [] if previous is None or "evidence_target" not in previous else \
        [t for t in dict.fromkeys(previous["evidence_target"].astype(str)) if t.strip()]
    goals = [(goal, *_statements_of(goal, metric_items, known)) for goal in report.goals.itertuples(index=False)]
    _hear_echoes([statements for _, statements, _ in goals], previous)
    for goal, statements, groups in goals:
        if not statements:
            entries.append((goal, None, None))
            continue
        entries += [(goal, *pair) for pair in _read_goal(goal, statements, groups, report.year)]
    drafted = [(goal, statement, reading) for goal, statement, reading in entries if statement is not None]
    ids, missing = _propose_ids([statement.topic for _, statement, _ in drafted], previous)
    used = {proposal.metric_id for proposal in ids if proposal.metric_id}
    rows, next_id = [], iter(ids)
    for goal, statement, reading in entries:
        if statement is None:
            rows.append(_empty_row(goal, " ".join(goal.realisation.split()), used))
        else:
            rows.append(_row(goal, statement, reading, next(next_id), used))
    for index, at, score in missing:
        goal = drafted[at][0] if at is not None else next(report.goals.itertuples(index=False))
        rows.append(_not_found_row(previous.iloc[index], goal, report.year, score))
    return pd.DataFrame(rows, columns=[*COLUMNS, "confidence"])


#: Words that tell no clause from another: units, bounds, "kaikki", "olla".
UNTOLD = FUNCTION_WORDS | UNIT_LEMMAS | {"tavoite"}


def _hear_echoes(rows: list[list[Statement]], previous: pd.DataFrame | None) -> None:
    """Give each statement, as its ``echo``, the words of the previous year's realisation quote for the metric
    it continues that tell its clause from its row's others: an author tends to tell a metric in last year's
    words ("Kuntosalikortteja myytiin"), which the metric cell may not use ("Liikuntapalvelujen kausikortit").
    Its numerals are last year's values, its units ("prosenttiin") and the words its row's other statements or
    echoes say tell nothing. Each statement gets, as its ``last``, that metric's actual value last year: a value
    told only as a change from it ("2 000 enemmän kuin vuonna 2119") is read on it."""
    if previous is None or "evidence_actual" not in previous:
        return
    statements = [statement for row in rows for statement in row]
    proposals, _ = _propose_ids([statement.topic for statement in statements], previous)
    if "actual_value" in previous:
        values = pd.to_numeric(previous["actual_value"], errors="coerce")
        last = {m: float(v) for m, v in zip(previous["metric_id"].astype(str), values) if pd.notna(v)}
        for statement, proposal in zip(statements, proposals):
            statement.last = last.get(proposal.metric_id) if proposal.metric_id else None
    said = previous["evidence_actual"].astype(object).fillna("").astype(str)  # NaN in a table built by hand
    quotes = dict(zip(previous["metric_id"].astype(str), said))
    heard = {id(statement): [lemmas(w) | guesses(w) for w in _words(quotes.get(proposal.metric_id, ""))  # no parts
                             if len(w) > 3 and numeral_value(w) is None and not lemmas(w) & UNTOLD]
             for statement, proposal in zip(statements, proposals) if proposal.metric_id}
    for row in rows:
        words = [heard.get(id(statement), []) for statement in row]
        said = [_content_forms(statement.topic).union(*heard_words) for statement, heard_words in zip(row, words)]
        for i, statement in enumerate(row):
            told = _content_forms(statement.topic).union(*said[:i], *said[i + 1:])
            statement.echo = frozenset().union(*[forms for forms in words[i] if not forms & told])


def _statements_of(goal, metric_items: pd.DataFrame, known: list[str]) -> tuple[list[Statement], list[int]]:
    """A goal row's metric statements, and the metric paragraph (item) each was written in."""
    statements: list[Statement] = []
    groups: list[int] = []
    for number, item in enumerate(metric_items[metric_items["source_line"] == goal.source_line]["text"]):
        for label, text in labelled(item) or [("", item)]:
            for part in [p for piece in split_known(text, known) for p in split_statements(piece)]:
                statements += [replace(one, label=label)
                               for statement in _inherit([read_statement(t, goal.source_line, goal.aim)
                                                          for t in split_measures(part)])
                               for one in split_groups(statement)]
                groups += [number] * (len(statements) - len(groups))
    return statements, groups


_LABEL = re.compile(r"(?:^|(?<=[\s>]))(\d{1,2}|[a-h])\)\s+")


def labelled(text: str) -> list[tuple[str, str]]:
    """A list numbered or lettered in order ("1) … 2) …", "a) … b) …"): each label and its text; [] for
    any other text. Labels out of order ("(n. 40)") are not a list.

    Examples
    --------
    >>> labelled("a) kysely 1 krt/v b) vastausprosentti 40")
    [('a', 'kysely 1 krt/v'), ('b', 'vastausprosentti 40')]
    """
    found = list(_LABEL.finditer(text))
    labels = [m.group(1) for m in found]
    for first in ("1", "a"):
        expected = [str(int(first) + i) if first.isdigit() else chr(ord(first) + i) for i in range(len(labels))]
        if len(labels) >= 2 and labels == expected:
            ends = [m.start() for m in found[1:]] + [len(text)]
            return [(m.group(1), text[m.end():end].strip(" ,;.")) for m, end in zip(found, ends)]
    return []


def _read_goal(goal, statements: list[Statement], groups: list[int], year: int) -> list[tuple[Statement, Reading]]:
    """What a goal row's realisation says of each of its statements."""
    realisation = " ".join(goal.realisation.split())
    paragraphs = [" ".join(p.split()) for p in goal.realisation.split("\n") if p.strip()]
    windows = _windows(statements, paragraphs, groups) if realisation else [("", 0.0)] * len(statements)
    answers = dict(labelled(realisation))
    if len(answers) >= 2 and all(statement.label in answers for statement in statements):
        windows = _labelled_windows(statements, answers)  # "1) 99,6 % 2) 98,8 %": answered by label
    windows = [statement.named and _names_window(statement, realisation) or window
               for statement, window in zip(statements, windows)]
    texts = [window for window, _ in windows]
    read = []
    for statement, (window, score) in zip(statements, windows):
        readings = _readings(statement, window, score, realisation, year)
        doubt = ""
        if window and texts.count(window) > 1:  # one text for two statements: at most one reading is right
            doubt = "the same realisation text speaks of another statement too"
        elif window and len(statements) > 1 and not _content_forms(statement.topic) & _clause_forms(window):
            doubt = "its text names none of the statement's words"  # paired by order or a fuzzy likeness
        elif window and len(statements) > 1 and _rival_clause(statement, window, realisation):
            doubt = "another part of the realisation names as many of the statement's words"
        elif window and re.match(r"[\s,]*(?:joista|niistä)\b", realisation[realisation.find(window) + len(window):]):
            doubt = "a part of it is told after it ('joista …'): the statement may be of a part"  # "kaikkiaan 790,
            # joista kotikäynneillä 342" for the library's count
        for _, reading in readings if doubt else []:
            reading.certain = False
            reading.reasons.append(doubt)
        read.append((statement, window, readings))
    _told_in_order(read)
    _one_value_per_text(read)
    _leftover(read, realisation, year)
    return [pair for _, _, readings in read for pair in readings]


def _leftover(read: list[tuple[Statement, str, list[tuple[Statement, Reading]]]], realisation: str, year: int) -> None:
    """A statement its text gave nothing for may be spoken of in a clause no other statement's reading took:
    when exactly one such clause reads a value for it, that value is proposed, never with high confidence."""
    if len(read) < 2:
        return
    quotes = [reading.quote for _, _, readings in read for _, reading in readings
              if reading.quote and (reading.actual is not None or reading.status)]
    free = [realisation[a:b].strip(" ,;.") for a, b in _clauses(realisation)]
    free = [clause for clause in free if clause and not any(clause in q or q in clause for q in quotes)]
    for statement, _, readings in read:
        if len(readings) != 1 or readings[0][1].actual is not None or readings[0][1].status:
            continue
        others = set().union(*[_content_forms(s.topic) for s, _, _ in read if s is not statement])
        own = _content_forms(statement.topic)
        found = [(clause, reading) for clause in free  # a clause naming another statement's words is that one's
                 if (own & _clause_forms(clause) or not others & _clause_forms(clause))
                 and (reading := read_realisation(clause, statement, year)).actual is not None]
        if len(found) != 1:
            continue
        clause, reading = found[0]
        free.remove(clause)
        reading.certain, reading.score = False, readings[0][1].score
        reading.reasons.append("read from the one clause no other statement's reading took")
        readings[0] = (statement, reading)
        _swap_if_named(read, statement, clause, year)


def _swap_if_named(read: list[tuple[Statement, str, list[tuple[Statement, Reading]]]], statement: Statement,
                   clause: str, year: int) -> None:
    """The left-over clause names none of a statement's words, but the one another statement read from names more
    of this one's than of its own ("Kävijöitä 98 000" / "omatoimikirjautumisia 23 870"): the two trade clauses."""
    own = _content_forms(statement.topic)
    if own & _clause_forms(clause):
        return
    named = [(other, readings) for other, _, readings in read if other is not statement and len(readings) == 1
             and readings[0][1].quote and len(own & _clause_forms(readings[0][1].quote))
             > len(_content_forms(other.topic) & _clause_forms(readings[0][1].quote))]
    if len(named) != 1:
        return
    other, readings = named[0]
    mine = next(r for s, _, r in read if s is statement)
    theirs, ours = read_realisation(clause, other, year), read_realisation(readings[0][1].quote, statement, year)
    for reading in (theirs, ours):
        reading.certain, reading.score = False, mine[0][1].score
        reading.reasons.append("its clause traded with another statement's: each names the other's words")
    readings[0], mine[0] = (other, theirs), (statement, ours)


def _rival_clause(statement: Statement, window: str, realisation: str) -> bool:
    """A clause outside the statement's text that names as many of its words as its text does: the pairing
    was a close call ("Sertifikaatti 15/16 päiväkodilla" / "ISO 45001 voimassa yhdeksässä koulussa")."""
    own = _content_forms(statement.topic)
    mine = len(own & _clause_forms(window))
    clauses = [realisation[a:b].strip(" ,;.") for a, b in _clauses(realisation)]
    return any(clause and clause not in window and len(own & _clause_forms(clause)) >= mine for clause in clauses)


def _labelled_windows(statements: list[Statement], answers: dict[str, str]) -> list[tuple[str, float]]:
    """Each statement's text in a realisation that answers the metric cell's list by its labels."""
    windows: list[tuple[str, float]] = [("", 0.0)] * len(statements)
    for label, answer in answers.items():
        members = [i for i, statement in enumerate(statements) if statement.label == label]
        shared = _anchor_windows([statements[i] for i in members], answer) if len(members) > 1 else [(answer, 100.0)]
        for i, window in zip(members, shared):
            windows[i] = window
    return windows


_TWO_VALUES = re.compile(rf"(?<![\d,])({_VALUE})\s*(?:%|prosenttia)?\s+ja\s+({_VALUE})(?![\d,])")


#: Words that tell of an earlier year: "edellisvuonna", "viime vuonna", "aiemmin".
LAST_YEAR = {"edellisvuosi", "edellinen", "viime", "aiemmin", "aiempi"}


def _near(statement: Statement, value: float) -> bool:
    """A value of the target's size (within a factor of five), or any value for a statement without one."""
    return not statement.target or statement.target / 5 <= value <= statement.target * 5


def _told_in_order(read: list[tuple[Statement, str, list[tuple[Statement, Reading]]]]) -> None:
    """Two statements given one text that names both and then two values ("Ajanvarauksista ja palautteista
    sähköisiä oli vastaavasti 99,7 ja 99,4 prosenttia"): each value is the statement's named in its place."""
    by_window: dict[str, list[tuple[Statement, Reading]]] = {}
    for statement, window, readings in read:
        if window and len(readings) == 1:
            by_window.setdefault(window, []).append(readings[0])
    for window in sorted(by_window, key=len):  # "Ajanvarauksen ja | palautteiden osuudet 99,7 ja 99,5 %"
        longer = [other for other in by_window if other != window and other.endswith(window)
                  and not _TWO_VALUES.search(other[:len(other) - len(window)])]
        if len(longer) == 1 and len(by_window[window]) == len(by_window[longer[0]]) == 1:
            by_window[longer[0]] += by_window.pop(window)
    for window, members in by_window.items():
        found = list(_TWO_VALUES.finditer(window))
        if len(members) != 2 or len(found) != 1 or members[0][0].kind != members[1][0].kind:
            continue
        values = [_number_value(found[0].group(1)), _number_value(found[0].group(2))]
        before = _Text.read(window[:found[0].start()])
        if before.has(LAST_YEAR) or not all(_near(statement, value) for (statement, _), value in zip(members, values)):
            continue  # "edellisvuonna 97 ja 96 %", "kasvoivat 4 ja 6 %" against 90 000
        forms = [_content_forms(statement.topic) for statement, _ in members]
        words = before.forms
        named = [next((i for i, f in enumerate(words) if f & (own - other)), None)
                 for own, other in (forms, forms[::-1])]
        if None in named or named[0] == named[1]:
            continue
        for (_, reading), value in zip(members, values if named[0] < named[1] else values[::-1]):
            reading.actual, reading.certain = value, False
            reading.reasons.append(f"{value:g} of two values, in the order the text names the two")


def _one_value_per_text(read: list[tuple[Statement, str, list[tuple[Statement, Reading]]]]) -> None:
    """Statements given the same text that read the same number from it: the number is one statement's, the one
    the text names first; the others are left without a value. A verdict (0
    none, 1 done, 100 all) may be said of several at once ("Kaikki koulut ja päiväkodit sertifioitu"), and so may
    a number the text says of both ("kumpikin", "molemmat")."""
    shared: dict[tuple[str, float], list[tuple[Statement, Reading]]] = {}
    for statement, window, readings in read:
        if window and len(readings) == 1 and readings[0][1].actual not in (None, 0.0, 1.0, 100.0):
            shared.setdefault((window, readings[0][1].actual), []).append((statement, readings[0][1]))
    for (window, value), members in shared.items():
        words = [_word_forms(w) for w in _words(window)]
        if any("molempi" in forms or "kumpi" in forms and w.casefold().endswith("kin")
               for w, forms in zip(_words(window), words)) or re.search(r"\bsekä\b.*\bettä\b", window):
            continue  # "kumpikin kahdeksan kertaa", "molemmissa 99,4 %": one number said of both
        first = [next((i for i, forms in enumerate(words) if forms & _content_forms(s.topic)), len(words))
                 for s, _ in members]
        told = _Text.read(window)
        at = [len(_words(window[:start])) for v, start, _ in told.numbers if v == value] + [
            i for v, _, i in told.written if v == value] or [len(words)]
        own = [next((_content_forms(w) for w in _words(s.topic) if _content_forms(w)), set()) for s, _ in members]
        own = [forms - set().union(*own[:k], *own[k + 1:]) for k, forms in enumerate(own)]  # its first word, alone
        near = [any(forms & own[k] and all("olla" in words[j] for j in range(i + 1, at[0]))
                    for i, forms in enumerate(words[:at[0]])) for k in range(len(members))]
        keep = min(range(len(members)), key=lambda k: (not near[k], first[k], k))  # the statement named right by
        # the number ("Lokakuun kyselyssä vastausprosentti oli 43"), else the one the text begins by naming
        for k, (_, reading) in enumerate(members):
            if k != keep:
                reading.actual, reading.status = None, ""
                reading.reasons.append(f"the text gives {value:g} to another statement: none read for this one")


def _readings(statement: Statement, window: str, score: float, realisation: str, year: int
              ) -> list[tuple[Statement, Reading]]:
    """What the realisation says of a statement: usually one reading; one per average ('ka') reported, the
    first with the statement's target and the others without ("1-6 lk ka 20,6; 7-9 lk ka 21,2")."""
    averages = list(_AVERAGE.finditer(window))
    if len(averages) > 1 and statement.kind != "yes_no":  # a budget kept is no average
        readings = []
        for index, match in enumerate(averages):
            own = statement if index == 0 or statement.target is None else replace(
                statement, target=None, comparator="", kind="count", reasons=["a further average, no target"])
            readings.append((own, Reading(quote=match.group(0), actual=float(match.group("value").replace(",", ".")),
                                          score=score, certain=True,
                                          reasons=["one of several averages ('ka') in the realisation"])))
        return readings
    if window:
        reading = read_realisation(window, statement, year)
    else:
        reading = Reading(reasons=["no realisation in the report" if not realisation
                                   else "no part of the realisation speaks of it"])
    reading.score = score
    return [(statement, reading)]


@dataclass
class _Proposal:
    """The ``metric_id`` proposed for a statement, why, and the previous year's short text for it."""

    metric_id: str = ""
    reason: str = "new metric_id"
    metric: str = ""


def _propose_ids(texts: list[str], previous: pd.DataFrame | None
                 ) -> tuple[list[_Proposal], list[tuple[int, int | None, float]]]:
    """The proposal for each statement text, and each previous row the matcher finds nowhere as
    ``(previous index, the statement it scores best against or None, that score)``."""
    ids = [_Proposal() for _ in texts]
    if previous is None or previous.empty:
        return ids, []
    previous = previous.reset_index(drop=True)
    if not texts:
        return ids, [(p, None, 0.0) for p in range(len(previous))]
    characters = score_matrix(previous, texts)  # the matcher's score; shared words only rank what passes it
    scores = np.where(characters >= MATCH_THRESHOLD, characters + _shared_word_bonus(previous, texts), characters)
    matched: set[int] = set()
    for t, proposed in assign(scores).items():
        best = proposed[0]  # the others are proposed for this text too; the analyst sees them in 'match'
        metric_id = previous["metric_id"].iloc[best]
        ids[t] = _Proposal(metric_id, f"metric_id from {metric_id!r} of the previous year "
                                      f"(score {characters[best, t]:.0f})", previous["metric"].iloc[best])
        matched.add(best)
    missing = [(p, int(scores[p].argmax()), float(scores[p].max())) for p in range(len(previous)) if p not in matched]
    return ids, missing


#: Up to how many points shared base forms add to the matcher's character score, to tell apart statements its
#: characters find alike ("… kaikille päiväkodeille" and "… kaikille kouluille" against "päiväkotien osuus").
WORD_BONUS = 5.0


def _shared_word_bonus(previous: pd.DataFrame, texts: list[str]) -> np.ndarray:
    """Previous rows x texts: :data:`WORD_BONUS` times the share of a text's content base forms its previous row
    (short text and quoted target) shares."""
    rows = [_content_forms(f"{m} {q}") for m, q in zip(previous["metric"].astype(str),
                                                      previous["evidence_target"].astype(str))]
    owns = [_content_forms(text) for text in texts]
    return np.array([[WORD_BONUS * len(row & own) / max(len(own), 1) for own in owns] for row in rows],
                    dtype=np.float32).reshape(len(rows), len(texts))


def _not_found_row(previous: pd.Series, goal, year: int, score: float) -> dict:
    """A row for a previous metric the new text does not speak of: kept, not reported, for the analyst."""
    return {"metric_id": previous["metric_id"], "aim": goal.aim, "source_line": goal.source_line,
            "metric": previous["metric"], "target_value": "", "target_unit": "", "comparator": "", "deadline": "",
            "actual_value": "", "status": Status.NOT_REPORTED.value, "evidence_target": "", "evidence_actual": "",
            "note": f"DRAFT, confidence low: the previous year's metric {previous['metric_id']!r} was not found in "
                    f"the {year} text (closest: line {goal.source_line}, score {score:.0f}); kept as not reported. "
                    "Move it to its goal row if the text speaks of it, or delete the row if the metric was dropped",
            "confidence": "low"}


def _unique(candidate: str, used: set[str]) -> str:
    name, n = candidate, 2
    while name in used:
        name = f"{candidate}_{n}"
        n += 1
    used.add(name)
    return name


def _row(goal, statement: Statement, reading: Reading, proposal: _Proposal, used: set[str]) -> dict:
    metric_id, id_reason = proposal.metric_id, proposal.reason
    if not metric_id:
        metric_id = _unique(slug(statement.text), used)
    has_target = statement.target is not None
    # High only when one reading was possible: a single number (or a plain yes) said of this statement alone.
    plain = reading.actual is not None and reading.certain and reading.score >= 80 and (has_target or
                                                                                      statement.kind == "count")
    other_size = plain and _of_another_size(statement, reading.actual)  # "kysely 1 krt/v" / "kutsuttiin 3 050"
    if plain and not other_size:
        confidence = "high"
    elif reading.actual is not None or reading.status:
        confidence = "medium"
    else:
        confidence = "low"
    reasons = statement.reasons + reading.reasons + [id_reason]
    if other_size:
        reasons.append(f"{reading.actual:g} is of another size than the target {statement.target:g}")
    if reading.score:
        reasons.append(f"realisation anchor score {reading.score:.0f}")
    return {
        "metric_id": metric_id,
        "aim": goal.aim,
        "source_line": goal.source_line,
        "metric": proposal.metric or statement.text[:120],
        "target_value": _number_text(statement.target),
        "target_unit": statement.unit,
        "comparator": statement.comparator if has_target else "",
        "deadline": statement.deadline,
        "actual_value": _number_text(reading.actual),
        "status": reading.status,
        "evidence_target": statement.text,
        "evidence_actual": reading.quote if (reading.actual is not None or reading.status or reading.quote) else "",
        "note": f"DRAFT, confidence {confidence}: " + "; ".join(reasons),
        "confidence": confidence,
    }


def _of_another_size(statement: Statement, actual: float | None) -> bool:
    """A value over ten times its target or under a tenth of it; none, or anything under an at-most target,
    is of any size."""
    if not statement.target or not actual or statement.comparator == "<=":
        return False
    return not 0.1 <= actual / statement.target <= 10


def _empty_row(goal, realisation: str, used: set[str]) -> dict:
    return {"metric_id": _unique(slug(goal.goal), used), "aim": goal.aim, "source_line": goal.source_line,
            "metric": goal.goal[:120], "target_value": "", "target_unit": "", "comparator": "", "deadline": "",
            "actual_value": "", "status": "" if realisation else Status.NOT_REPORTED.value, "evidence_target": "",
            "evidence_actual": "", "note": "DRAFT, confidence low: no metric statement found in the metric cell",
            "confidence": "low"}


def _number_text(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"


def write_draft(table: pd.DataFrame, path: str | Path, report: Report, *, force: bool = False) -> Path:
    """Write the draft in the contract's columns (the confidence is in each row's note), checked.

    Never overwrites: an existing file stops it with a :class:`DataError`;
    ``force`` replaces only a draft (a ``*.draft.csv`` file), never a curated
    one. The file is checked against ``report`` with every rule of the
    contract before it is moved into place.
    """
    from ..read.annotations import load_annotations

    path = Path(path)
    check_target(path)  # a folder, a link or a device is a usage error, never "exists"
    if path.exists() and not (force and path.name.endswith(DRAFT_SUFFIX)):
        hint = (f"--force replaces only a draft (a file whose name ends in {DRAFT_SUFFIX}); a curated file is "
                "never replaced: choose another --out" if force else
                f"choose another --out, or pass --force to replace a draft (*{DRAFT_SUFFIX})")
        raise DataError(f"{path.name} exists; the draft was not written.", path=path, hint=hint)
    try:
        with atomic_path(path, overwrite=force) as tmp:
            with tmp.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle, lineterminator="\n")
                writer.writerow(COLUMNS)
                writer.writerows(table[list(COLUMNS)].itertuples(index=False))
            load_annotations(tmp, report, name=path)  # its warnings name the file the analyst will open
    except FileExistsError:
        raise DataError(f"{path.name} appeared while the draft was written; it was left as it is.", path=path,
                        hint="run draft again with another --out.") from None
    return path
