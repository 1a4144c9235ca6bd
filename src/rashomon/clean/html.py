"""HTML article extraction: the main content of a page, its metadata and an offset map to the source.

A fast lxml extractor (:mod:`rashomon.clean.html_fast`) handles the common page; when it is unsure
(its confidence is under :data:`FAST_CONFIDENCE`), trafilatura, slower and more careful, extracts the
page instead. Metadata comes from JSON-LD, meta tags and the page (:mod:`rashomon.clean.html_meta`),
completed by trafilatura's when the careful path ran. Paragraphs are mapped back to the source by
:mod:`rashomon.clean.html_offsets`.

Example:
    >>> page = ("<html><head><title>Rain | Courier</title></head><body><nav><a href='/'>Home</a></nav>"
    ...         "<article><p>Rain fell on the valley for three days, and the river rose.</p>"
    ...         "<p>The authority opened the gates on Tuesday, officials said.</p></article></body></html>")
    >>> doc = extract_html(page)
    >>> doc.text.split("\\n\\n")[1]
    'The authority opened the gates on Tuesday, officials said.'
    >>> doc.meta["outlet"], doc.method
    ('Courier', 'careful')
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import htmldate
import trafilatura
from lxml import etree

from rashomon.clean.html_fast import fast_extract, segment, trim_edges
from rashomon.clean.html_meta import extract_meta, normalise_date
from rashomon.clean.html_offsets import locate_paragraphs
from rashomon.offsets import OffsetMap

__all__ = ["FAST_CONFIDENCE", "HtmlExtraction", "extract_html"]

logger = logging.getLogger(__name__)

#: Below this confidence the fast extractor's result is discarded and trafilatura runs.
FAST_CONFIDENCE = 0.9
_TRAFILATURA_BLOCKS = frozenset(("head", "list", "item", "quote", "row", "cell", "code", "graphic"))
# plain lxml elements (no lxml.html class lookup per element: the fast path visits every one)
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
# libxml2 stops parsing at 256 nested elements and drops the rest of the page; such pages are re-parsed
# without their inline and generic container tags, which carry no paragraph structure
_FLATTEN = re.compile(
    r"</?(?:div|span|section|font|center|b|i|u|s|em|strong|small|big|mark|a|abbr|cite|q|sub|sup|tt|ins"
    r"|del|label|form|fieldset|main|figure|figcaption|details|summary|dl|dd|dt|table|tbody|thead|tfoot"
    r"|tr|td|th|ul|ol|li|blockquote|article)\b[^>]*>",
    re.IGNORECASE,
)
_TRAFILATURA_META = (
    ("title", "title"),
    ("author", "author"),
    ("published", "date"),
    ("outlet", "sitename"),
    ("url", "url"),
)


@dataclass(frozen=True, slots=True)
class HtmlExtraction:
    """The article extracted from one HTML page.

    Attributes:
        text: main content only, paragraphs separated by ``"\\n\\n"``.
        offsets: map from ``text`` to the HTML source string.
        meta: keys among ``title``, ``author``, ``published`` (YYYY-MM-DD), ``outlet``, ``url``.
        method: ``"fast"`` or ``"careful"``, the extractor that produced ``text``.
    """

    text: str
    offsets: OffsetMap
    meta: dict[str, str]
    method: str


def _parse(source: str) -> etree._Element | None:
    # lxml refuses str input that carries an XML encoding declaration; the text is decoded already
    try:
        root = etree.fromstring(_XML_DECL.sub("", source, count=1), _PARSER)
    except (etree.LxmlError, ValueError):
        return None
    return root if isinstance(root, etree._Element) else None


def _too_deep() -> bool:
    """Whether the last parse stopped at libxml2's nesting limit (the rest of the page was dropped)."""
    return any(e.type_name == "ERR_RESOURCE_LIMIT" for e in _PARSER.error_log)


def _flatten(source: str) -> str:
    """The page without generic container and inline tags, for pages nested past the parser's limit."""
    logger.info("a page nests elements past the parser's depth limit; reading it without container tags")
    return _FLATTEN.sub(" ", source)


def _careful(source: str, url: str | None, meta: dict[str, str]) -> list[str]:
    """Trafilatura's paragraphs; fills metadata keys the page's own tags did not give."""
    try:
        doc = trafilatura.bare_extraction(
            source,
            url=url,
            include_comments=False,
            include_tables=True,
            with_metadata=True,
            deduplicate=False,
        )
    except Exception as exc:  # one odd page must not stop an ingest run; it is logged
        logger.warning("trafilatura failed on a page (%s); no text extracted", exc)
        return []
    if doc is None:
        return []
    for key, attr in _TRAFILATURA_META:
        value = getattr(doc, attr, None)
        if isinstance(value, str) and value.strip() and key not in meta:
            if key == "published":
                value = normalise_date(value) or ""
            if value:
                meta[key] = " ".join(value.split())
    tree = getattr(doc, "body", None)
    if tree is not None:
        # paragraphs by element: trafilatura's text output also breaks lines where the source wrapped;
        # it keeps headline and byline lines, which are metadata here
        blocks = segment(tree, _TRAFILATURA_BLOCKS)
        return [b.text for b in trim_edges(blocks, meta.get("title", ""), meta.get("author", ""))]
    body = getattr(doc, "text", None) or ""
    return [" ".join(line.split()) for line in body.split("\n") if line.strip()]


def _date_from_markup(source: str, url: str | None, meta: dict[str, str]) -> None:
    """Fill ``published`` with htmldate's markup-only search (dated spans, ``<abbr>``, the URL).

    Its extensive search reads dates out of the running text too, and picks comment or copyright dates
    too often: a wrong date on an article is worse than none.
    """
    try:
        found = htmldate.find_date(source, extensive_search=False, original_date=True, url=url)
    except Exception as exc:  # one odd page must not stop an ingest run; it is logged
        logger.debug("htmldate failed on a page (%s)", exc)
        return
    date = normalise_date(found) if found else None
    if date:
        meta["published"] = date


def extract_html(html: str, url: str | None = None) -> HtmlExtraction:
    """Extract the article text and metadata of an HTML page.

    Args:
        html: the page source, already decoded to ``str``.
        url: where the page came from, if known (used when the page names no canonical URL).

    Returns:
        The extraction; ``text`` is empty when the page has no recognisable article.
    """
    root = _parse(html)
    source = html
    if root is not None and _too_deep():
        source = _flatten(html)
        root = _parse(source)
    meta: dict[str, str] = {}
    paragraphs: list[str] = []
    method = "careful"
    if root is not None:
        meta = extract_meta(root, url)
        result = fast_extract(root, meta.get("title", ""), meta.get("author", ""))
        if result.confidence >= FAST_CONFIDENCE:
            paragraphs, method = result.paragraphs, "fast"
        else:
            logger.debug("fast extractor unsure (confidence %.2f); using trafilatura", result.confidence)
    if method == "careful" and source.strip():
        paragraphs = _careful(source, url, meta)
    elif "published" not in meta:
        _date_from_markup(source, url, meta)
    if url:
        meta.setdefault("url", url)
    text, offsets = locate_paragraphs(html, paragraphs)
    return HtmlExtraction(text, offsets, meta, method)
