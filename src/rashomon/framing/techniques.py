"""Persuasion techniques per paragraph (SemEval-2023 Task 3 ST3) and the words that carry each one.

Two heads share one MiniLM pass over the paragraphs (:mod:`rashomon.framing.encoder`):

- the paragraph head (TF-IDF n-grams + paragraph and article vectors + punctuation measures, one
  logistic regression per technique, thresholds from cross-validation) decides which techniques a
  paragraph uses;
- the token head (a linear layer on MiniLM token states, trained on the annotated technique spans)
  scores each word piece; the pieces that stand out are merged into short runs of words, the evidence
  spans, the way Prta highlights fragments (:func:`evidence_spans`; the whole paragraph only when
  the paragraph head is confident and no word stands out).

Example:
    >>> spans = predict_techniques("They are traitors!\\n\\nThe vote is on Friday.")  # doctest: +SKIP
    >>> sorted({s["technique"] for s in spans})  # doctest: +SKIP
    ['Loaded_Language', 'Name_Calling-Labeling']
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from rashomon.framing.encoder import EncodedParagraph
from rashomon.framing.heads import LinearHead, Tfidf, load_npz, load_tfidf, save_npz, sigmoid

__all__ = [
    "SPAN_RULE",
    "TECHNIQUES",
    "VERSION",
    "SpanRule",
    "TechniqueModel",
    "evidence_spans",
    "load_model",
    "predict_techniques",
    "spans_for",
    "token_probabilities",
]

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


@dataclass(frozen=True, slots=True)
class SpanRule:
    """How token scores become evidence spans (chosen on held-apart PTC train articles, see
    ``benchmarks/technique_spans.py``; never on the articles whose figures are reported).

    Attributes:
        scale: a piece "stands out" when its probability reaches ``scale`` × the technique's token
            threshold.
        relative: pieces scoring at least this share of the paragraph's best piece join a span.
        gap: pieces below that bar a span may bridge (so "so-called 'experts'" stays one span).
        max_spans: spans kept per paragraph and technique, strongest first.
        fallback_score: paragraph probability above which, when no piece stands out, the whole
            paragraph is the evidence (the technique is spread over it); below it the best piece
            and its neighbours are.
    """

    scale: float = 1.0
    relative: float = 0.5
    gap: int = 2
    max_spans: int = 2
    fallback_score: float = 0.7


SPAN_RULE = SpanRule()


def token_probabilities(enc: EncodedParagraph, column: int, model: TechniqueModel) -> Floats:
    """The token head's probability that each word piece of a paragraph carries technique ``column``."""
    if len(enc.states) == 0:
        return np.zeros(0, dtype=np.float32)
    logits = enc.states.astype(np.float32) @ model.token.coef[:, column] + model.token.intercept[column]
    return np.asarray(sigmoid(logits), dtype=np.float32)


def _runs(hot: npt.NDArray[np.bool_], gap: int) -> list[tuple[int, int]]:
    """``(first, last)`` of the runs of hot pieces, bridging up to ``gap`` cold ones."""
    idx = np.flatnonzero(hot)
    runs: list[tuple[int, int]] = []
    for i in idx.tolist():
        if runs and i - runs[-1][1] - 1 <= gap:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def evidence_spans(
    text: str,
    start: int,
    enc: EncodedParagraph,
    column: int,
    model: TechniqueModel,
    paragraph_score: float,
    rule: SpanRule = SPAN_RULE,
    probs: Floats | None = None,
) -> list[tuple[int, int, float]]:
    """The words of one paragraph that carry one technique: short spans, strongest first.

    Pieces that stand out (see :class:`SpanRule`) and score near the paragraph's best are merged
    into runs; each run is widened to whole words. When no piece stands out, the whole paragraph is
    the evidence if the paragraph head is confident, else the best piece and the neighbours scoring at
    least half of it.

    Args:
        text: the article text.
        start: the paragraph's offset in ``text``.
        enc: the paragraph's encoding (offsets relative to the paragraph).
        column: the technique's column in the heads.
        model: the technique model.
        paragraph_score: the paragraph head's probability for this technique.
        rule: the span rule.
        probs: the token probabilities, when already computed.

    Returns:
        ``(start, end, token_score)`` per span in ``text`` (at most ``rule.max_spans``).
    """
    p = token_probabilities(enc, column, model) if probs is None else probs
    if len(p) == 0:
        return [(start, start, 0.0)]
    peak_i = int(np.argmax(p))
    peak = float(p[peak_i])
    if peak < rule.scale * float(model.token.thresholds[column]):
        if paragraph_score >= rule.fallback_score:
            a, b = _trimmed(text, start + int(enc.offsets[0, 0]), start + int(enc.offsets[-1, 1]))
            return [(a, b, float(p.mean()))]
        runs = [_grow(p, peak_i, peak / 2)]
    else:
        runs = _runs(p >= rule.relative * peak, rule.gap)
    ranked = sorted(runs, key=lambda r: -float(p[r[0] : r[1] + 1].max()))[: rule.max_spans]
    out = []
    for a, b in sorted(ranked):
        s, e = _widen(text, start + int(enc.offsets[a, 0]), start + int(enc.offsets[b, 1]))
        out.append((s, e, float(p[a : b + 1].mean())))
    return out


def _grow(p: Floats, i: int, floor: float) -> tuple[int, int]:
    a = b = i
    while a > 0 and p[a - 1] >= floor:
        a -= 1
    while b + 1 < len(p) and p[b + 1] >= floor:
        b += 1
    return a, b


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def spans_for(
    text: str, start: int, enc: EncodedParagraph, column: int, model: TechniqueModel
) -> tuple[int, int, float]:
    """The single strongest evidence span of one technique in one paragraph (see :func:`evidence_spans`).

    Kept for callers that score one span per (paragraph, technique); no whole-paragraph fallback.

    Returns:
        ``(start, end, token_score)`` in ``text``, widened to whole words.
    """
    p = token_probabilities(enc, column, model)
    spans = evidence_spans(
        text, start, enc, column, model, 0.0, dataclasses.replace(SPAN_RULE, max_spans=1), p
    )
    return spans[0]


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
        One dict per evidence span of each (paragraph, technique) above its threshold (one to
        ``SPAN_RULE.max_spans``): ``technique``, ``start``, ``end`` and ``text`` of the words that carry
        it, ``score`` (the paragraph probability), ``paragraph``
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
            score = float(probs[p, col])
            for s, e, _ in evidence_spans(text, a, doc.encoded[p], int(col), m, score):
                out.append(
                    {
                        "technique": m.paragraph.labels[col],
                        "start": s,
                        "end": e,
                        "text": text[s:e],
                        "score": round(score, 4),
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
