"""Turn raw documents into articles: body text without site chrome, metadata, offset map to the raw.

Decisions (see docs/analysis-schema.md, section ``clean``):

- ``Article.text`` is the body as the outlet wrote it — standfirst and paragraphs, subheadings included —
  without the title and byline lines, which become metadata. Paragraphs are separated by a blank line
  (``"\\n\\n"``); a hard-wrapped paragraph is joined with single spaces.
- ``Article.raw_text`` is the document's raw text (the HTML source for HTML), and ``offsets`` maps the
  clean text onto it; for HTML the line map is composed with the extractor's map.
- HTML goes through the extractor (trafilatura) and then a light line pass: chrome lines the extractor
  let through at the edges (counters, consent notices, widget text in another script) are dropped, and
  broken hyphens rejoined. The full body finder is not run: the extractor already chose the body.
- Metadata priority: the document's own metadata (JSONL/WARC) > HTML metadata > what the text says.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from rashomon.clean.body import BodyLayout, find_body, is_chrome
from rashomon.clean.hyphens import find_breaks, guess_wordfreq_language
from rashomon.clean.lines import Block, main_script, normalise_line, segment
from rashomon.clean.meta import TextMeta, extract_meta
from rashomon.model import Article, Failure, RawDocument, article_id_for
from rashomon.offsets import OffsetMap, TextBuilder, compose
from rashomon.settings import resolve_settings

__all__ = ["clean_documents", "clean_text"]

logger = logging.getLogger(__name__)

_REPEAT_MAX_WORDS = 40
_COPY_SHARE = 0.3
_QUOTE_MARKS = re.compile(r"[\"“”„«»‘’‹›「」]")
_META_KEYS = ("title", "outlet", "author", "url", "published")
NO_TEXT = "no article text found: the file holds only navigation, widgets or comments"


def _fallback_parse_date(value: str) -> str | None:
    match = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", value)
    return match.group(0) if match else None


def _date_parser() -> Callable[[str], str | None]:
    try:
        from rashomon.ingest.dates import parse_date
    except ImportError:  # the ingest package is optional for cleaning
        return _fallback_parse_date
    return parse_date


def _line_keys(raw: str) -> set[str]:
    keys = set()
    for line in raw.splitlines():
        words = line.split()
        if 0 < len(words) <= _REPEAT_MAX_WORDS:
            keys.add(normalise_line(line))
    return keys


def corpus_line_counts(texts: Sequence[str]) -> Counter[str]:
    """In how many of ``texts`` each short normalised line occurs (site chrome repeats across pages)."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(_line_keys(text))
    return counts


def _mark_repeats(blocks: Sequence[Block], counts: Counter[str] | None) -> None:
    """Set each block's cross-document repetition; prose keeps none in a document that copies others.

    Site chrome recurs across the pages of a site while each page's prose is its own; a document whose
    prose mostly recurs is a copy of another article (wire copy, rewrite), and its paragraphs must stay.
    Paragraphs quoting someone are exempt too: outlets quote the same statement word for word.
    """
    if not counts:
        return
    prose_words = repeated_words = 0
    for block in blocks:
        if block.words <= _REPEAT_MAX_WORDS:
            block.repeated = max(0, counts.get(normalise_line(block.text), 1) - 1)
        if block.prose:
            prose_words += block.words
            repeated_words += block.words if block.repeated else 0
    copy = repeated_words > _COPY_SHARE * prose_words
    for block in blocks:
        if block.prose and block.repeated and (copy or _QUOTE_MARKS.search(block.text)):
            block.repeated = 0


def _emit_block(builder: TextBuilder, block: Block, lang: str | None, document: Callable[[], str]) -> None:
    """Copy one block, dropping broken hyphens and turning wrapped line breaks into spaces."""
    drops = [(block.start + a, block.start + b) for a, b in find_breaks(block.text, lang, document)]
    cuts = sorted(
        [(a, b, "") for a, b in drops]
        + [
            (a, b, " ")
            for a, b in block.breaks
            if not any((d0 <= a and b <= d1) or d0 <= b <= d1 for d0, d1 in drops)
        ]
    )
    pos = block.start
    for a, b, fill in cuts:
        a = max(a, pos)
        builder.copy(pos, a)
        if fill:
            builder.insert(fill)
        pos = max(pos, b)
    builder.copy(pos, block.end)


def _build(raw: str, blocks: Sequence[Block], keep: Sequence[int], lang: str | None) -> tuple[str, OffsetMap]:
    builder = TextBuilder(raw)
    cache: list[str] = []

    def document() -> str:
        if not cache:
            cache.append(raw.lower())
        return cache[0]

    for n, i in enumerate(keep):
        if n:
            builder.insert("\n\n")
        _emit_block(builder, blocks[i], lang, document)
    return builder.build()


def _language(blocks: Sequence[Block], keep: Sequence[int], script: str | None) -> str | None:
    words = (w.lower() for i in keep[:20] for w in blocks[i].text.split())
    return guess_wordfreq_language(words, script)


