"""Metadata from the lines of a scraped text: title, author, outlet, published date.

Sources, by priority within the text: the title block the body finder chose; a byline ("By …",
"Written by …", "Автор: …") — its name is the outlet when it looks like a publication, else the author;
a name line next to the title or in a signature/author box after the body; a date line above the body.
A name glued to the next widget by scraping ("The GuardianTramp") is cut at the glue.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rashomon.clean.body import BodyLayout, byline_name, is_namelike
from rashomon.clean.hyphens import word_zipf
from rashomon.clean.lines import Block, trim_name

__all__ = ["TextMeta", "extract_meta", "looks_like_outlet"]

logger = logging.getLogger(__name__)

# Words that name a publication in many languages; a generic cue, not a list of outlets.
_MEDIA_WORDS = re.compile(
    r"\b(?:post|times|news|press|daily|journal|herald|guardian|tribune|media|agency|radio|tv|gazette|"
    r"review|observer|telegraph|chronicle|magazine|weekly|express|mirror|standard|independent|"
    r"zeitung|nachrichten|rundschau|kurier|diario|periódico|noticias|le monde|quotidien|gazzetta|"
    r"notizie|газета|новости|вести|известия|ведомости|правда|ria|tass|reuters|afp|ap|bbc|cnn)\b",
    re.IGNORECASE,
)
_COMMON_ZIPF = 4.8
# "© 2023 Harbour Times. All rights reserved.", "©2024 by travelwithanna", "Echo © 2023 All rights reserved"
_COPYRIGHT = re.compile(r"^(?P<pre>.*?)\s*(?:©|\(c\)|\bcopyright\b)\s*(?P<post>.*)$", re.IGNORECASE)
_RIGHTS = re.compile(
    r"\b(?:all rights|alle rechte|все права|усі права|todos los derechos|todos os direitos|tous droits|"
    r"tutti i diritti|wszelkie prawa)\b.*$",
    re.IGNORECASE,
)
_YEARS = re.compile(r"\(c\)|\b\d{4}(?:\s*[-–]\s*\d{4})?\b", re.IGNORECASE)
_BY = re.compile(r"^\s*by\s+", re.IGNORECASE)
_GLUE = re.compile(r"(?<=[a-zа-яё])(?=[A-ZА-ЯЁ][a-zа-яё])")


@dataclass(frozen=True, slots=True)
class TextMeta:
    """Metadata found in the text; None where the text does not say."""

    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: str | None = None


def _unglue(name: str) -> str:
    """Cut a name where scraping glued the next element onto it ("The GuardianTramp" → "The Guardian")."""
    parts = _GLUE.split(name, maxsplit=1)
    return parts[0].strip() if len(parts) > 1 and len(parts[0].split()) >= 1 else name.strip()


def looks_like_outlet(name: str) -> bool:
    """Whether a name reads like a publication rather than a person."""
    words = name.split()
    if not words:
        return False
    if words[0].lower() in ("the", "die", "der", "das", "le", "la", "el", "il") and len(words) >= 2:
        return True
    return bool(_MEDIA_WORDS.search(name)) or any(c.isdigit() or c in ".:" for c in name)


def _date_of(
    blocks: Sequence[Block], indices: Sequence[int], parse: Callable[[str], str | None]
) -> str | None:
    for i in indices:
        block = blocks[i]
        # Parsing is costly (dateparser); a written date has at least a day or a year in digits.
        if block.datelike or (block.words <= 10 and block.digits > 0):
            found = parse(block.text)
            if found:
                return found
    return None


def _common_words(name: str, lang: str | None) -> bool:
    """Whether a name is made of everyday words ("Recent Posts", "Read More"): a label, not a person."""
    if lang is None:
        return False
    words = [w.lower() for w in re.findall(r"\w+", name)]
    return bool(words) and sum(word_zipf(w, lang) for w in words) / len(words) >= _COMMON_ZIPF


def _names(blocks: Sequence[Block], layout: BodyLayout, lang: str | None) -> tuple[str | None, str | None]:
    """(author, outlet) from bylines and name lines, head first, then the signature after the body."""
    author: str | None = None
    outlet: str | None = None
    for i in [*sorted(layout.head), *layout.tail]:
        block = blocks[i]
        name = byline_name(block.text)
        bare = name is None
        if bare and is_namelike(block):
            name = trim_name(block.text)
        if not name:
            continue
        name = _unglue(name)
        if looks_like_outlet(name):
            outlet = outlet or name
        elif len(name.split()) <= 5 and not (bare and _common_words(name, lang)):
            author = author or name
    return author, outlet


def _copyright_holder(text: str) -> str | None:
    """The name in a copyright line, after the sign ("© 2023 The Post.") or before it ("The Post © 2023")."""
    match = _COPYRIGHT.match(text.strip())
    if match is None:
        return None
    for part in (match.group("post"), match.group("pre")):
        name = _BY.sub("", _RIGHTS.sub("", _YEARS.sub("", part)))
        name = re.split(r"[.|·,©]", name, maxsplit=1)[0].strip(" -–—:;")
        if name and 1 <= len(name.split()) <= 6 and any(c.isalpha() for c in name):
            return name
    return None


def _site_name(blocks: Sequence[Block], layout: BodyLayout) -> str | None:
    """The outlet named by a copyright line, else by a name line that recurs in other documents."""
    body = set(layout.body)
    for block in blocks:
        if block.index not in body and block.words <= 12:
            name = _copyright_holder(block.text)
            if name:
                return name
    for block in blocks:
        if (
            block.index not in body
            and block.repeated
            and is_namelike(block)
            and looks_like_outlet(block.text)
        ):
            return block.text.strip()
    return None


def extract_meta(
    blocks: Sequence[Block],
    layout: BodyLayout,
    parse_date: Callable[[str], str | None],
    lang: str | None = None,
) -> TextMeta:
    """Title, author, outlet and date of a document whose layout :func:`find_body` found.

    Args:
        blocks: the document's blocks.
        layout: where the body, title, head and tail blocks are.
        parse_date: turns a written date into ISO form, None when it is not a date.
        lang: the wordfreq language of the text, to tell labels made of everyday words from names.

    Returns:
        What the text says; fields are None when it does not say.
    """
    title = " ".join(blocks[layout.title].text.split()) if layout.title is not None else None
    author, outlet = _names(blocks, layout, lang)
    outlet = outlet or _site_name(blocks, layout)
    published = _date_of(blocks, sorted(layout.head), parse_date)
    return TextMeta(title=title, author=author, outlet=outlet, published=published)
