"""The encoding of one article, made once and shared by the technique, genre and frame predictors.

Calling :func:`predict_techniques`, :func:`predict_genre` and :func:`predict_frames` on the same text
runs MiniLM over its paragraphs once: the last few encodings are kept in a small cache keyed by the
text and its paragraph ranges. The other framing tasks reuse the same pass: :func:`token_states`
lays every word piece out in article order, so sentence vectors (:func:`pooled_sentence_vectors`),
mention features for roles and the article vector for narratives are pooled from it instead of
running MiniLM again.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from rashomon.framing.encoder import EncodedParagraph, encode_paragraphs
from rashomon.framing.formats import line_paragraphs

__all__ = [
    "EncodedArticle",
    "TokenStates",
    "article_vector",
    "encoded_article",
    "pooled_sentence_vectors",
    "token_states",
    "unit_mean",
]

Floats = npt.NDArray[np.float32]
EMBEDDING_DIM = 384


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


@dataclass(frozen=True, slots=True)
class TokenStates:
    """Every word piece of an encoded article in text order, with offsets in the article.

    Attributes:
        offsets: ``(n, 2)`` start and end of each piece in the article text.
        states: ``(n, 384)`` the pieces' MiniLM states from the paragraph pass.
        paragraph: ``(n,)`` index of the paragraph each piece belongs to.
    """

    offsets: npt.NDArray[np.int64]
    states: Floats
    paragraph: npt.NDArray[np.int64]

    def covering(self, start: int, end: int) -> tuple[int, int]:
        """``(first, last + 1)`` indices of the pieces overlapping ``[start, end)`` (empty when none)."""
        first = int(np.searchsorted(self.offsets[:, 1], start, side="right"))
        last = int(np.searchsorted(self.offsets[:, 0], end, side="left"))
        return first, max(first, last)

    def pool(self, start: int, end: int) -> Floats:
        """Unit mean of the states of the pieces overlapping ``[start, end)``; zeros when none do."""
        a, b = self.covering(start, end)
        return unit_mean(self.states[a:b])


def unit_mean(rows: Floats) -> Floats:
    """Unit-length mean of ``rows`` (zeros when there are none)."""
    if len(rows) == 0:
        return np.zeros(EMBEDDING_DIM, dtype=np.float32)
    v = rows.mean(axis=0)
    return np.asarray(v / max(float(np.linalg.norm(v)), 1e-12), dtype=np.float32)


def token_states(doc: EncodedArticle) -> TokenStates:
    """The pieces of all paragraphs of ``doc`` as one array, in text order (no new encoder pass)."""
    order = sorted(range(len(doc.paragraphs)), key=lambda p: doc.paragraphs[p][0])
    offs: list[npt.NDArray[np.int64]] = []
    states: list[Floats] = []
    which: list[npt.NDArray[np.int64]] = []
    for p in order:
        enc = doc.encoded[p]
        n = min(len(enc.states), len(enc.offsets))
        offs.append(enc.offsets[:n].astype(np.int64) + doc.paragraphs[p][0])
        states.append(enc.states[:n])
        which.append(np.full(n, p, dtype=np.int64))
    if not offs:
        empty = np.zeros((0, 2), dtype=np.int64)
        return TokenStates(empty, np.zeros((0, EMBEDDING_DIM), np.float32), np.zeros(0, np.int64))
    return TokenStates(np.concatenate(offs), np.concatenate(states), np.concatenate(which))


def pooled_sentence_vectors(doc: EncodedArticle, spans: Sequence[tuple[int, int]]) -> Floats:
    """Unit sentence vectors pooled from the paragraph pass's token states over each span.

    They stand in for a second MiniLM pass over the sentences; they are close to, not equal to,
    :func:`rashomon.nlp.embed` of each sentence (the states saw the whole paragraph).

    Args:
        doc: the encoded article.
        spans: ``(start, end)`` of each sentence in the article.

    Returns:
        ``(len(spans), 384)``; a span with no piece (blank text) gets zeros.
    """
    tokens = token_states(doc)
    if not spans:
        return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
    return np.stack([tokens.pool(a, b) for a, b in spans])


def article_vector(doc: EncodedArticle) -> Floats:
    """Unit mean of the article's paragraph vectors (zeros for an empty article)."""
    if not doc.encoded:
        return np.zeros(EMBEDDING_DIM, dtype=np.float32)
    return unit_mean(np.stack([e.vector for e in doc.encoded]))
