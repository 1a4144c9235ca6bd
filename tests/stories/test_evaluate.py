"""The grouping metrics, and the evaluation's clear failure without data."""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.errors import DataMissing
from rashomon.stories.evaluate import bcubed, evaluate


def test_bcubed_perfect_and_merged() -> None:
    gold = {"a": "x", "b": "x", "c": "y"}
    assert bcubed({"a": "1", "b": "1", "c": "2"}, gold) == (1.0, 1.0, 1.0)
    p, r, _ = bcubed({"a": "1", "b": "1", "c": "1"}, gold)
    assert r == 1.0 and p == pytest.approx((2 / 3 * 2 + 1 / 3) / 3)


def test_missing_data_says_where_to_look(tmp_path: Path) -> None:
    with pytest.raises(DataMissing, match="basil"):
        evaluate(tmp_path, "test")


@pytest.mark.slow
def test_basil_test_split_meets_the_floor(shared_dir: Path) -> None:
    figures = evaluate(shared_dir / "data" / "basil", "test")
    assert figures["ari"] >= 0.90
