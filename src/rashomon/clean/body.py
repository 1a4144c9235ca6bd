"""Find the article body among the blocks of a scraped text (a jusText-like, context-sensitive method).

1. Each block is *strong chrome* (an engagement counter or comment label, a consent notice, a date or
   relative time, a digits-only line, a line in another writing system than the document's), *weak
   chrome* (a menu line, a photo credit or copyright line, a link, a typographic break, a short line
   said twice in the page or recurring across the batch), *prose* when it reads like running text, or
   neutral.
2. Prose blocks form runs; strong chrome or three neutral blocks in a row end a run, weak chrome is
   skipped (ads and captions sit inside articles). The run with the most words of long prose is the
   body; it extends to neighbouring runs across weak chrome, and across a short list or one
   newsletter/consent box when the neighbour holds two long paragraphs.
3. Small prose pieces cut off at the edges by two or more neutral lines are trimmed, as is an author
   box (a bio starting with the byline's name); inside the body, weak chrome, "Read also:" links,
   bylines, all-capitals teasers, pull quotes and one- or two-word labels go, subheadings stay.
4. Above the body, the nearest headline-like lines give the title (and a standfirst that shares the
   body's words, kept as text); byline, name and date lines around them are metadata.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rashomon.clean.lines import Block, byline_name

__all__ = ["BodyLayout", "byline_name", "chrome_level", "find_body", "is_chrome", "is_namelike"]

_LONG_WORDS = 8
_RUN_BREAK = 3
_MERGE_GAP = 6
_EDGE_MIN_WORDS = 20
_HEAD_WINDOW = 8
_TAIL_WINDOW = 3
_STANDFIRST_OVERLAP = 0.2
_PULL_QUOTE_WORDS = 40
# "Read also: <headline>", "Lire aussi : …", "Читайте также: …": a short label, a colon, a link text.
_READ_ALSO = re.compile(r"^[^\W\d]+(?:\s[^\W\d]+){0,2}\s?:\s+\S")
_NAME_PARTICLES = frozenset(
    ["von", "van", "der", "den", "de", "da", "di", "du", "del", "la", "le", "bin", "ibn", "al", "el", "y"]
)


@dataclass(slots=True)
class BodyLayout:
    """What :func:`find_body` found, as block indices.

    Attributes:
        body: blocks kept as article text, in order (standfirst included).
        title: the title block, if any.
        head: blocks above the body that carry metadata (bylines, names, dates).
        tail: up to a few blocks right after the body (signatures, author boxes) for metadata.
    """

    body: list[int] = field(default_factory=list)
    title: int | None = None
    head: list[int] = field(default_factory=list)
    tail: list[int] = field(default_factory=list)


def chrome_level(block: Block, main: str | None) -> int:
    """How surely a block is site chrome: 2 strong, 1 weak (also found inside articles), 0 none.

    Args:
        block: the block, cues filled in.
        main: the document's main writing system.

    Returns:
        The level (see the module docstring).
    """
    if block.letters == 0 and block.digits == 0:
        return 1  # a typographic break ("***", "—") between sections of an article
    if block.counter or block.consent or block.datelike or block.letters < 0.35:
        return 2
    if main is not None and block.script not in (None, main) and block.letters > 0:
        return 2
    if block.nav or block.credit or (block.urlish and block.words <= 6):
        return 1
    if block.echo and not block.prose:
        return 1  # a short line said twice in one page: a widget, an inserted teaser, a "Reply" button
    # Recurring in three or more documents of the batch: menus, related-article lists, promotional
    # sentences (prose of documents that copy each other is exempt, see rashomon.clean.documents).
    return int(block.repeated >= 2)


def is_chrome(block: Block, main: str | None) -> bool:
    """Evidence, weak or strong, that a block is site chrome rather than article text."""
    return chrome_level(block, main) > 0


def _is_long(block: Block) -> bool:
    return (block.terminal and block.words >= _LONG_WORDS) or block.words >= 30


def _clusters(blocks: Sequence[Block], chrome: Sequence[int]) -> list[tuple[int, int]]:
    """Runs ``(first, last)`` of prose blocks, ended by strong chrome or by a run of neutral blocks."""
    runs: list[tuple[int, int]] = []
    first = last = -1
    neutral = 0
    for i, block in enumerate(blocks):
        if chrome[i] == 1:
            continue  # weak chrome (an ad label, a caption, a teaser) sits inside articles too
        if chrome[i] == 2 or (not block.prose and neutral + 1 >= _RUN_BREAK):
            if first >= 0:
                runs.append((first, last))
                first = -1
            neutral = 0 if chrome[i] else neutral + 1
            continue
        if block.prose:
            if first < 0:
                first = i
            last = i
            neutral = 0
        else:
            neutral += 1
    if first >= 0:
        runs.append((first, last))
    return runs


def _weight(blocks: Sequence[Block], first: int, last: int) -> int:
    return sum(b.words for b in blocks[first : last + 1] if b.prose and _is_long(b))


def _long_count(blocks: Sequence[Block], run: tuple[int, int]) -> int:
    return sum(1 for b in blocks[run[0] : run[1] + 1] if _is_long(b))


def _extend(
    blocks: Sequence[Block], chrome: Sequence[int], runs: list[tuple[int, int]], k: int, step: int
) -> int:
    """How far the body reaches from run ``k`` in direction ``step``, across ads, captions and lists.

    A gap of weak chrome only (ads, captions, links) is crossed towards any prose; a gap holding neutral
    lines (a list, a subheading) or one consent/newsletter box only towards a run with two long
    paragraphs; other strong chrome stops it.
    """
    end = k
    while 0 <= k + step < len(runs):
        left, right = (runs[k], runs[k + step]) if step > 0 else (runs[k + step], runs[k])
        gap = range(left[1] + 1, right[0])
        strong = [i for i in gap if chrome[i] == 2]
        n_long = _long_count(blocks, runs[k + step])
        # A single newsletter or privacy box inside an article does not end it; other strong chrome does.
        inline_box = len(strong) == 1 and blocks[strong[0]].consent and n_long >= 2
        if len(gap) > _MERGE_GAP or (strong and not inline_box):
            break
        if n_long < 2 and any(chrome[i] == 0 for i in gap):
            break
        k += step
        if n_long:
            end = k
    return end


def _pick(blocks: Sequence[Block], chrome: Sequence[int], runs: list[tuple[int, int]]) -> tuple[int, int]:
    best = max(range(len(runs)), key=lambda k: _weight(blocks, *runs[k]))
    lo = _extend(blocks, chrome, runs, best, -1)
    hi = _extend(blocks, chrome, runs, best, 1)
    return runs[lo][0], runs[hi][1]


def _trim_edges(blocks: Sequence[Block], first: int, last: int) -> tuple[int, int]:
    """Cut small prose pieces that two or more neutral lines separate from the rest of the body."""
    gaps: list[tuple[int, int]] = []
    i = first
    while i <= last:
        j = i
        while j <= last and not blocks[j].prose:
            j += 1
        if j - i >= 2:
            gaps.append((i, j - 1))
        i = j + 1
    for gap_start, gap_end in reversed(gaps):
        if sum(b.words for b in blocks[gap_end + 1 : last + 1]) < _EDGE_MIN_WORDS:
            last = gap_start - 1
    for gap_start, gap_end in gaps:
        if gap_start > first and sum(b.words for b in blocks[first:gap_start]) < _EDGE_MIN_WORDS:
            first = gap_end + 1
    while first <= last and not blocks[first].prose:
        first += 1
    while last >= first and not blocks[last].prose:
        last -= 1
    return first, last


def is_namelike_text(text: str) -> bool:
    """Two to five capitalised words (name particles aside)."""
    words = text.split()
    if not 2 <= len(words) <= 5:
        return False
    return words[0][:1].isupper() and all(w[:1].isupper() or w.lower() in _NAME_PARTICLES for w in words)


def is_namelike(block: Block) -> bool:
    """A line of two to five capitalised words, no digits, no final stop: a person's or an outlet's name."""
    if block.terminal or block.digits > 0 or block.letters < 0.75:
        return False
    return is_namelike_text(block.text)


def _headline_like(block: Block) -> bool:
    first = next((c for c in block.text if c.isalpha()), "")
    cased = first.lower() != first.upper()
    return (
        3 <= block.words <= 30
        and not block.text.rstrip("\"'»”’)").endswith(".")
        and block.letters >= 0.5
        and (first.isupper() or not cased)
    )


def _recurs_only(block: Block, level: int) -> bool:
    """Weak chrome only because the line recurs: a headline repeated in a breadcrumb or by copies."""
    return level == 1 and not (block.nav or block.credit or block.urlish)


def _overlap(block: Block, vocabulary: set[str]) -> float:
    words = [w.lower() for w in re.findall(r"\w{4,}", block.text)]
    return sum(w in vocabulary for w in words) / len(words) if words else 0.0


def _head(blocks: Sequence[Block], chrome: Sequence[int], first: int, vocabulary: set[str]) -> BodyLayout:
    layout = BodyLayout()
    group: list[int] = []
    for j in range(first - 1, max(-1, first - 1 - _HEAD_WINDOW), -1):
        block = blocks[j]
        if (
            byline_name(block.text) is not None
            or (block.datelike and not block.counter)
            or (not group and is_namelike(block) and not chrome[j])
        ):
            layout.head.append(j)
        elif _headline_like(block) and len(group) < 3 and (not chrome[j] or _recurs_only(block, chrome[j])):
            group.append(j)
        elif group or block.words > 2:
            break
        # else: a one- or two-word line between title and body (a job title, "Share"): look past it
    if group:
        titled = [j for j in group if _overlap(blocks[j], vocabulary) >= 0.2] or group
        layout.title = titled[-1]
        title = blocks[layout.title].text.casefold()
        # A standfirst restates the story; a teaser for another article shares few of its words.
        layout.body = sorted(
            j
            for j in group
            if j > layout.title
            and blocks[j].text.casefold() != title
            and _overlap(blocks[j], vocabulary) >= _STANDFIRST_OVERLAP
        )
    return layout


def _pull_quote(blocks: Sequence[Block], i: int, first: int, last: int) -> bool:
    """A line repeating words of a paragraph nearby: a pull quote or a truncated teaser of the article."""
    probe = blocks[i].text.rstrip(" .…")
    if len(probe) < 20:
        return False
    nearby = range(max(first, i - 8), min(last, i + 8) + 1)
    return any(len(blocks[j].text) > len(probe) + 10 and probe in blocks[j].text for j in nearby)


def _keep_inside(blocks: Sequence[Block], i: int, first: int, last: int) -> bool:
    """Whether a neutral block inside the body is text: a subheading, a list item, not a label or link."""
    block = blocks[i]
    if block.prose:
        return not (block.words <= _PULL_QUOTE_WORDS and _pull_quote(blocks, i, first, last))
    if _pull_quote(blocks, i, first, last):
        return False
    if _READ_ALSO.match(block.text) or byline_name(block.text) is not None:
        return False
    if block.words >= 4 and block.text.isupper():
        return False  # an all-capitals teaser line inserted between paragraphs
    if block.words >= 3:
        return True
    # A one- or two-word line is a subheading when the paragraph under it takes up its words.
    following = blocks[i + 1].text.lower() if i < last else ""
    return any(w in following for w in re.findall(r"\w{3,}", block.text.lower()))


def _drop_author_box(blocks: Sequence[Block], layout: BodyLayout) -> None:
    """Cut an author box at the end of the body: a bio that starts with the byline's name, either under a
    label line ("About the author") or as one of the last two short paragraphs with the full name."""
    names = [
        n for n in (byline_name(blocks[i].text) or blocks[i].text for i in layout.head) if is_namelike_text(n)
    ]
    if not names:
        return
    body = layout.body
    for k in range(len(body) - 1, max(0, len(body) - 4), -1):
        text = blocks[body[k]].text
        first_word = text.split()[0] if text.split() else ""
        labelled = any(first_word == n.split()[0] for n in names) and not blocks[body[k - 1]].prose
        full = (
            k >= len(body) - 2
            and blocks[body[k]].words <= 40
            and any(text.startswith(n + " ") for n in names)
        )
        if labelled or full:
            cut = k - 1 if labelled else k
            layout.tail = body[cut:]
            del body[cut:]
            return


def find_body(blocks: Sequence[Block], main_script: str | None) -> BodyLayout:
    """Locate body, title and metadata blocks.

    Args:
        blocks: the document's blocks (see :func:`rashomon.clean.lines.segment`), cues filled in.
        main_script: the document's main writing system.

    Returns:
        The layout; ``body`` is empty when no prose was found.
    """
    chrome = [chrome_level(b, main_script) for b in blocks]
    runs = _clusters(blocks, chrome)
    if not runs:
        return BodyLayout()
    first, last = _trim_edges(blocks, *_pick(blocks, chrome, runs))
    if first > last:
        return BodyLayout()
    if first < last and not _is_long(blocks[first]) and _headline_like(blocks[first]):
        first += 1  # a question or exclamation headline reads like prose but is the title
    # The title's words come back early in the body; the first paragraphs are enough.
    vocabulary = {
        w.lower() for b in blocks[first : min(last, first + 5) + 1] for w in re.findall(r"\w{4,}", b.text)
    }
    layout = _head(blocks, chrome, first, vocabulary)
    for i in range(first, last + 1):
        block = blocks[i]
        if not chrome[i] and _keep_inside(blocks, i, first, last):
            layout.body.append(i)
        elif byline_name(block.text) is not None:
            layout.head.append(i)
    _drop_author_box(blocks, layout)
    for i in range(last + 1, min(len(blocks), last + 1 + _TAIL_WINDOW)):
        if chrome[i] == 2:
            break
        layout.tail.append(i)
    return layout
