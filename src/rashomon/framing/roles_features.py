"""Features of an entity mention for the role model: pooled MiniLM states of its context, plus lexical cues.

- From the article's one paragraph pass (:mod:`rashomon.framing.shared`), no extra encoding: the
  mean state of the mention's own word pieces (contextual, so "Ames" attacked and "Ames" attacked by
  differ), the mean state of :data:`WINDOW_PIECES` pieces either side within its paragraph, and the
  paragraph's vector (:func:`mention_vectors`).
- Lexical cues: the words just left and right of the mention and the mention's own words, each with
  its side (``L:``, ``R:``, ``M:``), over a vocabulary learned from the training mentions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from rashomon.framing.shared import EncodedArticle, token_states, unit_mean

__all__ = [
    "CUE_WORDS",
    "MENTION_DIM",
    "WINDOW_PIECES",
    "WINDOW_WORDS",
    "CueVocabulary",
    "cue_tokens",
    "marked_context",
    "mention_vectors",
    "stack",
]

Floats = npt.NDArray[np.float32]
WINDOW_WORDS = 40
CUE_WORDS = 8
WINDOW_PIECES = 32
MENTION_DIM = 3 * 384
_WORD = re.compile(r"\w+", re.UNICODE)


def mention_vectors(doc: EncodedArticle, spans: Sequence[tuple[int, int]]) -> Floats:
    """Role features of mentions pooled from the article's paragraph pass (see module docstring).

    Args:
        doc: the encoded article (its paragraph pass).
        spans: ``(start, end)`` of each mention in the article (end exclusive).

    Returns:
        ``(len(spans), MENTION_DIM)``: mention, window and paragraph vectors side by side.
    """
    tokens = token_states(doc)
    out = np.zeros((len(spans), MENTION_DIM), dtype=np.float32)
    if len(tokens.states) == 0:
        return out
    for r, (start, end) in enumerate(spans):
        a, b = tokens.covering(start, end)
        anchor = min(a, len(tokens.states) - 1)
        par = int(tokens.paragraph[anchor])
        lo, hi = max(0, a - WINDOW_PIECES), min(len(tokens.states), b + WINDOW_PIECES)
        same = tokens.paragraph[lo:hi] == par
        out[r, :384] = unit_mean(tokens.states[a:b])
        out[r, 384:768] = unit_mean(tokens.states[lo:hi][same])
        out[r, 768:] = doc.encoded[par].vector
    return out


def marked_context(text: str, start: int, end: int, words: int = WINDOW_WORDS) -> str:
    """The mention ``text[start:end]`` wrapped in ``<< >>`` with ``words`` words of context each side.

    Args:
        text: the article.
        start: first character of the mention.
        end: one past its last character.
        words: context words kept on each side.

    Returns:
        One line of text (newlines folded to spaces).
    """
    left = text[max(0, start - words * 12) : start].split()[-words:]
    right = text[end : end + words * 12].split()[:words]
    return " ".join([*left, "<<", text[start:end], ">>", *right])


def cue_tokens(text: str, start: int, end: int, width: int = CUE_WORDS) -> list[str]:
    """Side-tagged lower-case words around and inside the mention (see module docstring)."""
    left = _WORD.findall(text[max(0, start - width * 15) : start].lower())[-width:]
    right = _WORD.findall(text[end : end + width * 15].lower())[:width]
    inside = _WORD.findall(text[start:end].lower())
    return [f"L:{w}" for w in left] + [f"R:{w}" for w in right] + [f"M:{w}" for w in inside]


@dataclass(frozen=True, slots=True)
class CueVocabulary:
    """The cue tokens kept as features (column order)."""

    tokens: tuple[str, ...]

    @classmethod
    def fit(cls, docs: Sequence[Sequence[str]], min_df: int = 2, max_size: int = 20000) -> CueVocabulary:
        """Keep tokens seen in at least ``min_df`` mentions, most frequent first."""
        df: dict[str, int] = {}
        for toks in docs:
            for t in set(toks):
                df[t] = df.get(t, 0) + 1
        kept = sorted((t for t, n in df.items() if n >= min_df), key=lambda t: (-df[t], t))[:max_size]
        return cls(tuple(kept))

    def transform(self, docs: Sequence[Sequence[str]]) -> sp.csr_matrix:
        """Binary rows scaled to unit length."""
        index = {t: i for i, t in enumerate(self.tokens)}
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        for r, toks in enumerate(docs):
            hit = sorted({index[t] for t in toks if t in index})
            if not hit:
                continue
            rows += [r] * len(hit)
            cols += hit
            vals += [1.0 / np.sqrt(len(hit))] * len(hit)
        return sp.csr_matrix(
            (np.asarray(vals, dtype=np.float32), (rows, cols)), shape=(len(docs), len(self.tokens))
        )


def stack(embeddings: Floats, cues: sp.csr_matrix, embedding_weight: float) -> sp.csr_matrix:
    """The model's input rows: weighted embeddings next to the cue columns."""
    return sp.hstack([sp.csr_matrix(embeddings * embedding_weight), cues], format="csr")
