"""Stance of an article toward an actor: favourable, critical, neutral or mixed, with its sentences.

Target-directed polarity comes from the entity-role model (:mod:`rashomon.framing.roles`), which
was trained on how news text casts a *given* mention (SemEval-2025 Task 10 ST1): a mention cast as
Protagonist or Innocent (victim) leans favourable, one cast as Antagonist leans critical. Each
mention's polarity is ``P(favourable) - P(critical)``; the article's stance toward the actor
aggregates them:

- ``mixed`` when clearly favourable and clearly critical mentions are both present in similar number;
- ``favourable`` / ``critical`` when the mean polarity passes :data:`LEAN`;
- ``neutral`` otherwise.

The evidence is the sentences of the mentions that weigh most toward the decision.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

__all__ = ["CLEAR", "FAVOURABLE_ROLES", "LEAN", "aggregate_stance", "mention_polarity"]

FAVOURABLE_ROLES = ("Protagonist", "Innocent")
CRITICAL_ROLES = ("Antagonist",)
LEAN = 0.2
CLEAR = 0.4
EVIDENCE = 3


def mention_polarity(probs: dict[str, float]) -> float:
    """``P(favourable) - P(critical)`` from a mention's main-role probabilities, in ``[-1, 1]``."""
    fav = sum(probs.get(r, 0.0) for r in FAVOURABLE_ROLES)
    crit = sum(probs.get(r, 0.0) for r in CRITICAL_ROLES)
    return round(fav - crit, 4)


def _sentence(spans: Sequence[tuple[int, int]], start: int) -> tuple[int, int] | None:
    ends = [b for _, b in spans]
    k = bisect.bisect_right(ends, start)
    return spans[k] if k < len(spans) else None


def aggregate_stance(
    target: str,
    text: str,
    mentions: Sequence[tuple[int, int, float]],
    sentences: Sequence[tuple[int, int]],
) -> dict[str, Any]:
    """The stance toward ``target`` from the polarity of its mentions.

    Args:
        target: the actor's name.
        text: the article.
        mentions: ``(start, end, polarity)`` of each scored mention.
        sentences: the article's sentence spans (for the evidence).

    Returns:
        ``{target, stance, score, mean_polarity, mentions, evidence: [{start, end, text, polarity}]}``;
        ``score`` is how far the mean polarity is from the decision boundary's far side, in ``[0, 1]``.
    """
    pols = [p for _, _, p in mentions]
    if not pols:
        return {
            "target": target,
            "stance": "neutral",
            "score": 0.0,
            "mean_polarity": 0.0,
            "mentions": 0,
            "evidence": [],
        }
    mean = sum(pols) / len(pols)
    pos = sum(p >= CLEAR for p in pols)
    neg = sum(p <= -CLEAR for p in pols)
    if pos and neg and min(pos, neg) / max(pos, neg) >= 0.5:
        stance, score = "mixed", min(pos, neg) / max(pos, neg) * (1 - abs(mean))
        chosen = sorted(mentions, key=lambda m: -abs(m[2]))
    elif mean >= LEAN:
        stance, score = "favourable", mean
        chosen = sorted(mentions, key=lambda m: -m[2])
    elif mean <= -LEAN:
        stance, score = "critical", -mean
        chosen = sorted(mentions, key=lambda m: m[2])
    else:
        stance, score = "neutral", 1 - abs(mean) / LEAN
        chosen = sorted(mentions, key=lambda m: abs(m[2]))
    evidence = []
    seen: set[tuple[int, int]] = set()
    for start, _, pol in chosen:
        sent = _sentence(sentences, start)
        if sent is None or sent in seen:
            continue
        seen.add(sent)
        evidence.append({"start": sent[0], "end": sent[1], "text": text[sent[0] : sent[1]], "polarity": pol})
        if len(evidence) == EVIDENCE:
            break
    return {
        "target": target,
        "stance": stance,
        "score": round(max(0.0, min(1.0, score)), 4),
        "mean_polarity": round(mean, 4),
        "mentions": len(pols),
        "evidence": evidence,
    }
