from __future__ import annotations

import datetime as dt

from rashomon.claims.timeline import find_date_expressions, parse_published, timeline_events

PUB = dt.date(2021, 3, 12)  # a Friday


def _resolve(sentence: str, pub: dt.date | None = PUB) -> list[tuple[str, str | None, str | None, str]]:
    return [
        (
            e.text,
            e.start_date.isoformat() if e.start_date else None,
            e.end_date.isoformat() if e.end_date else None,
            e.resolved_from,
        )
        for e in find_date_expressions(sentence, pub)
    ]


def test_weekday_is_most_recent_on_or_before_publication() -> None:
    assert _resolve("The ship docked on Tuesday.") == [("on Tuesday", "2021-03-09", "2021-03-09", "relative")]
    assert _resolve("The ship docked on Friday.")[0][1] == "2021-03-12"


def test_weekday_in_future_tense_is_after_publication() -> None:
    assert _resolve("The minister will travel on Tuesday.")[0][1] == "2021-03-16"


def test_relative_words() -> None:
    assert _resolve("It rained yesterday.")[0][1:3] == ("2021-03-11", "2021-03-11")
    assert _resolve("Prices rose last week.")[0][1:3] == ("2021-03-01", "2021-03-07")
    assert _resolve("He left three days ago.")[0][1] == "2021-03-09"


def test_explicit_dates_take_year_from_publication() -> None:
    assert _resolve("The vote was held on February 3.")[0][1] == "2021-02-03"
    assert _resolve("The vote was held on 3 February 2019.")[0][1] == "2019-02-03"
    # a date well after publication belongs to the previous year
    assert _resolve("The fire started on November 20.")[0][1] == "2020-11-20"


def test_ranges() -> None:
    assert _resolve("Strikes began in early February.")[0][1:3] == ("2021-02-01", "2021-02-10")
    assert _resolve("The bridge was built in 1968.")[0][1:3] == ("1968-01-01", "1968-12-31")
    assert _resolve("It has ruled since 1999.")[0][1:3] == ("1999-01-01", "2021-03-12")


def test_modal_may_is_not_a_month() -> None:
    assert _resolve("Officials may resign soon.") == []


def test_without_publication_date_relative_stays_unresolved() -> None:
    events = timeline_events("x", "The bridge opened yesterday. It was built in 1968.", None)
    assert [(e["expression"]["text"], e["resolved"]) for e in events] == [
        ("yesterday", False),
        ("in 1968", True),
    ]
    assert "date" not in events[0]


def test_event_spans_point_into_the_text() -> None:
    text = "First line here. The bridge opened on Monday."
    [event] = timeline_events("x", text, "2021-03-12")
    a, b = event["expression"]["span"]
    assert text[a:b] == "on Monday"
    assert text[event["span"][0] : event["span"][1]] == event["text"]
    assert event["date"] == "2021-03-08"


def test_parse_published() -> None:
    assert parse_published("2021-03-12T10:00:00Z") == PUB
    assert parse_published("not a date") is None
    assert parse_published(None) is None
