from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.claims.detector import (
    MODEL_PATH,
    average_precision,
    evaluate,
    heldout_debates,
    load_ct19,
    load_model,
    training_examples,
)
from rashomon.errors import DataMissing, ModelError


def test_average_precision() -> None:
    assert average_precision([0.9, 0.8, 0.1], [1, 0, 1]) == pytest.approx((1 + 2 / 3) / 2)
    assert average_precision([0.9, 0.1], [0, 0]) == 0.0
    assert average_precision([0.1, 0.9], [0, 1]) == 1.0


def test_heldout_debates_are_whole_and_stable() -> None:
    debates = [f"d{i:02d}" for i in range(10)] * 3
    assert heldout_debates(debates) == ["d03", "d07"]


def test_missing_data_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(DataMissing, match="--data"):
        load_ct19(tmp_path)


def test_missing_weights(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="rashomon train"):
        load_model(tmp_path / "none.npz")


def test_shipped_model_ranks_facts_above_opinions() -> None:
    model = load_model()
    assert MODEL_PATH.stat().st_size < 300_000
    probs = model.probabilities(
        [
            "Unemployment fell to 4.2 percent in March, down from 5.1 percent a year earlier.",
            "I think we all want a better future for our children.",
            "Thank you very much, it's great to be here tonight.",
        ]
    )
    assert probs[0] > 0.5 > probs[2]
    assert probs[0] > probs[1]


@pytest.mark.slow
def test_heldout_map_gate(shared_dir: Path) -> None:
    """The metric floor: held-out CT19 MAP (0.344 when shipped) must stay above 0.30 and above 2019's best."""
    data = shared_dir / "data" / "checkworthiness"
    result = evaluate(data, "heldout")
    assert result["debates"] == 4
    assert result["map"] >= 0.30 > result["published_best_2019"]
    train_set, heldout = training_examples(data)
    assert not {e.group for e in heldout} & {e.group for e in train_set}
