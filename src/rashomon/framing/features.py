"""Feature rows shared by training and prediction, so both build exactly the same columns.

A paragraph row is its TF-IDF n-grams, its MiniLM vector, the mean vector of its article (the
context a technique is read in) and a few layout/punctuation measures. An article row is the TF-IDF of
the whole text, the mean and max of its paragraph vectors, and the same measures over the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from rashomon.framing.heads import Tfidf

__all__ = ["article_rows", "paragraph_rows", "style_measures"]

Floats = npt.NDArray[np.float32]
_QUOTE = re.compile(r"[\"“”«»„]")
_WORD = re.compile(r"(?u)\w+")


def style_measures(text: str) -> list[float]:
    """Language-independent measures: length, exclamation and question marks, quotes, capitals, digits."""
    words = _WORD.findall(text)
    n_words = max(len(words), 1)
    letters = [c for c in text if c.isalpha()]
    upper = sum(1 for c in letters if c.isupper()) / max(len(letters), 1)
    caps_words = sum(1 for w in words if len(w) > 1 and w.isupper()) / n_words
    return [
        float(np.log1p(len(words))) / 6.0,
        min(text.count("!") / n_words * 20, 1.0),
        min(text.count("?") / n_words * 20, 1.0),
        min(len(_QUOTE.findall(text)) / n_words * 10, 1.0),
        upper,
        caps_words,
        min(sum(c.isdigit() for c in text) / max(len(text), 1) * 10, 1.0),
    ]


N_STYLE = len(style_measures(""))


def paragraph_rows(
    texts: Sequence[str], vectors: Floats, article_vector: Floats, tfidf: Tfidf
) -> sp.csr_matrix:
    """Feature rows of the paragraphs of one article.

    Args:
        texts: the paragraph texts.
        vectors: ``(n, 384)`` their MiniLM vectors.
        article_vector: ``(384,)`` the mean vector of the article's paragraphs.
        tfidf: the fitted n-gram weights.

    Returns:
        ``(n, n_features)`` sparse rows.
    """
    n = len(texts)
    style = np.asarray([style_measures(t) for t in texts], dtype=np.float32).reshape(n, N_STYLE)
    context = np.repeat(article_vector.reshape(1, -1), n, axis=0)
    dense = np.hstack([vectors.reshape(n, -1), context, style]).astype(np.float32)
    return sp.hstack([tfidf.transform(texts), sp.csr_matrix(dense)], format="csr")


def article_rows(texts: Sequence[str], par_vectors: Sequence[Floats], tfidf: Tfidf) -> sp.csr_matrix:
    """Feature rows of whole articles.

    Args:
        texts: the article texts.
        par_vectors: per article, ``(n_paragraphs, 384)`` paragraph vectors.
        tfidf: the fitted n-gram weights.

    Returns:
        ``(len(texts), n_features)`` sparse rows.
    """
    dense = []
    for text, vecs in zip(texts, par_vectors, strict=True):
        v = vecs if len(vecs) else np.zeros((1, 384), dtype=np.float32)
        mean = v.mean(axis=0)
        mean = mean / max(float(np.linalg.norm(mean)), 1e-12)
        dense.append(
            np.concatenate([mean, v.max(axis=0), np.asarray(style_measures(text), dtype=np.float32)])
        )
    return sp.hstack(
        [tfidf.transform(texts), sp.csr_matrix(np.asarray(dense, dtype=np.float32))], format="csr"
    )
