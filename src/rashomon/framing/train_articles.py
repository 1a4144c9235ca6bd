"""Training and scoring the article-level heads: genre (ST1) and frames (ST2)."""

from __future__ import annotations

import functools
import logging
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from rashomon.errors import DataMissing
from rashomon.framing import frames as frames_mod
from rashomon.framing import genre as genre_mod
from rashomon.framing.corpus import EncodedCorpus, encode_corpus
from rashomon.framing.data import WeakArticle, load_weak_genre
from rashomon.framing.features import article_rows
from rashomon.framing.heads import LinearHead, Tfidf, sigmoid, softmax, tune_thresholds
from rashomon.framing.scoring import multilabel_f1, single_label_f1, weighted_macro_f1
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
# frames: C and TF-IDF size from grouped CV on the training part (5,000 n-grams scored as well as 20,000
# at C = 8 and trains several times faster; C = 0.5 was clearly worse)
FRAMES_C_GRID = (2.0, 8.0, 32.0)
FRAMES_TFIDF = 5000


def _rows(prep: Prepared, ids: list[str], tfidf: Tfidf, with_genre: bool = False) -> sp.csr_matrix:
    index = {a.id: i for i, a in enumerate(prep.articles)}
    texts = [prep.articles[index[i]].text for i in ids]
    return article_rows(texts, [prep.paragraph_vectors(index[i]) for i in ids], tfidf, with_genre)


def _by_id(prep: Prepared) -> dict[str, Any]:
    return {a.id: a for a in prep.articles}


# ---------------------------------------------------------------- genre

# weight of a weakly labelled article relative to a SemEval one, and C, chosen by grouped CV
WEAK_WEIGHTS = (1.0, 3.0, 10.0)
GENRE_C_GRID = (0.5, 2.0, 8.0)
GENRE_TFIDF = 5000
# outlets whose CRC32 is 1 modulo 7 are held apart (about a fifth of the weak items, both labels present)
WEAK_HELDOUT = (7, 1)


@dataclass(frozen=True, slots=True)
class _GenreRows:
    """Training rows of the genre head: SemEval ST1 articles first, then weakly labelled ones."""

    x: sp.csr_matrix
    y: npt.NDArray[np.int64]
    weak: npt.NDArray[np.bool_]
    groups: list[int]


def _weak_root(data_dir: Path) -> Path:
    """The ``../shared/data`` folder that holds AllSides/BASIL next to the SemEval data.

    Raises:
        DataMissing: no folder above ``data_dir`` holds them.
    """
    for p in (data_dir, *data_dir.resolve().parents):
        if (p / "allsides").is_dir() or (p / "basil").is_dir():
            return p
    raise DataMissing(f"no allsides/ or basil/ folder above {data_dir}: keep ../shared/data complete")


def _weak_data(data_dir: Path) -> tuple[list[WeakArticle], list[WeakArticle], EncodedCorpus]:
    """Weakly labelled articles split by outlet into (train, held-apart), and their encoding (cached)."""
    weak = load_weak_genre(_weak_root(data_dir))
    corpus = encode_corpus([w.article for w in weak])
    held = [zlib.crc32(w.outlet.encode()) % WEAK_HELDOUT[0] == WEAK_HELDOUT[1] for w in weak]
    train = [w for w, h in zip(weak, held, strict=True) if not h]
    return train, [w for w, h in zip(weak, held, strict=True) if h], corpus


def _weak_rows(items: list[WeakArticle], corpus: EncodedCorpus, tfidf: Tfidf) -> sp.csr_matrix:
    index = {a: i for i, a in enumerate(corpus.article_ids)}
    vecs = [corpus.par_vectors[corpus.par_article == index[w.article.id]] for w in items]
    return article_rows([w.article.text for w in items], vecs, tfidf, with_genre=True)


def _genre_index(items: list[str | None]) -> npt.NDArray[np.int64]:
    return np.asarray([genre_mod.GENRES.index(g or "") for g in items], dtype=np.int64)


def _fit_genre(
    x: sp.csr_matrix, y: npt.NDArray[np.int64], c: float, weights: npt.NDArray[np.float64]
) -> tuple[Floats, Floats]:
    """Class-balanced one-vs-rest logistic regressions with row weights; logits go through a softmax."""
    onehot = np.zeros((len(y), len(genre_mod.GENRES)), dtype=bool)
    onehot[np.arange(len(y)), y] = True
    return fit_logistic(x, onehot, c, balanced=True, sample_weight=weights)


