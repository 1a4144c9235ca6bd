"""Persuasion techniques per paragraph (SemEval-2023 Task 3 ST3) and the words that carry each one.

Two heads share one MiniLM pass over the paragraphs (:mod:`rashomon.framing.encoder`):

- the paragraph head (TF-IDF n-grams + paragraph and article vectors + punctuation measures, one
  logistic regression per technique, thresholds from cross-validation) decides which techniques a
  paragraph uses;
- the token head (a linear layer on MiniLM token states, trained on the annotated technique spans)
  scores each word piece, and the best-scoring run of words becomes the evidence span, the way Prta
  highlights fragments.

Example:
    >>> spans = predict_techniques("They are traitors!\\n\\nThe vote is on Friday.")  # doctest: +SKIP
    >>> sorted({s["technique"] for s in spans})  # doctest: +SKIP
    ['Loaded_Language', 'Name_Calling-Labeling']
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from rashomon.framing.encoder import EncodedParagraph
from rashomon.framing.heads import LinearHead, Tfidf, load_npz, load_tfidf, save_npz, sigmoid

__all__ = ["TECHNIQUES", "VERSION", "TechniqueModel", "load_model", "predict_techniques", "spans_for"]

VERSION = "techniques.v1"
MODEL_PATH = Path(__file__).parent / "models" / "techniques.npz"

# the official list of SemEval-2023 Task 3 (scorers/techniques_subtask3.txt), in its order
TECHNIQUES: tuple[str, ...] = (
    "Appeal_to_Authority",
    "Appeal_to_Popularity",
    "Appeal_to_Values",
    "Appeal_to_Fear-Prejudice",
    "Flag_Waving",
    "Causal_Oversimplification",
    "False_Dilemma-No_Choice",
    "Consequential_Oversimplification",
    "Straw_Man",
    "Red_Herring",
    "Whataboutism",
    "Slogans",
    "Appeal_to_Time",
    "Conversation_Killer",
    "Loaded_Language",
    "Repetition",
    "Exaggeration-Minimisation",
    "Obfuscation-Vagueness-Confusion",
    "Name_Calling-Labeling",
    "Doubt",
    "Guilt_by_Association",
    "Appeal_to_Hypocrisy",
    "Questioning_the_Reputation",
)

Floats = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class TechniqueModel:
    """The trained technique heads.

    Attributes:
        tfidf: n-gram weights of the paragraph head.
        paragraph: the per-technique paragraph head (thresholds on probabilities).
        token: the per-technique token head over MiniLM states (thresholds on token probabilities).
    """

    tfidf: Tfidf
    paragraph: LinearHead
    token: LinearHead

    def save(self, path: Path) -> None:
        """Write the model as one compressed ``.npz`` (no pickled code)."""
        save_npz(path, VERSION, self.tfidf, {"par_": self.paragraph, "tok_": self.token})


def load_model(path: Path | None = None) -> TechniqueModel:
    """Load the technique model (the shipped one unless ``path`` is given).

    Raises:
        ModelError: the file is missing or was written for another version.
    """
    z = load_npz(path or MODEL_PATH, VERSION)
    tfidf = load_tfidf(z)
    return TechniqueModel(tfidf, LinearHead.from_arrays(z, "par_"), LinearHead.from_arrays(z, "tok_"))


@functools.cache
def _shipped() -> TechniqueModel:
    return load_model()


def spans_for(
    text: str, start: int, enc: EncodedParagraph, column: int, model: TechniqueModel
) -> tuple[int, int, float]:
    """The run of words in one paragraph that carries one technique most strongly.

    The token head scores each word piece; a run is a maximal stretch of pieces scoring at least
    the technique's token threshold, and the run with the largest summed score wins. When no piece
    reaches the threshold, the best single piece grows to its neighbours scoring at least half of it.

    Args:
        text: the article text.
        start: the paragraph's offset in ``text``.
        enc: the paragraph's encoding (offsets relative to the paragraph).
        column: the technique's column in the heads.
        model: the technique model.

    Returns:
        ``(start, end, token_score)`` in ``text``, widened to whole words.
    """
    if len(enc.states) == 0:
        return start, start, 0.0
    probs = sigmoid(
        enc.states.astype(np.float32) @ model.token.coef[:, column] + model.token.intercept[column]
    )
    threshold = float(model.token.thresholds[column])
    best_i = int(np.argmax(probs))
    if probs[best_i] < threshold:
        threshold = float(probs[best_i]) / 2
    runs: list[tuple[float, int, int]] = []
    i = 0
    while i < len(probs):
        if probs[i] >= threshold:
            j = i
            while j + 1 < len(probs) and probs[j + 1] >= threshold:
                j += 1
            runs.append((float(probs[i : j + 1].sum()), i, j))
            i = j + 1
        else:
            i += 1
    _, a, b = max(runs) if runs else (0.0, best_i, best_i)
    s = start + int(enc.offsets[a, 0])
    e = start + int(enc.offsets[b, 1])
    s, e = _widen(text, s, e)
    return s, e, float(probs[a : b + 1].mean())


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "'-’"):
        start -= 1
    while end < len(text) and (text[end].isalnum() or text[end] in "'-’"):
        end += 1
    return start, end


def predict_techniques(
    text: str, *, paragraphs: list[tuple[int, int]] | None = None, model: TechniqueModel | None = None
) -> list[dict[str, Any]]:
    """The techniques of each paragraph of ``text``, each with the words that carry it.

    Args:
        text: the article (any layout; with ``paragraphs=None`` its non-empty lines are the paragraphs).
        paragraphs: ``(start, end)`` character ranges to classify instead of the lines.
        model: a loaded model (default: the shipped one).

    Returns:
        One dict per (paragraph, technique) above its threshold: ``technique``, ``start``, ``end``
        and ``text`` of the evidence span, ``score`` (the paragraph probability), ``paragraph``
        (index into the paragraphs) and ``paragraph_start``/``paragraph_end``; in text order.

    Raises:
        ModelError: the shipped model is missing or stale.
    """
    from rashomon.framing.shared import encoded_article

    m = model or _shipped()
    doc = encoded_article(text, paragraphs)
    if not doc.paragraphs:
        return []
    probs = paragraph_probabilities(doc.texts, doc.encoded, m)
    out: list[dict[str, Any]] = []
    for p, (a, b) in enumerate(doc.paragraphs):
        for col in np.flatnonzero(probs[p] >= m.paragraph.thresholds):
            s, e, _ = spans_for(text, a, doc.encoded[p], int(col), m)
            out.append(
                {
                    "technique": m.paragraph.labels[col],
                    "start": s,
                    "end": e,
                    "text": text[s:e],
                    "score": round(float(probs[p, col]), 4),
                    "paragraph": p,
                    "paragraph_start": a,
                    "paragraph_end": b,
                }
            )
    return sorted(out, key=lambda d: (d["start"], -d["score"]))


def paragraph_probabilities(
    texts: list[str], encoded: list[EncodedParagraph], model: TechniqueModel
) -> Floats:
    """``(n_paragraphs, n_techniques)`` probabilities of the paragraph head."""
    from rashomon.framing.features import paragraph_rows

    vectors = np.asarray([e.vector for e in encoded], dtype=np.float32).reshape(len(encoded), -1)
    context = vectors.mean(axis=0)
    context = context / max(float(np.linalg.norm(context)), 1e-12)
    return sigmoid(model.paragraph.logits(paragraph_rows(texts, vectors, context, model.tfidf)))
