import numpy as np
import pytest

from rashomon.framing.genre import GENRES, TARGET_MIX, load_model, predict_genre, prior_shift
from rashomon.framing.heads import softmax


def test_prior_shift_moves_a_uniform_model_to_the_target_mix() -> None:
    shift = prior_shift(np.full(3, 1 / 3, np.float32), GENRES, TARGET_MIX)
    moved = softmax(np.zeros((1, 3), np.float32) + shift)[0]
    assert moved.tolist() == pytest.approx([TARGET_MIX[g] for g in GENRES], abs=1e-5)


def test_shipped_model_gives_a_label_with_raw_and_calibrated_scores() -> None:
    assert load_model().head.labels == GENRES
    text = (
        "City council approves budget\n\n"
        "The city council voted 7-2 on Monday to approve a budget of $4.2 million, officials said.\n\n"
        "The plan funds road repairs and two new libraries, according to a statement."
    )
    out = predict_genre(text)
    assert out["label"] in GENRES
    assert sum(out["scores"].values()) == pytest.approx(1.0, abs=1e-3)
    assert sum(out["raw_scores"].values()) == pytest.approx(1.0, abs=1e-3)
    assert out["label"] == "reporting"
    # the training data is opinion-heavy, so calibration moves mass from opinion towards reporting
    cal, raw = out["scores"], out["raw_scores"]
    assert cal["reporting"] / cal["opinion"] >= raw["reporting"] / raw["opinion"]
    assert all(0 <= e["start"] < e["end"] <= len(text) for e in out["evidence"])
