"""Turn a date as written in a page or a feed into ISO 8601.

Dates come as ``2022-01-05T10:00:00Z`` (feeds, WARC headers), ``January 6, 2022``,
``05, Jan, 2022 @10:13 PM`` (scraped bylines) or ``6 января 2022`` (other languages). We parse strictly:
a day, a month and a year must all be present, because a wrong date on an article is worse than none.
A bare number is never a date, and a relative expression ("yesterday", "3 hours ago") is a date only
when the caller gives the ``reference`` day it is relative to. A short line that holds a date among
other words ("Posted on January 6, 2022 by admin", "By J. Smith | 06.01.2022") gives that date: the
date itself must still be complete, as above.
"""

from __future__ import annotations

import logging
import re
import unicodedata
import warnings
from datetime import date, datetime, time, timedelta
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import Any

__all__ = ["parse_date"]

logger = logging.getLogger(__name__)

# Longer strings are sentences, not dates; dateparser would also get slow on them.
_MAX_LEN = 80
# Lines up to this long are searched for a date inside them (bylines, datelines).
_MAX_LINE_LEN = 200
_MONTH_WORD = r"[^\W\d_]{3,}\.?"
_CLOCK = r"(?:,?\s*(?:at|@|à|в|um|alle|às|a las|-|\|)?\s*\d{1,2}[:h.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?)?"
# Shapes of complete dates inside other text; each match is then parsed strictly.
_EMBEDDED_RE = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{1,2}\.\d{1,2}\.\d{4}" + _CLOCK + r"|\d{4}/\d{1,2}/\d{1,2}|\d{1,2}/\d{1,2}/\d{4}"
    r"|\d{1,2}(?:st|nd|rd|th|er|\.)?,?\s+(?:de\s+)?"
    + _MONTH_WORD
    + r",?\s+(?:de\s+)?\d{4}"
    + _CLOCK
    + r"|"
    + _MONTH_WORD
    + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    + _CLOCK,
    re.IGNORECASE,
)
_MIN_YEAR, _MAX_YEAR = 1900, 2100

_ISO_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$"
)
# 05.01.2022 / 5.1.2022: the dotted form is day-first wherever it is used.
_DOTTED_RE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})\.?$")
# 01/06/2022 is day-first in most of the world and month-first in the US: only unambiguous ones count.
_SLASHED_RE = re.compile(r"^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$")
_YEAR_FIRST_RE = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})\.?$")
_TIME_RE = re.compile(r"\b\d{1,2}[:.h]\d{2}\b(?!\.\d)|\b\d{1,2}\s*[ap]\.?m\.?\b", re.IGNORECASE)
_YEAR_RE = re.compile(r"(?<!\d)(1[9]\d\d|20\d\d)(?!\d)")
_BARE_NUMBER_RE = re.compile(r"^[\d\s.,:/-]*\d[\d\s.,:/-]*$")
_RFC2822_RE = re.compile(r"^[A-Z][a-z]{2}, \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}(:\d{2})? ")

# A base far from any news date: a result carrying its year did not come from the text.
_PROBE_BASE = datetime(1901, 3, 14, 12, 0, 0)
# Two defaults that differ in every part: a part dateutil filled in shows up as a difference.
_DEFAULTS = (datetime(2001, 3, 14, 11, 0, 0), datetime(2013, 9, 2, 11, 0, 0))
_NUMBER_RE = re.compile(r"\d+")
_WORDS_RE = re.compile(r"[^\W\d_]{2,}")
# Month, weekday, "at", a zone, "года"…: more words than this make a sentence, not a date.
_MAX_WORDS = 4
_NOISE_RE = re.compile(r"[@|•·]|(?<=\s)[-–—](?=\s)")
_LATIN_LANGUAGES = (
    "en", "fr", "de", "es", "it", "pt", "nl", "pl", "cs", "sk", "ro", "hu", "sv", "da", "nb", "fi",
    "tr", "hr", "sl", "sr", "lt", "lv", "et", "ca", "id", "ms", "vi", "sq",
)  # fmt: skip
_SCRIPT_LANGUAGES: dict[str, tuple[str, ...] | None] = {
    "LATIN": _LATIN_LANGUAGES,
    "CYRILLIC": ("ru", "uk", "be", "bg", "sr", "mk", "kk"),
    "GREEK": ("el",),
    "ARABIC": ("ar", "fa", "ur"),
    "HEBREW": ("he",),
    "HANGUL": ("ko",),
    "CJK": ("zh", "ja"),
    "HIRAGANA": ("ja",),
    "KATAKANA": ("ja",),
    "DEVANAGARI": ("hi", "mr", "ne"),
    "THAI": ("th",),
    "GEORGIAN": ("ka",),
    "ARMENIAN": ("hy",),
}