def _document_script(blocks: Sequence[Block]) -> str | None:
    """The main writing system, from the blocks of five words or more (widgets are short)."""
    counts: Counter[str] = Counter()
    for block in blocks:
        if block.words >= 5:
            counts.update(block.scripts)
    if not counts:
        for block in blocks:
            counts.update(block.scripts)
    return main_script(counts)


def clean_text(
    raw: str,
    *,
    line_counts: Counter[str] | None = None,
    parse_date: Callable[[str], str | None] | None = None,
    find: bool = True,
) -> tuple[str, OffsetMap, TextMeta]:
    """Clean one scraped text.

    Args:
        raw: the text as read.
        line_counts: document frequency of normalised short lines in the batch (:func:`corpus_line_counts`).
        parse_date: date parser for the metadata, by default ``rashomon.ingest.dates.parse_date``.
        find: run the body finder (scraped text); False keeps every block that is not chrome (text an
            extractor already reduced to the body).

    Returns:
        The clean text (empty when nothing is left), its offset map onto ``raw``, the metadata found.

    Example:
        >>> text, omap, meta = clean_text("Home\\n\\nA title here\\n\\nOne long sentence of the body goes here.")
    """
    blocks = segment(raw)
    _mark_repeats(blocks, line_counts)
    script = _document_script(blocks)
    if find:
        layout = find_body(blocks, script)
        lang = _language(blocks, layout.body, script)
        meta = extract_meta(blocks, layout, parse_date or _date_parser(), lang)
    else:
        layout = BodyLayout(body=_light_keep(blocks, script))
        lang = _language(blocks, layout.body, script)
        meta = TextMeta()
    text, omap = _build(raw, blocks, layout.body, lang)
    return text, omap, meta


def _light_keep(blocks: Sequence[Block], script: str | None) -> list[int]:
    """Indices kept by the light pass: chrome blocks go only from the edges of the text."""
    chrome = [(is_chrome(b, script) and not b.prose) or b.consent or b.counter for b in blocks]
    first, last = 0, len(blocks) - 1
    while first <= last and chrome[first]:
        first += 1
    while last >= first and chrome[last]:
        last -= 1
    return list(range(first, last + 1))


def _merge_meta(*sources: Mapping[str, str | None]) -> dict[str, str | None]:
    merged: dict[str, str | None] = {}
    for key in _META_KEYS:
        merged[key] = next((str(s[key]).strip() for s in sources if s.get(key)), None)
    return merged


def _clean_one(doc: RawDocument, counts: Counter[str], limit: int) -> Article | Failure:
    if doc.kind == "html":
        from rashomon.clean.html import extract_html

        extraction = extract_html(doc.raw_text, doc.meta.get("url"))
        text, omap, _ = clean_text(extraction.text, find=False)
        omap = compose(omap, extraction.offsets)
        found: Mapping[str, str | None] = extraction.meta
    else:
        text, omap, text_meta = clean_text(doc.raw_text, line_counts=counts)
        found = {
            "title": text_meta.title,
            "author": text_meta.author,
            "outlet": text_meta.outlet,
            "published": text_meta.published,
        }
    if not text.strip():
        return Failure(doc.path, NO_TEXT)
    if len(text) > limit:
        return Failure(
            doc.path,
            f"article text is {len(text):,} characters, over max_article_chars={limit:,}; "
            "raise the setting or split the file",
        )
    meta = _merge_meta(doc.meta, found)
    return Article(
        id=doc.meta.get("id") or article_id_for(text),
        path=doc.path,
        text=text,
        raw_text=doc.raw_text,
        offsets=omap,
        title=meta["title"],
        outlet=meta["outlet"],
        author=meta["author"],
        url=meta["url"],
        published=meta["published"],
        kind=doc.kind,
    )


def clean_documents(
    docs: Sequence[RawDocument], settings: Mapping[str, Any] | None = None
) -> list[Article | Failure]:
    """Clean a batch of raw documents into articles.

    The batch matters: a short line that recurs in several scraped texts is site chrome.

    Args:
        docs: the documents, scraped text (``kind == "text"``) or HTML.
        settings: overrides of :data:`rashomon.settings.SETTINGS` (``max_article_chars`` and
            ``max_html_chars`` are used).

    Returns:
        Per document, in order, an :class:`Article` or a :class:`Failure` saying why there is none.

    Raises:
        ConfigError: ``settings`` names an unknown setting.
    """
    values = resolve_settings(settings)
    limit, html_limit = int(values["max_article_chars"]), int(values["max_html_chars"])
    counts = corpus_line_counts([d.raw_text for d in docs if d.kind != "html"])
    results: list[Article | Failure] = []
    for doc in docs:
        if doc.kind == "html" and len(doc.raw_text) > html_limit:  # refused before parsing: memory
            results.append(Failure(doc.path, _html_too_large(len(doc.raw_text), html_limit)))
            continue
        try:
            results.append(_clean_one(doc, counts, limit))
        except ImportError as exc:
            results.append(Failure(doc.path, f"HTML cleaning is unavailable ({exc}); reinstall rashomon"))
    return results


def _html_too_large(size: int, limit: int) -> str:
    return (
        f"the page is {size:,} characters of HTML, over max_html_chars ({limit:,}); "
        "save the article's text instead, or raise the setting if the machine has the memory"
    )
