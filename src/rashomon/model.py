"""The central data objects: plain, typed, immutable.

``RawDocument`` is what a reader got out of a file (text as decoded, metadata the format carried);
``Article`` is a cleaned document ready for analysis; ``Span`` points into an article's clean text;
``Failure`` records an input that could not be used, with a reason a person understands.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from rashomon.offsets import OffsetMap

__all__ = ["Article", "Failure", "RawDocument", "Span", "article_id_for"]


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One document as read from its input, before cleaning.

    Attributes:
        path: where it came from: a file path, or ``file#N`` for record N of a JSONL/WARC file.
        raw_text: the decoded text (HTML source for ``kind == "html"``).
        kind: ``"text"`` (scraped/plain text) or ``"html"``.
        encoding: the encoding the bytes were decoded with.
        meta: metadata the format itself carried (JSONL fields, WARC target URI, HTTP date):
            keys among ``id, title, outlet, author, url, published``.
    """

    path: str
    raw_text: str
    kind: str
    encoding: str = "utf-8"
    meta: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article.

    Attributes:
        id: hash of the clean text (:func:`article_id_for`), or the id the input gave.
        path: the input it came from (see :class:`RawDocument`).
        text: the clean text: what the outlet wrote, nothing else.
        raw_text: the input's own text as read (for HTML, the decoded page source; for JSONL, the
            record's ``text`` field).
        offsets: maps ``text`` offsets to ``raw_text`` offsets.
        title, outlet, author, url: metadata, None when unknown.
        published: ISO date (``YYYY-MM-DD``) or datetime, None when unknown.
        language: ISO 639-1 code, ``"und"`` when undetermined.
        kind: ``"text"`` or ``"html"``.
    """

    id: str
    path: str
    text: str
    raw_text: str
    offsets: OffsetMap
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    published: str | None = None
    language: str = "und"
    kind: str = "text"

    @property
    def label(self) -> str:
        """A short human name: outlet, else title, else id."""
        return self.outlet or self.title or self.id

    def summary(self) -> dict[str, Any]:
        """The ``articles`` entry of analysis.json (docs/analysis-schema.md)."""
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "outlet": self.outlet,
            "author": self.author,
            "url": self.url,
            "published": self.published,
            "language": self.language,
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` in an article's clean text."""

    article: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span {self.start}:{self.end} in {self.article}")

    def text_in(self, article: Article) -> str:
        """The characters this span covers in ``article``."""
        return article.text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be analysed: the ``errors`` entry of analysis.json."""

    path: str
    reason: str

    def summary(self) -> dict[str, str]:
        return {"path": self.path, "reason": self.reason}


def article_id_for(text: str) -> str:
    """The content id of a clean text: 16 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
