"""Finnish words through Voikko (``libvoikko``): base forms, cases, compounds, numerals.

Base forms turn "kolmessa" into *kolme* and "kaikilla" into *kaikki*; word
classes tell numerals; word bases tell that "kokeiltu" comes from *kokeilla*
and that "kävijämäärä" is *kävijä* + *määrä*. Only drafting uses this module;
the report path never imports it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..errors import UsageError

#: The digit words, by base form. Compound numerals are composed of them (:func:`compose_numeral`).
NUMERALS = {"nolla": 0, "yksi": 1, "kaksi": 2, "kolme": 3, "neljä": 4, "viisi": 5, "kuusi": 6, "seitsemän": 7,
            "kahdeksan": 8, "yhdeksän": 9, "kymmenen": 10, "yksitoista": 11, "kaksitoista": 12, "sata": 100}


@lru_cache(maxsize=1)
def _voikko():
    try:
        import libvoikko
    except ImportError as exc:  # pragma: no cover - depends on the machine
        raise UsageError("drafting needs Voikko: install the libvoikko package and Debian's voikko-fi.",
                         hint="run 'make setup' (it installs both), or pip install libvoikko and "
                              "apt-get install libvoikko1 voikko-fi") from exc
    try:
        return libvoikko.Voikko("fi")
    except (OSError, libvoikko.VoikkoException) as exc:  # pragma: no cover
        raise UsageError(f"Voikko could not start: {exc}.", hint="apt-get install libvoikko1 voikko-fi") from exc


@dataclass(frozen=True)
class Analysis:
    """One of Voikko's readings of a word, lower-cased: its base form, word class, number, case, and for a
    participle ("kokeiltu") the verb it comes from ("kokeilla", read from Voikko's word bases)."""

    base: str
    word_class: str
    number: str
    case: str
    verb: str
    parts: tuple[str, ...] = ()  # a compound's parts' base forms ("kävijämäärä": kävijä, määrä)
    tense: str = ""  # a finite verb's tense: "past_imperfective" ("valmistui"), "present_simple" ("valmistuu")
    pieces: tuple[str, ...] = ()  # a compound's parts as written ("kyselyä" of "asiakaskyselyä")


@lru_cache(maxsize=65536)
def analyse(word: str) -> tuple[Analysis, ...]:
    """Voikko's analyses of a word."""
    result = []
    for analysis in _voikko().analyze(word):
        verb = ""
        if analysis.get("PARTICIPLE"):
            verbs = re.findall(r"\(([^()+]+)\)", analysis.get("WORDBASES", "").casefold())
            verb = verbs[0] if verbs else ""
        bases = tuple(b for b in re.findall(r"\(([^()+]+)\)", analysis.get("WORDBASES", "").casefold()) if len(b) > 2)
        result.append(Analysis(analysis.get("BASEFORM", "").casefold(), analysis.get("CLASS", ""),
                               analysis.get("NUMBER", "") or "", analysis.get("SIJAMUOTO", "") or "", verb,
                               bases if len(bases) > 1 else (), analysis.get("TENSE", "") or "",
                               _pieces(word, analysis.get("STRUCTURE", ""))))
    return tuple(result)


def _pieces(word: str, structure: str) -> tuple[str, ...]:
    """A compound's parts as written, from Voikko's structure ("=ppppppp=pppppp": "asiakas", "kysely"):
    the word bases give a part's deepest base ("kysellä"), not the noun the same part is standing alone."""
    pieces, letters = [], iter(word.casefold())
    for mark in structure:
        if mark == "=":
            pieces.append("")
        elif pieces:
            pieces[-1] += next(letters, "")
    return tuple(piece for piece in pieces if len(piece) > 2) if len(pieces) > 1 else ()


def head(word: str) -> set[str]:
    """The base forms of a compound's last part as written, its head ("asiakastyytyväisyyskyselyä": kysely, as
    "kyselyä" is); Voikko's word bases give the part's deepest base instead ("kysellä"). Empty for a simple word."""
    return {a.base for analysis in analyse(word) if analysis.pieces for a in analyse(analysis.pieces[-1])}


@lru_cache(maxsize=16384)
def guesses(word: str) -> frozenset[str]:
    """For a word Voikko does not know (an OCR typo: "jokaisesa", "Koulupudokaita"), the base forms of its first
    three spelling suggestions, and of their heads; empty for a known or a short word. Drafting pairs words by
    them and reads a target's words with them; a realisation's words (its numbers, negations, tenses) are never
    read from a guess."""
    if len(word) < 5 or not word.isalpha() or analyse(word):
        return frozenset()
    suggestions = [s for s in _voikko().suggest(word)[:3] if s.isalpha()]
    return frozenset().union(*[lemmas(s) | head(s) for s in suggestions])


def lemmas(word: str) -> set[str]:
    """Every base form of a word, and the verb of a participle (kokeiltu -> kokeilla)."""
    forms = {word.casefold()}
    for analysis in analyse(word):
        forms.add(analysis.base)
        forms.update(analysis.parts)
        if analysis.verb:
            forms.add(analysis.verb)
    return forms


#: The parts compound numerals are built of, as Voikko gives their base form ("satakaksikymmentäviisi"):
#: a digit word, or a multiplier of the digits before it ("kaksi|kymmentä"), or "toista" (+10, "kolme|toista").
NUMERAL_PARTS = [(word, "digit", value) for word, value in NUMERALS.items()] + [
    ("kymmentä", "times", 10), ("sataa", "times", 100), ("tuhatta", "thousands", 1000), ("tuhat", "digit", 1000),
    ("toista", "teen", 10)]
NUMERAL_PARTS.sort(key=lambda part: -len(part[0]))  # "kymmenen" before "kymmentä" can be told by length


def compose_numeral(base: str) -> int | None:
    """The value of a numeral's base form, compound or not; None when it is not one.

    Examples
    --------
    >>> compose_numeral("satakaksikymmentäviisi"), compose_numeral("kolmetoista"), compose_numeral("kaksituhatta")
    (125, 13, 2000)
    >>> compose_numeral("kymmenen"), compose_numeral("tuhatkaksisataa"), compose_numeral("kissa")
    (10, 1200, None)
    """
    total = group = pending = 0
    rest = base
    while rest:
        part = next((p for p in NUMERAL_PARTS if rest.startswith(p[0])), None)
        if part is None:
            return None
        word, kind, value = part
        rest = rest[len(word):]
        if kind == "digit":
            group, pending = group + pending, value
        elif kind == "teen":
            group, pending = group + pending + value, 0
        elif kind == "times":
            group, pending = group + (pending or 1) * value, 0
        else:  # thousands
            total, group, pending = total + (group + pending or 1) * value, 0, 0
    return total + group + pending


#: Numerals said roughly, which Voikko knows as numerals ("viitisenkymmentä", about fifty): their digit word.
APPROXIMATE = {"parisen": "kaksi", "kolmisen": "kolme", "nelisen": "neljä", "viitisen": "viisi", "kuutisen": "kuusi",
               "kymmenisen": "kymmenen"}


def approximate(word: str) -> bool:
    """True for a numeral said roughly: "kolmisensataa" (about three hundred), "kymmenisen" (about ten)."""
    return any(a.word_class == "lukusana" and a.base.startswith(tuple(APPROXIMATE)) for a in analyse(word))


def numeral_value(word: str) -> int | None:
    """The value of a numeral word in any case ("kolmessa" -> 3, "kahdellekymmenelle" -> 20); None for a
    plural ("kymmenien", tens of) and for other words."""
    for analysis in analyse(word):
        if analysis.word_class == "lukusana" and analysis.number == "plural":
            continue
        if analysis.word_class == "lukusana" or analysis.base in NUMERALS:
            base = next((digit + analysis.base[len(rough):] for rough, digit in APPROXIMATE.items()
                         if analysis.base.startswith(rough)), analysis.base)  # "viitisenkymmentä": viisikymmentä
            value = compose_numeral(base)
            if value is not None:
                return value
    return compose_numeral(word.casefold()) if word.isalpha() else None  # "kymmenentuhatta", which Voikko reads
    # as an ash (kymmenentuhka)


def is_elative(word: str) -> bool:
    """True for a word in the elative case ("kymmenestä", out of ten): the whole of a proportion."""
    return any(analysis.case == "sisaeronto" for analysis in analyse(word))


def is_negation(word: str) -> bool:
    """True for the negation verb ("ei", "eivät")."""
    return any(analysis.word_class == "kieltosana" for analysis in analyse(word))


def is_plural_noun(word: str) -> bool:
    """True for a noun or adjective in the plural nominative ("yritykset", "uudet"): things to count."""
    return any(a.number == "plural" and a.case == "nimento" and a.word_class in ("nimisana", "laatusana", "teonsana")
               for a in analyse(word))


def is_verb(word: str) -> bool:
    """True for a verb in any form ("suunnitellaan", "odottaa")."""
    return any(analysis.word_class == "teonsana" for analysis in analyse(word))


def once(word: str) -> bool:
    """True for "kerran" (once): the genitive of *kerta*, a count of 1."""
    return any(a.base == "kerta" and a.case == "omanto" and a.number == "singular" for a in analyse(word))


def is_past(word: str) -> bool:
    """True for a verb in the past tense ("valmistui", "tehtiin"): done, unlike "valmistuu" (will be)."""
    return any(analysis.tense == "past_imperfective" for analysis in analyse(word))
