from __future__ import annotations

import json
from pathlib import Path

import pytest

from rashomon.entities.eval_variants import evaluate, load_pairs, score_pairs
from rashomon.errors import DataMissing

# pinned floors of the packaged set (measured: P 0.994, R 0.956); lower means merging regressed
PRECISION_FLOOR = 0.97
RECALL_FLOOR = 0.92


def test_packaged_set_is_large_enough_and_balanced() -> None:
    pairs = load_pairs()
    positives = [p for p in pairs if p.same]
    assert len({p.a for p in positives}) >= 40
    assert len(positives) >= 100
    assert sum(not p.same for p in pairs) > len(positives)


def test_variant_pairs_meet_the_pinned_floor() -> None:
    figures = evaluate()
    assert figures["precision"] >= PRECISION_FLOOR, figures["false_merges"]
    assert figures["recall"] >= RECALL_FLOOR, figures["missed_merges"]


def test_scores_count_errors(tmp_path: Path) -> None:
    data = {"groups": [{"type": "person", "variants": ["Bill Clinton", "Hillary Clinton"]}], "negatives": []}
    path = tmp_path / "v.json"
    path.write_text(json.dumps(data))
    figures = score_pairs(load_pairs(path))
    assert figures["recall"] == 0.0 and figures["missed_merges"] == [["Bill Clinton", "Hillary Clinton"]]


def test_missing_file_is_reported() -> None:
    with pytest.raises(DataMissing):
        load_pairs(Path("/nonexistent/variants.json"))