def _mix_weights(y: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
    """Row weights that give the rows the class mix of :data:`genre.TARGET_MIX` (absent classes: 0)."""
    counts = np.bincount(y, minlength=len(genre_mod.GENRES)).astype(np.float64)
    target = np.asarray([genre_mod.TARGET_MIX[g] for g in genre_mod.GENRES])
    share = target / max(float(target[counts > 0].sum()), 1e-12)
    return np.asarray(share[y] / np.maximum(counts[y], 1.0) * len(y))


def _genre_cv(rows: _GenreRows, c: float, weak_weight: float) -> tuple[float, dict[str, float], Floats]:
    """Grouped-CV objective of one setting, its parts, and the out-of-fold probabilities.

    The objective is the mean of two calibrated macro-F1s: the SemEval rows reweighted to the news-feed
    mix, and the weakly labelled rows (mostly reporting, the kind users bring).
    """
    weights = np.where(rows.weak, weak_weight, 1.0)
    logits = np.zeros((len(rows.y), len(genre_mod.GENRES)), dtype=np.float32)
    for val in grouped_folds(rows.groups, 4):
        mask = np.ones(len(rows.y), dtype=bool)
        mask[val] = False
        coef, intercept = _fit_genre(rows.x[mask], rows.y[mask], c, weights[mask])
        logits[val] = np.asarray(rows.x[val] @ coef + intercept, dtype=np.float32)
    raw = softmax(logits)
    prior = np.average(raw, axis=0, weights=weights)
    shift = genre_mod.prior_shift(prior.astype(np.float32), genre_mod.GENRES, genre_mod.TARGET_MIX)
    pred = softmax(logits + shift).argmax(axis=1)
    st1, weak = ~rows.weak, rows.weak
    parts = {
        "semeval_mix_calibrated": weighted_macro_f1(
            rows.y[st1], pred[st1], _mix_weights(rows.y[st1]), len(genre_mod.GENRES)
        ),
        "semeval_raw": weighted_macro_f1(
            rows.y[st1], raw[st1].argmax(axis=1), np.ones(int(st1.sum())), len(genre_mod.GENRES)
        ),
        "weak_calibrated": weighted_macro_f1(
            rows.y[weak], pred[weak], np.ones(int(weak.sum())), len(genre_mod.GENRES)
        ),
    }
    return (parts["semeval_mix_calibrated"] + parts["weak_calibrated"]) / 2, parts, raw


def train_genre(data_dir: Path, out_dir: Path | None = None) -> dict[str, Any]:
    """Train the genre model on SemEval ST1 plus weakly labelled news, then prior-shift it to the feed mix.

    Raises:
        DataMissing: the SemEval, AllSides or BASIL data is absent.
    """
    started = time.perf_counter()
    prep = prepare(data_dir)
    arts = _by_id(prep)
    ids = [i for i in prep.train_ids if arts[i].genre in genre_mod.GENRES]
    weak_train, _, weak_corpus = _weak_data(data_dir)
    texts = [arts[i].text for i in ids] + [w.article.text for w in weak_train]
    tfidf = Tfidf.fit(texts, max_features=GENRE_TFIDF, min_df=3)
    rows = _GenreRows(
        sp.vstack([_rows(prep, ids, tfidf, True), _weak_rows(weak_train, weak_corpus, tfidf)], format="csr"),
        _genre_index([arts[i].genre for i in ids] + [w.article.genre for w in weak_train]),
        np.asarray([False] * len(ids) + [True] * len(weak_train)),
        [prep.groups[i] for i in ids] + [1000 + zlib.crc32(w.outlet.encode()) % 16 for w in weak_train],
    )
    best: tuple[float, float, float, dict[str, float], Floats] | None = None
    for c in GENRE_C_GRID:
        for ww in WEAK_WEIGHTS:
            objective, parts, raw = _genre_cv(rows, c, ww)
            log.info("genre C=%s weak weight=%s inner-CV %.4f %s", c, ww, objective, parts)
            if best is None or objective > best[0]:
                best = (objective, c, ww, parts, raw)
    assert best is not None
    weights = np.where(rows.weak, best[2], 1.0)
    coef, intercept = _fit_genre(rows.x, rows.y, best[1], weights)
    prior = np.average(best[4], axis=0, weights=weights).astype(np.float32)
    shift = genre_mod.prior_shift(prior, genre_mod.GENRES, genre_mod.TARGET_MIX)
    model = genre_mod.GenreModel(tfidf, LinearHead(genre_mod.GENRES, coef, intercept, shift))
    target = (out_dir or MODELS_DIR) / "genre.npz"
    model.save(target)
    write_split(prep, out_dir or MODELS_DIR)
    result: dict[str, Any] = {"inner_cv_objective": round(best[0], 4), "C": best[1], "weak_weight": best[2]}
    result["inner_cv"] = {k: round(v, 4) for k, v in best[3].items()}
    result["model"] = str(target)
    result["training_mix"] = {
        f"{src}:{g}": int(((rows.y == k) & (rows.weak == (src == "weak"))).sum())
        for src in ("semeval", "weak")
        for k, g in enumerate(genre_mod.GENRES)
    }
    result.update(_score_genre(prep, model, prep.heldout_ids, data_dir))
    result["train_seconds"] = round(time.perf_counter() - started, 1)
    return result


def _genre_f1(ids: list[str], y: npt.NDArray[np.int64], probs: Floats) -> float:
    gold = {i: genre_mod.GENRES[int(k)] for i, k in zip(ids, y, strict=True)}
    pred = {i: genre_mod.GENRES[int(np.argmax(p))] for i, p in zip(ids, probs, strict=True)}
    return single_label_f1(gold, pred, genre_mod.GENRES)["macro_f1"]


def _score_genre(
    prep: Prepared, model: genre_mod.GenreModel, ids: list[str], data_dir: Path | None = None
) -> dict[str, Any]:
    """Held-apart genre figures: official macro-F1, the same reweighted to the feed mix, and on weak items.

    The weakly labelled items scored are those of outlets held apart from training (``data_dir`` locates
    them; without it, or without the data, those figures are left out).
    """
    arts = _by_id(prep)
    ids = [i for i in ids if arts[i].genre in genre_mod.GENRES]
    y = _genre_index([arts[i].genre for i in ids])
    raw, cal = model.probabilities(_rows(prep, ids, model.tfidf, True))
    n = len(genre_mod.GENRES)
    out: dict[str, Any] = {
        "heldout_macro_f1_raw": round(_genre_f1(ids, y, raw), 4),
        "heldout_macro_f1_calibrated": round(_genre_f1(ids, y, cal), 4),
        "heldout_mix_macro_f1_raw": round(weighted_macro_f1(y, raw.argmax(axis=1), _mix_weights(y), n), 4),
        "heldout_mix_macro_f1_calibrated": round(
            weighted_macro_f1(y, cal.argmax(axis=1), _mix_weights(y), n), 4
        ),
        "heldout_articles": len(ids),
        "heldout_mix": {g: int((y == k).sum()) for k, g in enumerate(genre_mod.GENRES)},
        "heldout_predicted_calibrated": {
            g: int((cal.argmax(axis=1) == k).sum()) for k, g in enumerate(genre_mod.GENRES)
        },
    }
    try:
        _, weak_held, corpus = _weak_data(data_dir) if data_dir is not None else ([], [], None)
    except DataMissing as exc:
        log.warning("weak genre figures left out: %s", exc)
        return out
    if weak_held and corpus is not None:
        wy = _genre_index([w.article.genre for w in weak_held])
        wraw, wcal = model.probabilities(_weak_rows(weak_held, corpus, model.tfidf))
        ones = np.ones(len(wy))
        out["weak_heldout_macro_f1_raw"] = round(weighted_macro_f1(wy, wraw.argmax(axis=1), ones, n), 4)
        out["weak_heldout_macro_f1_calibrated"] = round(
            weighted_macro_f1(wy, wcal.argmax(axis=1), ones, n), 4
        )
        out["weak_heldout_articles"] = {g: int((wy == k).sum()) for k, g in enumerate(genre_mod.GENRES)}
        out["weak_heldout_outlets"] = len({w.outlet for w in weak_held})
    return out


def evaluate_genre(data_dir: Path, split: str = "heldout") -> dict[str, Any]:
    """Score the shipped genre model on a split (``heldout``/``dev``), raw and calibrated.

    Also scores the weakly labelled AllSides/BASIL items of held-apart outlets when the data is present.

    Raises:
        DataMissing: the SemEval dataset is absent.
        ConfigError: unknown split.
    """
    prep = prepare(data_dir, MODELS_DIR / SPLIT_FILE)
    return _score_genre(prep, genre_mod.load_model(), split_ids(prep, split), data_dir)


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
    tfidf = Tfidf.fit([arts[i].text for i in ids], max_features=FRAMES_TFIDF, min_df=3)
    x = _rows(prep, ids, tfidf)
    folds = grouped_folds([prep.groups[i] for i in ids], 4)
    best: tuple[float, float, Floats] | None = None
    for c in FRAMES_C_GRID:
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
