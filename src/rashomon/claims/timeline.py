"""Dated events: date expressions found in sentences and resolved against the publication date.

"January 5" takes its year from the publication date; "on Thursday" is the most recent Thursday on
or before publication (the next one when the sentence speaks of the future); "yesterday", "last week",
"three days ago" count back from publication; "early January" and "in 1968" are ranges; "since 1999"
is a range that ends at publication. Without a publication date, relative expressions are kept but
marked unresolved.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from rashomon.nlp import split_sentences

__all__ = ["DateExpression", "find_date_expressions", "parse_published", "timeline_events"]

_MONTH_NAMES = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTH_NAMES.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTH_NAMES["sept"] = 9
_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
_NUMBER_WORDS = {
    "a": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "several": 3,
    "few": 3,
    "a few": 3,
}

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    (
        "part_month",
        re.compile(
            rf"\b(?P<part>[Ee]arly|[Mm]id|[Ll]ate|the (?:beginning|end) of)[- ]{_MONTH}"
            r"(?:,?\s+(?P<year>\d{4}))?\b"
        ),
    ),
    (
        "month_day",
        re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?\b"),
    ),
    (
        "day_month",
        re.compile(
            rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(?P<year>\d{{4}}))?\b"
        ),
    ),
    ("month_year", re.compile(rf"\b{_MONTH}\s+(?P<year>\d{{4}})\b")),
    (
        "in_month",
        re.compile(rf"\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Ll]ast|[Tt]his|[Nn]ext)\s+{_MONTH}(?!\s*\d)\b"),
    ),
    (
        "since_year",
        re.compile(
            r"\b(?P<kw>[Ss]ince|[Ii]n|[Dd]uring|[Uu]ntil|[Bb]y)\s+(?P<year>1[0-9]{3}|20[0-9]{2})\b(?!\s*(?:%|percent))"
        ),
    ),
    (
        "ago",
        re.compile(
            r"\b(?P<n>\d+|a few|a|one|two|three|four|five|six|seven|eight|nine|ten|several|few)\s+"
            r"(?P<unit>day|week|month|year)s?\s+ago\b",
            re.I,
        ),
    ),
    (
        "named_rel",
        re.compile(
            r"\b(?P<word>yesterday|today|tomorrow|tonight|(?:last|this|next)\s+(?:week|month|year))\b", re.I
        ),
    ),
    (
        "weekday",
        re.compile(
            r"\b(?:(?P<mod>[Ll]ast|[Nn]ext|[Tt]his|[Oo]n)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|"
            r"Friday|Saturday|Sunday)\b(?P<part>\s+(?:morning|afternoon|evening|night))?"
        ),
    ),
)
_FUTURE = re.compile(
    r"\b(?:will|shall|is to|are to|is due to|are due to|plans? to|is expected to|"
    r"are expected to|is scheduled|are scheduled|next)\b|'ll\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class DateExpression:
    """A date expression in a text and what it resolves to.

    Attributes:
        text, start, end: the words and their span in the searched text.
        kind: which pattern found it (``month_day``, ``weekday``…).
        start_date, end_date: the resolved day or range (equal for a single day); None if unresolved.
        resolved_from: ``"explicit"`` (the text names the date) or ``"relative"`` (counted from
            publication).
    """

    text: str
    start: int
    end: int
    kind: str
    start_date: dt.date | None
    end_date: dt.date | None
    resolved_from: str


def parse_published(published: str | None) -> dt.date | None:
    """The publication day from an ISO date or datetime string; None when absent or unreadable."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published.strip()[:10])
    except ValueError:
        return None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _year_for(month: int, day: int, explicit: str | None, pub: dt.date | None) -> int | None:
    if explicit:
        return int(explicit)
    if pub is None:
        return None
    # a date months after publication was most likely last year's ("December 28" in a January story)
    try:
        candidate = dt.date(pub.year, month, min(day, 28))
    except ValueError:
        return None
    return pub.year - 1 if (candidate - pub).days > 62 else pub.year


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _resolve_explicit(
    kind: str, m: re.Match[str], pub: dt.date | None
) -> tuple[dt.date | None, dt.date | None]:
    g = m.groupdict()
    if kind == "iso":
        d = _safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
        return d, d
    if kind == "since_year":
        first = dt.date(int(g["year"]), 1, 1)
        return (first, pub) if g["kw"].lower() == "since" else (first, dt.date(first.year, 12, 31))
    month = _MONTH_NAMES[g["month"].lower().rstrip(".")]
    if kind in ("month_day", "day_month"):
        day = int(g["day"])
        day_year = _year_for(month, day, g.get("year"), pub)
        d = _safe_date(day_year, month, day) if day_year else None
        return d, d
    year = _year_for(month, 1, g.get("year"), pub)
    if year is None:
        return None, None
    if kind == "part_month":
        part = g["part"].lower()
        last = _month_end(year, month).day
        first_day, last_day = (
            (1, 10) if part in ("early", "the beginning of") else ((11, 20) if part == "mid" else (21, last))
        )
        return dt.date(year, month, first_day), dt.date(year, month, last_day)
    return dt.date(year, month, 1), _month_end(year, month)


