"""Training and scoring the article-level heads: genre (ST1) and frames (ST2)."""

from __future__ import annotations

import functools
import logging
import time
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from rashomon.framing import frames as frames_mod
from rashomon.framing import genre as genre_mod
from rashomon.framing.features import article_rows
from rashomon.framing.heads import LinearHead, Tfidf, sigmoid, softmax, tune_thresholds
from rashomon.framing.scoring import multilabel_f1, single_label_f1
from rashomon.framing.train import (
    MODELS_DIR,
    SPLIT_FILE,
    Prepared,
    _fit_c,
    fit_logistic,
    grouped_folds,
    out_of_fold,
    prepare,
    split_ids,
    write_split,
)

__all__ = ["evaluate_frames", "evaluate_genre", "train_frames", "train_genre"]

log = logging.getLogger(__name__)
Floats = npt.NDArray[np.float32]
C_GRID = (0.5, 2.0)


def _rows(prep: Prepared, ids: list[str], tfidf: Tfidf) -> sp.csr_matrix:
    index = {a.id: i for i, a in enumerate(prep.articles)}
    texts = [prep.articles[index[i]].text for i in ids]
    return article_rows(texts, [prep.paragraph_vectors(index[i]) for i in ids], tfidf)


def _by_id(prep: Prepared) -> dict[str, Any]:
    return {a.id: a for a in prep.articles}


# ---------------------------------------------------------------- genre


def _fit_multinomial(x: sp.csr_matrix, y: npt.NDArray[np.int64], c: float) -> tuple[Floats, Floats]:
    """Class-balanced one-vs-rest logistic regressions; their logits go through a softmax."""
    onehot = np.zeros((len(y), len(genre_mod.GENRES)), dtype=bool)
    onehot[np.arange(len(y)), y] = True
    return fit_logistic(x, onehot, c, balanced=True)


def train_genre(data_dir: Path, out_dir: Path | None = None) -> dict[str, Any]:
    """Train the genre model (class-balanced, then prior-shifted to :data:`genre.TARGET_MIX`).

    Raises:
        DataMissing: the dataset is absent.
    """
    started = time.perf_counter()
    prep = prepare(data_dir)
    arts = _by_id(prep)
    ids = [i for i in prep.train_ids if arts[i].genre in genre_mod.GENRES]
    y = np.asarray([genre_mod.GENRES.index(arts[i].genre) for i in ids], dtype=np.int64)
    tfidf = Tfidf.fit([arts[i].text for i in ids], max_features=20000, min_df=3)
    x = _rows(prep, ids, tfidf)
    folds = grouped_folds([prep.groups[i] for i in ids], 4)
    best: tuple[float, float, Floats] | None = None
    for c in C_GRID:
        oof = softmax(out_of_fold(x, y, folds, functools.partial(_fit_multinomial, c=c)))
        f1 = _genre_f1(ids, y, oof)
        log.info("genre C=%s inner-CV macro-F1 %.4f", c, f1)
        if best is None or f1 > best[0]:
            best = (f1, c, oof)
    assert best is not None
    coef, intercept = _fit_multinomial(x, y, best[1])
    shift = genre_mod.prior_shift(best[2].mean(axis=0), genre_mod.GENRES, genre_mod.TARGET_MIX)
    model = genre_mod.GenreModel(tfidf, LinearHead(genre_mod.GENRES, coef, intercept, shift))
    target = (out_dir or MODELS_DIR) / "genre.npz"
    model.save(target)
    write_split(prep, out_dir or MODELS_DIR)
    result: dict[str, Any] = {"inner_cv_macro_f1_raw": round(best[0], 4), "C": best[1], "model": str(target)}
    result["training_mix"] = {g: int((y == k).sum()) for k, g in enumerate(genre_mod.GENRES)}
    result.update(_score_genre(prep, model, prep.heldout_ids))
    result["train_seconds"] = round(time.perf_counter() - started, 1)
    return result


def _genre_f1(ids: list[str], y: npt.NDArray[np.int64], probs: Floats) -> float:
    gold = {i: genre_mod.GENRES[int(k)] for i, k in zip(ids, y, strict=True)}
    pred = {i: genre_mod.GENRES[int(np.argmax(p))] for i, p in zip(ids, probs, strict=True)}
    return single_label_f1(gold, pred, genre_mod.GENRES)["macro_f1"]


def _score_genre(prep: Prepared, model: genre_mod.GenreModel, ids: list[str]) -> dict[str, Any]:
    arts = _by_id(prep)
    ids = [i for i in ids if arts[i].genre in genre_mod.GENRES]
    y = np.asarray([genre_mod.GENRES.index(arts[i].genre) for i in ids], dtype=np.int64)
    raw, cal = model.probabilities(_rows(prep, ids, model.tfidf))
    return {
        "heldout_macro_f1_raw": round(_genre_f1(ids, y, raw), 4),
        "heldout_macro_f1_calibrated": round(_genre_f1(ids, y, cal), 4),
        "heldout_articles": len(ids),
        "heldout_mix": {g: int((y == k).sum()) for k, g in enumerate(genre_mod.GENRES)},
        "heldout_predicted_calibrated": {
            g: int((cal.argmax(axis=1) == k).sum()) for k, g in enumerate(genre_mod.GENRES)
        },
    }


