from pathlib import Path

import pytest

from rashomon.framing.scoring import multilabel_f1, read_labels, score_files, single_label_f1

CLASSES = ("A", "B", "C")


def test_multilabel_micro_and_macro_match_hand_computation() -> None:
    gold = {"1": ["A", "B"], "2": ["A"], "3": []}
    pred = {"1": ["A"], "2": ["A", "C"], "3": ["B"]}
    s = multilabel_f1(gold, pred, CLASSES)
    # tp=2 (A,A) fp=2 (C, B) fn=1 (B): micro F1 = 4 / (4 + 2 + 1)
    assert s["micro_f1"] == pytest.approx(4 / 7)
    # A: tp2 -> 1.0; B: tp0 -> 0; C: tp0 -> 0
    assert s["macro_f1"] == pytest.approx(1 / 3)
    assert s["precision"] == pytest.approx(0.5)
    assert s["recall"] == pytest.approx(2 / 3)


def test_missing_predictions_and_unknown_labels() -> None:
    gold = {"1": ["A"], "2": ["B"]}
    s = multilabel_f1(gold, {"1": ["A", "Zzz"]}, CLASSES)
    assert s["micro_f1"] == pytest.approx(2 / 3)


def test_single_label_macro_f1() -> None:
    gold = {"1": "A", "2": "A", "3": "B"}
    pred = {"1": "A", "2": "B", "3": "B"}
    # A: p=1 r=.5 f=2/3; B: p=.5 r=1 f=2/3; C: 0
    assert single_label_f1(gold, pred, ("A", "B"))["macro_f1"] == pytest.approx(2 / 3)


def test_score_files_reads_the_st3_layout(tmp_path: Path) -> None:
    gold = tmp_path / "gold.txt"
    pred = tmp_path / "pred.txt"
    gold.write_text("5\t1\tA\n5\t3\t\n", encoding="utf-8")
    pred.write_text("5\t1\tA,B\n5\t3\t\n", encoding="utf-8")
    assert read_labels(gold, 2) == {"5\t1": ["A"], "5\t3": []}
    assert score_files(gold, pred, CLASSES, 3)["micro_f1"] == pytest.approx(2 / 3)


def test_single_label_macro_skips_labels_absent_from_gold_and_predictions() -> None:
    gold = {"1": "A", "2": "B"}
    assert single_label_f1(gold, {"1": "A", "2": "B"}, CLASSES)["macro_f1"] == pytest.approx(1.0)


def test_weighted_macro_f1_reweights_items() -> None:
    from rashomon.framing.scoring import weighted_macro_f1

    gold, pred = [0, 0, 1, 1], [0, 1, 1, 1]
    assert weighted_macro_f1(gold, pred, [1, 1, 1, 1], 3) == pytest.approx((2 / 3 + 0.8) / 2)
    # giving the wrongly predicted item no weight makes the prediction perfect
    assert weighted_macro_f1(gold, pred, [1, 0, 1, 1], 3) == pytest.approx(1.0)
