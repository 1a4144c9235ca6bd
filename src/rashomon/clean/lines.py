"""Segment a scraped text into blocks (lines, or hard-wrapped paragraphs) and compute per-block cues.

A block keeps its offsets in the raw text, so whatever is kept later can be copied with its offsets.
The cues are language-agnostic: length, terminal punctuation, share of letters, the script a block is
written in, and generic multilingual patterns for counters, dates, consent notices and navigation.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

__all__ = ["Block", "byline_name", "main_script", "normalise_line", "script_of", "segment", "trim_name"]

# Closing quotes/brackets may follow the final punctuation mark of a sentence.
_TERMINAL = re.compile(r"[.!?…。！？‼⁇][\"'»”’)\]」』]*$")
_WORD = re.compile(r"\w+", re.UNICODE)
# Engagement counters in many languages: "2,171 views", "Comments: 0", "12 Kommentare", "5 ответов".
_COUNTER_NOUNS = (
    r"views?|comments?|likes?|shares?|reads?|repl(?:y|ies)|reactions?|votes?|followers?|"
    r"просмотр\w*|комментари\w*|ответ\w*|лайк\w*|Kommentare?|Aufrufe|Antworten|"
    r"comentarios?|vistas|visitas|respuestas|commentaires?|vues|commenti|visualizzazioni|"
    r"visualizações|comentários|yorum\w*|reakcj\w*|komentarz\w*"
)
_COUNTER = re.compile(
    rf"(?:\d[\d.,\s]*[kKmM]?\s*(?:{_COUNTER_NOUNS})\b)|(?:\b(?:{_COUNTER_NOUNS})\s*[:(]?\s*\d+\)?)",
    re.IGNORECASE,
)
# A comment section's own labels: "Reader comments", "Reply", "Kommentare", "Ответить".
_COMMENT_LABEL = re.compile(
    r"\b(?:comments?|repl(?:y|ies)|kommentar(?:e|en)?|antworten|комментари\w*|ответить|comentarios?|"
    r"responder|commentaires?|répondre|commenti|rispondi|comentários|yorum\w*|komentarz\w*|odpowiedz)\b",
    re.IGNORECASE,
)
# Relative times of comment and feed widgets: "9h", "5 min ago", "vor 2 Stunden", "3 часа назад".
_RELATIVE_TIME = re.compile(
    r"\b\d+\s?(?:s|m|h|d|w|min|mins|hrs?|hours?|minutes?|days?|weeks?)\b(?:\s+ago)?$|"
    r"\b\d+\s+\w+\s+(?:ago|назад)\b|\b(?:vor|hace|il y a)\s+\d+\s+\w+",
    re.IGNORECASE,
)
# Consent/cookie notices: the word "cookie" is the same in most languages. Plain substring tests on the
# lower-cased line: an alternation regex costs ~100 µs per long paragraph.
_CONSENT_KEYS = (
    "cookie",
    "gdpr",
    "dsgvo",
    "куки",
    "datenschutzerkl",
    "política de privacidad",
    "privacy policy",
    "политика конфиденциальности",
    "политикой конфиденциальности",
)
_BYLINE = re.compile(
    r"^(?:(?:written|posted|published|words|story|text|reported)\b[^|]*?\bby|by|author:?|autor:?|автор:?|"
    r"von|por|par|di|door|av|текст:?)\s+(?P<who>\S.*)$",
    re.IGNORECASE,
)
# Where a byline's name ends: "Jane Doe, Regional Correspondent", "Jane Doe | 3 May".
_NAME_END = re.compile(r"\s*(?:[,|·•/]|\s[-–—]\s).*$")
# Photo credits in captions: "Photo: Reuters", "Foto: dpa", "Фото: ТАСС", "Photograph: AP".
_CREDIT = re.compile(
    r"\b(?:photo(?:graph)?|foto(?:grafía)?|фото|image|picture|bild|imagen|illustration|crédit|credits?)"
    r"(?:\s+by)?\s*[:©]|\([^()/]{2,40}/[^()/]{2,40}\)$",
    re.IGNORECASE,
)
_COPYRIGHT_LINE = re.compile(r"^(?:©|\(c\)\s|copyright\b)|©\s*\d{4}", re.IGNORECASE)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s?[ap]\.?m\.?)?\b", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"\b(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{4})\b")
_URLISH = re.compile(r"https?://|www\.|\S+@\S+\.\w+|^[@#]\w+")
# Characters that separate menu items or breadcrumbs.
_NAV_SEPARATORS = re.compile(r"\s[|•·»›/>]\s|\s[|•·]\s?|^[«‹←→»›]|[«‹←→»›]$")

# Letters of each writing system, as character ranges (regex counting runs in C; a loop per character
# in Python would cost more than all the other cues together).
_SCRIPT_RANGES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("latin", re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff]")),
    ("cyrillic", re.compile(r"[\u0400-\u04ff\u0500-\u052f]")),
    ("greek", re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")),
    ("arabic", re.compile(r"[\u0600-\u06ff\u0750-\u077f]")),
    ("hebrew", re.compile(r"[\u0590-\u05ff]")),
    ("devanagari", re.compile(r"[\u0900-\u097f]")),
    ("cjk", re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")),
    ("hangul", re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")),
    ("thai", re.compile(r"[\u0e00-\u0e7f]")),
    ("georgian", re.compile(r"[\u10a0-\u10ff]")),
    ("armenian", re.compile(r"[\u0530-\u058f]")),
)
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"\d")
_SAMPLE = 200
_ECHO_MAX_WORDS = 15
_CONSENT_MAX_WORDS = 60
_NON_ASCII_LETTER = re.compile(r"[^\W\d_\x00-\x7f]")
_CHAR_SCRIPT: dict[str, str] = {}


def _char_script(ch: str) -> str:
    script = _CHAR_SCRIPT.get(ch)
    if script is None:
        script = next((label for label, pattern in _SCRIPT_RANGES if pattern.match(ch)), "other")
        _CHAR_SCRIPT[ch] = script
    return script


def script_of(text: str) -> Counter[str]:
    """Count the letters of ``text`` per writing system (latin, cyrillic, cjk, ...)."""
    counts: Counter[str] = Counter()
    n = len(_ASCII_LETTER.findall(text))
    if n:
        counts["latin"] = n
    if not text.isascii():
        for ch in _NON_ASCII_LETTER.findall(text):
            counts[_char_script(ch)] += 1
    return counts


def main_script(counts: Counter[str]) -> str | None:
    """The writing system with the most letters, None for a text without letters."""
    return counts.most_common(1)[0][0] if counts else None


def byline_name(text: str) -> str | None:
    """The name in a byline ("By Jane Doe", "Written by The Post", "Posted on 3 May by Jane"), else None."""
    stripped = text.strip()
    if len(stripped.split()) > 12:
        return None
    match = _BYLINE.match(stripped)
    if match is None:
        return None
    name = trim_name(match.group("who"))
    return name if name and len(name.split()) <= 6 else None


def trim_name(text: str) -> str:
    """A name without what follows it on its line: "Jane Doe, Regional Correspondent" → "Jane Doe"."""
    return _NAME_END.sub("", text).strip(" ,;:|-–—")


def normalise_line(text: str) -> str:
    """A line's identity for cross-document repetition: lower case, digits as 0, single spaces."""
    return " ".join(re.sub(r"\d", "0", text.lower()).split())


