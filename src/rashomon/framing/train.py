"""Training the technique, genre and frame heads, and scoring them on the held-apart articles.

``train_*(data_dir, out_dir)`` and ``evaluate_*(data_dir, split)`` are the functions registered in
:mod:`rashomon.tasks`. The protocol (see :mod:`rashomon.framing.split`): whole topic clusters of
articles are held apart; on the rest, hyper-parameters and thresholds are chosen by grouped
cross-validation; the shipped model is fitted on the rest only, so ``evaluate(split="heldout")``
scores articles the model and its tuning never saw.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from rashomon.errors import ConfigError
from rashomon.framing.corpus import EncodedCorpus, encode_corpus
from rashomon.framing.data import Article, load_semeval2023
from rashomon.framing.split import topic_groups, topic_split

__all__ = ["Prepared", "fit_logistic", "grouped_folds", "prepare", "split_ids"]

log = logging.getLogger(__name__)

MODELS_DIR = Path(__file__).parent / "models"
SPLIT_FILE = "split.json"
SPLIT_NAMES = ("heldout", "dev", "train")  # "dev" is an alias of "heldout"
Floats = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class Prepared:
    """The English training data, encoded, with its topic groups and split."""

    articles: list[Article]
    corpus: EncodedCorpus
    groups: dict[str, int]
    train_ids: list[str]
    heldout_ids: list[str]

    def paragraph_vectors(self, index: int) -> Floats:
        """``(n_paragraphs, 384)`` vectors of the ``index``-th article."""
        return np.asarray(self.corpus.par_vectors[self.corpus.par_article == index], dtype=np.float32)


def prepare(data_dir: Path, saved_split: Path | None = None) -> Prepared:
    """Read, encode (cached) and split the English SemEval-2023 Task 3 data.

    Args:
        data_dir: the dataset folder.
        saved_split: a ``split.json`` written at training time; when it exists its held-apart IDs are
            used (so evaluation scores exactly the articles training left out).

    Raises:
        DataMissing: the dataset is absent.
    """
    arts = list(load_semeval2023(data_dir, "en").values())
    started = time.perf_counter()
    corpus = encode_corpus(arts)
    log.info("corpus ready in %.0f s", time.perf_counter() - started)
    means = np.zeros((len(arts), corpus.par_vectors.shape[1]), dtype=np.float32)
    for i in range(len(arts)):
        v = corpus.par_vectors[corpus.par_article == i]
        if len(v):
            means[i] = v.mean(axis=0) / max(float(np.linalg.norm(v.mean(axis=0))), 1e-12)
    groups = topic_groups(means)
    ids = [a.id for a in arts]
    train_ids, heldout_ids = topic_split(ids, groups)
    if saved_split is not None and saved_split.exists():
        held = set(json.loads(saved_split.read_text(encoding="utf-8"))["heldout"])
        train_ids = [i for i in ids if i not in held]
        heldout_ids = [i for i in ids if i in held]
    return Prepared(arts, corpus, dict(zip(ids, groups, strict=True)), train_ids, heldout_ids)


def split_ids(prepared: Prepared, split: str) -> list[str]:
    """The article IDs of a named split.

    Raises:
        ConfigError: an unknown split name.
    """
    if split not in SPLIT_NAMES:
        raise ConfigError(f"unknown split {split!r}; use one of {', '.join(SPLIT_NAMES)}")
    return prepared.train_ids if split == "train" else prepared.heldout_ids


def grouped_folds(groups: list[int], n_folds: int = 4) -> list[npt.NDArray[np.int64]]:
    """Validation row indices of ``n_folds`` folds that keep each group (topic) in one fold."""
    from sklearn.model_selection import GroupKFold

    rows = np.arange(len(groups))
    folds = GroupKFold(n_splits=min(n_folds, len(set(groups))))
    return [val for _, val in folds.split(rows, groups=groups)]


def fit_logistic(
    x: sp.csr_matrix,
    y: npt.NDArray[np.bool_],
    c: float,
    balanced: bool = False,
    sample_weight: npt.NDArray[np.float64] | None = None,
) -> tuple[Floats, Floats]:
    """One binary logistic regression per column of ``y``; a column without both classes gets a constant.

    Args:
        x: ``(n, d)`` features.
        y: ``(n, L)`` binary targets.
        c: inverse regularisation strength (scikit-learn's ``C``).
        balanced: weight each class of each column by ``n / (2 * count)``.
        sample_weight: ``(n,)`` weight of each row (e.g. weakly labelled rows count less).

    Returns:
        ``(coef (n_features, L), intercept (L,))``.
    """
    from sklearn.linear_model import LogisticRegression

    coef = np.zeros((x.shape[1], y.shape[1]), dtype=np.float32)
    intercept = np.full(y.shape[1], -8.0, dtype=np.float32)
    for j in range(y.shape[1]):
        pos = int(y[:, j].sum())
        if pos == 0 or pos == len(y):
            intercept[j] = 8.0 if pos else -8.0
            continue
        clf = LogisticRegression(
            C=c, solver="liblinear", max_iter=200, class_weight="balanced" if balanced else None
        )
        clf.fit(x, y[:, j], sample_weight=sample_weight)
        coef[:, j] = clf.coef_[0]
        intercept[j] = clf.intercept_[0]
    return coef, intercept


def out_of_fold(
    x: sp.csr_matrix,
    y: npt.NDArray[Any],
    folds: list[npt.NDArray[np.int64]],
    fit: Callable[[sp.csr_matrix, npt.NDArray[Any]], tuple[Floats, Floats]],
) -> Floats:
    """Logits of each row from a model fitted on the other folds."""
    out: Floats | None = None
    for val in folds:
        mask = np.ones(x.shape[0], dtype=bool)
        mask[val] = False
        coef, intercept = fit(x[mask], y[mask])
        if out is None:
            out = np.zeros((x.shape[0], coef.shape[1]), dtype=np.float32)
        out[val] = np.asarray(x[val] @ coef + intercept, dtype=np.float32)
    assert out is not None, "no folds"
    return out


def write_split(prepared: Prepared, out_dir: Path) -> None:
    """Record which article IDs were held apart (IDs only, no text)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    payload = {"heldout": sorted(prepared.heldout_ids), "train": sorted(prepared.train_ids)}
    (out_dir / SPLIT_FILE).write_text(json.dumps(payload, indent=0), encoding="utf-8")


def _fit_c(x: sp.csr_matrix, y: npt.NDArray[np.bool_], c: float) -> tuple[Floats, Floats]:
    """:func:`fit_logistic` with ``c`` as a keyword, for :func:`functools.partial`."""
    return fit_logistic(x, y, c)
