"""Map extracted paragraphs back to where their text is in the HTML source.

Extractors give whitespace-normalised, entity-decoded text, so a paragraph is rarely a substring of the
source. Each paragraph is first anchored: its first word (as written or entity-escaped, not inside a
tag) followed by the paragraph's next characters once markup is skipped, so that a word repeated in the
page chrome does not anchor it; paragraphs are searched in page order from ``<body>``. Then paragraph and
source are aligned: verbatim stretches become runs of the offset map; tags, entities and whitespace runs
in the source are stepped over; where the extractor changed the text, the alignment resumes at the next
word found in the source. Characters that are not verbatim copies (entity-decoded characters, the blank
lines between paragraphs, rewritten words) map, as :class:`~rashomon.offsets.OffsetMap` defines, to the
end of the run before them.
"""

from __future__ import annotations

import html
import re
from html.entities import codepoint2name

from rashomon.offsets import OffsetMap

__all__ = ["locate_paragraphs"]

_WORD_GAP = 1500  # characters of markup allowed between two words of a paragraph (long link URLs)
_ANCHOR_TRIES = 30
_ANCHOR_CHARS = 40  # characters of a paragraph that must align for its first word to anchor it
_BODY_RE = re.compile(r"<body\b", re.IGNORECASE)
_OPENING_RE = re.compile(r"<(script|style|template|noscript|textarea)\b|<!--", re.IGNORECASE)
_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")


def _block_end(source: str, match: re.Match[str]) -> int:
    """End of the script, style or comment block that ``match`` opens (the end of the source if open)."""
    if match.group() == "<!--":
        close = source.find("-->", match.end())
        return len(source) if close < 0 else close + 3
    name = match.group(1)
    close = source.find(f"</{name}", match.end())  # markup is mostly lower case: try the fast search first
    if close < 0:
        found = re.compile(rf"</{name}", re.IGNORECASE).search(source, match.end())
        close = found.start() if found else -1
    if close < 0:
        return len(source)
    gt = source.find(">", close)
    return len(source) if gt < 0 else gt + 1


def _mask_scripts(source: str) -> str:
    """The source with each script, style and comment turned into one blank tag of the same length.

    Pages repeat their text in JSON (``articleBody``, app state); a paragraph must anchor where it is
    shown. Lengths are kept, so positions in the masked source are positions in the source.
    """
    pieces: list[str] = []
    done = 0
    for match in _OPENING_RE.finditer(source):
        start = match.start()
        if start < done:
            continue  # inside a block already masked
        end = _block_end(source, match)
        pieces += [source[done:start], "<", " " * (end - start - 2), ">"]
        done = end
    pieces.append(source[done:])
    return "".join(pieces)


def _variants(word: str) -> list[str]:
    """The word as written and as the source may have escaped it (named, decimal or hex entities)."""
    named, decimal, hexa = [], [], []
    for ch in word:
        code = ord(ch)
        if ch.isalnum() or ch in " .,:;!?()-":
            named.append(ch)
            decimal.append(ch)
            hexa.append(ch)
            continue
        name = codepoint2name.get(code)
        named.append(f"&{name};" if name else ch)
        decimal.append(f"&#{code};")
        hexa.append(f"&#x{code:x};")
    out = [word, "".join(named), "".join(decimal), "".join(hexa), html.escape(word, quote=False)]
    return [v for i, v in enumerate(out) if v not in out[:i]]


def _in_tag(source: str, pos: int) -> bool:
    return source.rfind("<", 0, pos) > source.rfind(">", 0, pos)


def _find_word(source: str, word: str, start: int, stop: int) -> tuple[int, int]:
    """(position, length) of the first occurrence of ``word`` or an escaped form in [start, stop)."""
    best = (-1, 0)
    candidates = [word] if word.isalnum() else _variants(word)
    for form in candidates:
        pos = source.find(form, start, stop)
        while pos >= 0 and _in_tag(source, pos):
            pos = source.find(form, pos + 1, stop)
        if pos >= 0 and (best[0] < 0 or pos < best[0]):
            best = (pos, len(form))
    return best


def _aligns(source: str, para: str, ri: int, limit: int) -> bool:
    """Whether the first ``limit`` characters of ``para`` follow at ``source[ri]``, markup skipped."""
    ci = 0
    limit = min(limit, len(para))
    while ci < limit:
        if ri >= len(source):
            return False
        n = _common_prefix(para, ci, source, ri)
        if n:
            ci, ri = ci + n, ri + n
            continue
        step = _skip_markup(source, para, ci, ri)
        if step is None:
            return False
        ci, ri = step
    return True


def _anchor_at(source: str, para: str, cursor: int, limit: int) -> int:
    first = para.split(" ", 1)[0]
    pos = cursor
    for _ in range(_ANCHOR_TRIES):
        found, _ = _find_word(source, first, pos, len(source))
        if found < 0:
            return -1
        if _aligns(source, para, found, limit):
            return found
        pos = found + 1
    return -1


