"""Escaping and highlighting: every piece of article text is escaped; highlights never nest wrongly."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["Highlight", "esc", "highlight", "paragraphs"]


def esc(value: object) -> str:
    """HTML-escape any value (None → empty)."""
    return "" if value is None else html.escape(str(value), quote=True)


@dataclass(frozen=True, slots=True)
class Highlight:
    """A span of a text to mark, with a CSS class and a tooltip/label."""

    start: int
    end: int
    css: str
    title: str = ""


def highlight(text: str, marks: Iterable[Highlight], offset: int = 0) -> str:
    """``text`` escaped, with ``marks`` (offsets relative to ``offset``) wrapped in ``<mark>``.

    Overlapping marks are resolved by keeping the earlier-starting (then longer) one, so the output is
    always well-formed.
    """
    chosen: list[Highlight] = []
    last_end = 0
    for m in sorted(marks, key=lambda m: (m.start, -(m.end - m.start))):
        start, end = max(m.start - offset, 0), min(m.end - offset, len(text))
        if start >= end or start < last_end:
            continue
        chosen.append(Highlight(start, end, m.css, m.title))
        last_end = end
    out: list[str] = []
    pos = 0
    for m in chosen:
        out.append(esc(text[pos : m.start]))
        title = f' title="{esc(m.title)}"' if m.title else ""
        out.append(f'<mark class="{esc(m.css)}"{title}>{esc(text[m.start : m.end])}</mark>')
        pos = m.end
    out.append(esc(text[pos:]))
    return "".join(out)


def paragraphs(text: str, marks: Sequence[Highlight] = ()) -> str:
    """The text as ``<p>`` paragraphs (split on blank lines), with highlights kept at their offsets."""
    out: list[str] = []
    pos = 0
    for block in text.split("\n\n"):
        start = text.index(block, pos) if block else pos
        end = start + len(block)
        pos = end
        if block.strip():
            inner = [m for m in marks if m.start < end and m.end > start]
            out.append(f"<p>{highlight(block, inner, offset=start)}</p>")
    return "\n".join(out)