@dataclass(slots=True)
class Block:
    """One line (or hard-wrapped paragraph) of a scraped text, with its cues.

    Attributes:
        start, end: the block's stripped extent in the raw text.
        text: ``raw[start:end]``.
        index: position among the document's blocks.
        breaks: ``(end of a line, start of the next)`` raw offsets inside a hard-wrapped block.
        words: word count (letters and digits; a CJK run counts once per 2 characters).
        terminal: ends with sentence-final punctuation.
        letters, digits: shares of the characters.
        scripts: letters per writing system.
        script: the block's main writing system.
        counter, consent, datelike, urlish, nav: pattern cues (see module docstring).
        credit: a photo credit or a copyright line.
        repeated: number of other documents in the batch holding the same normalised line.
        echo: number of other blocks of the same document with the same normalised text.
    """

    start: int
    end: int
    text: str
    index: int = 0
    breaks: list[tuple[int, int]] = field(default_factory=list)
    words: int = 0
    terminal: bool = False
    letters: float = 0.0
    digits: float = 0.0
    scripts: Counter[str] = field(default_factory=Counter)
    script: str | None = None
    counter: bool = False
    consent: bool = False
    datelike: bool = False
    urlish: bool = False
    nav: bool = False
    credit: bool = False
    repeated: int = 0
    echo: int = 0

    @property
    def prose(self) -> bool:
        """Reads like running text: a sentence-final mark after three words or more, a colon or
        semicolon after eight (a paragraph introducing a quote or list), or twenty words whatever the end."""
        if self.terminal:
            return self.words >= 3
        return self.words >= 20 or (self.words >= 8 and self.text.rstrip()[-1:] in ":;")


