"""Evaluation of entity merging: precision and recall of same-actor decisions on name-variant pairs.

The gold set (``data/name_variants.json``, written for rashomon from general knowledge) holds groups
of real romanisation variants of one actor and hard negatives (different people with similar names).
Positive pairs: every pair inside a group. Negative pairs: the hard negatives plus every cross-group
pair of the same type. A pair is predicted "same" when :func:`variant_score` is above ``threshold``.

Run it with ``rashomon evaluate --task entity-variants`` or :func:`evaluate`.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from rashomon.entities.matching import variant_score
from rashomon.errors import DataMissing

__all__ = ["VariantPair", "evaluate", "load_pairs", "score_pairs"]

GOLD_FILE = "name_variants.json"


@dataclass(frozen=True, slots=True)
class VariantPair:
    """Two names of one type and whether they denote the same actor."""

    a: str
    b: str
    etype: str
    same: bool


def load_pairs(path: Path | None = None) -> list[VariantPair]:
    """The gold pairs from ``path`` (default: the packaged set).

    Raises:
        DataMissing: the file is absent.
    """
    if path is None:
        source = resources.files("rashomon.entities").joinpath("data", GOLD_FILE)
        text = source.read_text(encoding="utf-8")
    else:
        if not path.is_file():
            raise DataMissing(f"{path} not found: pass the name-variant JSON file or omit --data")
        text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    groups: list[dict[str, Any]] = data["groups"]
    pairs: list[VariantPair] = []
    for group in groups:
        for a, b in itertools.combinations(dict.fromkeys(group["variants"]), 2):
            pairs.append(VariantPair(a, b, group["type"], True))
    for g1, g2 in itertools.combinations(groups, 2):
        if g1["type"] != g2["type"]:
            continue
        for a, b in itertools.product(g1["variants"], g2["variants"]):
            pairs.append(VariantPair(a, b, g1["type"], False))
    for a, b, etype in data["negatives"]:
        pairs.append(VariantPair(a, b, etype, False))
    return pairs


def score_pairs(pairs: list[VariantPair], threshold: float = 0.0) -> dict[str, Any]:
    """Precision, recall and F1 of the merge decision over ``pairs``, with the errors listed."""
    tp = fp = fn = 0
    missed: list[list[str]] = []
    wrong: list[list[str]] = []
    for pair in pairs:
        predicted = variant_score(pair.a, pair.b, pair.etype) > threshold
        if predicted and pair.same:
            tp += 1
        elif predicted:
            fp += 1
            wrong.append([pair.a, pair.b])
        elif pair.same:
            fn += 1
            missed.append([pair.a, pair.b])
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "pairs": len(pairs),
        "positives": tp + fn,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "false_merges": wrong,
        "missed_merges": missed,
    }


def evaluate(data_dir: Path | None = None, split: str = "all") -> dict[str, Any]:
    """Task-registry entry: score the packaged (or given) variant set.

    Args:
        data_dir: a JSON file or a folder holding ``name_variants.json``; None for the packaged set.
        split: ignored (the set has one split); kept for the registry contract.

    Returns:
        The figures of :func:`score_pairs`.
    """
    path: Path | None = None
    if data_dir is not None and data_dir.is_file():
        path = data_dir
    elif data_dir is not None and (data_dir / GOLD_FILE).is_file():
        path = data_dir / GOLD_FILE
    # any other folder (the registry's default ../shared/data) means: the packaged set
    return score_pairs(load_pairs(path))
