"""Features of an entity mention for the role model: its marked context, embedded, plus lexical cues.

- The context window: up to :data:`WINDOW_WORDS` words either side of the mention, the mention itself
  wrapped in ``<< >>`` so the encoder sees which actor the window is about, embedded with MiniLM.
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

__all__ = ["CUE_WORDS", "WINDOW_WORDS", "CueVocabulary", "cue_tokens", "marked_context", "stack"]

Floats = npt.NDArray[np.float32]
WINDOW_WORDS = 40
CUE_WORDS = 8
_WORD = re.compile(r"\w+", re.UNICODE)


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