def _count_words(text: str, scripts: Counter[str]) -> int:
    words = len(text.split())
    cjk = scripts.get("cjk", 0)
    if cjk:
        # CJK text has no spaces: count about one word per two characters.
        words = max(words, cjk // 2 + len(_WORD.findall(re.sub(r"[^\x00-\u2fff]", " ", text))))
    return words


def _is_datelike(text: str, words: int) -> bool:
    """A short line that is mostly a date or a time ("05, Jan, 2022 @10:13 PM", "2022-01-05")."""
    if words > 8:
        return False
    if words <= 4 and _RELATIVE_TIME.search(text):
        return True
    has_time = bool(_TIME.search(text))
    has_date = bool(_NUMERIC_DATE.search(text))
    digits = len(_DIGIT.findall(text))
    return (has_time and (has_date or digits >= 4)) or (has_date and digits >= 4 and words <= 5)


def _fill_cues(block: Block) -> None:
    text = block.text
    # Shares and script from both ends of a long paragraph: enough to judge, and the cost stays bounded.
    sample = text if len(text) <= 2 * _SAMPLE else text[:_SAMPLE] + " " + text[-_SAMPLE:]
    n = max(1, len(sample))
    scripts = block.scripts = script_of(sample)
    block.script = main_script(scripts)
    block.words = _count_words(text, scripts) if sample is text else len(text.split())
    block.terminal = bool(_TERMINAL.search(text[-8:]))
    block.letters = sum(scripts.values()) / n
    block.digits = len(_DIGIT.findall(sample)) / n
    lower = text.lower()
    # Consent notices are short; a long paragraph naming cookies is an article about them.
    block.consent = block.words <= _CONSENT_MAX_WORDS and any(key in lower for key in _CONSENT_KEYS)
    # The remaining cues only matter on short lines; skipping long ones keeps the regex cost linear.
    if block.words <= 8:
        block.counter = bool(_COUNTER.search(text)) or (
            block.words <= 3 and bool(_COMMENT_LABEL.search(text))
        )
        block.datelike = _is_datelike(text, block.words)
        block.urlish = bool(_URLISH.search(text))
    if n <= 300:
        block.nav = not block.terminal and bool(_NAV_SEPARATORS.search(text))
        block.credit = bool(_CREDIT.search(text)) or (
            block.words <= 15 and bool(_COPYRIGHT_LINE.search(text))
        )


def _raw_lines(raw: str) -> list[tuple[int, int]]:
    """Stripped extents of the non-blank lines of ``raw``."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in raw.splitlines(keepends=True):
        body = line.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        stripped = body.strip()
        if stripped:
            lead = len(body) - len(body.lstrip())
            spans.append((pos + lead, pos + lead + len(stripped)))
        pos += len(line)
    return spans


def _continues(raw: str, prev: tuple[int, int], nxt: tuple[int, int]) -> bool:
    """Whether ``nxt`` is the hard-wrapped continuation of ``prev`` (same paragraph)."""
    if raw.count("\n", prev[1], nxt[0]) != 1:
        return False
    prev_text = raw[prev[0] : prev[1]]
    first = raw[nxt[0]]
    if byline_name(raw[nxt[0] : nxt[1]]) is not None:
        return False
    if prev_text.endswith("-") and first.isalpha() and first.islower():
        return True
    return len(prev_text) >= 40 and not _TERMINAL.search(prev_text) and first.isalpha() and first.islower()


def segment(raw: str) -> list[Block]:
    """Split ``raw`` into blocks with their cues.

    Consecutive lines are merged into one block when the first is long, does not end a sentence and the
    next starts in lower case (a hard-wrapped paragraph), or when the first ends in a hyphen.

    Args:
        raw: the scraped text.

    Returns:
        The blocks in order; blank lines are not blocks.
    """
    blocks: list[Block] = []
    for span in _raw_lines(raw):
        if blocks and _continues(raw, (blocks[-1].start, blocks[-1].end), span):
            last = blocks[-1]
            last.breaks.append((last.end, span[0]))
            last.end = span[1]
            last.text = raw[last.start : last.end]
            continue
        blocks.append(Block(span[0], span[1], raw[span[0] : span[1]], index=len(blocks)))
    seen: Counter[str] = Counter()
    for block in blocks:
        _fill_cues(block)
        if block.words <= _ECHO_MAX_WORDS:
            seen[normalise_line(block.text)] += 1
    if seen and max(seen.values()) > 1:
        for block in blocks:
            if block.words <= _ECHO_MAX_WORDS:
                block.echo = seen[normalise_line(block.text)] - 1
    return blocks
