"""The official SemEval-2023 Task 3 metrics: ST1 macro-F1, ST2 and ST3 micro-F1 (macro-F1 alongside).

Same logic as the task's scorers: labels are binarised against the official label list (strings
outside it are ignored, with a warning), every gold item is scored, an item without a prediction
counts as predicting nothing, and F1 of a label with no gold and no predicted case is 0 in the
macro average.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

__all__ = ["multilabel_f1", "read_labels", "score_files", "single_label_f1", "weighted_macro_f1"]

log = logging.getLogger(__name__)


def read_labels(path: Path, key_columns: int) -> dict[str, list[str]]:
    """Read a gold or prediction file: ``key_columns`` tab-separated keys, then comma-separated labels.

    Args:
        path: the file.
        key_columns: 1 for ST1/ST2 (article ID), 2 for ST3 (article ID and line number).

    Returns:
        Labels per key (keys joined with a tab).
    """
    out: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.rstrip("\n").split("\t")
        if len(cols) < key_columns or not cols[0].strip():
            continue
        key = "\t".join(c.strip() for c in cols[:key_columns])
        labels = cols[key_columns] if len(cols) > key_columns else ""
        out[key] = [lab.strip() for lab in labels.split(",") if lab.strip()]
    return out


def _binarise(items: Sequence[Sequence[str]], classes: Sequence[str]) -> npt.NDArray[np.bool_]:
    index = {c: i for i, c in enumerate(classes)}
    matrix = np.zeros((len(items), len(classes)), dtype=bool)
    unknown: set[str] = set()
    for r, labels in enumerate(items):
        for lab in labels:
            if lab in index:
                matrix[r, index[lab]] = True
            else:
                unknown.add(lab)
    if unknown:
        log.warning("ignoring labels outside the official list: %s", ", ".join(sorted(unknown)))
    return matrix


def _f1(tp: float, fp: float, fn: float) -> float:
    return 0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)


def multilabel_f1(
    gold: Mapping[str, Sequence[str]], pred: Mapping[str, Sequence[str]], classes: Sequence[str]
) -> dict[str, float]:
    """Micro- and macro-F1 of a multi-label prediction over every gold item (ST2, ST3).

    Args:
        gold: labels per item.
        pred: predicted labels per item (missing items predict nothing).
        classes: the official label list.

    Returns:
        ``micro_f1``, ``macro_f1``, ``precision``, ``recall`` (micro) and ``items``.
    """
    keys = list(gold)
    g = _binarise([gold[k] for k in keys], classes)
    p = _binarise([pred.get(k, []) for k in keys], classes)
    tp = (g & p).sum(axis=0).astype(float)
    fp = (~g & p).sum(axis=0).astype(float)
    fn = (g & ~p).sum(axis=0).astype(float)
    micro = _f1(tp.sum(), fp.sum(), fn.sum())
    macro = float(np.mean([_f1(a, b, c) for a, b, c in zip(tp, fp, fn, strict=True)])) if classes else 0.0
    precision = float(tp.sum() / max(tp.sum() + fp.sum(), 1.0))
    recall = float(tp.sum() / max(tp.sum() + fn.sum(), 1.0))
    return {
        "micro_f1": micro,
        "macro_f1": macro,
        "precision": precision,
        "recall": recall,
        "items": len(keys),
    }


def single_label_f1(
    gold: Mapping[str, str], pred: Mapping[str, str], classes: Sequence[str]
) -> dict[str, float]:
    """Macro- and micro-F1 of a single-label prediction (ST1; macro-F1 is the official figure).

    Args:
        gold: label per item.
        pred: predicted label per item (missing items count as wrong).
        classes: the label set; the macro average runs over those occurring in gold or predictions.

    Returns:
        ``macro_f1``, ``micro_f1`` (equal to accuracy here) and ``items``.
    """
    as_lists = {k: [v] for k, v in gold.items()}
    pred_lists = {k: [v] for k, v in pred.items()}
    # as sklearn's f1_score does for the official ST1 scorer: average over the labels that occur
    present = [c for c in classes if c in set(gold.values()) | {pred.get(k) for k in gold}]
    scores = multilabel_f1(as_lists, pred_lists, present)
    return {"macro_f1": scores["macro_f1"], "micro_f1": scores["micro_f1"], "items": scores["items"]}


def weighted_macro_f1(
    gold: Sequence[int] | npt.NDArray[np.int64],
    pred: Sequence[int] | npt.NDArray[np.int64],
    weights: Sequence[float] | npt.NDArray[np.float64],
    n_classes: int,
) -> float:
    """Macro-F1 of a single-label prediction where each item counts with a weight.

    Reweighting a test set's items by ``target_share(class) / test_share(class)`` gives the F1 one would
    expect on a set with the target class mix (e.g. a news feed that is mostly reporting). Like
    :func:`single_label_f1`, the average runs over the classes occurring in gold or predictions.

    Args:
        gold: gold class index of each item.
        pred: predicted class index of each item.
        weights: weight of each item.
        n_classes: number of classes.

    Returns:
        The weighted macro-F1.
    """
    g = np.asarray(gold, dtype=np.int64)
    p = np.asarray(pred, dtype=np.int64)
    w = np.asarray(weights, dtype=np.float64)
    scores = []
    for c in range(n_classes):
        if not ((g == c).any() or (p == c).any()):
            continue
        tp = float(w[(g == c) & (p == c)].sum())
        fp = float(w[(g != c) & (p == c)].sum())
        fn = float(w[(g == c) & (p != c)].sum())
        scores.append(_f1(tp, fp, fn))
    return float(np.mean(scores)) if scores else 0.0


def score_files(gold_path: Path, pred_path: Path, classes: Sequence[str], subtask: int) -> dict[str, float]:
    """Score a prediction file against a gold file in the task's format.

    Args:
        gold_path: the gold labels.
        pred_path: the predictions.
        classes: the official label list.
        subtask: 1 (genre), 2 (frames) or 3 (techniques).

    Returns:
        The figures of :func:`single_label_f1` (ST1) or :func:`multilabel_f1` (ST2, ST3).
    """
    keys = 2 if subtask == 3 else 1
    gold = read_labels(gold_path, keys)
    pred = read_labels(pred_path, keys)
    if subtask == 1:
        first = {k: v[0] if v else "" for k, v in gold.items()}
        return single_label_f1(first, {k: v[0] if v else "" for k, v in pred.items()}, classes)
    return multilabel_f1(gold, pred, classes)
