"""Numbers and labels as the report writes them."""

from __future__ import annotations

import pytest

from kemi_analysis.report.labels import (
    STATUS_LABELS,
    TEXT,
    count_noun,
    format_change,
    format_percent,
    format_value,
    text,
)
from kemi_analysis.schemas import Status


@pytest.mark.parametrize(("share", "expected"), [(0.004, "<\u00a01\u00a0%"), (0.005, "1\u00a0%"), (0.0049999, "<\u00a01\u00a0%"),
                                                 (0.995, ">\u00a099\u00a0%"), (0.9999, ">\u00a099\u00a0%"),
                                                 (1.0, "100\u00a0%"), (0.0, "0\u00a0%"), (0.125, "13\u00a0%")])
def test_defect_format_percent_never_says_0_or_100_for_a_share_that_is_not(share, expected):
    """Pinned: format_percent(0.005) showed '0 %' (Python rounds 0.5 to the even 0)."""
    assert format_percent(share) == expected


def test_both_languages_have_every_text_and_every_status():
    assert set(TEXT["fi"]) == set(TEXT["en"])
    for lang in ("fi", "en"):
        assert set(STATUS_LABELS[lang]) == set(Status)


def test_texts_fill_their_placeholders():
    assert text("changes.table_caption", "fi", previous=2031, year=2032) == (
        "Muutos vuodesta 2031 vuoteen 2032 mittareittain")


@pytest.mark.parametrize(("count", "lang", "case", "expected"), [
    (1, "fi", "", "mittari"), (27, "fi", "", "mittaria"), (0, "fi", "", "mittaria"), (17, "fi", "adessive", "mittarilla"),
    (6, "fi", "inessive", "mittarissa"), (1, "en", "", "metric"), (2, "en", "", "metrics")])
def test_count_noun_agrees_with_the_number(count, lang, case, expected):
    assert count_noun(count, "metric", lang, case) == expected


@pytest.mark.parametrize(("change", "unit", "lang", "expected"), [
    (37.5, "%", "fi", "+37,5\u00a0prosenttiyksikköä"), (37.5, "%", "en", "+37.5\u00a0percentage points"),
    (-4, "vrk", "en", "\u22124\u00a0days"), (0, "kpl", "fi", "±0\u00a0kpl"), (2, "krt/v", "en", "+2\u00a0times a year")])
def test_changes_carry_their_unit_and_shares_change_in_percentage_points(change, unit, lang, expected):
    assert format_change(change, unit, lang) == expected


def test_english_units_are_translated_and_source_units_kept_in_finnish():
    assert format_value(8, "krt/v", "en") == "8\u00a0times a year"
    assert format_value(8, "krt/v", "fi") == "8\u00a0krt/v"
    assert format_value(3, "oppilasta", "en") == "3\u00a0pupils" and format_value(1, "kyllä/ei", "en") == "yes"
