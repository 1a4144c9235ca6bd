"""Held-apart evaluation of the link decision on generated rewrites (slow; run with --slow).

Positives: the derived articles of ``benchmarks/rewrites.py`` (held-apart split: topics and outlets
not used when the thresholds were chosen on the dev split). Negatives: the most word-overlapping
other pairs of the same corpus (same-topic articles from other outlets), leaving out pairs that are
the same underlying article (AllSides lists some articles twice: those are real copies).
Alignment here is lexical only (no MiniLM), so the figures are a lower bound of the stage's.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path
from typing import Any

import pytest

from rashomon.reuse.align import lexical_similarity
from rashomon.reuse.link import analyse_pair

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.mark.slow
def test_link_f1_on_held_apart_rewrites(shared_dir: Path) -> None:
    sys.path.insert(0, str(BENCH))
    import rewrites
    from rashomon.nlp import spacy_pipeline

    data = rewrites.split_records(rewrites.load_records(), "heldout", rewrites.SEED)
    bench = rewrites.generate(data, 60, rewrites.SEED + 1, spacy_pipeline())
    pairs = [
        (rewrites._article(c.source, f"s{k}"), rewrites._article(c.target, f"d{k}"))
        for k, c in enumerate(bench.cases)
    ]
    others = [rewrites._article(x, f"x{j}") for j, x in enumerate(bench.distractors)]
    origin: dict[str, str] = {d.id: s.text[:60] for s, d in pairs}

    def base(a: Any) -> str:
        return origin.get(a.id, a.text[:60])

    arts = [a for p in pairs for a in p] + others
    gold = {frozenset((s.id, d.id)): s.id for s, d in pairs}
    negatives = [
        (a, b)
        for a, b in itertools.combinations(arts, 2)
        if frozenset((a.id, b.id)) not in gold and base(a) != base(b)
    ]
    negatives.sort(key=lambda p: -lexical_similarity(p[0].text, p[1].text))
    tp = right_direction = 0
    for s, d in pairs:
        link = analyse_pair(d, s)
        if link is not None:
            tp += 1
            right_direction += link.source == s.id
    fp = sum(analyse_pair(a, b) is not None for a, b in negatives[:400])
    precision, recall = tp / max(1, tp + fp), tp / len(pairs)
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    print(
        f"held-apart links: P={precision:.3f} R={recall:.3f} F1={f1:.3f} direction={right_direction / max(1, tp):.3f}"
    )
    assert f1 >= 0.95
