"""Numbers in a token list, normalised to values, so "2,500", "2500", "2.5 thousand" and "two and a
half thousand" are the same number and only a real change of value counts as a mutation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rashomon.reuse.mutations_lexicon import Token

__all__ = ["NumberMention", "find_numbers", "same_value"]

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}  # fmt: skip
_SCALES = {
    "thousand": 1e3, "thousands": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9,
    "billions": 1e9, "trillion": 1e12, "bn": 1e9, "mln": 1e6,
}  # fmt: skip
_THOUSANDS_COMMA = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_THOUSANDS_DOT = re.compile(r"^\d{1,3}(\.\d{3}){2,}$")


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number found in a token list: its value and the token range ``[first, last)`` it spans."""

    value: float
    first: int
    last: int


def _digit_value(text: str) -> float | None:
    text = text.rstrip("%")
    if _THOUSANDS_COMMA.match(text):
        return float(text.replace(",", ""))
    if _THOUSANDS_DOT.match(text):
        return float(text.replace(".", ""))
    try:
        return float(text.replace(",", "."))  # a decimal comma ("2,5") where it is not a separator
    except ValueError:
        return None


def _word_number(tokens: list[Token], i: int) -> tuple[float, int] | None:
    """The value of the number words starting at ``i`` and the index after them, or None."""
    total, current, seen, j = 0.0, 0.0, False, i
    while j < len(tokens):
        parts = tokens[j].norm.split("-")
        if all(p in _UNITS for p in parts):
            current += sum(_UNITS[p] for p in parts)
        elif parts[0] == "hundred" and seen:
            current = max(current, 1.0) * 100
        elif parts[0] in _SCALES and seen:
            total += max(current, 1.0) * _SCALES[parts[0]]
            current = 0.0
        elif parts[0] == "half" and seen:
            current += 0.5
        elif parts[0] in {"and", "a", "an"} and seen and j + 1 < len(tokens):
            nxt = tokens[j + 1].norm
            if nxt not in _UNITS and nxt not in _SCALES and nxt not in {"half", "hundred", "a"}:
                break
        else:
            break
        seen = True
        j += 1
    if not seen:
        return None
    return total + current, j


def find_numbers(tokens: list[Token]) -> list[NumberMention]:
    """Numbers in ``tokens``, digits or words, with a following scale word folded in."""
    found: list[NumberMention] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        value: float | None = None
        end = i + 1
        if tok.norm[:1].isdigit():
            value = _digit_value(tok.norm)
            # "2.5 million": fold the scale word; "a few thousand" stays vague and is not a number
            if value is not None and end < len(tokens) and tokens[end].norm in _SCALES:
                value *= _SCALES[tokens[end].norm]
                end += 1
        elif tok.norm in _UNITS or tok.norm.split("-")[0] in _UNITS:
            parsed = _word_number(tokens, i)
            if parsed:
                value, end = parsed
        elif tok.norm in {"a", "an"} and i + 1 < len(tokens) and tokens[i + 1].norm in _SCALES:
            value, end = _SCALES[tokens[i + 1].norm], i + 2  # "a thousand"
        if value is not None:
            found.append(NumberMention(value, i, end))
            i = end
        else:
            i += 1
    return found


def same_value(a: float, b: float) -> bool:
    """True when two values are the same number (tolerating float noise)."""
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