def evaluate_genre(data_dir: Path, split: str = "heldout") -> dict[str, Any]:
    """Score the shipped genre model on a split (``heldout``/``dev``), raw and calibrated.

    Raises:
        DataMissing: the dataset is absent.
        ConfigError: unknown split.
    """
    prep = prepare(data_dir, MODELS_DIR / SPLIT_FILE)
    return _score_genre(prep, genre_mod.load_model(), split_ids(prep, split))


# ---------------------------------------------------------------- frames


def _frame_matrix(prep: Prepared, ids: list[str]) -> npt.NDArray[np.bool_]:
    arts = _by_id(prep)
    y = np.zeros((len(ids), len(frames_mod.FRAMES)), dtype=bool)
    for r, i in enumerate(ids):
        for f in arts[i].frames or []:
            if f in frames_mod.FRAMES:
                y[r, frames_mod.FRAMES.index(f)] = True
    return y


def train_frames(data_dir: Path, out_dir: Path | None = None) -> dict[str, Any]:
    """Train the frame model; C and per-frame thresholds by grouped cross-validation.

    Raises:
        DataMissing: the dataset is absent.
    """
    started = time.perf_counter()
    prep = prepare(data_dir)
    arts = _by_id(prep)
    ids = [i for i in prep.train_ids if arts[i].frames is not None]
    y = _frame_matrix(prep, ids)
    tfidf = Tfidf.fit([arts[i].text for i in ids], max_features=20000, min_df=3)
    x = _rows(prep, ids, tfidf)
    folds = grouped_folds([prep.groups[i] for i in ids], 4)
    best: tuple[float, float, Floats] | None = None
    for c in C_GRID:
        oof = sigmoid(out_of_fold(x, y, folds, functools.partial(_fit_c, c=c)))
        th = tune_thresholds(oof, y, min_positives=15)
        f1 = _frames_f1(ids, y, oof >= th)
        log.info("frames C=%s inner-CV micro-F1 %.4f", c, f1)
        if best is None or f1 > best[0]:
            best = (f1, c, th)
    assert best is not None
    coef, intercept = fit_logistic(x, y, best[1])
    model = frames_mod.FrameModel(tfidf, LinearHead(frames_mod.FRAMES, coef, intercept, best[2]))
    target = (out_dir or MODELS_DIR) / "frames.npz"
    model.save(target)
    write_split(prep, out_dir or MODELS_DIR)
    result: dict[str, Any] = {"inner_cv_micro_f1": round(best[0], 4), "C": best[1], "model": str(target)}
    result.update(_score_frames(prep, model, prep.heldout_ids))
    result["train_seconds"] = round(time.perf_counter() - started, 1)
    return result


def _frames_f1(ids: list[str], gold: npt.NDArray[np.bool_], pred: npt.NDArray[np.bool_]) -> float:
    g = {i: [frames_mod.FRAMES[j] for j in np.flatnonzero(r)] for i, r in zip(ids, gold, strict=True)}
    p = {i: [frames_mod.FRAMES[j] for j in np.flatnonzero(r)] for i, r in zip(ids, pred, strict=True)}
    return multilabel_f1(g, p, frames_mod.FRAMES)["micro_f1"]


def _score_frames(prep: Prepared, model: frames_mod.FrameModel, ids: list[str]) -> dict[str, Any]:
    arts = _by_id(prep)
    ids = [i for i in ids if arts[i].frames is not None]
    y = _frame_matrix(prep, ids)
    probs = sigmoid(model.head.logits(_rows(prep, ids, model.tfidf)))
    train_y = _frame_matrix(prep, [i for i in prep.train_ids if arts[i].frames is not None])
    common = np.argsort(-train_y.sum(axis=0))[:6]  # the "six most common frames" of the training part
    baseline = np.zeros_like(y)
    baseline[:, common] = True
    return {
        "heldout_micro_f1": round(_frames_f1(ids, y, probs >= model.head.thresholds), 4),
        "heldout_six_most_common_micro_f1": round(_frames_f1(ids, y, baseline), 4),
        "heldout_articles": len(ids),
    }


def evaluate_frames(data_dir: Path, split: str = "heldout") -> dict[str, Any]:
    """Score the shipped frame model on a split (``heldout``/``dev``).

    Raises:
        DataMissing: the dataset is absent.
        ConfigError: unknown split.
    """
    prep = prepare(data_dir, MODELS_DIR / SPLIT_FILE)
    return _score_frames(prep, frames_mod.load_model(), split_ids(prep, split))
