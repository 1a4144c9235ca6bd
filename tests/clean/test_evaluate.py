"""The cleaning evaluation gate: line and token precision/recall on our own labelled scraped texts.

``data/*.txt`` is the development set (the method was tuned on it); ``data/holdout/*.txt`` and
``data/holdout2/*.txt`` were written after the method and first measured blind (see
``eval_baseline.json``). The floors are what was measured, minus a small margin; the test prints the
figures (``pytest -s``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rashomon.clean.evaluate import errors, evaluate, load_labelled
from rashomon.errors import DataMissing, InputError

HERE = Path(__file__).parent
BASELINE = json.loads((HERE / "eval_baseline.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("split", ["dev", "holdout", "holdout2"])
def test_cleaning_meets_pinned_floor(split: str) -> None:
    folder = HERE / "data" if split == "dev" else HERE / "data" / split
    docs = load_labelled(folder)
    scores = evaluate(docs)
    print(f"\ncleaning {split} ({len(docs)} docs): " + ", ".join(f"{k}={v:.3f}" for k, v in scores.items()))
    for line in errors(docs):
        print("  ", line)
    floor = BASELINE[split]
    for key, minimum in floor.items():
        assert scores[key] >= minimum, f"{key} {scores[key]:.3f} fell below the pinned floor {minimum}"


def test_label_format(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("@@ title: T\nT T\n\nA Body line.\nC Menu\n", encoding="utf-8")
    (doc,) = load_labelled(tmp_path)
    assert doc.raw == "T\n\nBody line.\nMenu"
    assert [label for _, _, label in doc.lines] == ["T", "A", "C"]
    assert doc.meta == {"title": "T"}
    (tmp_path / "b.txt").write_text("no label here\n", encoding="utf-8")
    with pytest.raises(InputError, match="b:1"):
        load_labelled(tmp_path)


def test_missing_data_is_reported(tmp_path: Path) -> None:
    with pytest.raises(DataMissing):
        load_labelled(tmp_path / "nothing")
