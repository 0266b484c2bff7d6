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
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz, utils

from ..errors import DataError, UsageError
from ..files import atomic_path
from ..read.parser import Report
from ..schemas import ANNOTATION_COLUMNS as COLUMNS
from ..schemas import Status

#: A draft annotation file's name ends so: ``2023.draft.csv``.
DRAFT_SUFFIX = ".draft.csv"
from .matching import assign, score_matrix

logger = logging.getLogger(__name__)

# Base forms -> meaning. Voikko gives the base form; these are the words' meanings, not suffix rules.
NUMERALS = {"nolla": 0, "yksi": 1, "kaksi": 2, "kolme": 3, "neljä": 4, "viisi": 5, "kuusi": 6, "seitsemän": 7,
            "kahdeksan": 8, "yhdeksän": 9, "kymmenen": 10, "yksitoista": 11, "kaksitoista": 12, "sata": 100}
ALL_WORDS = {"kaikki", "jokainen", "joka", "jok"}  # "all", "every"
HALF_WORDS = {"puoli", "puolet"}  # "half"
AT_LEAST = {"vähintään"}
AT_MOST = {"enintään", "korkeintaan"}
COUNT_NOUNS = {"lkm", "lukumäärä", "määrä", "myyntimäärä", "lainausmäärä", "kpl", "ka", "keskiarvo"}
CONTINUES = {"jatkua", "jatkaa", "menossa", "meneillään", "menellään", "käynnissä", "kesken", "valmistella"}
AFFIRMS = {"käyttö", "käytössä", "valmis", "toteutua", "toteutunut", "otettu", "hyväksyä", "tehty"}
UNKNOWN = {"tieto", "tiedossa"}  # "ei ole tiedossa": not known
SEASONS = {"kevät": "05", "kesä": "08", "syksy": "11", "talvi": "02"}
UNITS = ("krt/v", "krt/vko", "h/vko", "%", "kpl", "km", "vrk", "h", "€", "eur", "henkilöä", "oppilasta")
ABBREVIATIONS = ("mm.", "esim.", "ym.", "jne.", "ns.", "ka.", "n.", "klo.")

_NUMBER = re.compile(r"(?<![\w/.,:-])(\d+(?:[,.]\d+)?)(?::\w+)?(?![\w/]|[.-]\d)")
_MONTH_YEAR = re.compile(r"(?<!\d)(\d{1,2})/((?:19|20)\d{2})(?!\d)")
_YEAR = re.compile(r"(?<![\d/.])((?:19|20)\d{2})(?![\d/])")
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


# --------------------------------------------------------------------------
# Morphology


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


@lru_cache(maxsize=65536)
def analyse(word: str) -> tuple[tuple[str, str, str, str], ...]:
    """Voikko's analyses of a word: (base form, word class, number, participle's verb), lower-cased.

    For a participle ("kokeiltu") the last item is the verb it comes from
    ("kokeilla"), read from Voikko's word bases; otherwise it is empty.
    """
    result = []
    for analysis in _voikko().analyze(word):
        verb = ""
        if analysis.get("PARTICIPLE"):
            verbs = re.findall(r"\(([^()+]+)\)", analysis.get("WORDBASES", "").casefold())
            verb = verbs[0] if verbs else ""
        result.append((analysis.get("BASEFORM", "").casefold(), analysis.get("CLASS", ""),
                       analysis.get("NUMBER", ""), verb))
    return tuple(result)


def lemmas(word: str) -> set[str]:
    """Every base form of a word, and the verb of a participle (kokeiltu -> kokeilla)."""
    forms = {word.casefold()}
    for base, _, _, verb in analyse(word):
        forms.add(base)
        if verb:
            forms.add(verb)
    return forms


def numeral_value(word: str) -> int | None:
    """The value of a singular numeral word ("kolmessa" -> 3); None for plural "kymmenien" (tens of)."""
    for base, word_class, number, _ in analyse(word):
        if base in NUMERALS and not (word_class == "lukusana" and number == "plural"):
            return NUMERALS[base]
    return None


def is_negation(word: str) -> bool:
    """True for the negation verb ("ei", "eivät")."""
    return any(word_class == "kieltosana" for _, word_class, _, _ in analyse(word))


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
    protected = cell
    for abbreviation in ABBREVIATIONS:
        protected = protected.replace(abbreviation, abbreviation.replace(".", "\0"))
    # Nothing inside parentheses splits a statement.
    protected = re.sub(r"\([^()]*\)", lambda m: m.group(0).replace(",", "\x02").replace(".", "\0"), protected)
    marked = re.sub(r"(\d\s*(?:krt/v|kpl|%))\s+(?=[A-ZÄÖÅ])", "\\1\x01", protected)
    marked = re.sub(r"(?<=[.;])\s+(?=[A-ZÄÖÅ])|;\s*|,\s+(?=[A-ZÄÖÅ][a-zäöå])", "\x01", marked)
    parts = marked.split("\x01")
    return [p.replace("\0", ".").replace("\x02", ",").strip(" .;,") for p in parts if p and p.strip(" .;,")]


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _numbers(text: str) -> list[tuple[float, int, int]]:
    """Numbers written with digits, without years, dates and ranges: (value, start, end)."""
    found = []
    for match in _NUMBER.finditer(text):
        value = float(match.group(1).replace(",", "."))
        before = text[max(0, match.start() - 4): match.start()]
        if _YEAR.fullmatch(match.group(1)) or before.strip().upper().endswith("ISO"):
            continue
        found.append((value, match.start(), match.end()))
    return found


