from pathlib import Path

import numpy as np
import pytest

from rashomon.errors import ModelError
from rashomon.framing.heads import LinearHead, Tfidf, load_npz, sigmoid, softmax, tune_thresholds


def test_tfidf_keeps_frequent_ngrams_and_normalises_rows() -> None:
    texts = ["the cat sat", "the cat ran", "a dog ran", "the cat!"]
    tf = Tfidf.fit(texts, max_features=10, min_df=2)
    assert "the cat" in tf.vocabulary and "dog" not in tf.vocabulary
    rows = tf.transform(["the cat sat", "nothing known"]).toarray()
    assert np.linalg.norm(rows[0]) == pytest.approx(1.0, abs=1e-5)
    assert not rows[1].any()


def test_tune_thresholds_separates_a_clean_label() -> None:
    probs = np.array([[0.9, 0.2], [0.8, 0.1], [0.3, 0.6], [0.2, 0.7]] * 10, dtype=np.float32)
    gold = np.array([[1, 0], [1, 0], [0, 1], [0, 1]] * 10, dtype=bool)
    th = tune_thresholds(probs, gold, min_positives=5)
    assert ((probs >= th) == gold).all()


def test_head_round_trip_and_version_check(tmp_path: Path) -> None:
    head = LinearHead(
        ("a", "b"), np.ones((3, 2), np.float32), np.zeros(2, np.float32), np.full(2, 0.5, np.float32)
    )
    path = tmp_path / "m.npz"
    np.savez_compressed(path, version=np.asarray("x.v1"), **head.arrays("h_"))
    back = LinearHead.from_arrays(load_npz(path, "x.v1"), "h_")
    assert back.labels == ("a", "b")
    assert back.logits(np.ones((1, 3), np.float32)).tolist() == [[3.0, 3.0]]
    with pytest.raises(ModelError):
        load_npz(path, "x.v2")
    with pytest.raises(ModelError):
        load_npz(tmp_path / "absent.npz", "x.v1")


def test_sigmoid_and_softmax_are_stable() -> None:
    assert sigmoid(np.array([-1000.0, 0.0, 1000.0])).tolist() == pytest.approx([0.0, 0.5, 1.0])
    assert softmax(np.array([[1000.0, 0.0]])).sum() == pytest.approx(1.0)
