"""Feature rows shared by training and prediction, so both build exactly the same columns.

A paragraph row is its TF-IDF n-grams, its MiniLM vector, the mean vector of its article (the
context a technique is read in) and a few layout/punctuation measures. An article row is the TF-IDF of
the whole text, the mean and max of its paragraph vectors, the same measures over the text and, for the
genre head, the genre measures (sentence length, person and attribution rates, quotes, paragraphing).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from rashomon.framing.heads import Tfidf

__all__ = ["article_rows", "genre_measures", "paragraph_rows", "style_measures"]

Floats = npt.NDArray[np.float32]
_QUOTE = re.compile(r"[\"“”«»„]")
_WORD = re.compile(r"(?u)\w+")
_SENTENCE_END = re.compile(r"[.!?…。！？]+[\"”»’')\]]*(?:\s+|$)")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# first/second person and attribution: short closed-class lists for the six SemEval-2023 languages, so
# the measures mean the same in each; unknown languages simply score 0 on them
_FIRST_SINGULAR = _words(
    "i me my mine je moi mon ma mes ich mich mir mein meine io mi mio mia ja mnie mój moja я меня мне мой моя"
)
_FIRST_PLURAL = _words(
    "we us our ours nous notre nos wir uns unser unsere noi ci nostro nostra nas nasz nasza "
    "мы нас нам наш наша"
)
_SECOND = _words(
    "you your yours vous votre vos tu te ton ta tes dich dir dein deine ihr euch voi vi tuo "
    "tua twój twoja ty ciebie вы вас вам ваш ты тебя твой"
)
_ATTRIBUTION = _words(
    "said says told according stated reported added announced explained noted dit déclaré "
    "selon affirmé sagte sagt laut erklärte detto secondo dichiarato powiedział według "
    "сказал заявил сообщил"
)


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


def genre_measures(text: str) -> list[float]:
    """Article-level measures that tell reporting from opinion in any of the task's languages.

    Sentence length (mean, spread), first-person singular and plural, second-person and attribution-verb
    rates, quote-mark density and the number and mean length of paragraphs: reporting attributes and
    quotes, opinion argues in the first and second person.
    """
    words = [w.lower() for w in _WORD.findall(text)]
    n = max(len(words), 1)
    sentences = [s for s in _SENTENCE_END.split(text) if s.strip()]
    lengths = np.asarray([len(_WORD.findall(s)) for s in sentences] or [0], dtype=np.float32)
    paragraphs = [p for p in text.split("\n") if p.strip()]

    def rate(vocab: frozenset[str], scale: float) -> float:
        return min(sum(1 for w in words if w in vocab) / n * scale, 1.0)

    return [
        min(float(lengths.mean()) / 40.0, 1.5),
        min(float(lengths.std()) / 30.0, 1.5),
        rate(_FIRST_SINGULAR, 20),
        rate(_FIRST_PLURAL, 20),
        rate(_SECOND, 20),
        rate(_ATTRIBUTION, 40),
        min(len(_QUOTE.findall(text)) / n * 20, 1.0),
        float(np.log1p(len(paragraphs))) / 4.0,
        min(n / max(len(paragraphs), 1) / 100.0, 2.0),
    ]


N_GENRE = len(genre_measures(""))


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


def article_rows(
    texts: Sequence[str], par_vectors: Sequence[Floats], tfidf: Tfidf, with_genre: bool = False
) -> sp.csr_matrix:
    """Feature rows of whole articles.

    Args:
        texts: the article texts.
        par_vectors: per article, ``(n_paragraphs, 384)`` paragraph vectors.
        tfidf: the fitted n-gram weights.
        with_genre: append :func:`genre_measures` (the genre head uses them, the frame head does not).

    Returns:
        ``(len(texts), n_features)`` sparse rows.
    """
    dense = []
    for text, vecs in zip(texts, par_vectors, strict=True):
        v = vecs if len(vecs) else np.zeros((1, 384), dtype=np.float32)
        mean = v.mean(axis=0)
        mean = mean / max(float(np.linalg.norm(mean)), 1e-12)
        measures = style_measures(text) + (genre_measures(text) if with_genre else [])
        dense.append(np.concatenate([mean, v.max(axis=0), np.asarray(measures, dtype=np.float32)]))
    return sp.hstack(
        [tfidf.transform(texts), sp.csr_matrix(np.asarray(dense, dtype=np.float32))], format="csr"
    )
