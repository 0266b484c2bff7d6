"""Numbers and labels as the report writes them."""

from __future__ import annotations

import pytest

from kemi_analysis.report.labels import STATUS_LABELS, TEXT, format_percent, text
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
    assert text("key.summary", "fi", year=2022, achieved=6, with_target=17, share="35 %") == (
        "Vuonna 2022 tavoite toteutui 6 mittarissa 17:stä, joilla on tavoite. Se on 35 %.")
