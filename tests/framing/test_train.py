import numpy as np
import scipy.sparse as sp

from rashomon.framing.train import fit_logistic, grouped_folds, out_of_fold


def test_grouped_folds_never_split_a_group() -> None:
    groups = [i // 3 for i in range(30)]
    folds = grouped_folds(groups, 4)
    assert sorted(np.concatenate(folds).tolist()) == list(range(30))
    for val in folds:
        inside = {groups[i] for i in val}
        outside = {groups[i] for i in range(30) if i not in set(val.tolist())}
        assert not inside & outside


def test_fit_logistic_learns_a_separable_label_and_handles_constant_ones() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(80, 3)).astype(np.float32)
    y = np.stack([x[:, 0] > 0, np.zeros(80, bool)], axis=1)
    coef, intercept = fit_logistic(sp.csr_matrix(x), y, 1.0)
    pred = (x @ coef + intercept) > 0
    assert (pred[:, 0] == y[:, 0]).mean() > 0.9
    assert not pred[:, 1].any()
    oof = out_of_fold(
        sp.csr_matrix(x), y, grouped_folds(list(range(80)), 4), lambda a, b: fit_logistic(a, b, 1.0)
    )
    assert ((oof[:, 0] > 0) == y[:, 0]).mean() > 0.85


def test_fit_logistic_honours_row_weights() -> None:
    x = np.asarray([[1.0], [1.0], [1.0], [-1.0]], dtype=np.float32)
    y = np.asarray([[True], [False], [False], [False]])
    low, _ = fit_logistic(sp.csr_matrix(x), y, 10.0, sample_weight=np.asarray([1.0, 1.0, 1.0, 1.0]))
    high, _ = fit_logistic(sp.csr_matrix(x), y, 10.0, sample_weight=np.asarray([10.0, 1.0, 1.0, 1.0]))
    assert high[0, 0] > low[0, 0]
