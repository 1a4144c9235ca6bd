"""Numbers in text, normalised to values: "2,500", "2.5 million", "two and a half thousand", "dozens".

Claims compare quantities across outlets, and outlets write the same number differently, so every
number is reduced to a float value plus the word it counts (its head: "troops", "personnel",
"people"), which is what tells two numbers apart as the same quantity or different ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Quantity", "extract_quantities", "is_year"]

_UNITS = {
    "zero": 0,
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
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SHORT_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9}
# vague amounts: kept as order-of-magnitude values so "dozens" never contradicts "hundreds" of another kind
_VAGUE = {"dozen": 12.0, "dozens": 24.0, "hundreds": 200.0, "thousands": 2000.0, "millions": 2e6}

_WORD = (
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
)
_SCALE = r"(?:hundred|thousand|million|billion|trillion)"
_DIGITS = r"\d{1,3}(?:[,\u202f\u00a0 ]\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?"
_NUMBER = re.compile(
    rf"(?<![\w.])(?P<num>(?P<digits>{_DIGITS})(?:\s*(?P<dscale>{_SCALE}|bn|mn|k|m)\b)?"
    rf"|(?:{_WORD}(?:[- ]{_WORD})?(?:\s+and\s+a\s+half)?(?:\s+{_SCALE})*"
    rf"(?:\s+and\s+a\s+half\s+{_SCALE})?)|a\s+(?:half\s+)?{_SCALE}|half\s+a\s+{_SCALE})"
    rf"(?P<pct>\s*(?:%|percent\b|per\s+cent\b))?",
    re.IGNORECASE,
)
_VAGUE_RE = re.compile(r"\b(?P<num>dozens|dozen|hundreds|thousands|millions)\b(?:\s+of)?", re.IGNORECASE)
_HEAD = re.compile(
    r"^[\s\-]*(?:(?:of|more|fewer|additional|extra|other|new|Russian-led|[A-Z][\w-]+)\s+){0,2}"
    r"(?P<head>[A-Za-z][\w-]+)"
)
_APPROX = re.compile(
    r"\b(?:about|around|some|nearly|almost|roughly|approximately|up to|more than|over|"
    r"at least|fewer than|less than|under|estimated)\s*$",
    re.IGNORECASE,
)
_STOP_HEADS = frozenset(
    [
        "and",
        "or",
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "as",
        "per",
        "than",
        "is",
        "was",
        "were",
        "are",
    ]
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number found in a text.

    Attributes:
        value: the number as a float ("two and a half thousand" → 2500.0).
        start, end: the characters of the number expression in the text searched.
        head: the lower-cased word the number counts ("troops"), "" when none follows.
        approximate: the text hedges the number ("about", "nearly", a vague "dozens").
        percent: the number is a percentage.
    """

    value: float
    start: int
    end: int
    head: str
    approximate: bool
    percent: bool


def is_year(q: Quantity, text: str) -> bool:
    """True when ``q`` reads as a calendar year (four digits 1000-2100 with no unit after it)."""
    raw = text[q.start : q.end]
    return raw.isdigit() and len(raw) == 4 and 1000 <= q.value <= 2100 and not q.percent


def _words_value(phrase: str) -> float | None:
    words = re.split(r"[\s-]+", phrase.lower().strip())
    total, current, seen = 0.0, 0.0, False
    half = False
    i = 0
    while i < len(words):
        w = words[i]
        if w in _UNITS:
            current += _UNITS[w]
            seen = True
        elif w == "a" and i + 1 < len(words) and words[i + 1] in _SCALES:
            current += 1
            seen = True
        elif w == "half":
            half = True
            seen = True
        elif w in _SCALES:
            scale = _SCALES[w]
            base = (current or (0.0 if half else 1.0)) + (0.5 if half else 0.0)
            half = False
            if scale >= 1000:
                total += base * scale
                current = 0.0
            else:
                current = base * scale
        i += 1
    if not seen:
        return None
    return total + current + (0.5 if half else 0.0)


def _digits_value(raw: str, scale_word: str | None) -> float | None:
    s = re.sub(r"[\u202f\u00a0 ]", "", raw)
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", s):
        s = s.replace(",", "")
    elif re.fullmatch(r"\d+,\d{1,2}", s):
        s = s.replace(",", ".")  # a decimal comma: "2,5 millions"
    else:
        s = s.replace(",", "")
    try:
        value = float(s)
    except ValueError:
        return None
    if scale_word:
        w = scale_word.lower()
        value *= _SCALES.get(w, _SHORT_SCALES.get(w, 1.0))
    return value


def _head_after(text: str, end: int) -> str:
    m = _HEAD.match(text[end : end + 60])
    if not m:
        return ""
    head = m.group("head").lower()
    return "" if head in _STOP_HEADS else head


def extract_quantities(text: str) -> list[Quantity]:
    """Every number in ``text`` with its value, span and the word it counts.

    Example:
        >>> [(q.value, q.head) for q in extract_quantities("about two and a half thousand troops")]
        [(2500.0, 'troops')]
    """
    found: list[Quantity] = []
    for m in _NUMBER.finditer(text):
        raw = m.group("num")
        value = _digits_value(m.group("digits"), m.group("dscale")) if raw[0].isdigit() else _words_value(raw)
        if value is None:
            continue
        approx = bool(_APPROX.search(text[max(0, m.start() - 20) : m.start()]))
        found.append(
            Quantity(value, m.start(), m.end(), _head_after(text, m.end()), approx, bool(m.group("pct")))
        )
    for m in _VAGUE_RE.finditer(text):
        if any(q.start <= m.start() < q.end for q in found):
            continue
        value = _VAGUE[m.group("num").lower()]
        found.append(Quantity(value, m.start(), m.end(), _head_after(text, m.end()), True, False))
    return sorted(found, key=lambda q: q.start)
