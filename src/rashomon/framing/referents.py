"""Which group labels of different outlets name the same participants: coreference by context.

"Protesters" in one outlet and "rioters" or "terrorists" in another mean different things but can
name the same crowd; "police" and "protesters" in the same reports name two groups. The decision
rests on what the sentences say *around* the noun, never on the noun's own meaning:

- **masked context**: the MiniLM vector of each sentence the label occurs in, with the direction of
  the label's own word projected out (a cheap stand-in for re-encoding the sentence with the noun
  masked: no extra MiniLM pass per mention, one short pass per distinct noun);
- **the same part in the same event**: the predicates the label is an argument of, with its role
  (``storm:agent``, ``disperse:patient``);
- **the same company**: the named actors in its sentences;
- **aligned passages**: when the reuse stage aligned a sentence of one outlet with a sentence of
  another, two labels in the same role of those two sentences are rewordings of each other;
- **kept apart**: two different labels in one sentence ("police dispersed the protesters") name
  different groups, wherever they occur (a cannot-link constraint of the clustering).

Clustering is average linkage on ``1 - similarity`` with the cannot-links honoured.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["MERGE_DISTANCE", "GroupItem", "cannot_links", "cluster_referents", "similarity"]

Floats = npt.NDArray[np.float32]
MERGE_DISTANCE = 0.5
W_CONTEXT, W_FRAMES, W_COMPANY = 0.5, 0.3, 0.2
ALIGNED_BONUS = 0.35
SAME_WORD_BONUS = 0.25
MASK_STRENGTH = 1.0


@dataclass
class GroupItem:
    """All occurrences of one group label (head lemma) in one article.

    Attributes:
        article: the article id.
        lemma: the head lemma.
        context: unit masked-context vector (mean over occurrences).
        frames: counts of ``predicate:role`` over occurrences.
        company: named actors in its sentences.
        sentences: ``(article, sentence index)`` of each occurrence, with its role.
    """

    article: str
    lemma: str
    context: Floats
    frames: Counter[str] = field(default_factory=Counter)
    company: set[str] = field(default_factory=set)
    sentences: set[tuple[str, int, str]] = field(default_factory=set)


def masked(sentence: Floats, word: Floats, strength: float = MASK_STRENGTH) -> Floats:
    """``sentence`` with its component along ``word`` removed, unit length."""
    v = sentence - strength * float(sentence @ word) * word
    return np.asarray(v / max(float(np.linalg.norm(v)), 1e-12), dtype=np.float32)


def _cos_counts(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(a[k] * b[k] for k in a.keys() & b.keys())
    na = sum(v * v for v in a.values()) ** 0.5
    nb = sum(v * v for v in b.values()) ** 0.5
    return float(dot / (na * nb))


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def similarity(items: Sequence[GroupItem], aligned: set[tuple[int, int]] | None = None) -> Floats:
    """Pairwise similarity of group items in ``[0, 1]`` (see the module docstring).

    Args:
        items: the group items.
        aligned: index pairs ``(i, j)`` found in the same role of aligned passages.

    Returns:
        A symmetric ``(n, n)`` matrix with ones on the diagonal.
    """
    n = len(items)
    ctx = np.stack([it.context for it in items]) if n else np.zeros((0, 384), np.float32)
    sim = W_CONTEXT * np.clip(ctx @ ctx.T, 0.0, 1.0)
    for i in range(n):
        for j in range(i + 1, n):
            s = W_FRAMES * _cos_counts(items[i].frames, items[j].frames)
            s += W_COMPANY * _jaccard(items[i].company, items[j].company)
            if items[i].lemma == items[j].lemma:
                s += SAME_WORD_BONUS
            if aligned and ((i, j) in aligned or (j, i) in aligned):
                s += ALIGNED_BONUS
            sim[i, j] += s
            sim[j, i] += s
    sim = np.clip(sim, 0.0, 1.0)
    np.fill_diagonal(sim, 1.0)
    return np.asarray(sim, dtype=np.float32)


def cannot_links(items: Sequence[GroupItem]) -> set[frozenset[str]]:
    """Lemma pairs that occur in one sentence somewhere: they name different groups."""
    by_sentence: dict[tuple[str, int], set[str]] = defaultdict(set)
    for it in items:
        for art, idx, _ in it.sentences:
            by_sentence[(art, idx)].add(it.lemma)
    out: set[frozenset[str]] = set()
    for lemmas in by_sentence.values():
        for a in lemmas:
            for b in lemmas:
                if a != b:
                    out.add(frozenset((a, b)))
    return out


def cluster_referents(
    items: Sequence[GroupItem],
    aligned: set[tuple[int, int]] | None = None,
    threshold: float = MERGE_DISTANCE,
) -> list[int]:
    """Cluster group items by referent: average linkage on ``1 - similarity`` with cannot-links.

    Args:
        items: the group items.
        aligned: index pairs found in the same role of aligned passages (reuse stage).
        threshold: the largest average distance inside a cluster.

    Returns:
        A cluster index per item (0-based, in order of first appearance).
    """
    n = len(items)
    if n <= 1:
        return [0] * n
    dist = 1.0 - similarity(items, aligned).astype(np.float64)
    forbid = cannot_links(items)
    blocked = np.asarray(
        [[frozenset((a.lemma, b.lemma)) in forbid for b in items] for a in items], dtype=bool
    )
    size = np.ones(n)
    alive = np.ones(n, dtype=bool)
    member = list(range(n))
    np.fill_diagonal(dist, np.inf)
    while True:
        masked_dist = np.where(blocked | ~alive[None, :] | ~alive[:, None], np.inf, dist)
        k = int(np.argmin(masked_dist))
        a, b = divmod(k, n)
        if not masked_dist[a, b] <= threshold:
            break
        # average linkage (Lance-Williams), cannot-links inherited by the merged cluster
        dist[a, :] = (size[a] * dist[a, :] + size[b] * dist[b, :]) / (size[a] + size[b])
        dist[:, a] = dist[a, :]
        dist[a, a] = np.inf
        blocked[a, :] |= blocked[b, :]
        blocked[:, a] = blocked[a, :]
        size[a] += size[b]
        alive[b] = False
        member = [a if m == b else m for m in member]
    order = {c: i for i, c in enumerate(dict.fromkeys(member))}
    return [order[m] for m in member]


def sentence_index(spans: Sequence[tuple[int, int]], offset: int) -> int:
    """Index of the sentence holding ``offset`` (the next one when it falls between sentences)."""
    ends = [b for _, b in spans]
    return min(bisect.bisect_right(ends, offset), max(len(spans) - 1, 0))


def aligned_pairs(
    items: Sequence[GroupItem],
    reuse: Any,
    sentences: Mapping[str, Sequence[tuple[int, int]]],
) -> set[tuple[int, int]]:
    """Pairs of items in the same role of passages the reuse stage aligned across two articles.

    Args:
        items: the group items.
        reuse: the reuse stage's output (a list of links with ``passages``), or None.
        sentences: sentence spans per article.

    Returns:
        Index pairs ``(i, j)`` of items of different articles.
    """
    if not isinstance(reuse, list):
        return set()
    where: dict[tuple[str, int], list[tuple[int, str]]] = defaultdict(list)
    for k, it in enumerate(items):
        for art, idx, role in it.sentences:
            where[(art, idx)].append((k, role))
    out: set[tuple[int, int]] = set()
    for link in reuse:
        if not isinstance(link, Mapping):
            continue
        src, tgt = str(link.get("source")), str(link.get("target"))
        if src not in sentences or tgt not in sentences:
            continue
        for p in link.get("passages") or []:
            try:
                s0, s1 = (int(x) for x in p["source_span"])
                t0, t1 = (int(x) for x in p["target_span"])
            except (KeyError, TypeError, ValueError):
                continue
            left = _items_in(where, src, sentences[src], s0, s1)
            right = _items_in(where, tgt, sentences[tgt], t0, t1)
            out |= {(i, j) for i, r in left for j, q in right if r == q and r != "other" and i != j}
    return out


def _items_in(
    where: Mapping[tuple[str, int], list[tuple[int, str]]],
    article: str,
    spans: Sequence[tuple[int, int]],
    start: int,
    end: int,
) -> list[tuple[int, str]]:
    if not spans:
        return []
    first, last = sentence_index(spans, start), sentence_index(spans, max(start, end - 1))
    return [x for idx in range(first, last + 1) for x in where.get((article, idx), [])]
