"""Training and scoring the technique heads (paragraph labels and evidence words)."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from rashomon.framing.encoder import EncodedParagraph
from rashomon.framing.features import paragraph_rows
from rashomon.framing.heads import LinearHead, Tfidf, sigmoid, tune_thresholds
from rashomon.framing.scoring import multilabel_f1
from rashomon.framing.techniques import (
    TECHNIQUES,
    TechniqueModel,
    load_model,
    paragraph_probabilities,
    spans_for,
)
from rashomon.framing.train import (
    MODELS_DIR,
    SPLIT_FILE,
    Prepared,
    grouped_folds,
    prepare,
    split_ids,
    write_split,
)

__all__ = ["evaluate", "train"]

log = logging.getLogger(__name__)
Floats = npt.NDArray[np.float32]
LAMBDA_GRID = (10.0, 30.0, 100.0)
TFIDF_FEATURES = 3000
_INDEX = {t: i for i, t in enumerate(TECHNIQUES)}


def _paragraph_table(
    prep: Prepared, ids: list[str]
) -> tuple[list[int], list[str], npt.NDArray[np.bool_], list[int]]:
    """Rows (corpus paragraph indices), texts, gold matrix and article group of each ST3 paragraph."""
    wanted = set(ids)
    rows: list[int] = []
    texts: list[str] = []
    gold: list[npt.NDArray[np.bool_]] = []
    groups: list[int] = []
    c = prep.corpus
    for p in range(len(c.par_vectors)):
        art = prep.articles[int(c.par_article[p])]
        if art.id not in wanted or not art.techniques:
            continue
        line = int(c.par_line[p])
        start = int(c.par_start[p])
        end = next(b for n, a, b in art.paragraphs if n == line)
        y = np.zeros(len(TECHNIQUES), dtype=bool)
        for t in art.techniques.get(line, []):
            if t in _INDEX:
                y[_INDEX[t]] = True
        rows.append(p)
        texts.append(art.text[start:end])
        gold.append(y)
        groups.append(prep.groups[art.id])
    return rows, texts, np.asarray(gold, dtype=bool).reshape(len(rows), len(TECHNIQUES)), groups


def _features(prep: Prepared, rows: list[int], texts: list[str], tfidf: Tfidf) -> sp.csr_matrix:
    c = prep.corpus
    out = []
    by_article: dict[int, list[int]] = {}
    for k, p in enumerate(rows):
        by_article.setdefault(int(c.par_article[p]), []).append(k)
    order: list[int] = []
    for a, ks in by_article.items():
        context = prep.paragraph_vectors(a).mean(axis=0)
        context = context / max(float(np.linalg.norm(context)), 1e-12)
        vecs = c.par_vectors[[rows[k] for k in ks]]
        out.append(paragraph_rows([texts[k] for k in ks], vecs, context, tfidf))
        order += ks
    stacked = sp.vstack(out, format="csr")
    inverse = np.empty(len(order), dtype=np.int64)
    inverse[np.asarray(order)] = np.arange(len(order))
    return stacked[inverse]


def _ridge_oof(
    x: npt.NDArray[np.float64], y: npt.NDArray[np.bool_], folds: list[npt.NDArray[np.int64]], lam: float
) -> tuple[Floats, Floats, Floats]:
    """Ridge scores for every label at once, out-of-fold and on all rows, via one Gram matrix.

    ``X^T X`` is computed once; each fold's training Gram is the total minus the fold's own, so the
    cross-validation costs a few small solves instead of refits (the CPU here is shared and slow).

    Returns:
        ``(oof_scores (n, L), coef (d + 1, L) on all rows)`` with the intercept as the last row of ``coef``,
        and the per-label Platt scaling ``(2, L)`` fitted on the out-of-fold scores.
    """
    xb = np.hstack([x, np.ones((len(x), 1))])
    t = np.where(y, 1.0, -1.0)
    gram = xb.T @ xb
    cross = xb.T @ t
    reg = lam * np.eye(xb.shape[1])
    reg[-1, -1] = 0.0
    oof = np.zeros(t.shape)
    for val in folds:
        g = gram - xb[val].T @ xb[val]
        c = cross - xb[val].T @ t[val]
        oof[val] = xb[val] @ np.linalg.solve(g + reg, c)
    coef = np.linalg.solve(gram + reg, cross)
    platt = np.zeros((2, y.shape[1]))
    for j in range(y.shape[1]):
        platt[:, j] = _platt(oof[:, j], y[:, j])
    return oof.astype(np.float32), coef.astype(np.float32), platt.astype(np.float32)


def _platt(scores: npt.NDArray[np.float64], y: npt.NDArray[np.bool_]) -> tuple[float, float]:
    """Slope and offset turning ridge scores into probabilities (1-D logistic regression)."""
    from sklearn.linear_model import LogisticRegression

    if y.all() or not y.any():
        return 0.0, 8.0 if y.all() else -8.0
    clf = LogisticRegression(C=100.0).fit(scores.reshape(-1, 1), y)
    return float(clf.coef_[0, 0]), float(clf.intercept_[0])


def _calibrated(coef: Floats, platt: Floats) -> tuple[Floats, Floats]:
    """Fold the Platt scaling into the linear weights: ``sigmoid(a * (x w + b) + c)``."""
    w = coef[:-1] * platt[0]
    b = coef[-1] * platt[0] + platt[1]
    return w.astype(np.float32), b.astype(np.float32)


def _token_labels(prep: Prepared, rows: list[int]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    """Token indices of the given paragraphs and which techniques' gold spans cover each token."""
    c = prep.corpus
    keep = np.isin(c.tok_par, np.asarray(rows))
    idx = np.flatnonzero(keep)
    y = np.zeros((len(idx), len(TECHNIQUES)), dtype=bool)
    art_of_tok = c.par_article[c.tok_par[idx]]
    offs = c.tok_offsets[idx]
    for a in np.unique(art_of_tok):
        mask = art_of_tok == a
        sub = np.flatnonzero(mask)
        for tech, s, e in prep.articles[int(a)].spans:
            if tech in _INDEX:
                hit = (offs[sub, 0] < e) & (offs[sub, 1] > s)
                y[sub[hit], _INDEX[tech]] = True
    return idx, y


