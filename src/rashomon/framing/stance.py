"""Stance of an article toward an actor: favourable, critical, neutral or mixed, with its sentences.

:func:`combine_stance` (``stance.v2``, what the framing stage uses) weighs five kinds of
:class:`~rashomon.framing.evaluative.Cue` about the actor: evaluative words in the clauses the actor
takes part in, the connotation of the nouns the outlet names it with, legitimising or distancing
framing of its statements and names, the tone of the rest of its sentences, and the entity-role
model's polarity (below). Cues are grouped by sentence; a sentence's polarity is the weighted sum of
its cues (clipped to ``[-1, 1]``); the article's polarity is the sum over sentences shrunk toward 0 by
:data:`PRIOR_SENTENCES` (few cues, weak claim). The decision threshold is :data:`COMBINED_LEAN`
(chosen on training articles); the evidence is the sentences that weigh most toward the decision,
each with its cues.

:func:`aggregate_stance` (``stance.v1``) uses the role model alone.
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
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from rashomon.framing.evaluative import Cue

__all__ = [
    "CLEAR",
    "COMBINED_LEAN",
    "FAVOURABLE_ROLES",
    "LEAN",
    "SIGNAL_WEIGHTS",
    "aggregate_stance",
    "combine_stance",
    "mention_polarity",
]

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


# the role model reads every mention but its polarity is weak on news outside its training topics,
# so it counts half as much as a word that evaluates the actor
SIGNAL_WEIGHTS = {"evaluative": 1.0, "designation": 1.0, "legitimacy": 1.0, "context": 0.5, "role": 0.5}
# the combined polarity is an average over sentences, so its decision threshold is lower than the
# role-only LEAN; both it and the context weight and the prior were chosen on the training articles of
# the stance evaluation (rashomon.framing.stance_eval), never on the held-apart ones
COMBINED_LEAN = 0.05
PRIOR_SENTENCES = 0.5
SIGNALS = tuple(SIGNAL_WEIGHTS)


def _decide(polarity: float, sentence_pols: Sequence[float]) -> tuple[str, float]:
    pos = sum(p >= CLEAR for p in sentence_pols)
    neg = sum(p <= -CLEAR for p in sentence_pols)
    if pos and neg and min(pos, neg) / max(pos, neg) >= 0.5 and abs(polarity) < 2 * COMBINED_LEAN:
        return "mixed", min(pos, neg) / max(pos, neg) * (1 - abs(polarity))
    # confidence: how far past the threshold, saturating at LEAN (the role-only threshold)
    if polarity >= COMBINED_LEAN:
        return "favourable", min(1.0, polarity / LEAN)
    if polarity <= -COMBINED_LEAN:
        return "critical", min(1.0, -polarity / LEAN)
    support = len(sentence_pols) / (len(sentence_pols) + PRIOR_SENTENCES)
    return "neutral", (1 - abs(polarity) / COMBINED_LEAN) * support


def combine_stance(
    target: str,
    text: str,
    cues: Sequence[Cue],
    sentences: Sequence[tuple[int, int]],
    mentions: int = 0,
    weights: dict[str, float] | None = None,
) -> dict[str, Any]:
    """The stance toward ``target`` from all its cues (see the module docstring).

    Args:
        target: the actor's name.
        text: the article.
        cues: the cues about the actor (any signal).
        sentences: the article's sentence spans.
        mentions: how many mentions (names and designations) the actor has in the article.
        weights: weight per signal (default :data:`SIGNAL_WEIGHTS`).

    Returns:
        ``{target, stance, score, mean_polarity, mentions, signals: {signal: {polarity, count}},
        evidence: [{start, end, text, polarity, cues: [{signal, start, end, text, polarity}]}]}``;
        ``mean_polarity`` is the article's polarity toward the actor in ``[-1, 1]`` and ``score`` the
        confidence of the decision in ``[0, 1]``.
    """
    w = SIGNAL_WEIGHTS if weights is None else weights
    by_sentence: dict[tuple[int, int], list[Cue]] = defaultdict(list)
    for cue in cues:
        sent = _sentence(sentences, cue.start)
        if sent is not None and w.get(cue.signal, 0.0) > 0:
            by_sentence[sent].append(cue)
    sent_pol = {
        s: max(-1.0, min(1.0, sum(w.get(c.signal, 0.0) * c.polarity for c in cs)))
        for s, cs in by_sentence.items()
    }
    polarity = sum(sent_pol.values()) / (len(sent_pol) + PRIOR_SENTENCES)
    stance, score = _decide(polarity, list(sent_pol.values()))
    sign = {"favourable": -1.0, "critical": 1.0}.get(stance, 0.0)
    order = sorted(sent_pol, key=lambda s: (sign * sent_pol[s] if sign else -abs(sent_pol[s]), s[0]))
    signals = {}
    for name in SIGNALS:
        vals = [c.polarity for c in cues if c.signal == name]
        signals[name] = {"polarity": round(sum(vals) / len(vals), 4) if vals else 0.0, "count": len(vals)}
    evidence = [
        {
            "start": s[0],
            "end": s[1],
            "text": text[s[0] : s[1]],
            "polarity": round(sent_pol[s], 4),
            "cues": [c.to_json() for c in sorted(by_sentence[s], key=lambda c: c.start)],
        }
        for s in order[:EVIDENCE]
        if stance in ("neutral", "mixed") or sent_pol[s] * sign < 0
    ]
    return {
        "target": target,
        "stance": stance,
        "score": round(max(0.0, min(1.0, score)), 4),
        "mean_polarity": round(polarity, 4),
        "mentions": mentions,
        "signals": signals,
        "evidence": evidence,
    }
