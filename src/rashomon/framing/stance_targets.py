"""The stance of one article toward each target actor, from every cue the article gives about it.

A target is a named actor (story target or the article's main actor) or a group the designations
resolved across outlets ("protester / rioter"). Its mentions are its name mentions plus the
designations resolved to it; the cues are the evaluative words around those mentions, the
designations' connotation, distancing or endorsing framing, and the role model's polarity of the
name mentions it scored (:mod:`rashomon.framing.evaluative`, :func:`rashomon.framing.stance.combine_stance`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from rashomon.framing.designations import ActorMention, Designation
from rashomon.framing.evaluative import (
    Cue,
    context_cues,
    designation_cues,
    designation_polarity,
    evaluative_cues,
    legitimacy_cues,
)
from rashomon.framing.stance import combine_stance, mention_polarity

__all__ = ["article_stances", "head_forms", "target_cues"]

MAX_TARGETS = 8


def target_cues(
    text: str,
    doc: Any,
    spans: Sequence[tuple[int, int]],
    designations: Sequence[Designation],
    role_scored: Sequence[tuple[int, int, dict[str, float]]],
    polarity: Mapping[str, float],
) -> list[Cue]:
    """Every cue about one actor in one article.

    Args:
        text: the article.
        doc: its spaCy ``Doc``.
        spans: the actor's name mentions.
        designations: the designations resolved to the actor in this article.
        role_scored: ``(start, end, main_role_probs)`` of the mentions the role model scored.
        polarity: connotation per designation head lemma.

    Returns:
        The cues, in text order.
    """
    all_spans = list(spans) + [(d.start, d.end) for d in designations]
    cues = evaluative_cues(doc, all_spans) + legitimacy_cues(doc, all_spans)
    cues += context_cues(doc, all_spans, cues)
    cues += designation_cues(text, [(d.start, d.end, d.text, d.lemma) for d in designations], dict(polarity))
    for start, end, probs in role_scored:
        pol = mention_polarity(probs)
        if pol:
            cues.append(Cue("role", start, end, pol, text[start:end]))
    return sorted(cues, key=lambda c: (c.start, c.signal))


def head_forms(designations: Sequence[Designation]) -> dict[str, str]:
    """The head word of each designation as written (lower case), by lemma."""
    return {d.lemma: d.text.split()[-1].strip("\"'“”‘’«»").lower() for d in designations if d.text.split()}


def article_stances(
    text: str,
    doc: Any,
    targets: Sequence[str],
    mentions: Sequence[ActorMention],
    resolved: Sequence[tuple[Designation, str]],
    role_scored: Mapping[str, Sequence[tuple[int, int, dict[str, float]]]],
    sentences: Sequence[tuple[int, int]],
) -> list[dict[str, Any]]:
    """The ``stance`` list of one article: one entry per target it mentions or designates.

    Args:
        text: the article.
        doc: its spaCy ``Doc``.
        targets: candidate targets, most important first (at most :data:`MAX_TARGETS` are kept).
        mentions: the article's named-actor mentions.
        resolved: the article's designations with the actor each was resolved to.
        role_scored: per actor, the role-model probabilities of the mentions it scored.
        sentences: the article's sentence spans.

    Returns:
        ``combine_stance`` outputs, in the order of ``targets``.
    """
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for m in mentions:
        spans[m.actor].append((m.start, m.end))
    named: dict[str, list[Designation]] = defaultdict(list)
    for d, actor in resolved:
        named[actor].append(d)
    present = [t for t in dict.fromkeys(targets) if spans.get(t) or named.get(t)][:MAX_TARGETS]
    ds = [d for t in present for d in named.get(t, [])]
    polarity = designation_polarity([d.lemma for d in ds], head_forms(ds))
    out = []
    for t in present:
        cues = target_cues(text, doc, spans.get(t, []), named.get(t, []), role_scored.get(t, []), polarity)
        n = len(spans.get(t, [])) + len(named.get(t, []))
        out.append(combine_stance(t, text, cues, sentences, mentions=n))
    return out
