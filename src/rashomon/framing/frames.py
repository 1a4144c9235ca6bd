"""Frames of an article (SemEval-2023 Task 3 ST2): which of the 14 frames it uses.

One logistic regression per frame over the article row of :mod:`rashomon.framing.features`, with
thresholds chosen by cross-validation on the training split. Each frame comes with the paragraphs
that express it most strongly (each paragraph scored alone by the same head).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from rashomon.framing.heads import LinearHead, Tfidf, load_npz, load_tfidf, save_npz, sigmoid

__all__ = ["FRAMES", "VERSION", "FrameModel", "load_model", "predict_frames"]

VERSION = "frames.v1"
MODEL_PATH = Path(__file__).parent / "models" / "frames.npz"
# the official list of SemEval-2023 Task 3 (scorers/frames_subtask2.txt), in its order
FRAMES: tuple[str, ...] = (
    "Economic",
    "Capacity_and_resources",
    "Morality",
    "Fairness_and_equality",
    "Legality_Constitutionality_and_jurisprudence",
    "Policy_prescription_and_evaluation",
    "Crime_and_punishment",
    "Security_and_defense",
    "Health_and_safety",
    "Quality_of_life",
    "Cultural_identity",
    "Public_opinion",
    "Political",
    "External_regulation_and_reputation",
)


@dataclass(frozen=True, slots=True)
class FrameModel:
    """The frame head (thresholds on probabilities)."""

    tfidf: Tfidf
    head: LinearHead

    def save(self, path: Path) -> None:
        """Write the model as one compressed ``.npz``."""
        save_npz(path, VERSION, self.tfidf, {"head_": self.head})


def load_model(path: Path | None = None) -> FrameModel:
    """Load the frame model (the shipped one unless ``path`` is given).

    Raises:
        ModelError: the file is missing or was written for another version.
    """
    z = load_npz(path or MODEL_PATH, VERSION)
    tfidf = load_tfidf(z)
    return FrameModel(tfidf, LinearHead.from_arrays(z, "head_"))


@functools.cache
def _shipped() -> FrameModel:
    return load_model()


def predict_frames(text: str, *, model: FrameModel | None = None) -> list[dict[str, Any]]:
    """The frames of one article above their thresholds, most probable first.

    Args:
        text: the article.
        model: a loaded model (default: the shipped one).

    Returns:
        ``[{frame, score, evidence: [{start, end}]}]``; ``evidence`` are the two paragraphs that
        score highest for the frame on their own.

    Raises:
        ModelError: the shipped model is missing or stale.
    """
    from rashomon.framing.features import article_rows
    from rashomon.framing.shared import encoded_article

    m = model or _shipped()
    doc = encoded_article(text)
    vecs = np.asarray([e.vector for e in doc.encoded], dtype=np.float32).reshape(len(doc.encoded), -1)
    probs = sigmoid(m.head.logits(article_rows([text], [vecs], m.tfidf)))[0]
    chosen = [int(j) for j in np.flatnonzero(probs >= m.head.thresholds)]
    per_par = (
        m.head.logits(article_rows(doc.texts, [v.reshape(1, -1) for v in vecs], m.tfidf))
        if doc.texts
        else None
    )
    out: list[dict[str, Any]] = []
    for j in sorted(chosen, key=lambda k: -probs[k]):
        evidence = []
        if per_par is not None:
            for p in np.argsort(-per_par[:, j])[:2]:
                a, b = doc.paragraphs[int(p)]
                evidence.append({"start": a, "end": b})
        out.append({"frame": m.head.labels[j], "score": round(float(probs[j]), 4), "evidence": evidence})
    return out
