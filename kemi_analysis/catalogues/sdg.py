"""The UN Sustainable Development Goals: numbers, names and colours.

The report's SDG names are OCR-damaged ("EI KÖHYHYTTÄ"); the number is the
reliable part, so mentions are found by their number and given the canonical
names from this catalogue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class SDG:
    """One Sustainable Development Goal."""

    number: int
    name_fi: str
    name_en: str
    colour: str

    def name(self, lang: str = "fi") -> str:
        """The goal's name in ``lang`` (``"fi"`` or ``"en"``)."""
        return self.name_en if lang == "en" else self.name_fi

    @property
    def text_colour(self) -> str:
        """Black or white, whichever contrasts more with :attr:`colour`."""
        return text_colour_on(self.colour)


SDGS: dict[int, SDG] = {
    s.number: s
    for s in (
        SDG(1, "Ei köyhyyttä", "No poverty", "#E5243B"),
        SDG(2, "Ei nälkää", "Zero hunger", "#DDA63A"),
        SDG(3, "Terveyttä ja hyvinvointia", "Good health and well-being", "#4C9F38"),
        SDG(4, "Hyvä koulutus", "Quality education", "#C5192D"),
        SDG(5, "Sukupuolten tasa-arvo", "Gender equality", "#FF3A21"),
        SDG(6, "Puhdas vesi ja sanitaatio", "Clean water and sanitation", "#26BDE2"),
        SDG(7, "Edullista ja puhdasta energiaa", "Affordable and clean energy", "#FCC30B"),
        SDG(8, "Ihmisarvoista työtä ja talouskasvua", "Decent work and economic growth", "#A21942"),
        SDG(
            9,
            "Kestävää teollisuutta, innovaatioita ja infrastruktuureja",
            "Industry, innovation and infrastructure",
            "#FD6925",
        ),
        SDG(10, "Eriarvoisuuden vähentäminen", "Reduced inequalities", "#DD1367"),
        SDG(11, "Kestävät kaupungit ja yhteisöt", "Sustainable cities and communities", "#FD9D24"),
        SDG(12, "Vastuullista kuluttamista", "Responsible consumption and production", "#BF8B2E"),
        SDG(13, "Ilmastotekoja", "Climate action", "#3F7E44"),
        SDG(14, "Vedenalainen elämä", "Life below water", "#0A97D9"),
        SDG(15, "Maanpäällinen elämä", "Life on land", "#56C02B"),
        SDG(
            16,
            "Rauhaa, oikeudenmukaisuutta ja hyvää hallintoa",
            "Peace, justice and strong institutions",
            "#00689D",
        ),
        SDG(17, "Yhteistyö ja kumppanuus", "Partnerships for the goals", "#19486A"),
    )
}

# A mention is a number 1-17 followed by a name in capitals ("3 TERVEYTTÄ JA
# HYVINVOINTIA"). Lower-case text after a number ("4 krt/v") is not a mention.
_UPPER = "A-ZÄÖÅÜÉ"
_NAME = rf"[{_UPPER}][{_UPPER} ,.\-]*[{_UPPER}]"
_MENTION = re.compile(rf"(?<![\w/.,:-])(?P<number>\d{{1,2}})\s+(?P<name>{_NAME})")
_ONLY_MENTIONS = re.compile(rf"(?:\d{{1,2}}\s+{_NAME}\s*)+")


@dataclass(frozen=True)
class SDGMention:
    """An SDG as the source text names it: its number and the name as written."""

    number: int
    text: str
    start: int


def find_mentions(text: str) -> list[SDGMention]:
    """Find the SDG mentions in plain text (markup already removed).

    Examples
    --------
    >>> [m.number for m in find_mentions("3 TERVEYTTÄ JA HYVINVOINTIA 6 PUHDAS VESI")]
    [3, 6]
    >>> find_mentions("Nuorisovaltuusto 4 krt/v")
    []
    """
    mentions = []
    for match in _MENTION.finditer(text):
        number = int(match["number"])
        if number in SDGS:
            mentions.append(SDGMention(number, match.group(0).strip(), match.start()))
    return mentions


def is_sdg_text(text: str) -> bool:
    """True when ``text`` holds SDG mentions and nothing else.

    Examples
    --------
    >>> is_sdg_text("12 VASTUULLISTA KULUTTAMISTA 13 ILMASTOTEKOJA")
    True
    >>> is_sdg_text("Ei toteutunut")
    False
    """
    stripped = text.strip()
    if not _ONLY_MENTIONS.fullmatch(stripped):
        return False
    return all(int(m["number"]) in SDGS for m in _MENTION.finditer(stripped))


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of a ``#RRGGBB`` colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio between two ``#RRGGBB`` colours."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_colour_on(background: str) -> str:
    """``#000000`` or ``#FFFFFF``, whichever has the higher contrast on ``background``."""
    black, white = "#000000", "#FFFFFF"
    return black if contrast_ratio(background, black) >= contrast_ratio(background, white) else white
