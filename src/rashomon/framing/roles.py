"""Entity roles (SemEval-2025 Task 10 ST1): Protagonist / Antagonist / Innocent and their fine roles.

The model reads one mention at a time: MiniLM states of the mention, of its window and of its paragraph,
pooled from the article's one paragraph pass (no encoding of its own), next to side-tagged lexical cues
(:mod:`rashomon.framing.roles_features`). Two small linear
heads sit on top: a softmax over the main roles, and one logistic output per fine role. A fine role
belongs to the main role it was annotated with most often in training; the prediction keeps the best
fine role of the predicted main role, plus any other of that role whose probability passes the
threshold chosen by grouped cross-validation on the training articles.

Example:
    >>> model = RoleModel.load()  # doctest: +SKIP
    >>> model.predict("Rebels shelled the town.", [(0, 6)])[0]["role"]  # doctest: +SKIP
    'Antagonist'
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from rashomon.framing.heads import load_npz
from rashomon.framing.roles_features import CueVocabulary, cue_tokens, mention_vectors, stack

__all__ = ["MODEL_PATH", "VERSION", "RoleModel", "predict_roles", "role_model"]

log = logging.getLogger(__name__)

VERSION = "roles.v2"
MODEL_PATH = Path(__file__).parent / "models" / "roles.npz"
Floats = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class RoleModel:
    """The trained role heads.

    Attributes:
        vocabulary: lexical cue columns.
        embedding_weight: scale of the embedding columns relative to the cues.
        main_labels: main roles, column order of ``main_coef``.
        main_coef: ``(n_features, n_main)``; main_intercept: ``(n_main,)``.
        fine_labels: fine roles; fine_main: the main role each belongs to.
        fine_coef: ``(n_features, n_fine)``; fine_intercept: ``(n_fine,)``.
        fine_threshold: probability a second fine role needs to be added.
    """

    vocabulary: CueVocabulary
    embedding_weight: float
    main_labels: tuple[str, ...]
    main_coef: Floats
    main_intercept: Floats
    fine_labels: tuple[str, ...]
    fine_main: tuple[str, ...]
    fine_coef: Floats
    fine_intercept: Floats
    fine_threshold: float

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> RoleModel:
        """Load the shipped model.

        Raises:
            ModelError: the file is missing or was trained for another code version.
        """
        z = load_npz(path, VERSION)
        return cls(
            CueVocabulary(tuple(str(t) for t in z["vocabulary"])),
            float(z["embedding_weight"]),
            tuple(str(x) for x in z["main_labels"]),
            z["main_coef"].astype(np.float32),
            z["main_intercept"].astype(np.float32),
            tuple(str(x) for x in z["fine_labels"]),
            tuple(str(x) for x in z["fine_main"]),
            z["fine_coef"].astype(np.float32),
            z["fine_intercept"].astype(np.float32),
            float(z["fine_threshold"]),
        )

    def save(self, path: Path) -> None:
        """Write the model as plain arrays (no pickled code)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            path,
            version=np.asarray(VERSION),
            vocabulary=np.asarray(self.vocabulary.tokens),
            embedding_weight=np.asarray(self.embedding_weight),
            main_labels=np.asarray(self.main_labels),
            main_coef=self.main_coef.astype(np.float16),
            main_intercept=self.main_intercept,
            fine_labels=np.asarray(self.fine_labels),
            fine_main=np.asarray(self.fine_main),
            fine_coef=self.fine_coef.astype(np.float16),
            fine_intercept=self.fine_intercept,
            fine_threshold=np.asarray(self.fine_threshold),
        )

    def probabilities(self, embeddings: Floats, cues: Sequence[Sequence[str]]) -> tuple[Floats, Floats]:
        """Main-role (softmax) and fine-role (logistic) probabilities of featurised mentions."""
        x = stack(embeddings, self.vocabulary.transform(cues), self.embedding_weight)
        main = np.asarray(x @ self.main_coef + self.main_intercept, dtype=np.float64)
        main = np.exp(main - main.max(axis=1, keepdims=True))
        main /= main.sum(axis=1, keepdims=True)
        fine = 1.0 / (1.0 + np.exp(-np.asarray(x @ self.fine_coef + self.fine_intercept, dtype=np.float64)))
        return main.astype(np.float32), fine.astype(np.float32)

    def decide(self, main: Floats, fine: Floats) -> list[dict[str, Any]]:
        """Turn probabilities into ``{role, fine_roles, score, probs}`` per mention."""
        out = []
        for pm, pf in zip(main, fine, strict=True):
            k = int(np.argmax(pm))
            role = self.main_labels[k]
            cols = [j for j, m in enumerate(self.fine_main) if m == role]
            fine_roles: list[str] = []
            if cols:
                ranked = sorted(cols, key=lambda j: -float(pf[j]))
                fine_roles = [self.fine_labels[ranked[0]]]
                fine_roles += [self.fine_labels[j] for j in ranked[1:] if pf[j] >= self.fine_threshold]
            out.append(
                {
                    "role": role,
                    "fine_roles": fine_roles,
                    "score": round(float(pm[k]), 4),
                    "probs": {lab: round(float(p), 4) for lab, p in zip(self.main_labels, pm, strict=True)},
                }
            )
        return out

    def predict(
        self, text: str, spans: Sequence[tuple[int, int]], embeddings: Floats | None = None
    ) -> list[dict[str, Any]]:
        """Roles of the mentions ``text[start:end]`` (end exclusive).

        Args:
            text: the article.
            spans: mention spans.
            embeddings: precomputed mention features (:func:`~rashomon.framing.roles_features.mention_vectors`;
                pooled here from the article's shared paragraph pass when None).

        Returns:
            One ``{role, fine_roles, score, probs}`` per span, in order.
        """
        if not spans:
            return []
        if embeddings is None:
            from rashomon.framing.shared import encoded_article

            embeddings = mention_vectors(encoded_article(text), spans)
        cues = [cue_tokens(text, a, b) for a, b in spans]
        main, fine = self.probabilities(embeddings, cues)
        return self.decide(main, fine)


@functools.cache
def role_model() -> RoleModel:
    """The shipped role model, loaded once per process."""
    return RoleModel.load()


def predict_roles(text: str, spans: Sequence[tuple[int, int]]) -> list[dict[str, Any]]:
    """Roles of mentions with the shipped model (see :meth:`RoleModel.predict`)."""
    return role_model().predict(text, spans)
