"""Page metadata from a parsed HTML tree: title, author, published date, outlet and URL.

Sources, most trusted first: JSON-LD (``NewsArticle`` and kin), Open Graph and ``article:`` meta tags,
plain ``<meta name=...>``, ``<link rel="canonical">``, then the page itself (``<h1>``, byline elements,
``<time datetime>``, the site suffix of ``<title>``).
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from lxml import etree

__all__ = ["extract_meta", "normalise_date"]

logger = logging.getLogger(__name__)

_TITLE_SEP = re.compile(r"\s+[|\-–—·:»]\s+")
_BY_PREFIX = re.compile(r"^\s*(?:by|von|par|por|di|door|av|przez|автор:?)\s+", re.IGNORECASE)
_META_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("og:title", "twitter:title", "dc.title", "headline"),
    "author": ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author"),
    "published": (
        "article:published_time",
        "datepublished",
        "pubdate",
        "publishdate",
        "dc.date",
        "date",
        "og:published_time",
        "parsely-pub-date",
        "sailthru.date",
    ),
    "outlet": ("og:site_name", "application-name", "publisher"),
    "url": ("og:url", "twitter:url"),
}
_ARTICLE_TYPES = ("article", "newsarticle", "blogposting", "reportagenewsarticle", "webpage", "report")


def normalise_date(value: str) -> str | None:
    """A date as ``YYYY-MM-DD`` (via ``rashomon.ingest.dates.parse_date`` when importable), else None."""
    try:
        from rashomon.ingest.dates import parse_date
    except ImportError:  # pragma: no cover - the ingest package ships with rashomon
        match = re.match(r"(\d{4}-\d{2}-\d{2})", value.strip())
        return match.group(1) if match else None
    parsed = parse_date(value)
    return parsed[:10] if parsed else None


def _names(value: Any) -> str | None:
    """The name(s) in a JSON-LD author/publisher value (a string, an object or a list of them)."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        names = [n for n in (_names(v) for v in value[:5]) if n]
        return ", ".join(names) or None
    return None


def _json_ld_objects(root: etree._Element) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for script in root.iterfind('.//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except (ValueError, TypeError):
            continue  # broken JSON-LD is common; the meta tags usually say the same
        stack = data if isinstance(data, list) else [data]
        for obj in stack:
            if isinstance(obj, dict):
                graph = obj.get("@graph")
                if isinstance(graph, list):
                    out.extend(g for g in graph if isinstance(g, dict))
                out.append(obj)
    return out


def _from_json_ld(root: etree._Element) -> dict[str, str]:
    meta: dict[str, str] = {}
    for obj in _json_ld_objects(root):
        kind = obj.get("@type")
        kinds = [str(k).lower() for k in (kind if isinstance(kind, list) else [kind])]
        if not any(k in _ARTICLE_TYPES for k in kinds):
            continue
        found = {
            "title": _names(obj.get("headline")),
            "author": _names(obj.get("author")),
            "published": _names(obj.get("datePublished")) or _names(obj.get("dateCreated")),
            "outlet": _names(obj.get("publisher")),
            "url": _names(obj.get("url")) or _names(obj.get("mainEntityOfPage")),
        }
        for key, value in found.items():
            if value and key not in meta:
                meta[key] = value
    return meta


def _from_meta_tags(root: etree._Element) -> dict[str, str]:
    tags: dict[str, str] = {}
    for el in root.iterfind(".//meta"):
        name = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = (el.get("content") or "").strip()
        if name and content and name not in tags:
            tags[name] = content
    meta: dict[str, str] = {}
    for key, names in _META_KEYS.items():
        for name in names:
            if name in tags and (key == "url" or not tags[name].startswith("http")):
                meta[key] = tags[name]
                break
    for link in root.iterfind(".//link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            meta.setdefault("url", str(link.get("href")).strip())
            break
    return meta


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _from_page(root: etree._Element) -> dict[str, str]:
    meta: dict[str, str] = {}
    h1 = root.find(".//h1")
    if h1 is not None and 0 < len(_text(h1)) < 300:
        meta["title"] = _text(h1)
    bylines = root.xpath(
        '//*[@rel="author" or @itemprop="author" or contains(@class, "author") or contains(@class, "byline")]'
    )
    for el in bylines[:5]:
        name = _BY_PREFIX.sub("", _text(el))
        if 2 < len(name) < 60 and not any(ch.isdigit() for ch in name):
            meta["author"] = name
            break
    time_el = root.find(".//time[@datetime]")
    if time_el is not None:
        meta["published"] = str(time_el.get("datetime"))
    return meta


def _title_tag(root: etree._Element) -> tuple[str | None, str | None]:
    """The ``<title>`` split into (headline, site name) when it has a ``Headline | Site`` suffix."""
    el = root.find(".//title")
    if el is None or not "".join(el.itertext()).strip():
        return None, None
    full = " ".join("".join(el.itertext()).split())
    parts = _TITLE_SEP.split(full)
    if len(parts) > 1 and len(parts[-1]) <= 40:
        return " - ".join(parts[:-1]), parts[-1]
    return full, None


def extract_meta(root: etree._Element, url: str | None = None) -> dict[str, str]:
    """Metadata of a parsed page; call before the tree is pruned (bylines live in the body).

    Args:
        root: the parsed page.
        url: where the page came from; used when the page names no URL of its own.

    Returns:
        A dict with some of ``title``, ``author``, ``published`` (YYYY-MM-DD), ``outlet``, ``url``.
    """
    meta = _from_json_ld(root)
    for key, value in _from_meta_tags(root).items():
        meta.setdefault(key, value)
    title, site = _title_tag(root)
    if not all(k in meta for k in ("title", "author", "published")):  # the page search is the slow part
        found = _from_page(root)
        if title and site and "title" in found and found["title"].lower() not in title.lower():
            del found["title"]  # an <h1> not in the <title>'s headline part is a logo or a section name
        for key, value in found.items():
            meta.setdefault(key, value)
    if title:
        meta.setdefault("title", title)
    if site:
        meta.setdefault("outlet", site)
    if "published" in meta:
        date = normalise_date(meta["published"])
        if date:
            meta["published"] = date
        else:
            del meta["published"]
    if url:
        meta.setdefault("url", url)
    return {k: " ".join(v.split()) for k, v in meta.items() if v and v.strip()}
