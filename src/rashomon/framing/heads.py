"""Small trained heads over shared features, stored as plain arrays (``.npz``, no pickled code).

- :class:`Tfidf`: a word n-gram TF-IDF whose vocabulary and IDF weights come from the training split.
- :class:`LinearHead`: per-label (or per-class) linear scores, with the thresholds chosen by
  cross-validation on the training split.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from rashomon.errors import ModelError

__all__ = [
    "LinearHead",
    "Tfidf",
    "load_npz",
    "load_tfidf",
    "save_npz",
    "sigmoid",
    "softmax",
    "tune_thresholds",
]

Floats = npt.NDArray[np.float32]
_TOKEN = re.compile(r"(?u)\b\w\w+\b|[!?\"“”‘’']")


def sigmoid(x: npt.NDArray[Any]) -> Floats:
    """Logistic function, computed without overflow."""
    return np.asarray(0.5 * (1.0 + np.tanh(0.5 * x)), dtype=np.float32)


def softmax(x: npt.NDArray[Any]) -> Floats:
    """Row-wise softmax."""
    z = x - x.max(axis=1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=1, keepdims=True), dtype=np.float32)


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


@dataclass(frozen=True, slots=True)
class Tfidf:
    """Sublinear TF-IDF over word uni- and bigrams (plus ``!``, ``?`` and quote marks), L2-normalised.

    Attributes:
        vocabulary: the n-grams, column order.
        idf: one weight per column.
    """

    vocabulary: tuple[str, ...]
    idf: Floats

    @classmethod
    def fit(cls, texts: Sequence[str], max_features: int = 20000, min_df: int = 3) -> Tfidf:
        """Choose the ``max_features`` most frequent n-grams seen in at least ``min_df`` texts."""
        df: dict[str, int] = {}
        for text in texts:
            for gram in set(_ngrams(_tokens(text))):
                df[gram] = df.get(gram, 0) + 1
        kept = sorted((g for g, n in df.items() if n >= min_df), key=lambda g: (-df[g], g))[:max_features]
        n_docs = max(len(texts), 1)
        idf = np.asarray([np.log((1 + n_docs) / (1 + df[g])) + 1.0 for g in kept], dtype=np.float32)
        return cls(tuple(kept), idf)

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        """The TF-IDF rows of ``texts``."""
        index = {g: i for i, g in enumerate(self.vocabulary)}
        rows, cols, vals = [], [], []
        for r, text in enumerate(texts):
            counts: dict[int, int] = {}
            for gram in _ngrams(_tokens(text)):
                col = index.get(gram)
                if col is not None:
                    counts[col] = counts.get(col, 0) + 1
            if not counts:
                continue
            weights = np.asarray([(1.0 + np.log(c)) * self.idf[k] for k, c in counts.items()])
            weights /= max(float(np.linalg.norm(weights)), 1e-12)
            rows += [r] * len(counts)
            cols += list(counts)
            vals += weights.tolist()
        shape = (len(texts), len(self.vocabulary))
        return sp.csr_matrix((np.asarray(vals, dtype=np.float32), (rows, cols)), shape=shape)


def _ngrams(tokens: list[str]) -> list[str]:
    return tokens + [f"{a} {b}" for a, b in itertools.pairwise(tokens)]


@dataclass(frozen=True, slots=True)
class LinearHead:
    """Linear scores ``X @ coef + intercept`` for a fixed list of labels, with decision thresholds.

    Attributes:
        labels: the label of each output column.
        coef: ``(n_features, n_labels)``.
        intercept: ``(n_labels,)``.
        thresholds: ``(n_labels,)`` probability thresholds (multi-label heads) or class prior
            adjustments (single-label heads; see :mod:`rashomon.framing.genre`).
    """

    labels: tuple[str, ...]
    coef: Floats
    intercept: Floats
    thresholds: Floats

    def logits(self, features: sp.csr_matrix | Floats) -> Floats:
        """Raw scores, shape ``(n_rows, n_labels)``."""
        return np.asarray(features @ self.coef + self.intercept, dtype=np.float32)

    def arrays(self, prefix: str) -> dict[str, npt.NDArray[Any]]:
        """The head as named arrays, for :func:`numpy.savez_compressed`."""
        return {
            f"{prefix}labels": np.asarray(self.labels),
            f"{prefix}coef": self.coef.astype(np.float32),
            f"{prefix}intercept": self.intercept.astype(np.float32),
            f"{prefix}thresholds": self.thresholds.astype(np.float32),
        }

    @classmethod
    def from_arrays(cls, z: Any, prefix: str) -> LinearHead:
        """Rebuild a head saved with :meth:`arrays`."""
        return cls(
            tuple(str(x) for x in z[f"{prefix}labels"]),
            np.asarray(z[f"{prefix}coef"], dtype=np.float32),
            np.asarray(z[f"{prefix}intercept"], dtype=np.float32),
            np.asarray(z[f"{prefix}thresholds"], dtype=np.float32),
        )


def save_npz(path: Path, version: str, tfidf: Tfidf, heads: dict[str, LinearHead]) -> None:
    """Write a TF-IDF + linear-heads model as one compressed ``.npz`` (no pickled code).

    Args:
        heads: the heads by array-name prefix (e.g. ``{"head_": head}``), read back with
            :meth:`LinearHead.from_arrays`.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    arrays: dict[str, Any] = dict(
        version=np.asarray(version), tfidf_vocabulary=np.asarray(tfidf.vocabulary), tfidf_idf=tfidf.idf
    )
    for prefix, head in heads.items():
        arrays.update(head.arrays(prefix))
    np.savez_compressed(path, **arrays)