def _resolve_relative(
    kind: str, m: re.Match[str], pub: dt.date, future: bool
) -> tuple[dt.date | None, dt.date | None]:
    g = m.groupdict()
    if kind == "ago":
        n = int(g["n"]) if g["n"].isdigit() else _NUMBER_WORDS.get(g["n"].lower(), 1)
        days = {"day": 1, "week": 7, "month": 30, "year": 365}[g["unit"].lower()] * n
        d = pub - dt.timedelta(days=days)
        return (
            (d, d)
            if g["unit"].lower() in ("day", "week")
            else (d - dt.timedelta(days=15), d + dt.timedelta(days=15))
        )
    if kind == "weekday":
        target = _WEEKDAYS[g["wd"].lower()]
        mod = (g["mod"] or "").lower()
        if mod == "next" or (future and mod != "last"):
            d = pub + dt.timedelta(days=(target - pub.weekday()) % 7 or 7)
        else:
            back = (pub.weekday() - target) % 7
            d = pub - dt.timedelta(days=back or (7 if mod == "last" else 0))
        return d, d
    word = " ".join(g["word"].lower().split())
    if word in ("today", "tonight"):
        return pub, pub
    if word in ("yesterday", "tomorrow"):
        d = pub + dt.timedelta(days=-1 if word == "yesterday" else 1)
        return d, d
    which, unit = word.split()
    shift = {"last": -1, "this": 0, "next": 1}[which]
    if unit == "week":
        monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=shift)
        return monday, monday + dt.timedelta(days=6)
    if unit == "month":
        month_index = pub.year * 12 + pub.month - 1 + shift
        year, month = divmod(month_index, 12)
        return dt.date(year, month + 1, 1), _month_end(year, month + 1)
    return dt.date(pub.year + shift, 1, 1), dt.date(pub.year + shift, 12, 31)


_RELATIVE = frozenset({"ago", "named_rel", "weekday"})


def find_date_expressions(text: str, published: dt.date | None) -> list[DateExpression]:
    """Date expressions in ``text`` (one sentence), resolved against ``published``.

    Overlapping matches keep the earlier pattern in :data:`_PATTERNS` (the more specific one).
    """
    future = bool(_FUTURE.search(text))
    taken: list[tuple[int, int]] = []
    out: list[DateExpression] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if kind in _RELATIVE:
                start, end = _resolve_relative(kind, m, published, future) if published else (None, None)
                origin = "relative"
            else:
                start, end = _resolve_explicit(kind, m, published)
                origin = "explicit"
            taken.append((m.start(), m.end()))
            out.append(DateExpression(m.group(0), m.start(), m.end(), kind, start, end, origin))
    return sorted(out, key=lambda e: e.start)


def _event(article_id: str, sent: tuple[int, int], text: str, expr: DateExpression) -> dict[str, Any]:
    a, _ = sent
    event: dict[str, Any] = {
        "article": article_id,
        "text": text,
        "span": [sent[0], sent[1]],
        "expression": {"text": expr.text, "span": [a + expr.start, a + expr.end], "kind": expr.kind},
        "resolved_from": expr.resolved_from,
        "resolved": expr.start_date is not None,
    }
    if expr.start_date is not None and expr.start_date == expr.end_date:
        event["date"] = expr.start_date.isoformat()
    elif expr.start_date is not None:
        event["start"] = expr.start_date.isoformat()
        event["end"] = expr.end_date.isoformat() if expr.end_date else None
    return event


def timeline_events(article_id: str, text: str, published: str | None) -> list[dict[str, Any]]:
    """The dated events of one article: one entry per date expression, with its sentence.

    Args:
        article_id: the article's id, copied into each event.
        text: the article's clean text.
        published: its publication date (ISO), or None.

    Returns:
        Events in text order, JSON-ready (see docs/analysis-schema.md, section timeline).
    """
    pub = parse_published(published)
    events: list[dict[str, Any]] = []
    for a, b in split_sentences(text):
        sentence = text[a:b]
        for expr in find_date_expressions(sentence, pub):
            events.append(_event(article_id, (a, b), sentence, expr))
    return events


def sort_key(event: dict[str, Any]) -> tuple[int, str, str, int]:
    """Resolved events by date (a range by its start), unresolved ones last, ties in text order."""
    when = event.get("date") or event.get("start")
    return (0 if when else 1, when or "", event["article"], event["span"][0])
