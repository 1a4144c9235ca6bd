"""parse_date: strict parsing of written dates into ISO 8601."""

from __future__ import annotations

from datetime import date

import pytest

from rashomon.ingest.dates import parse_date


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("05, Jan, 2022 @10:13 PM", "2022-01-05T22:13:00"),
        ("January 6, 2022", "2022-01-06"),
        ("2022-01-05T10:00:00Z", "2022-01-05T10:00:00+00:00"),
        ("2022-01-05T10:00:00+03:00", "2022-01-05T10:00:00+03:00"),
        ("2022-01-05", "2022-01-05"),
        ("6 января 2022", "2022-01-06"),
        ("5 января 2022 года, 14:30", "2022-01-05T14:30:00"),
        ("6 janvier 2022 à 10h13", "2022-01-06T10:13:00"),
        ("Wed, 05 Jan 2022 10:00:00 GMT", "2022-01-05T10:00:00+00:00"),
        ("Thursday, January 6, 2022 - 10:13", "2022-01-06T10:13:00"),
        ("6.1.2022", "2022-01-06"),
        ("13/01/2022", "2022-01-13"),
        ("01/13/2022", "2022-01-13"),
        ("2022/01/05", "2022-01-05"),
        ("  March  3,   2021 ", "2021-03-03"),
    ],
)
def test_dates_as_written_become_iso(written: str, expected: str) -> None:
    assert parse_date(written) == expected


@pytest.mark.parametrize(
    "not_a_date",
    [
        "2022",  # a bare year
        "12",  # a bare number
        "20220105",  # digits only
        "1 comment",
        "Jan 2022",  # no day
        "hello world",
        "",
        "   ",
        "01/06/2022",  # day-first or month-first: cannot tell
        "March 32, 2022",
        "2022-13-01",
        "yesterday",  # relative, and no reference day
        "3 hours ago",
        "x" * 200,
    ],
)
def test_incomplete_ambiguous_or_relative_text_is_not_a_date(not_a_date: str) -> None:
    assert parse_date(not_a_date) is None


def test_relative_dates_count_from_the_reference_day() -> None:
    assert parse_date("yesterday", reference=date(2022, 1, 7)) == "2022-01-06"
    assert parse_date("2 days ago", reference=date(2022, 1, 7)) == "2022-01-05"


def test_a_full_date_ignores_the_reference_day() -> None:
    assert parse_date("January 6, 2022", reference=date(2030, 5, 5)) == "2022-01-06"


def test_years_outside_news_history_are_refused() -> None:
    assert parse_date("1066-10-14") is None
    assert parse_date("January 1, 2345") is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Posted on January 6, 2022 by admin", "2022-01-06"),
        ("By J. Smith | 06.01.2022", "2022-01-06"),
        ("By A. Writer | Published January 6, 2022 at 10:13 a.m. EST | Updated", "2022-01-06T10:13:00"),
        ("Опубликовано 6 января 2022 в 14:30", "2022-01-06T14:30:00"),
        ("Publié le 6 janvier 2022 à 10h13", "2022-01-06T10:13:00"),
        ("Veröffentlicht am 6. Januar 2022, 10:13 Uhr", "2022-01-06T10:13:00"),
        ("Published 2022-01-05T10:00:00Z by the desk", "2022-01-05T10:00:00+00:00"),
    ],
)
def test_a_date_inside_a_short_line_is_found(line: str, expected: str) -> None:
    assert parse_date(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "© 2022 The Daily Mail. All rights reserved",
        "In 2022 the council voted 5 times",
        "12 comments 2022",
        "Read 10 stories from 2022",
        "Monday 3 March",
    ],
)
def test_lines_without_a_complete_date_give_none(line: str) -> None:
    assert parse_date(line) is None
