"""Training, evaluation and the official-format classifier of the narrative model.

Trained on the articles not held apart (all five languages); the two thresholds are chosen by 4-fold
cross-validation grouped by article, on the training articles only. Scores are the task's: F1 per
article between gold and predicted label sets, averaged over articles (``samples`` F1), for the
narratives (coarse) and the sub-narratives (fine), each with its standard deviation.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from rashomon.errors import ConfigError, DataMissing
from rashomon.framing.narratives import (
    MODEL_PATH,
    OTHER,
    NarrativeModel,
    official_labels,
    word_tokens,
)
from rashomon.framing.roles_data import (
    LANGUAGES,
    Document,
    encoded_features,
    heldout,
    load_documents,
    load_narratives,
    samples_f1,
)
from rashomon.framing.roles_features import CueVocabulary, stack

__all__ = ["classify_narratives", "evaluate", "train"]

log = logging.getLogger(__name__)

Floats = npt.NDArray[np.float32]
EMBEDDING_WEIGHT = 1.0
MIN_EXAMPLES = 3
C = 4.0
GRID = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)


def _vectors(docs: Sequence[Document]) -> Floats:
    if not docs:
        return np.zeros((0, 384), np.float32)
    vectors, _ = encoded_features(docs)
    return np.stack([vectors[d.article] for d in docs])


def _fit(vecs: Floats, words: list[list[str]], gold: list[tuple[set[str], set[str]]]) -> NarrativeModel:
    from sklearn.linear_model import LogisticRegression

    vocab = CueVocabulary.fit(words, min_df=3, max_size=30000)
    x = stack(vecs, vocab.transform(words), EMBEDDING_WEIGHT)
    counts: dict[tuple[str, bool], int] = {}
    for narr, sub in gold:
        for n in narr:
            counts[(n, False)] = counts.get((n, False), 0) + 1
        for s in sub:
            counts[(s, True)] = counts.get((s, True), 0) + 1
    cols = sorted(
        (k for k, n in counts.items() if n >= MIN_EXAMPLES and k[0] != OTHER), key=lambda k: (k[1], k[0])
    )
    coefs, ints = [], []
    for label, is_sub in cols:
        y = np.asarray([label in (g[1] if is_sub else g[0]) for g in gold], dtype=int)
        clf = LogisticRegression(C=C, solver="liblinear", class_weight="balanced").fit(x, y)
        coefs.append(clf.coef_[0])
        ints.append(clf.intercept_[0])
    return NarrativeModel(
        vocab,
        EMBEDDING_WEIGHT,
        tuple(k[0] for k in cols),
        np.asarray([k[1] for k in cols], dtype=bool),
        np.asarray(coefs, dtype=np.float32).T,
        np.asarray(ints, dtype=np.float32),
        0.5,
        0.5,
    )


def _score(model: NarrativeModel, probs: Floats, gold: list[tuple[set[str], set[str]]]) -> dict[str, float]:
    pred_c: list[set[str]] = []
    pred_f: list[set[str]] = []
    for p in probs:
        narr, sub = official_labels(model.decide(p))
        pred_c.append(set(narr))
        pred_f.append(set(sub))
    fc, sc = samples_f1([g[0] for g in gold], pred_c)
    ff, sf = samples_f1([g[1] for g in gold], pred_f)
    return {
        "f1_samples_coarse": fc,
        "std_coarse": sc,
        "f1_samples_fine": ff,
        "std_fine": sf,
        "n": float(len(gold)),
    }


def _choose(
    vecs: Floats, words: list[list[str]], gold: list[tuple[set[str], set[str]]]
) -> tuple[float, float, dict[str, float]]:
    from sklearn.model_selection import KFold

    probs_by_fold: list[tuple[NarrativeModel, Floats, list[int]]] = []
    for tr, te in KFold(n_splits=4, shuffle=True, random_state=0).split(vecs):
        model = _fit(vecs[tr], [words[i] for i in tr], [gold[i] for i in tr])
        probs_by_fold.append((model, model.probabilities(vecs[te], [words[i] for i in te]), list(te)))
    best: tuple[float, float, float, dict[str, float]] = (-1.0, 0.5, 0.5, {})
    for tn in GRID:
        for ts in GRID:
            f_sum: list[float] = []
            for model, probs, te in probs_by_fold:
                m2 = dataclasses.replace(model, narrative_threshold=tn, sub_threshold=ts)
                r = _score(m2, probs, [gold[i] for i in te])
                f_sum.append(r["f1_samples_fine"] + r["f1_samples_coarse"])
            if float(np.mean(f_sum)) > best[0]:
                best = (float(np.mean(f_sum)), tn, ts, {"cv_mean_coarse_plus_fine": float(np.mean(f_sum))})
    return best[1], best[2], best[3]


def _dataset(
    data_dir: Path, split: str, languages: Sequence[str] = LANGUAGES
) -> tuple[list[Document], list[tuple[set[str], set[str]]]]:
    docs = load_documents(data_dir, languages)
    labels = load_narratives(data_dir, languages)
    want_held = split == "heldout"
    ids = sorted(a for a in labels if a in docs and heldout(a) == want_held)
    return [docs[a] for a in ids], [labels[a] for a in ids]


def train(data_dir: Path, out_dir: Path | None = None) -> dict[str, Any]:
    """Train the shipped narrative model on the non-held-apart articles.

    Args:
        data_dir: the SemEval-2025 Task 10 folder (or its parent).
        out_dir: where to write ``narratives.npz`` (default: the package's model folder).

    Returns:
        Chosen thresholds, cross-validation figure and the written path.

    Raises:
        DataMissing: the dataset is absent.
    """
    docs, gold = _dataset(data_dir, "train")
    if not docs:
        raise DataMissing(f"no ST2 annotations under {data_dir}")
    vecs = _vectors(docs)
    words = [word_tokens(d.text) for d in docs]
    tn, ts, cv = _choose(vecs, words, gold)
    model = dataclasses.replace(_fit(vecs, words, gold), narrative_threshold=tn, sub_threshold=ts)
    path = (out_dir / MODEL_PATH.name) if out_dir else MODEL_PATH
    model.save(path)
    return {"path": str(path), "narrative_threshold": tn, "sub_threshold": ts, "cv": cv, "n_train": len(docs)}


def evaluate(data_dir: Path, split: str = "heldout", model_path: Path = MODEL_PATH) -> dict[str, Any]:
    """Samples F1 (coarse and fine) of the shipped model per language and overall.

    Raises:
        ConfigError: unknown split.
        DataMissing: the dataset is absent.
    """
    if split not in ("heldout", "train"):
        raise ConfigError(f"unknown split {split!r}; use heldout or train")
    model = NarrativeModel.load(model_path)
    out: dict[str, Any] = {"split": split}
    all_probs: list[Floats] = []
    all_gold: list[tuple[set[str], set[str]]] = []
    for lang in LANGUAGES:
        docs, gold = _dataset(data_dir, split, (lang,))
        if docs:
            probs = model.probabilities(_vectors(docs), [word_tokens(d.text) for d in docs])
            out[lang] = _score(model, probs, gold)
            all_probs.append(probs)
            all_gold += gold
    if not all_gold:
        raise DataMissing(f"no ST2 annotations for split {split!r} under {data_dir}")
    out["all"] = _score(model, np.concatenate(all_probs), all_gold)
    return out


def classify_narratives(in_dir: Path, out_file: Path, mentions_file: Path | None = None) -> int:
    """Write ST2 predictions (``article<TAB>narr;...<TAB>sub;...``) for every ``*.txt`` in ``in_dir``.

    Args:
        in_dir: folder of documents.
        out_file: the prediction file.
        mentions_file: unused (the signature is shared by every classify task).

    Returns:
        The number of articles written.

    Raises:
        DataMissing: ``in_dir`` holds no ``.txt`` file.
    """
    paths = sorted(in_dir.glob("*.txt"))
    if not paths:
        raise DataMissing(f"no .txt documents in {in_dir}")
    model = NarrativeModel.load()
    docs = [Document(p.name, "", p.read_text(encoding="utf-8")) for p in paths]
    probs = model.probabilities(_vectors(docs), [word_tokens(d.text) for d in docs])
    lines = []
    for d, p in zip(docs, probs, strict=True):
        narr, sub = official_labels(model.decide(p))
        lines.append(f"{d.article}\t{';'.join(narr)}\t{';'.join(sub)}\n")
    out_file.parent.mkdir(parents=True, exist_ok=True)
    out_file.write_text("".join(lines), encoding="utf-8")
    return len(lines)
