"""Check-worthiness: which sentences state a fact worth checking.

A logistic regression over frozen MiniLM sentence embeddings plus the hand features of
:mod:`rashomon.claims.features`, trained on ClaimBuster (CFS vs NFS/UFS) and the CLEF CheckThat! 2019
training debates minus a held-out set of whole debates, which :func:`evaluate` scores with the task's
official metric (mean average precision over debates). The weights ship as
``claims/model/checkworthiness.npz`` (see MODEL_CARD.md); :func:`train` reproduces them.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import json
import logging
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from rashomon.claims.features import FEATURE_NAMES, hand_features
from rashomon.errors import ConfigError, DataMissing, ModelError
from rashomon.nlp import embed

__all__ = [
    "MODEL_PATH",
    "MODEL_VERSION",
    "CheckworthinessModel",
    "average_precision",
    "evaluate",
    "heldout_debates",
    "load_model",
    "train",
]

log = logging.getLogger(__name__)

MODEL_VERSION = "checkworthiness.v1"
MODEL_PATH = Path(__file__).parent / "model" / "checkworthiness.npz"
CT19_FILE = Path("clef19") / "CT19-T1-Training.csv"
CLAIMBUSTER_FILES = ("Classification_8000.json", "disjoint_2000.json")
_REGULARISATION = 0.5
Matrix = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class Example:
    """A labelled sentence; ``group`` is the debate (CT19) or ``"claimbuster"``."""

    text: str
    label: int
    group: str


@dataclass(frozen=True)
class CheckworthinessModel:
    """Trained weights: ``proba = sigmoid(((x - mean) / scale) @ coef + intercept)``."""

    coef: Matrix
    intercept: float
    mean: Matrix
    scale: Matrix
    version: str = MODEL_VERSION

    def probabilities(self, sentences: Sequence[str], vectors: Matrix | None = None) -> Matrix:
        """Check-worthiness probabilities of ``sentences``.

        Args:
            sentences: the sentences to score.
            vectors: their MiniLM embeddings when already computed (saves the encoder pass).

        Returns:
            One probability per sentence.
        """
        if not sentences:
            return np.zeros(0, dtype=np.float32)
        x = design_matrix(sentences, embed(sentences) if vectors is None else vectors)
        z = ((x - self.mean) / self.scale) @ self.coef + self.intercept
        return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float32)

    def save(self, path: Path) -> None:
        """Write the weights to ``path`` (npz) with the feature names and version."""
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            path,
            coef=self.coef.astype(np.float32),
            intercept=np.asarray([self.intercept], dtype=np.float32),
            mean=self.mean.astype(np.float32),
            scale=self.scale.astype(np.float32),
            features=np.asarray(FEATURE_NAMES),
            version=np.asarray(self.version),
        )


@functools.cache
def load_model(path: Path = MODEL_PATH) -> CheckworthinessModel:
    """The shipped (or given) model, loaded once.

    Raises:
        ModelError: the file is missing or was trained with other features or another version.
    """
    if not path.is_file():
        raise ModelError(
            f"check-worthiness weights not found at {path}; run "
            "`rashomon train --task checkworthiness --data ../shared/data/checkworthiness`"
        )
    with np.load(path) as data:
        if str(data["version"]) != MODEL_VERSION or tuple(data["features"].tolist()) != FEATURE_NAMES:
            raise ModelError(f"{path} was trained for another feature set or version; retrain it")
        return CheckworthinessModel(
            coef=data["coef"], intercept=float(data["intercept"][0]), mean=data["mean"], scale=data["scale"]
        )


def design_matrix(sentences: Sequence[str], vectors: Matrix) -> Matrix:
    """Embeddings and hand features side by side, one row per sentence."""
    hand = np.stack([hand_features(s) for s in sentences]) if sentences else np.zeros((0, len(FEATURE_NAMES)))
    return np.hstack([vectors, hand]).astype(np.float32)


def heldout_debates(debates: Sequence[str]) -> list[str]:
    """The CT19 debates kept apart for evaluation: every fourth in name order, starting with the fourth.

    Whole debates are held out (never sentences from a debate used in training), as the official
    evaluation scored unseen debates.
    """
    return [d for i, d in enumerate(sorted(set(debates))) if i % 4 == 3]


def _require(path: Path) -> Path:
    if not path.exists():
        raise DataMissing(
            f"{path} not found; pass --data pointing at the checkworthiness folder of ../shared/data"
        )
    return path


def load_ct19(data_dir: Path) -> list[Example]:
    """The CheckThat! 2019 task 1 training sentences, grouped by debate."""
    with _require(data_dir / CT19_FILE).open(encoding="utf-8", newline="") as fh:
        return [Example(r["text"], int(r["label"]), r["file_name"]) for r in csv.DictReader(fh)]


def load_claimbuster(data_dir: Path) -> list[Example]:
    """ClaimBuster sentences: check-worthy factual (CFS, label 1) against the rest (NFS, UFS)."""
    out: list[Example] = []
    for name in CLAIMBUSTER_FILES:
        rows = json.loads(_require(data_dir / name).read_text(encoding="utf-8"))
        out.extend(Example(r["text"], 1 if int(r["label"]) == 1 else 0, "claimbuster") for r in rows)
    return out


def _normalise(text: str) -> str:
    return " ".join(text.lower().split())


def training_examples(data_dir: Path) -> tuple[list[Example], list[Example]]:
    """``(train, heldout)``: ClaimBuster + CT19 training debates, and the held-out CT19 debates.

    ClaimBuster sentences that also occur in a held-out debate are dropped (both datasets come from
    US presidential debates), so the held-out figure is not inflated by leaked sentences.
    """
    ct19 = load_ct19(data_dir)
    held = set(heldout_debates([e.group for e in ct19]))
    heldout = [e for e in ct19 if e.group in held]
    seen = {_normalise(e.text) for e in heldout}
    claimbuster = [e for e in load_claimbuster(data_dir) if _normalise(e.text) not in seen]
    train_set = [e for e in ct19 if e.group not in held] + claimbuster
    return train_set, heldout


def _embed_cached(texts: list[str]) -> Matrix:
    """Embeddings of ``texts``, cached in the temp folder: retraining should not re-encode 26k sentences."""
    digest = hashlib.sha256("\x1e".join(texts).encode()).hexdigest()[:16]
    cache = Path(tempfile.gettempdir()) / f"rashomon-cw-{digest}.npy"
    if cache.is_file():
        cached: Matrix = np.load(cache)
        return cached
    vectors = embed(texts)
    np.save(cache, vectors)
    return vectors


def fit(x: Matrix, y: npt.NDArray[np.int_]) -> CheckworthinessModel:
    """A balanced, L2-regularised logistic regression on standardised features."""
    from sklearn.linear_model import LogisticRegression

    mean = x.mean(axis=0)
    scale = x.std(axis=0) + 1e-6
    clf = LogisticRegression(C=_REGULARISATION, class_weight="balanced", max_iter=2000)
    clf.fit((x - mean) / scale, y)
    return CheckworthinessModel(
        coef=clf.coef_[0].astype(np.float32),
        intercept=float(clf.intercept_[0]),
        mean=mean.astype(np.float32),
        scale=scale.astype(np.float32),
    )


def average_precision(scores: Sequence[float], labels: Sequence[int]) -> float:
    """Average precision of a ranking (the CheckThat! per-debate metric); 0 when there is no positive."""
    order = np.argsort(-np.asarray(scores, dtype=np.float64), kind="stable")
    ranked = np.asarray(labels)[order]
    hits = np.cumsum(ranked)
    positives = int(ranked.sum())
    if positives == 0:
        return 0.0
    precisions = hits[ranked == 1] / (np.flatnonzero(ranked == 1) + 1)
    return float(precisions.sum() / positives)


def mean_average_precision(model: CheckworthinessModel, examples: Sequence[Example]) -> dict[str, Any]:
    """MAP over debates, with each debate's AP and R-precision-free summary figures."""
    texts = [e.text for e in examples]
    probs = model.probabilities(texts, _embed_cached(texts))
    per_debate: dict[str, float] = {}
    for debate in sorted({e.group for e in examples}):
        idx = [i for i, e in enumerate(examples) if e.group == debate]
        per_debate[debate] = average_precision(
            [float(probs[i]) for i in idx], [examples[i].label for i in idx]
        )
    return {"map": float(np.mean(list(per_debate.values()))) if per_debate else 0.0, "per_debate": per_debate}