def _token_head(prep: Prepared, rows: list[int], groups: list[int]) -> LinearHead:
    """Token head: ridge on token states with Platt scaling; thresholds tuned on one grouped fold."""
    c = prep.corpus
    val_rows = np.asarray(rows)[grouped_folds(groups, 5)[0]]
    idx, y = _token_labels(prep, rows)
    x = c.tok_states[idx].astype(np.float64)
    is_val = np.flatnonzero(np.isin(c.tok_par[idx], val_rows))
    oof, coef, platt = _ridge_oof(x, y, [is_val], lam=10.0)
    probs = sigmoid(oof * platt[0] + platt[1])[is_val]
    grid = np.arange(0.1, 0.95, 0.05)
    th = np.full(len(TECHNIQUES), 0.5, dtype=np.float32)
    for j in range(len(TECHNIQUES)):
        g = y[is_val, j]
        if g.sum() < 20:
            continue
        f1s = [2 * ((probs[:, j] >= t) & g).sum() / max((probs[:, j] >= t).sum() + g.sum(), 1) for t in grid]
        th[j] = float(grid[int(np.argmax(f1s))])
    w, b = _calibrated(coef, platt)
    return LinearHead(TECHNIQUES, w, b, th)


def train(data_dir: Path, out_dir: Path | None = None) -> dict[str, Any]:
    """Train the technique model on the non-held-apart English articles and write it.

    Args:
        data_dir: ``../shared/data/semeval2023-task3``.
        out_dir: where to write ``techniques.npz`` (default: the package's model folder).

    Returns:
        Cross-validated figures of the chosen settings, the held-apart micro-F1 and the paths.

    Raises:
        DataMissing: the dataset is absent.
    """
    started = time.perf_counter()
    prep = prepare(data_dir)
    rows, texts, gold, groups = _paragraph_table(prep, prep.train_ids)
    tfidf = Tfidf.fit(texts, max_features=TFIDF_FEATURES, min_df=3)
    x = _features(prep, rows, texts, tfidf).toarray().astype(np.float64)
    folds = grouped_folds(groups, 4)
    best: tuple[float, float, Floats, Floats, Floats] | None = None
    for lam in LAMBDA_GRID:
        oof, coef, platt = _ridge_oof(x, gold, folds, lam)
        probs = sigmoid(oof * platt[0] + platt[1])
        th = tune_thresholds(probs, gold)
        f1 = multilabel_f1(*_as_dicts(probs >= th, gold), TECHNIQUES)["micro_f1"]
        log.info("techniques lambda=%s inner-CV micro-F1 %.4f", lam, f1)
        if best is None or f1 > best[0]:
            best = (f1, lam, th, coef, platt)
    assert best is not None
    w, b = _calibrated(best[3], best[4])
    paragraph = LinearHead(TECHNIQUES, w, b, best[2])
    # the token head only has to place a technique inside a paragraph that has one
    with_any = np.flatnonzero(gold.any(axis=1))
    token = _token_head(prep, [rows[k] for k in with_any], [groups[k] for k in with_any])
    model = TechniqueModel(tfidf, paragraph, token)
    target = (out_dir or MODELS_DIR) / "techniques.npz"
    model.save(target)
    write_split(prep, out_dir or MODELS_DIR)
    result = {"inner_cv_micro_f1": round(best[0], 4), "ridge_lambda": best[1], "model": str(target)}
    result.update(_score(prep, model, prep.heldout_ids))
    result["train_seconds"] = round(time.perf_counter() - started, 1)
    return result