def _anchor(source: str, para: str, cursor: int) -> tuple[int, int]:
    """Where the paragraph starts: ``(offset in para, offset in source)``, or ``(0, -1)``.

    Preferred: the first word followed by the paragraph's next characters (markup aside); then, for a
    paragraph the extractor rewrote, a shorter aligned prefix, or a later word of its first five.
    """
    ri = _anchor_at(source, para, cursor, _ANCHOR_CHARS)
    if ri >= 0:
        return 0, ri
    starts = [0, *[m.end() for m in re.finditer(" ", para[:200])][:4]]
    for limit in (_ANCHOR_CHARS, 12):
        for ci in starts[1:] if limit == _ANCHOR_CHARS else starts:
            ri = _anchor_at(source, para[ci:], cursor, limit)
            if ri >= 0:
                return ci, ri
    return 0, -1


class _RunBuilder:
    """Collects runs (clean_start, raw_start, length), merging contiguous ones."""

    def __init__(self) -> None:
        self.runs: list[tuple[int, int, int]] = []

    def add(self, clean: int, raw: int, length: int) -> None:
        if self.runs:
            c0, r0, n = self.runs[-1]
            if c0 + n == clean and r0 + n == raw:
                self.runs[-1] = (c0, r0, n + length)
                return
            if r0 + n > raw:
                return  # runs must not overlap on the raw side
        self.runs.append((clean, raw, length))


def _common_prefix(text: str, ti: int, source: str, si: int) -> int:
    """Length of the longest common prefix of ``text[ti:]`` and ``source[si:]``.

    Usually the source runs verbatim up to its next tag or entity: one comparison; else a binary search.
    """
    hi = min(len(text) - ti, len(source) - si)
    markup = hi
    lt = source.find("<", si, si + hi)
    if lt >= 0:
        markup = lt - si
    amp = source.find("&", si, si + markup)
    if amp >= 0:
        markup = amp - si
    if source.startswith(text[ti : ti + markup], si):
        if markup == hi or text[ti + markup] != source[si + markup]:
            return markup
        lo = markup  # a literal "&" in the text: the match goes on
    else:
        lo, hi = 0, markup
    if source.startswith(text[ti : ti + hi], si):
        return hi
    hi -= 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if source.startswith(text[ti : ti + mid], si):
            lo = mid
        else:
            hi = mid - 1
    return lo


def _skip_markup(source: str, para: str, ci: int, ri: int) -> tuple[int, int] | None:
    """Step over a tag, an entity or a whitespace run at ``source[ri]``: new (ci, ri), or None."""
    c = source[ri]
    if c == "<":
        close = source.find(">", ri)
        return (ci, close + 1) if close >= 0 else None
    if c == "&":
        match = _ENTITY_RE.match(source, ri)
        if match:
            decoded = html.unescape(match.group())
            if para.startswith(decoded, ci):
                return ci + len(decoded), match.end()
            if decoded.isspace() and para[ci] == " ":
                return ci + 1, match.end()
        return None
    if c.isspace():
        end = ri + 1
        while end < len(source) and source[end].isspace():
            end += 1
        return (ci + 1 if para[ci] == " " else ci), end
    if para[ci] == " ":
        return ci + 1, ri  # a space the extractor put between two elements
    return None


def _resync(source: str, para: str, ci: int, ri: int) -> tuple[int, int]:
    """After a mismatch, jump to the next word of the paragraph that is found in the source."""
    nxt = para.find(" ", ci)
    if nxt < 0:
        return len(para), ri
    word_end = para.find(" ", nxt + 1)
    word = para[nxt + 1 : word_end if word_end >= 0 else len(para)]
    pos, _ = _find_word(source, word, ri, min(len(source), ri + _WORD_GAP)) if word else (-1, 0)
    return nxt + 1, (pos if pos >= 0 else ri)


def _map_paragraph(source: str, para: str, clean_start: int, cursor: int, runs: _RunBuilder) -> int:
    """Add the runs of one paragraph; returns the source position after its last located character."""
    ci, ri = _anchor(source, para, cursor)
    if ri < 0:
        return cursor  # not found after the previous paragraph: out of order runs could not be kept anyway
    while ci < len(para) and ri < len(source):
        n = _common_prefix(para, ci, source, ri)
        if n:
            runs.add(clean_start + ci, ri, n)
            ci, ri = ci + n, ri + n
            continue
        step = _skip_markup(source, para, ci, ri)
        ci, ri = step if step is not None else _resync(source, para, ci, ri)
    return ri


def locate_paragraphs(source: str, paragraphs: list[str]) -> tuple[str, OffsetMap]:
    """Join paragraphs with blank lines and map the result to the HTML source.

    Args:
        source: the HTML the paragraphs were extracted from.
        paragraphs: whitespace-normalised paragraphs (single spaces, no newlines), in page order.

    Returns:
        The text (paragraphs joined by ``"\\n\\n"``) and its offset map; every run copies characters that
        are equal in the text and the source.
    """
    runs = _RunBuilder()
    source = _mask_scripts(source)
    body = _BODY_RE.search(source)
    cursor = body.end() if body else 0
    clean = 0
    for i, para in enumerate(paragraphs):
        if i:
            clean += 2
        cursor = _map_paragraph(source, para, clean, cursor, runs)
        clean += len(para)
    return "\n\n".join(paragraphs), OffsetMap(tuple(runs.runs), clean, len(source))
