"""Genre of an article: opinion, reporting or satire (SemEval-2023 Task 3 ST1).

A multinomial logistic regression over the article row of :mod:`rashomon.framing.features`. The
English training data is about 88% opinion while real news feeds are mostly reporting, so the
probabilities are moved to a documented target mix by prior-shift correction (Saerens et al. 2002):
``p'(c) ∝ p(c) · target(c) / prior(c)``, where ``prior`` is the mean out-of-fold probability the
model gives each class on its training data. Both the raw and the calibrated scores are returned.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from rashomon.framing.heads import LinearHead, Tfidf, load_npz, load_tfidf, save_npz, softmax

__all__ = ["GENRES", "TARGET_MIX", "VERSION", "GenreModel", "load_model", "predict_genre"]

VERSION = "genre.v2"
MODEL_PATH = Path(__file__).parent / "models" / "genre.npz"
GENRES: tuple[str, ...] = ("opinion", "reporting", "satire")
# what a news feed looks like (documented assumption, see MODEL_CARD_genre.md)
TARGET_MIX: dict[str, float] = {"opinion": 0.25, "reporting": 0.70, "satire": 0.05}

Floats = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class GenreModel:
    """The genre head; ``head.thresholds`` holds the log prior-shift added to the logits per class."""

    tfidf: Tfidf
    head: LinearHead

    def save(self, path: Path) -> None:
        """Write the model as one compressed ``.npz``."""
        save_npz(path, VERSION, self.tfidf, {"head_": self.head})

    def probabilities(self, rows: Any) -> tuple[Floats, Floats]:
        """Raw and calibrated class probabilities of article rows."""
        logits = self.head.logits(rows)
        return softmax(logits), softmax(logits + self.head.thresholds)


def prior_shift(train_prior: Floats, labels: tuple[str, ...], target: dict[str, float]) -> Floats:
    """The log-ratio added to the logits to move ``train_prior`` to ``target`` (same label order)."""
    goal = np.asarray([target[lab] for lab in labels], dtype=np.float32)
    return np.asarray(np.log(goal) - np.log(np.clip(train_prior, 1e-6, None)), dtype=np.float32)


def load_model(path: Path | None = None) -> GenreModel:
    """Load the genre model (the shipped one unless ``path`` is given).

    Raises:
        ModelError: the file is missing or was written for another version.
    """
    z = load_npz(path or MODEL_PATH, VERSION)
    tfidf = load_tfidf(z)
    return GenreModel(tfidf, LinearHead.from_arrays(z, "head_"))


@functools.cache
def _shipped() -> GenreModel:
    return load_model()


def predict_genre(text: str, *, model: GenreModel | None = None, calibrated: bool = True) -> dict[str, Any]:
    """The genre of one article.

    Args:
        text: the article (title on the first line is fine).
        model: a loaded model (default: the shipped one).
        calibrated: pick the label from the prior-shifted probabilities (default) or the raw ones.

    Returns:
        ``label``, ``score`` (its probability), ``scores`` (calibrated, per class), ``raw_scores``,
        ``target_mix`` and ``evidence``: the paragraph ranges (start, end) whose own genre scores
        agree most with the label.

    Raises:
        ModelError: the shipped model is missing or stale.
    """
    from rashomon.framing.features import article_rows
    from rashomon.framing.shared import encoded_article

    m = model or _shipped()
    doc = encoded_article(text)
    vecs = np.asarray([e.vector for e in doc.encoded], dtype=np.float32).reshape(len(doc.encoded), -1)
    raw, cal = m.probabilities(article_rows([text], [vecs], m.tfidf, with_genre=True))
    probs = cal[0] if calibrated else raw[0]
    best = int(np.argmax(probs))
    evidence: list[dict[str, int]] = []
    if doc.texts:
        # each paragraph scored alone: the ones most typical of the label are what a reader checks
        rows = article_rows(doc.texts, [v.reshape(1, -1) for v in vecs], m.tfidf, with_genre=True)
        per_par = m.head.logits(rows)[:, best]
        for p in np.argsort(-per_par)[:2]:
            a, b = doc.paragraphs[int(p)]
            evidence.append({"start": a, "end": b})
    labels = m.head.labels
    return {
        "label": labels[best],
        "score": round(float(probs[best]), 4),
        "scores": {lab: round(float(x), 4) for lab, x in zip(labels, cal[0], strict=True)},
        "raw_scores": {lab: round(float(x), 4) for lab, x in zip(labels, raw[0], strict=True)},
        "target_mix": dict(TARGET_MIX),
        "evidence": evidence,
    }
