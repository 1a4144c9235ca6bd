import numpy as np

from rashomon.framing.split import topic_groups, topic_split


def test_topic_split_holds_apart_whole_groups() -> None:
    ids = [str(i) for i in range(100)]
    groups = [i % 10 for i in range(100)]
    train, held = topic_split(ids, groups, seed=3)
    assert set(train).isdisjoint(held) and len(train) + len(held) == 100
    held_groups = {groups[int(i)] for i in held}
    assert not held_groups & {groups[int(i)] for i in train}
    assert 15 <= len(held) <= 35
    assert topic_split(ids, groups, seed=3) == (train, held)


def test_topic_groups_cluster_separated_points() -> None:
    rng = np.random.default_rng(0)
    a = rng.normal(0, 0.01, (20, 4)) + np.array([1, 0, 0, 0])
    b = rng.normal(0, 0.01, (20, 4)) + np.array([0, 1, 0, 0])
    groups = topic_groups(np.vstack([a, b]).astype(np.float32), n_topics=2)
    assert len(set(groups[:20])) == 1 and len(set(groups[20:])) == 1 and groups[0] != groups[20]
