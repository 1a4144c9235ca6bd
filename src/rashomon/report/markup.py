"""Escaping and highlighting: every piece of article text is escaped; highlights never nest wrongly."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["Highlight", "esc", "highlight", "paragraphs"]


def esc(value: object) -> str:
    """HTML-escape any value (None → empty).

    Args:
        value: anything; its ``str`` is escaped, quotes included, so it is safe in text and attributes.

    Returns:
        The escaped text.
    """
    return "" if value is None else html.escape(str(value), quote=True)


@dataclass(frozen=True, slots=True)
class Highlight:
    """A span of a text to mark, with a CSS class, a tooltip/label and an optional element id."""

    start: int
    end: int
    css: str
    title: str = ""
    anchor: str = ""
    note: str = ""  # shown after the marked words as a superscript (a footnote number)


def _choose(text: str, marks: Iterable[Highlight], offset: int) -> list[Highlight]:
    """Marks moved to ``text``'s coordinates; of overlapping marks the earlier (then longer) one wins."""
    chosen: list[Highlight] = []
    last_end = 0
    for m in sorted(marks, key=lambda m: (m.start, -(m.end - m.start))):
        start, end = max(m.start - offset, 0), min(m.end - offset, len(text))
        if start >= end or start < last_end:
            continue
        chosen.append(Highlight(start, end, m.css, m.title, m.anchor, m.note))
        last_end = end
    return chosen


def _open(m: Highlight) -> str:
    title = f' title="{esc(m.title)}"' if m.title else ""
    anchor = f' id="{esc(m.anchor)}" tabindex="-1"' if m.anchor else ""
    return f'<mark class="{esc(m.css)}"{anchor}{title}>'


def highlight(
    text: str, marks: Iterable[Highlight], offset: int = 0, points: Iterable[tuple[int, str]] = ()
) -> str:
    """``text`` escaped, with ``marks`` wrapped in ``<mark>`` and ``points`` as empty anchor elements.

    Args:
        text: the raw text (untrusted: it is escaped).
        marks: spans to mark, offsets relative to ``offset``; overlapping marks are resolved by keeping
            the earlier-starting (then longer) one, so the output is always well-formed.
        offset: where ``text`` starts in the coordinates of ``marks`` and ``points``.
        points: ``(position, element id)``: an empty ``<span class="pt">`` a link can jump to.

    Returns:
        HTML.
    """
    chosen = _choose(text, marks, offset)
    starts = {m.start: m for m in chosen}
    ends = {m.end: m for m in chosen}
    at: dict[int, list[str]] = {}
    for pos, ident in points:
        local = pos - offset
        if 0 <= local <= len(text):
            at.setdefault(local, []).append(ident)
    cuts = sorted({0, len(text), *starts, *ends, *at})
    out: list[str] = []
    for i, pos in enumerate(cuts):
        if pos in ends:
            note = ends[pos].note
            out.append(f'<sup class="note">{esc(note)}</sup></mark>' if note else "</mark>")
        out.extend(f'<span class="pt" id="{esc(ident)}" tabindex="-1"></span>' for ident in at.get(pos, ()))
        if pos in starts:
            out.append(_open(starts[pos]))
        if i + 1 < len(cuts):
            out.append(esc(text[pos : cuts[i + 1]]))
    return "".join(out)


def paragraphs(text: str, marks: Sequence[Highlight] = (), points: Sequence[tuple[int, str]] = ()) -> str:
    """The text as ``<p>`` paragraphs (split on blank lines), with highlights and points at their offsets.

    Args:
        text: the clean text (untrusted: it is escaped).
        marks: spans to mark, in ``text`` offsets.
        points: ``(position, element id)`` anchors, in ``text`` offsets.

    Returns:
        HTML.
    """
    out: list[str] = []
    pos = 0
    for block in text.split("\n\n"):
        start = text.index(block, pos) if block else pos
        end = start + len(block)
        pos = end
        if block.strip():
            inner = [m for m in marks if m.start < end and m.end > start]
            pts = [p for p in points if start <= p[0] < end]
            out.append(f"<p>{highlight(block, inner, offset=start, points=pts)}</p>")
    return "\n".join(out)
