"""The encoding of one article, made once and shared by the technique, genre and frame predictors.

Calling :func:`predict_techniques`, :func:`predict_genre` and :func:`predict_frames` on the same text
runs MiniLM over its paragraphs once: the last few encodings are kept in a small cache keyed by the
text and its paragraph ranges.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from rashomon.framing.encoder import EncodedParagraph, encode_paragraphs
from rashomon.framing.formats import line_paragraphs

__all__ = ["EncodedArticle", "encoded_article"]


@dataclass(frozen=True, slots=True)
class EncodedArticle:
    """An article's paragraphs, their texts and their encodings.

    Attributes:
        paragraphs: ``(start, end)`` of each paragraph in the article.
        texts: the paragraph texts.
        encoded: one encoding per paragraph.
    """

    paragraphs: list[tuple[int, int]]
    texts: list[str]
    encoded: list[EncodedParagraph]


def encoded_article(text: str, paragraphs: list[tuple[int, int]] | None = None) -> EncodedArticle:
    """Encode the paragraphs of ``text`` (its non-empty lines unless ``paragraphs`` are given).

    Args:
        text: the article.
        paragraphs: ``(start, end)`` ranges; empty or blank ranges are dropped.

    Returns:
        The shared encoding (cached for the last 16 articles).
    """
    key = tuple(paragraphs) if paragraphs is not None else None
    return _cached(text, key)


@functools.lru_cache(maxsize=16)
def _cached(text: str, paragraphs: tuple[tuple[int, int], ...] | None) -> EncodedArticle:
    if paragraphs is None:
        ranges = [(a, b) for _, a, b in line_paragraphs(text)]
    else:
        ranges = [(a, b) for a, b in paragraphs if 0 <= a < b <= len(text) and text[a:b].strip()]
    texts = [text[a:b] for a, b in ranges]
    return EncodedArticle(ranges, texts, encode_paragraphs(texts))