def train(data_dir: Path, out_dir: Path | None = None) -> dict[str, Any]:
    """Train the shipped check-worthiness model and write it to ``out_dir`` (default: the package).

    Args:
        data_dir: the ``checkworthiness`` folder of ../shared/data.
        out_dir: where ``checkworthiness.npz`` goes; the package's model folder when None.

    Returns:
        Paths, training sizes and the held-out MAP.

    Raises:
        DataMissing: the dataset files are absent.
    """
    train_set, heldout = training_examples(data_dir)
    texts = [e.text for e in train_set]
    log.info("embedding %d training sentences", len(texts))
    x = design_matrix(texts, _embed_cached(texts))
    y = np.asarray([e.label for e in train_set])
    model = fit(x, y)
    path = (out_dir or MODEL_PATH.parent) / MODEL_PATH.name
    model.save(path)
    load_model.cache_clear()
    scores = mean_average_precision(model, heldout)
    return {
        "model": str(path),
        "train_sentences": len(train_set),
        "train_positive": int(y.sum()),
        "heldout_debates": sorted({e.group for e in heldout}),
        "heldout_map": scores["map"],
    }


def evaluate(data_dir: Path, split: str = "heldout") -> dict[str, Any]:
    """Score the shipped model on CT19: MAP over debates (compare: best 2019 primary run, 0.166).

    Args:
        data_dir: the ``checkworthiness`` folder of ../shared/data.
        split: ``"heldout"`` or its alias ``"dev"`` (the debates never trained on) or ``"train"`` (the training debates,
            an optimistic figure for reference only).

    Returns:
        ``{"map", "per_debate", "split", "debates", "published_best_2019"}``.

    Raises:
        ConfigError: an unknown split.
        DataMissing: the dataset is absent.
        ModelError: the shipped weights are missing.
    """
    if split not in ("heldout", "dev", "train"):
        raise ConfigError(f"unknown split {split!r} for checkworthiness; use heldout (alias dev) or train")
    split = "heldout" if split == "dev" else split
    ct19 = load_ct19(data_dir)
    held = set(heldout_debates([e.group for e in ct19]))
    chosen = [e for e in ct19 if (e.group in held) == (split == "heldout")]
    result = mean_average_precision(load_model(), chosen)
    return {**result, "split": split, "debates": len(result["per_debate"]), "published_best_2019": 0.166}
