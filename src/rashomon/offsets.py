"""Offset maps: trace every character of a clean text back to the raw text it came from.

Cleaning copies runs of the raw text (dropping chrome lines, rejoining hyphenated words) and
sometimes inserts characters of its own (a paragraph break between kept lines). The map records the
copied runs; an inserted character maps to the raw position where the insertion happened.

Example:
    >>> b = TextBuilder("Hello govern-\\nment world")
    >>> b.copy(0, 12); b.copy(14, 24)
    >>> text, omap = b.build()
    >>> text
    'Hello government world'
    >>> omap.to_raw(6), omap.to_raw(12)
    (6, 14)
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

__all__ = ["OffsetMap", "TextBuilder", "compose"]


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Runs ``(clean_start, raw_start, length)`` of clean text copied verbatim from the raw text.

    Runs are sorted and do not overlap on either side. ``clean_length``/``raw_length`` bound the
    valid offsets.
    """

    runs: tuple[tuple[int, int, int], ...]
    clean_length: int
    raw_length: int
    _clean_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _raw_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_clean_starts", tuple(r[0] for r in self.runs))
        object.__setattr__(self, "_raw_starts", tuple(r[1] for r in self.runs))

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        """The map of a text that was kept as it is."""
        runs = ((0, 0, length),) if length else ()
        return cls(runs, length, length)

    def to_raw(self, clean_offset: int) -> int:
        """Raw offset of a clean offset (``0 <= clean_offset <= clean_length``)."""
        if not 0 <= clean_offset <= self.clean_length:
            raise ValueError(f"clean offset {clean_offset} outside 0..{self.clean_length}")
        i = bisect.bisect_right(self._clean_starts, clean_offset) - 1
        if i < 0:
            return 0
        c0, r0, n = self.runs[i]
        return r0 + min(clean_offset - c0, n)

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw span covering the clean span ``[start, end)``."""
        if start >= end:
            pos = self.to_raw(start)
            return pos, pos
        raw_start = self.to_raw(start)
        # map the last character, not the end boundary, so an end at a run edge stays in that run
        # (an inserted last character maps to the insertion point, which may be the raw text's end)
        raw_end = min(self.to_raw(end - 1) + 1, self.raw_length)
        return raw_start, max(raw_start, raw_end)

    def to_clean(self, raw_offset: int) -> int | None:
        """Clean offset of a raw offset, or None when that raw character was dropped."""
        i = bisect.bisect_right(self._raw_starts, raw_offset) - 1
        if i < 0:
            return None
        c0, r0, n = self.runs[i]
        if raw_offset - r0 < n:
            return c0 + raw_offset - r0
        return None

    def to_json(self) -> list[list[int]]:
        """A JSON-ready form (see :meth:`from_json`)."""
        return [[self.clean_length, self.raw_length], *[list(r) for r in self.runs]]

    @classmethod
    def from_json(cls, data: Sequence[Sequence[int]]) -> OffsetMap:
        """Inverse of :meth:`to_json`."""
        head, *runs = data
        return cls(tuple((int(a), int(b), int(c)) for a, b, c in runs), int(head[0]), int(head[1]))


class TextBuilder:
    """Builds a clean text from slices of a raw text, recording the offset map as it goes."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self._parts: list[str] = []
        self._runs: list[tuple[int, int, int]] = []
        self._length = 0

    @property
    def length(self) -> int:
        """Length of the clean text built so far."""
        return self._length

    def copy(self, raw_start: int, raw_end: int) -> None:
        """Append ``raw[raw_start:raw_end]`` verbatim."""
        if not 0 <= raw_start <= raw_end <= len(self.raw):
            raise ValueError(f"raw slice {raw_start}:{raw_end} outside 0..{len(self.raw)}")
        n = raw_end - raw_start
        if n == 0:
            return
        if self._runs:
            c0, r0, m = self._runs[-1]
            if c0 + m == self._length and r0 + m == raw_start:
                self._runs[-1] = (c0, r0, m + n)  # contiguous: extend the last run
                self._parts.append(self.raw[raw_start:raw_end])
                self._length += n
                return
        self._runs.append((self._length, raw_start, n))
        self._parts.append(self.raw[raw_start:raw_end])
        self._length += n

    def insert(self, text: str) -> None:
        """Append characters that are not in the raw text (they map to the preceding raw position)."""
        self._parts.append(text)
        self._length += len(text)

    def build(self) -> tuple[str, OffsetMap]:
        """The clean text and its map."""
        return "".join(self._parts), OffsetMap(tuple(self._runs), self._length, len(self.raw))


def compose(outer: OffsetMap, inner: OffsetMap) -> OffsetMap:
    """Chain two maps: ``outer`` (text → middle text) then ``inner`` (middle text → raw).

    Used when a text is cleaned twice, e.g. line cleaning of the text an HTML extractor produced:
    the result maps the final text straight to the HTML source. Characters whose middle position
    was itself inserted (not copied from the raw) get no run, like any inserted character.

    Args:
        outer: map from the final text to the middle text.
        inner: map from the middle text to the raw text.

    Returns:
        The map from the final text to the raw text.

    Raises:
        ValueError: the maps do not chain (``outer.raw_length != inner.clean_length``).
    """
    if outer.raw_length != inner.clean_length:
        raise ValueError(
            f"cannot compose: outer maps onto {outer.raw_length} characters, inner maps {inner.clean_length}"
        )
    runs: list[tuple[int, int, int]] = []
    for c0, m0, n in outer.runs:
        i = max(0, bisect.bisect_right(inner._clean_starts, m0) - 1)
        while i < len(inner.runs) and inner.runs[i][0] < m0 + n:
            im, ir, k = inner.runs[i]
            lo, hi = max(m0, im), min(m0 + n, im + k)
            if lo < hi:
                run = (c0 + lo - m0, ir + lo - im, hi - lo)
                if runs and runs[-1][0] + runs[-1][2] == run[0] and runs[-1][1] + runs[-1][2] == run[1]:
                    runs[-1] = (runs[-1][0], runs[-1][1], runs[-1][2] + run[2])
                else:
                    runs.append(run)
            i += 1
    return OffsetMap(tuple(runs), outer.clean_length, inner.raw_length)
