from pathlib import Path

import numpy as np
import pytest

from rashomon.errors import DataMissing
from rashomon.framing.genre import GENRES, TARGET_MIX
from rashomon.framing.train_articles import _mix_weights, _weak_root


def test_mix_weights_give_the_target_class_shares() -> None:
    y = np.asarray([0] * 80 + [1] * 15 + [2] * 5)
    w = _mix_weights(y)
    shares = [w[y == k].sum() / w.sum() for k in range(len(GENRES))]
    assert shares == pytest.approx([TARGET_MIX[g] for g in GENRES])


def test_mix_weights_renormalise_over_present_classes() -> None:
    y = np.asarray([0, 0, 1])  # no satire in this set
    w = _mix_weights(y)
    opinion, reporting = TARGET_MIX["opinion"], TARGET_MIX["reporting"]
    assert w[y == 1].sum() / w.sum() == pytest.approx(reporting / (opinion + reporting))


def test_weak_root_is_found_above_the_semeval_folder(tmp_path: Path) -> None:
    (tmp_path / "shared" / "basil").mkdir(parents=True)
    semeval = tmp_path / "shared" / "semeval2023-task3" / "data" / "en"
    semeval.mkdir(parents=True)
    assert _weak_root(semeval) == (tmp_path / "shared").resolve()
    lonely = tmp_path / "elsewhere" / "semeval2023-task3"
    lonely.mkdir(parents=True)
    with pytest.raises(DataMissing):
        _weak_root(lonely)