def _as_dicts(
    pred: npt.NDArray[np.bool_], gold: npt.NDArray[np.bool_]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    g = {str(i): [TECHNIQUES[j] for j in np.flatnonzero(r)] for i, r in enumerate(gold)}
    p = {str(i): [TECHNIQUES[j] for j in np.flatnonzero(r)] for i, r in enumerate(pred)}
    return g, p


def _score(prep: Prepared, model: TechniqueModel, ids: list[str]) -> dict[str, Any]:
    """Official ST3 micro-F1 on ``ids`` plus the overlap of evidence spans with the gold spans."""
    gold: dict[str, list[str]] = {}
    pred: dict[str, list[str]] = {}
    overlaps: list[float] = []
    c = prep.corpus
    wanted = set(ids)
    for a, art in enumerate(prep.articles):
        if art.id not in wanted or not art.techniques:
            continue
        pars = np.flatnonzero(c.par_article == a)
        encoded, texts, starts = _encoded(prep, pars, art)
        probs = paragraph_probabilities(texts, encoded, model)
        for k, p in enumerate(pars):
            line = int(c.par_line[p])
            key = f"{art.id}\t{line}"
            gold[key] = [t for t in art.techniques.get(line, []) if t in _INDEX]
            cols = np.flatnonzero(probs[k] >= model.paragraph.thresholds)
            pred[key] = [TECHNIQUES[j] for j in cols]
            for j in cols:
                if TECHNIQUES[j] in gold[key]:
                    s, e, _ = spans_for(art.text, starts[k], encoded[k], int(j), model)
                    overlaps.append(
                        _overlap_f1(s, e, art.spans, TECHNIQUES[j], starts[k], starts[k] + len(texts[k]))
                    )
    scores = multilabel_f1(gold, pred, TECHNIQUES)
    return {
        "heldout_micro_f1": round(scores["micro_f1"], 4),
        "heldout_macro_f1": round(scores["macro_f1"], 4),
        "heldout_precision": round(scores["precision"], 4),
        "heldout_recall": round(scores["recall"], 4),
        "heldout_paragraphs": int(scores["items"]),
        "heldout_articles": len(wanted),
        "evidence_span_char_f1": round(float(np.mean(overlaps)), 4) if overlaps else 0.0,
    }


def _encoded(
    prep: Prepared, pars: npt.NDArray[np.int64], art: Any
) -> tuple[list[EncodedParagraph], list[str], list[int]]:
    c = prep.corpus
    encoded, texts, starts = [], [], []
    ends = {n: b for n, _, b in art.paragraphs}
    for p in pars:
        start = int(c.par_start[p])
        lo, hi = np.searchsorted(c.tok_par, [p, p + 1])  # tokens are stored in paragraph order
        tok = slice(int(lo), int(hi))
        encoded.append(
            EncodedParagraph(
                c.par_vectors[p], c.tok_states[tok].astype(np.float32), c.tok_offsets[tok] - start
            )
        )
        texts.append(art.text[start : ends[int(c.par_line[p])]])
        starts.append(start)
    return encoded, texts, starts


def _overlap_f1(s: int, e: int, spans: list[tuple[str, int, int]], tech: str, pa: int, pb: int) -> float:
    gold_chars: set[int] = set()
    for t, a, b in spans:
        if t == tech and a < pb and b > pa:
            gold_chars.update(range(max(a, pa), min(b, pb)))
    pred_chars = set(range(s, e))
    inter = len(gold_chars & pred_chars)
    return 0.0 if inter == 0 else 2 * inter / (len(gold_chars) + len(pred_chars))


def evaluate(data_dir: Path, split: str = "heldout") -> dict[str, Any]:
    """Score the shipped technique model on a split (``heldout``/``dev``: the held-apart articles).

    Raises:
        DataMissing: the dataset is absent.
        ConfigError: unknown split.
        ModelError: the shipped model is missing.
    """
    prep = prepare(data_dir, MODELS_DIR / SPLIT_FILE)
    return _score(prep, load_model(), split_ids(prep, split))
