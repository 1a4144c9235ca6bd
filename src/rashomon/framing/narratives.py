"""Narratives and sub-narratives of an article (SemEval-2025 Task 10 ST2 taxonomy).

Features: the article vector of the framing stage's one MiniLM paragraph pass (the unit mean of its
paragraph vectors, :func:`rashomon.framing.shared.article_vector`) next to a binary bag of its words. One logistic output per narrative and per sub-narrative; two shared
thresholds (narratives, sub-narratives) chosen by cross-validation grouped by article. The decision
keeps the taxonomy consistent: one domain per article (the one of the best narrative), a
sub-narrative only under a kept narrative, ``<narrative>: Other`` when a kept narrative has no
sub-narrative, and ``Other`` when nothing passes.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from rashomon.framing.heads import load_npz
from rashomon.framing.roles_features import CueVocabulary, stack
from rashomon.framing.shared import EncodedArticle, article_vector, encoded_article

__all__ = [
    "MODEL_PATH",
    "VERSION",
    "NarrativeModel",
    "narrative_model",
    "predict_narratives",
    "word_tokens",
]

VERSION = "narratives.v2"
MODEL_PATH = Path(__file__).parent / "models" / "narratives.npz"
OTHER = "Other"
Floats = npt.NDArray[np.float32]
_WORD = re.compile(r"\w\w+", re.UNICODE)


def word_tokens(text: str) -> list[str]:
    """Lower-case words of two or more characters (the bag-of-words columns)."""
    return sorted(set(_WORD.findall(text.lower())))


def parent_of(sub: str) -> str:
    """The narrative a sub-narrative label belongs to (``"D: N: S"`` → ``"D: N"``)."""
    return sub.rsplit(": ", 1)[0] if sub.count(": ") >= 2 else sub


@dataclass(frozen=True, slots=True)
class NarrativeModel:
    """Linear narrative and sub-narrative heads.

    Attributes:
        vocabulary: bag-of-words columns.
        embedding_weight: scale of the embedding columns.
        labels: narratives then sub-narratives, the columns of ``coef``.
        is_sub: True for a sub-narrative column.
        coef: ``(n_features, n_labels)``; intercept: ``(n_labels,)``.
        narrative_threshold / sub_threshold: probabilities needed to keep a label.
    """

    vocabulary: CueVocabulary
    embedding_weight: float
    labels: tuple[str, ...]
    is_sub: npt.NDArray[np.bool_]
    coef: Floats
    intercept: Floats
    narrative_threshold: float
    sub_threshold: float

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> NarrativeModel:
        """Load the shipped model.

        Raises:
            ModelError: the file is missing or was trained for another code version.
        """
        z = load_npz(path, VERSION)
        return cls(
            CueVocabulary(tuple(str(t) for t in z["vocabulary"])),
            float(z["embedding_weight"]),
            tuple(str(x) for x in z["labels"]),
            z["is_sub"].astype(bool),
            z["coef"].astype(np.float32),
            z["intercept"].astype(np.float32),
            float(z["narrative_threshold"]),
            float(z["sub_threshold"]),
        )

    def save(self, path: Path) -> None:
        """Write the model as plain arrays."""
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            path,
            version=np.asarray(VERSION),
            vocabulary=np.asarray(self.vocabulary.tokens),
            embedding_weight=np.asarray(self.embedding_weight),
            labels=np.asarray(self.labels),
            is_sub=self.is_sub,
            coef=self.coef.astype(np.float16),
            intercept=self.intercept,
            narrative_threshold=np.asarray(self.narrative_threshold),
            sub_threshold=np.asarray(self.sub_threshold),
        )

    def probabilities(self, vectors: Floats, words: Sequence[Sequence[str]]) -> Floats:
        """``(n_articles, n_labels)`` label probabilities."""
        x = stack(vectors, self.vocabulary.transform(words), self.embedding_weight)
        z = np.asarray(x @ self.coef + self.intercept, dtype=np.float64)
        return (1.0 / (1.0 + np.exp(-z))).astype(np.float32)

    def decide(self, probs: Floats) -> dict[str, Any]:
        """One article's labels from its probabilities (see module docstring for the rules)."""
        narr = {lab: float(p) for lab, p, s in zip(self.labels, probs, self.is_sub, strict=True) if not s}
        subs = {lab: float(p) for lab, p, s in zip(self.labels, probs, self.is_sub, strict=True) if s}
        ranked = sorted((n for n in narr if n != OTHER), key=lambda n: -narr[n])
        if not ranked or narr[ranked[0]] < self.narrative_threshold:
            return {
                "narratives": [],
                "subnarratives": [],
                "other_score": round(1 - (narr[ranked[0]] if ranked else 0), 4),
            }
        domain = ranked[0].split(":", 1)[0]
        kept = [n for n in ranked if n.split(":", 1)[0] == domain and narr[n] >= self.narrative_threshold]
        narratives, subnarratives = [], []
        for n in kept:
            narratives.append({"narrative": n, "score": round(narr[n], 4)})
            mine = [s for s in subs if parent_of(s) == n and not s.endswith(": Other")]
            chosen = [s for s in sorted(mine, key=lambda s: -subs[s]) if subs[s] >= self.sub_threshold]
            for s in chosen:
                subnarratives.append({"narrative": n, "subnarrative": s, "score": round(subs[s], 4)})
            if not chosen:
                subnarratives.append(
                    {"narrative": n, "subnarrative": f"{n}: Other", "score": round(narr[n], 4)}
                )
        return {"narratives": narratives, "subnarratives": subnarratives}

    def predict(self, text: str, doc: EncodedArticle | None = None) -> dict[str, Any]:
        """Narratives of one article.

        Args:
            text: the article.
            doc: its paragraph pass, when already made (the stage shares it); made here when None.

        Returns:
            ``{narratives: [{narrative, score}], subnarratives: [{narrative, subnarrative, score}]}``;
            both lists empty means the task's ``Other``.
        """
        vec = article_vector(doc if doc is not None else encoded_article(text))[None, :]
        return self.decide(self.probabilities(vec, [word_tokens(text)])[0])


def official_labels(decision: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The ST2 file columns: narratives repeated to align with their sub-narratives, or ``Other``."""
    subs = decision["subnarratives"]
    if not subs:
        return [OTHER], [OTHER]
    return [s["narrative"] for s in subs], [s["subnarrative"] for s in subs]


@functools.cache
def narrative_model() -> NarrativeModel:
    """The shipped narrative model, loaded once per process."""
    return NarrativeModel.load()


def predict_narratives(text: str, doc: EncodedArticle | None = None) -> dict[str, Any]:
    """Narratives of ``text`` with the shipped model (see :meth:`NarrativeModel.predict`)."""
    return narrative_model().predict(text, doc)