def parse_date(value: str, *, reference: date | None = None) -> str | None:
    """Parse a written date strictly into ISO 8601.

    Args:
        value: the date as written, e.g. ``"January 6, 2022"``, ``"05, Jan, 2022 @10:13 PM"``,
            ``"2022-01-05T10:00:00Z"``, ``"6 января 2022"``, or a short line holding one
            (``"Posted on January 6, 2022 by admin"``).
        reference: the day relative expressions ("yesterday", "2 hours ago") count from, e.g. the
            crawl date. Without it such expressions give None.

    Returns:
        ``"YYYY-MM-DD"``, or a full ISO datetime (``"YYYY-MM-DDTHH:MM:SS"`` plus the UTC offset when the
        text gives one) when the text gives a time; None when ``value`` is not a complete date.
    """
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    if not text or len(text) > _MAX_LINE_LEN:
        return None
    if len(text) <= _MAX_LEN:
        whole = _parse_cached(text, reference)
        if whole is not None:
            return whole
    return _parse_embedded(text)


@lru_cache(maxsize=4096)
def _parse_embedded(text: str) -> str | None:
    """The first complete date inside a short line of other words."""
    for match in _EMBEDDED_RE.finditer(text):
        candidate = match.group(0).strip(" ,.|-")
        if candidate != text:
            found = _parse_cached(candidate, None)
            if found is not None:
                return found
    return None


@lru_cache(maxsize=4096)
def _parse_cached(text: str, reference: date | None) -> str | None:
    fast = _parse_iso(text)
    if fast is not None:
        return fast if _plausible_year(fast) else None
    if _BARE_NUMBER_RE.match(text):
        return _parse_numeric(text)
    if _RFC2822_RE.match(text):
        try:
            return _render(parsedate_to_datetime(text), with_time=True)
        except (TypeError, ValueError):
            pass
    return _parse_natural(text, reference)


def _plausible_year(iso: str) -> bool:
    return _MIN_YEAR <= int(iso[:4]) < _MAX_YEAR


def _parse_iso(text: str) -> str | None:
    match = _ISO_RE.match(text)
    if match is None:
        return None
    try:
        if match.group(4) is None:
            return date.fromisoformat(text[:10]).isoformat()
        parsed = datetime.fromisoformat(text.replace(" ", "T", 1).replace("Z", "+00:00"))
    except ValueError:
        return None
    return _render(parsed, with_time=True)


def _parse_numeric(text: str) -> str | None:
    """All-digit dates: dotted day-first, slashed only when unambiguous; anything else is no date."""
    match = _DOTTED_RE.match(text)
    if match is not None:
        day, month, year = (int(g) for g in match.groups())
        return _make_date(year, month, day)
    match = _YEAR_FIRST_RE.match(text)
    if match is not None:
        year, month, day = (int(g) for g in match.groups())
        return _make_date(year, month, day)
    match = _SLASHED_RE.match(text)
    if match is None:
        return None
    first, second, year = (int(g) for g in match.groups())
    if first > 12 >= second:
        return _make_date(year, second, first)
    if second > 12 >= first or first == second:
        return _make_date(year, first, second)
    return None