def _deadline(text: str) -> str:
    match = _MONTH_YEAR.search(text)
    if match:
        return f"{match.group(2)}-{int(match.group(1)):02d}"
    years = _YEAR.findall(text)
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


def read_statement(text: str, source_line: int, aim: str) -> Statement:
    """Read target, unit, comparator and deadline from one metric statement."""
    statement = Statement(source_line=source_line, aim=aim, text=text, deadline=_deadline(text))
    words = _words(text)
    forms = [lemmas(w) for w in words]
    if any(f & AT_LEAST for f in forms):
        statement.comparator = ">="
    if any(f & AT_MOST for f in forms):
        statement.comparator = "<="
    numbers = _numbers(text)
    if numbers:
        value, _, end = numbers[0]
        statement.target = value
        after = text[end:].strip().casefold()
        statement.unit = next((u for u in UNITS if after.startswith(u)), "kpl")
        statement.comparator = statement.comparator or ">="
        statement.reasons.append(f"target {value:g} written in digits")
    else:
        for word, word_forms in zip(words, forms):
            value = numeral_value(word)
            if value is not None:
                statement.target, statement.unit = float(value), "kpl"
                statement.reasons.append(f"target {value} from the numeral '{word}'")
                break
            if word_forms & HALF_WORDS:
                statement.target, statement.unit, statement.kind = 50.0, "%", "share"
                statement.reasons.append(f"target 50 % from '{word}' (half)")
                break
            if word_forms & ALL_WORDS:
                statement.target, statement.unit, statement.kind = 100.0, "%", "share"
                statement.reasons.append(f"target 100 % from '{word}' (all, every)")
                break
        if statement.target is not None:
            statement.comparator = statement.comparator or ">="
        elif any(f & COUNT_NOUNS for f in forms):
            statement.kind = "count"
            statement.unit = "kpl"
            statement.reasons.append("a count with no target")
        else:
            statement.kind, statement.target, statement.unit, statement.comparator = "yes_no", 1.0, "kyllä/ei", "="
            statement.reasons.append("no number: read as a yes/no target")
    if statement.unit == "%":
        statement.kind = "share"
    return statement


# --------------------------------------------------------------------------
# Realisation


@dataclass
class Reading:
    """What the realisation says of one statement."""

    quote: str = ""
    actual: float | None = None
    status: str = ""
    score: float = 0.0
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


def read_realisation(window: str, statement: Statement) -> Reading:
    """Read the actual value (or why there is none) from the realisation text about a statement."""
    reading = Reading(quote=window.strip(" ,;"))
    words = _words(window)
    forms = [lemmas(w) for w in words]
    negated = any(is_negation(w) for w in words)
    if negated and any(f & UNKNOWN for f in forms):
        reading.reasons.append("the realisation says it is not known")
        return reading
    numbers = _numbers(window)
    written = [(numeral_value(w), w) for w in words]
    written = [(v, w) for v, w in written if v is not None]
    if statement.kind == "share":
        remaining = re.search(r"jäljellä\s+(\w+)", window, re.IGNORECASE)
        if remaining and (written or numbers):
            done = written[0][0] if written else numbers[0][0]
            left = numeral_value(remaining.group(1))
            if left is None and remaining.group(1).isdigit():
                left = int(remaining.group(1))
            if left is not None and done + left > 0:
                reading.actual = round(100 * done / (done + left), 1)
                reading.reasons.append(f"{done:g} done and {left} remaining: {reading.actual:g} %")
                return reading
        if any(f & ALL_WORDS for f in forms):
            reading.actual = 100.0
            reading.reasons.append("'all' in the realisation: 100 %")
            return reading
    if numbers and not negated and statement.kind != "yes_no":
        reading.actual = numbers[0][0]
        reading.reasons.append(f"actual {numbers[0][0]:g} written in digits")
        return reading
    if written and not negated and statement.kind != "yes_no":
        reading.actual = float(written[0][0])
        reading.reasons.append(f"actual {written[0][0]} from the numeral '{written[0][1]}'")
        return reading
    if negated and statement.kind in ("yes_no", "count") or negated and statement.target:
        reading.actual = 0.0
        reading.reasons.append("a negation ('ei ...') in the realisation: 0")
        return reading
    if any(f & CONTINUES for f in forms):
        reading.status = Status.IN_PROGRESS.value
        reading.reasons.append("the realisation says the work continues")
        return reading
    if statement.kind == "yes_no" and any(f & AFFIRMS for f in forms):
        reading.actual = 1.0
        reading.reasons.append("the realisation says it is done or in use")
        return reading
    reading.reasons.append("no measurable outcome found")
    return reading


