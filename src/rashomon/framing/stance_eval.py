"""Evaluation of target-directed stance (``rashomon evaluate --task stance``).

Gold: how an article casts an entity. BASIL's bias-span annotations (target and polarity) are not
in ``../shared/data/basil`` (only its articles are), so the gold is the entity-role annotation of
SemEval-2025 Task 10 ST1, English: per article × entity, the majority main role of its annotated
mentions, an ``Antagonist`` read as *critical* and a ``Protagonist``/``Innocent`` as *favourable* (the
same reading the role signal of the stance uses). The reported split is the role model's held-apart
articles (a stable hash of the article id, :func:`rashomon.framing.roles_data.heldout`): neither the
role model nor any threshold here was fitted on them.

The stance sees every occurrence of the entity's name in the article plus the designations the
parse ties to it, as in a real run. Reported per method (``v1_role``: the role model alone, the
stance of ``stance.v1``; ``v2``: all cues; ``v2_no_role`` and each signal alone):

- ``accuracy``: predicted stance equals the gold polarity (``neutral``/``mixed`` count as wrong);
- ``coverage``: share of pairs given a polar stance, and ``accuracy_covered`` on those;
- ``sign_accuracy``: the sign of the polarity score alone (0 counts as wrong), threshold-free;
- ``macro_f1``: over the two classes.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from pathlib import Path
from typing import Any

from rashomon.errors import ConfigError, ModelError
from rashomon.framing.designations import ActorMention, Designation, denotes_people, find_designations
from rashomon.framing.evaluative import Cue, designation_polarity
from rashomon.framing.roles_data import heldout, load_documents, load_roles
from rashomon.framing.stance import SIGNAL_WEIGHTS, aggregate_stance, combine_stance, mention_polarity
from rashomon.framing.stance_targets import head_forms, target_cues

__all__ = ["evaluate", "gold_pairs"]

log = logging.getLogger(__name__)

GOLD_POLARITY = {"Antagonist": "critical", "Protagonist": "favourable", "Innocent": "favourable"}
ROLE_MENTIONS = 3


def gold_pairs(data_dir: Path, split: str) -> dict[tuple[str, str], str]:
    """``{(article, entity): "favourable" | "critical"}`` from the English ST1 annotations of ``split``.

    Ties between the two polarities are left out.
    """
    votes: dict[tuple[str, str], Counter[str]] = {}
    for m in load_roles(data_dir, ("EN",)):
        if heldout(m.article) != (split == "heldout") or m.main_role not in GOLD_POLARITY:
            continue
        votes.setdefault((m.article, m.entity), Counter())[GOLD_POLARITY[m.main_role]] += 1
    out = {}
    for key, c in votes.items():
        (top, n), *rest = c.most_common()
        if not rest or rest[0][1] < n:
            out[key] = top
    return out


def _occurrences(text: str, entity: str, gold: list[tuple[int, int]]) -> list[tuple[int, int]]:
    found = {(m.start(), m.end()) for m in re.finditer(rf"(?<!\w){re.escape(entity)}(?!\w)", text)}
    return sorted(found | set(gold))


def _spread(spans: list[tuple[int, int]], k: int) -> list[tuple[int, int]]:
    if len(spans) <= k:
        return spans
    return [spans[round(i * (len(spans) - 1) / (k - 1))] for i in range(k)]


def _linked(designations: list[Designation], entity: str) -> list[Designation]:
    people = denotes_people([d.lemma for d in designations if d.via == "modifier"])
    return [d for d in designations if d.actor == entity and (d.via != "modifier" or d.lemma in people)]


def _article_cases(
    text: str, pairs: dict[str, list[tuple[int, int]]], role_model: Any, doc: Any = None
) -> list[tuple[str, list[Cue], list[tuple[int, int]], list[float], int]]:
    """``(entity, cues, role-scored spans, role polarities, mentions)`` of each gold entity of one article."""
    from rashomon.nlp import spacy_pipeline

    doc = spacy_pipeline()(text) if doc is None else doc
    spans = {e: _occurrences(text, e, g) for e, g in pairs.items()}
    mentions = [ActorMention(e, a, b) for e, ss in spans.items() for a, b in ss]
    designations = find_designations(text, doc, sorted(mentions, key=lambda m: m.start))
    out = []
    for entity, ss in spans.items():
        chosen = _spread(ss, ROLE_MENTIONS)
        probs = [p["probs"] for p in role_model.predict(text, chosen)] if role_model is not None else []
        scored = [(a, b, p) for (a, b), p in zip(chosen, probs, strict=False)]
        linked = _linked(designations, entity)
        polarity = designation_polarity([d.lemma for d in linked], head_forms(linked))
        cues = target_cues(text, doc, ss, linked, scored, polarity)
        out.append((entity, cues, chosen, [mention_polarity(p) for p in probs], len(ss) + len(linked)))
    return out


def _metrics(gold: list[str], pred: list[str], pol: list[float]) -> dict[str, float]:
    n = len(gold)
    if not n:
        return {"pairs": 0}
    correct = sum(g == p for g, p in zip(gold, pred, strict=True))
    polar = [(g, p) for g, p in zip(gold, pred, strict=True) if p in ("favourable", "critical")]
    sign = sum(
        (g == "favourable" and x > 0) or (g == "critical" and x < 0) for g, x in zip(gold, pol, strict=True)
    )
    f1s = []
    for label in ("favourable", "critical"):
        tp = sum(g == label and p == label for g, p in zip(gold, pred, strict=True))
        fp = sum(g != label and p == label for g, p in zip(gold, pred, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, pred, strict=True))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return {
        "pairs": n,
        "accuracy": round(correct / n, 4),
        "coverage": round(len(polar) / n, 4),
        "accuracy_covered": round(sum(g == p for g, p in polar) / len(polar), 4) if polar else 0.0,
        "sign_accuracy": round(sign / n, 4),
        "macro_f1": round(sum(f1s) / 2, 4),
    }


def _variants() -> dict[str, dict[str, float]]:
    out = {"v2": dict(SIGNAL_WEIGHTS), "v2_no_role": {**SIGNAL_WEIGHTS, "role": 0.0}}
    for s in SIGNAL_WEIGHTS:
        out[f"only_{s}"] = {k: (v if k == s else 0.0) for k, v in SIGNAL_WEIGHTS.items()}
    return out


def evaluate(data_dir: Path, split: str = "heldout", model: Any = None) -> dict[str, Any]:
    """Score stance toward entities against the ST1-derived gold (see the module docstring).

    Args:
        data_dir: the SemEval-2025 Task 10 folder (or its parent).
        split: ``heldout`` (reported) or ``train`` (where thresholds may be looked at).
        model: a role model with ``predict(text, spans)`` (default: the shipped one; without one the
            role signal and ``v1_role`` are left out).

    Returns:
        ``{split, gold, majority_baseline, methods: {name: metrics}}``.

    Raises:
        ConfigError: unknown split.
        DataMissing: the dataset is absent.
    """
    if split not in ("heldout", "train"):
        raise ConfigError(f"unknown split {split!r}; use heldout or train")
    from rashomon.framing.roles import role_model
    from rashomon.nlp import split_sentences

    gold = gold_pairs(data_dir, split)
    docs = load_documents(data_dir, ("EN",))
    if model is None:
        try:
            model = role_model()
        except ModelError as exc:
            log.warning("stance evaluation without the role model: %s", exc)
    by_article: dict[str, dict[str, list[tuple[int, int]]]] = {}
    for m in load_roles(data_dir, ("EN",)):
        if (m.article, m.entity) in gold and m.article in docs:
            by_article.setdefault(m.article, {}).setdefault(m.entity, []).append((m.start, m.end + 1))
    variants = _variants()
    golds: list[str] = []
    preds: dict[str, tuple[list[str], list[float]]] = {k: ([], []) for k in [*variants, "v1_role"]}
    for article, pairs in sorted(by_article.items()):
        text = docs[article].text
        sentences = split_sentences(text)
        for entity, cues, chosen, role_pols, n in _article_cases(text, pairs, model):
            golds.append(gold[(article, entity)])
            for name, weights in variants.items():
                r = combine_stance(entity, text, cues, sentences, mentions=n, weights=weights)
                preds[name][0].append(r["stance"])
                preds[name][1].append(r["mean_polarity"])
            v1 = aggregate_stance(
                entity, text, [(a, b, p) for (a, b), p in zip(chosen, role_pols, strict=False)], sentences
            )
            preds["v1_role"][0].append(v1["stance"])
            preds["v1_role"][1].append(v1["mean_polarity"])
    counts = Counter(golds)
    return {
        "split": split,
        "gold": dict(counts),
        "majority_baseline": round(max(counts.values()) / len(golds), 4) if golds else 0.0,
        "role_model": model is not None,
        "methods": {k: _metrics(golds, p, x) for k, (p, x) in preds.items()},
    }