def load_tfidf(z: dict[str, npt.NDArray[Any]]) -> Tfidf:
    """The TF-IDF weights of a model loaded with :func:`load_npz`."""
    return Tfidf(tuple(str(x) for x in z["tfidf_vocabulary"]), np.asarray(z["tfidf_idf"], dtype=np.float32))


def load_npz(path: Path, version: str) -> dict[str, npt.NDArray[Any]]:
    """Load a model file and check that it was written for ``version``.

    Raises:
        ModelError: the file is missing or was trained for another code version.
    """
    if not path.exists():
        raise ModelError(f"model file {path} is missing; reinstall rashomon or run `rashomon train`")
    with np.load(path, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    found = str(arrays.get("version", ""))
    if found != version:
        raise ModelError(
            f"{path} was trained for {found or 'an unknown version'}, the code expects {version}"
        )
    return arrays


def tune_thresholds(
    probs: Floats, gold: npt.NDArray[np.bool_], min_positives: int = 25, grid: Sequence[float] | None = None
) -> Floats:
    """Per-label thresholds maximising the micro-F1 contribution, on out-of-fold probabilities.

    A shared threshold is chosen first (best micro-F1 over all labels); a label with at least
    ``min_positives`` gold cases then gets its own best threshold, the others keep the shared one.

    Args:
        probs: ``(n, L)`` out-of-fold probabilities.
        gold: ``(n, L)`` gold labels.
        min_positives: gold cases a label needs before it gets its own threshold.
        grid: candidate thresholds.

    Returns:
        ``(L,)`` thresholds.
    """
    cands = np.asarray(grid if grid is not None else np.arange(0.05, 0.951, 0.025), dtype=np.float32)

    def micro(th: npt.NDArray[np.float32]) -> float:
        pred = probs >= th
        tp = float((pred & gold).sum())
        return 2 * tp / max(float(pred.sum() + gold.sum()), 1.0)

    shared = max(cands, key=lambda t: micro(np.full(probs.shape[1], t, dtype=np.float32)))
    th = np.full(probs.shape[1], shared, dtype=np.float32)
    for j in range(probs.shape[1]):
        if gold[:, j].sum() < min_positives:
            continue
        best, best_f = th[j], micro(th)
        for t in cands:
            trial = th.copy()
            trial[j] = t
            f = micro(trial)
            if f > best_f + 1e-9:
                best, best_f = t, f
        th[j] = best
    return th
