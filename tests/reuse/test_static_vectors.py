from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from rashomon.errors import ModelError
from rashomon.reuse.static_vectors import ARTEFACT, static_model


def test_artefact_is_small_and_loads() -> None:
    assert ARTEFACT.stat().st_size < 8_500_000
    model = static_model()
    assert model.vectors.shape[0] >= 30_000 and model.dim >= 64


def test_vectors_are_unit_and_rank_a_paraphrase_above_an_unrelated_sentence() -> None:
    model = static_model()
    a, para, other, empty = model.encode(
        [
            "The mayor opened the new bridge over the river on Monday.",
            "On Monday the new river bridge was opened by the mayor.",
            "Shares of the chip maker fell sharply after its quarterly earnings report.",
            "",
        ]
    )
    assert np.isclose(np.linalg.norm(a), 1.0, atol=1e-4)
    assert not empty.any()
    assert float(a @ para) > float(a @ other) + 0.2


def test_encode_of_nothing_and_batch_independence() -> None:
    model = static_model()
    assert model.encode([]).shape == (0, model.dim)
    one = model.encode(["Flooding forced the evacuation of the town."])
    two = model.encode(["Something else entirely.", "Flooding forced the evacuation of the town."])
    assert np.allclose(one[0], two[1], atol=1e-6)


def test_a_missing_or_foreign_table_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="missing"):
        static_model(tmp_path / "none.npz")
    foreign = tmp_path / "foreign.npz"
    np.savez(foreign, vectors=np.zeros((10, 4), np.float16), vocab_sha256=np.array("0" * 64))
    with pytest.raises(ModelError, match="another MiniLM vocabulary"):
        static_model(foreign)
