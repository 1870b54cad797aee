"""dates.py: dates from Babel in each edition's style, and a date set off from what follows it."""

from __future__ import annotations

from datetime import date

import pytest

from interview_site.dates import long_date, read_date, set_off_dates


@pytest.mark.parametrize("text", ["2026年1月8日", "January 8, 2026", " 2026年1月8日 "])
def test_both_sources_ways_of_writing_a_date_are_read(text):
    assert read_date(text) == date(2026, 1, 8)


@pytest.mark.parametrize("text", ["", "soon", "8 January 2026", "2026年13月8日"])
def test_anything_else_is_no_date(text):
    assert read_date(text) is None


def test_each_edition_writes_a_date_its_own_way_the_english_one_as_chicago_does():
    assert long_date(date(2026, 1, 8), "en") == "January 8, 2026"
    assert long_date(date(2026, 1, 8), "zh") == "2026年1月8日"
    assert long_date(date(2026, 12, 30), "en") == "December 30, 2026"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("文档生成时间：2026年1月30日视频ID：A4VNU7EqkSM", "文档生成时间：2026年1月30日 · 视频ID：A4VNU7EqkSM"),
        ("发布于2026年1月30日，视频ID：A4", None),
        ("发布于2026年1月30日 视频", None),
        ("2026年1月30日", None),
    ],
)
def test_a_date_running_into_the_next_words_is_set_off_from_them(text, shown):
    assert set_off_dates(text, " · ") == (shown or text)
