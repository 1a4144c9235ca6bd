"""The held-apart articles: whole articles, grouped by topic, never seen in training or tuning.

The English SemEval-2023 articles carry no outlet, so topics stand in for "articles of another kind":
articles are clustered by their mean MiniLM vector (k-means, fixed seed) and whole clusters are
held apart until about a fifth of the articles are out. Everything shipped is trained on the rest;
hyper-parameters and thresholds are chosen by cross-validation inside the rest (grouped by the same
topic clusters), so the held-apart figures are never tuned on.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["HELDOUT_FRACTION", "topic_groups", "topic_split"]

HELDOUT_FRACTION = 0.2
N_TOPICS = 16


def topic_groups(
    article_vectors: npt.NDArray[np.float32], n_topics: int = N_TOPICS, seed: int = 0
) -> list[int]:
    """A topic cluster per article (k-means on unit article vectors).

    Args:
        article_vectors: ``(n, 384)`` mean paragraph vectors.
        n_topics: number of clusters (fewer when there are fewer articles).
        seed: k-means seed.

    Returns:
        The cluster index of each article.
    """
    from sklearn.cluster import KMeans

    k = max(1, min(n_topics, len(article_vectors) // 4))
    km = KMeans(n_clusters=k, n_init=4, random_state=seed)
    return [int(x) for x in km.fit_predict(article_vectors)]


def topic_split(ids: list[str], groups: list[int], seed: int = 0) -> tuple[list[str], list[str]]:
    """Split article IDs into (train, held-apart) by whole topic clusters.

    Args:
        ids: article IDs.
        groups: topic cluster of each article.
        seed: order in which clusters are drawn.

    Returns:
        ``(train_ids, heldout_ids)``; the held-apart part is about :data:`HELDOUT_FRACTION` of the
        articles and never shares a topic cluster with the training part.
    """
    rng = np.random.default_rng(seed)
    clusters = sorted(set(groups))
    rng.shuffle(clusters)
    goal = HELDOUT_FRACTION * len(ids)
    held: set[int] = set()
    count = 0
    for c in clusters:
        size = groups.count(c)
        if count >= goal:
            break
        if count + size > 1.6 * goal and count > 0:
            continue  # a huge cluster would hold out too much; try the next one
        held.add(c)
        count += size
    train = [i for i, g in zip(ids, groups, strict=True) if g not in held]
    heldout = [i for i, g in zip(ids, groups, strict=True) if g in held]
    return train, heldout
