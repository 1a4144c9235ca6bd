"""Training, evaluation and the official-format classifier of the entity-role model.

``train`` fits on every annotated mention of the articles *not* held apart (all five languages), with
the regularisation and the fine-role threshold chosen by cross-validation grouped by article; it never
sees the held-apart articles, which ``evaluate(split="heldout")`` scores.
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
from rashomon.framing.roles import MODEL_PATH, RoleModel
from rashomon.framing.roles_data import (
    LANGUAGES,
    Document,
    RoleMention,
    encoded_features,
    heldout,
    load_documents,
    load_roles,
    read_mentions,
    role_metrics,
)
from rashomon.framing.roles_features import CueVocabulary, cue_tokens, mention_vectors, stack

__all__ = ["classify_roles", "evaluate", "train"]

log = logging.getLogger(__name__)

Floats = npt.NDArray[np.float32]
EMBEDDING_WEIGHT = 1.0
C_GRID = (1.0, 4.0)
FINE_GRID = (0.3, 0.4, 0.5, 0.6, 0.7, 1.01)


def _featurise(
    mentions: Sequence[RoleMention], docs: dict[str, Document]
) -> tuple[list[RoleMention], Floats, list[list[str]]]:
    kept = [m for m in mentions if m.article in docs]
    spans: dict[str, list[tuple[int, int]]] = {}
    for m in kept:
        spans.setdefault(m.article, []).append((m.start, m.end + 1))
    _, feats = encoded_features([docs[a] for a in sorted(spans)], spans)
    emb = np.asarray([feats[(m.article, m.start, m.end + 1)] for m in kept], dtype=np.float32)
    cues = [cue_tokens(docs[m.article].text, m.start, m.end + 1) for m in kept]
    return kept, emb.reshape(len(kept), -1), cues


def _fit(
    emb: Floats, cues: list[list[str]], mentions: Sequence[RoleMention], c: float, fine_threshold: float
) -> RoleModel:
    from sklearn.linear_model import LogisticRegression

    vocab = CueVocabulary.fit(cues)
    x = stack(emb, vocab.transform(cues), EMBEDDING_WEIGHT)
    mains = sorted({m.main_role for m in mentions})
    y = np.asarray([mains.index(m.main_role) for m in mentions])
    head = LogisticRegression(C=c, max_iter=1000).fit(x, y)
    main_coef = head.coef_.T if len(mains) > 2 else np.hstack([-head.coef_.T, head.coef_.T]) / 2
    main_int = (
        head.intercept_ if len(mains) > 2 else np.asarray([-head.intercept_[0], head.intercept_[0]]) / 2
    )
    fine_labels, fine_main = _fine_taxonomy(mentions)
    coefs, ints = [], []
    for label in fine_labels:
        yf = np.asarray([label in m.fine_roles for m in mentions], dtype=int)
        clf = LogisticRegression(C=c, solver="liblinear").fit(x, yf)
        coefs.append(clf.coef_[0])
        ints.append(clf.intercept_[0])
    return RoleModel(
        vocab,
        EMBEDDING_WEIGHT,
        tuple(mains),
        np.asarray(main_coef, dtype=np.float32),
        np.asarray(main_int, dtype=np.float32),
        tuple(fine_labels),
        tuple(fine_main),
        np.asarray(coefs, dtype=np.float32).T,
        np.asarray(ints, dtype=np.float32),
        fine_threshold,
    )


def _fine_taxonomy(mentions: Sequence[RoleMention]) -> tuple[list[str], list[str]]:
    """Fine roles seen in training and the main role each was most often annotated with."""
    counts: dict[str, dict[str, int]] = {}
    for m in mentions:
        for f in m.fine_roles:
            counts.setdefault(f, {}).setdefault(m.main_role, 0)
            counts[f][m.main_role] += 1
    labels = sorted(counts)
    return labels, [max(counts[f], key=lambda r: counts[f][r]) for f in labels]


def _predict(
    model: RoleModel, emb: Floats, cues: list[list[str]], ms: Sequence[RoleMention]
) -> list[RoleMention]:
    decided = model.decide(*model.probabilities(emb, cues))
    return [
        RoleMention(m.article, m.entity, m.start, m.end, d["role"], tuple(d["fine_roles"]))
        for m, d in zip(ms, decided, strict=True)
    ]


def _choose(
    emb: Floats, cues: list[list[str]], mentions: list[RoleMention]
) -> tuple[float, float, dict[str, Any]]:
    """Grouped 4-fold CV over training articles: the C and fine threshold with the best figures."""
    from sklearn.model_selection import GroupKFold

    groups = [m.article for m in mentions]
    folds = list(GroupKFold(n_splits=4).split(emb, groups=groups))
    best: tuple[float, float, float] = (-1.0, C_GRID[0], FINE_GRID[0])
    table: dict[str, Any] = {}
    for c in C_GRID:
        preds: dict[float, list[RoleMention]] = {t: [] for t in FINE_GRID}
        gold: list[RoleMention] = []
        for tr, te in folds:
            model = _fit(emb[tr], [cues[i] for i in tr], [mentions[i] for i in tr], c, 0.5)
            gold += [mentions[i] for i in te]
            main, fine = model.probabilities(emb[te], [cues[i] for i in te])
            for t in FINE_GRID:
                m2 = dataclasses.replace(model, fine_threshold=t)
                dec = m2.decide(main, fine)
                preds[t] += [
                    RoleMention(g.article, g.entity, g.start, g.end, d["role"], tuple(d["fine_roles"]))
                    for g, d in zip([mentions[i] for i in te], dec, strict=True)
                ]
        for t in FINE_GRID:
            r = role_metrics(gold, preds[t])
            table[f"C={c},t={t}"] = r
            score = r["main_role_accuracy"] + r["fine_role_exact_match"]
            if score > best[0]:
                best = (score, c, t)
    return best[1], best[2], table


def train(data_dir: Path, out_dir: Path | None = None) -> dict[str, Any]:
    """Train the shipped role model on the non-held-apart articles of all five languages.

    Args:
        data_dir: the SemEval-2025 Task 10 folder (or its parent).
        out_dir: where to write ``roles.npz`` (default: the package's model folder).

    Returns:
        The chosen settings, the cross-validation figures and the written path.

    Raises:
        DataMissing: the dataset is absent.
    """
    docs = load_documents(data_dir)
    mentions = [m for m in load_roles(data_dir) if not heldout(m.article)]
    if not mentions:
        raise DataMissing(f"no ST1 annotations under {data_dir}")
    kept, emb, cues = _featurise(mentions, docs)
    c, t, table = _choose(emb, cues, kept)
    log.info("roles: chose C=%s fine threshold=%s", c, t)
    model = _fit(emb, cues, kept, c, t)
    path = (out_dir / MODEL_PATH.name) if out_dir else MODEL_PATH
    model.save(path)
    cv = table[f"C={c},t={t}"]
    return {"path": str(path), "C": c, "fine_threshold": t, "cv": cv, "n_train_mentions": len(kept)}


def evaluate(data_dir: Path, split: str = "heldout", model_path: Path = MODEL_PATH) -> dict[str, Any]:
    """Score the shipped model: main-role accuracy and fine-role exact match, per language and overall.

    Args:
        data_dir: the SemEval-2025 Task 10 folder (or its parent).
        split: ``heldout`` (the articles never trained on) or ``train`` (fit quality only).
        model_path: the model to score.

    Raises:
        ConfigError: unknown split.
        DataMissing: the dataset is absent.
    """
    if split not in ("heldout", "train"):
        raise ConfigError(f"unknown split {split!r}; use heldout or train")
    model = RoleModel.load(model_path)
    docs = load_documents(data_dir)
    out: dict[str, Any] = {"split": split}
    all_gold: list[RoleMention] = []
    all_pred: list[RoleMention] = []
    for lang in LANGUAGES:
        gold = [m for m in load_roles(data_dir, (lang,)) if heldout(m.article) == (split == "heldout")]
        kept, emb, cues = _featurise(gold, docs)
        if not kept:
            continue
        pred = _predict(model, emb, cues, kept)
        out[lang] = role_metrics(kept, pred)
        all_gold += kept
        all_pred += pred
    out["all"] = role_metrics(all_gold, all_pred)
    return out


def classify_roles(in_dir: Path, out_file: Path, mentions_file: Path | None) -> int:
    """Write ST1 predictions for the given mentions, in the task's format.

    Args:
        in_dir: folder of ``<article>.txt`` documents.
        out_file: where to write ``article<TAB>entity<TAB>start<TAB>end<TAB>main<TAB>fine...`` lines.
        mentions_file: ``article<TAB>entity<TAB>start<TAB>end`` lines (end inclusive, as in the task).

    Returns:
        The number of mentions written.

    Raises:
        ConfigError: no mentions file given.
        DataMissing: a mentioned article is not in ``in_dir``.
    """
    if mentions_file is None:
        raise ConfigError("--mentions FILE is required for the roles task")
    mentions = read_mentions(mentions_file)
    model = RoleModel.load()
    lines: list[str] = []
    texts: dict[str, str] = {}
    for m in mentions:
        if m.article not in texts:
            path = in_dir / m.article
            if not path.exists():
                raise DataMissing(
                    f"{path} not found; the mentions file names articles that must be in {in_dir}"
                )
            texts[m.article] = path.read_text(encoding="utf-8")
    from rashomon.framing.shared import encoded_article

    emb = np.zeros((len(mentions), 0), dtype=np.float32)
    if mentions:
        emb = np.vstack(
            [mention_vectors(encoded_article(texts[m.article]), [(m.start, m.end + 1)]) for m in mentions]
        )
    cues = [cue_tokens(texts[m.article], m.start, m.end + 1) for m in mentions]
    for m in _predict(model, emb, cues, mentions):
        lines.append("\t".join([m.article, m.entity, str(m.start), str(m.end), m.main_role, *m.fine_roles]))
    out_file.parent.mkdir(parents=True, exist_ok=True)
    out_file.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return len(lines)