def _make_date(year: int, month: int, day: int) -> str | None:
    try:
        parsed = date(year, month, day)
    except ValueError:
        return None
    return parsed.isoformat() if _MIN_YEAR <= year < _MAX_YEAR else None


def _parse_natural(text: str, reference: date | None) -> str | None:
    """Dates in words: dateutil for English (fast), dateparser for the rest; relative ones need a reference.

    Args:
        text: the date as written, whitespace-normalised.
        reference: the day relative expressions count from, or None.

    Returns:
        The ISO date or datetime, or None.
    """
    if _YEAR_RE.search(text) is not None and _could_be_date(text):
        parsed = _parse_english(text) if text.isascii() else None
        if parsed is None:
            parsed = _dateparse(text, _PROBE_BASE)
            if parsed is not None and str(parsed.year) not in text:
                parsed = None  # the year came from the base: a relative expression
        if parsed is not None:
            return _finish(text, parsed)
    if reference is None or len(_WORDS_RE.findall(text)) > _MAX_WORDS:
        return None
    parsed = _dateparse(text, datetime.combine(reference, time(12, 0)))
    return _finish(text, parsed) if parsed is not None else None


def _could_be_date(text: str) -> bool:
    """A day and a year (two numbers) and few words: everything else is a sentence, not a date."""
    return len(_NUMBER_RE.findall(text)) >= 2 and len(_WORDS_RE.findall(text)) <= _MAX_WORDS


def _parse_english(text: str) -> datetime | None:
    """dateutil, strictly: unknown words fail, and a part it had to fill in from the default fails."""
    from dateutil import parser

    cleaned = _NOISE_RE.sub(" ", text)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # unknown time-zone names: the time is still right
            first, second = (parser.parse(cleaned, default=base) for base in _DEFAULTS)
    except (ValueError, OverflowError, TypeError):
        return None
    return first if first == second else None


def _finish(text: str, parsed: datetime) -> str | None:
    if not _MIN_YEAR <= parsed.year < _MAX_YEAR:
        return None
    return _render(parsed, with_time=_TIME_RE.search(text) is not None)


def _dateparse(text: str, base: datetime) -> datetime | None:
    try:
        result = _date_parser(_languages_for(text), base).get_date_data(text).date_obj
    except (ValueError, OverflowError, TypeError, AttributeError, KeyError) as exc:
        logger.debug("dateparser failed on %r: %s", text, exc)
        return None
    return result if isinstance(result, datetime) else None


@lru_cache(maxsize=32)
def _date_parser(languages: tuple[str, ...] | None, base: datetime) -> Any:
    """A dateparser parser for some languages, built once.

    Building a parser, and guessing the language among all 200 it knows, are what make dateparser slow.
    """
    from dateparser.date import DateDataParser

    settings = {
        "STRICT_PARSING": True,
        "REQUIRE_PARTS": ["day", "month", "year"],
        "RELATIVE_BASE": base,
        "PREFER_DATES_FROM": "past",
    }
    return DateDataParser(languages=list(languages) if languages else None, settings=settings)


def _languages_for(text: str) -> tuple[str, ...] | None:
    """The languages worth trying, from the script of the letters; None (all) for other scripts."""
    letters = [ch for ch in text if ch.isalpha() and not ch.isascii()]
    if not letters:
        return _LATIN_LANGUAGES
    name = unicodedata.name(letters[0], "")
    for script, languages in _SCRIPT_LANGUAGES.items():
        if name.startswith(script):
            return languages
    return None


def _render(parsed: datetime, *, with_time: bool) -> str:
    if not with_time:
        return parsed.date().isoformat()
    parsed = parsed.replace(microsecond=0)
    if parsed.tzinfo is not None and parsed.utcoffset() == timedelta(0):
        return parsed.replace(tzinfo=None).isoformat() + "+00:00"
    return parsed.isoformat()