def _windows(statements: list[Statement], realisation: str) -> list[tuple[str, float]]:
    """The realisation text that speaks of each statement: from its anchor to the next anchor."""
    if len(statements) == 1:  # one statement: the whole realisation speaks of it
        return [(realisation, 100.0)]
    anchors = [_anchor(s.text, realisation) for s in statements]
    usable = sorted({start for start, score in anchors if score >= 50})
    windows = []
    for start, score in anchors:
        if score < 50:
            windows.append(("", score))
            continue
        later = [a for a in usable if a > start]
        end = later[0] if later else len(realisation)
        windows.append((realisation[start:end], score))
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
    (:func:`kemi_analysis.authoring.matching.assign`, as ``kemi-analysis match``)
    proposes its ``metric_id`` for the statements it fits, and such a row keeps
    the previous year's short ``metric`` text; every previous metric it finds
    nowhere gets a ``not_reported`` row of its own, so none is dropped silently.
    Every row's note begins with ``DRAFT``.
    """
    entries: list[tuple] = []  # (goal, statement, reading); statement None for a goal row without one
    metric_items = report.items[report.items["field"] == "metric"]
    for goal in report.goals.itertuples(index=False):
        statements = []
        for item in metric_items[metric_items["source_line"] == goal.source_line]["text"]:
            statements += [read_statement(t, goal.source_line, goal.aim) for t in split_statements(item)]
        realisation = " ".join(goal.realisation.split())
        if not statements:
            entries.append((goal, None, None))
            continue
        windows = _windows(statements, realisation) if realisation else [("", 0.0)] * len(statements)
        for statement, (window, score) in zip(statements, windows):
            entries += [(goal, statement, reading) for reading in _readings(statement, window, score, realisation)]
    drafted = [(goal, statement, reading) for goal, statement, reading in entries if statement is not None]
    ids, missing = _propose_ids([statement.text for _, statement, _ in drafted], previous)
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


def _readings(statement: Statement, window: str, score: float, realisation: str) -> list[Reading]:
    """What the realisation says of a statement: usually one reading, one per average ('ka') reported."""
    averages = list(_AVERAGE.finditer(window)) if statement.target is None else []
    if len(averages) > 1:  # "ka 22, ... ka 20": one row per average reported
        return [Reading(quote=match.group(0), actual=float(match.group("value").replace(",", ".")), score=score,
                        reasons=["one of several averages ('ka') in the realisation"]) for match in averages]
    if window:
        reading = read_realisation(window, statement)
    else:
        reading = Reading(reasons=["no realisation in the report" if not realisation
                                   else "no part of the realisation speaks of it"])
    reading.score = score
    return [reading]


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
    scores = score_matrix(previous, texts)
    matched: set[int] = set()
    for t, proposed in assign(scores).items():
        best = proposed[0]  # the others are proposed for this text too; the analyst sees them in 'match'
        metric_id = previous["metric_id"].iloc[best]
        ids[t] = _Proposal(metric_id, f"metric_id from {metric_id!r} of the previous year (score {scores[best, t]:.0f})",
                           previous["metric"].iloc[best])
        matched.add(best)
    missing = [(p, int(scores[p].argmax()), float(scores[p].max())) for p in range(len(previous)) if p not in matched]
    return ids, missing


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
    confidence = "high" if has_target and reading.actual is not None and reading.score >= 80 else (
        "medium" if has_target or reading.actual is not None else "low")
    reasons = statement.reasons + reading.reasons + [id_reason]
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
            load_annotations(tmp, report)
    except FileExistsError:
        raise DataError(f"{path.name} appeared while the draft was written; it was left as it is.", path=path,
                        hint="run draft again with another --out.") from None
    return path


# --------------------------------------------------------------------------
# Measuring a draft against a curated file


def compare_with_curated(draft: pd.DataFrame, curated: pd.DataFrame) -> dict[str, float]:
    """How well a draft agrees with a curated file of the same report.

    Each curated row is paired with the draft row of the same goal row whose
    quoted target is most alike. ``status_agreement`` is the share of curated
    rows whose paired draft row has the same status (both computed by the
    achievement rules); ``value_recall`` is the share of the curated numeric
    values (targets and actuals) that the draft read on the same goal row.
    """
    agree = 0
    values_total = values_found = 0
    for row in curated.itertuples(index=False):
        candidates = draft[draft["source_line"] == row.source_line]
        if len(candidates):
            scores = [fuzz.token_set_ratio(row.evidence_target or row.metric, t or m)
                      for t, m in zip(candidates["evidence_target"], candidates["metric"])]
            paired = candidates.iloc[max(range(len(scores)), key=scores.__getitem__)]
            agree += paired["status"] == row.status
        found = set(candidates["target_value"].dropna()) | set(candidates["actual_value"].dropna())
        for value in (row.target_value, row.actual_value):
            if pd.notna(value):
                values_total += 1
                values_found += any(abs(value - f) < 1e-9 for f in found)
    return {
        "rows": len(curated),
        "status_agreement": agree / len(curated) if len(curated) else float("nan"),
        "values": values_total,
        "value_recall": values_found / values_total if values_total else float("nan"),
    }
