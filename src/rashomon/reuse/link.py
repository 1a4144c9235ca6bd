"""Full analysis of one candidate pair: alignment, relation, direction, attribution and mutations.

Two independent articles on the same event share names, numbers and topic, and a few of their
sentences align loosely (or verbatim, when both quote the same statement). A reuse link therefore
needs more: several *strong* passages (similarity at or above ``strong_similarity``) in the same
order on both sides, covering a real share of at least one side. The thresholds are
:class:`LinkThresholds`; their defaults were measured on generated rewrites and same-topic
distractors (tests/reuse/test_link_eval.py), not on any particular story.

Relations:
- ``copy``: strong passages are near-verbatim (mean similarity ≥ ``copy_similarity``) and cover most
  of the derived text.
- ``shared_source``: neither side dominates: no direction evidence, and both sides add a large share
  of material of their own around the shared core (both derive from a third text). The corpus stage
  also relabels a link whose shared passages both come from a third article it knows.
- ``rewrite``: everything else that passes the link test (paraphrase, translation, abridgement).
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from rashomon.model import Article
from rashomon.nlp.sentences import split_sentences
from rashomon.pipeline import StageContext
from rashomon.reuse.align import Alignment, align_texts
from rashomon.reuse.direction import DirectionVote, date_vote, find_credit, garble_vote, information_vote
from rashomon.reuse.model import AlignedPassage, Mutation, ReuseLink

__all__ = ["LinkThresholds", "PairEvidence", "analyse_pair", "classify", "link_pair", "swap_alignment"]

log = logging.getLogger(__name__)

Vectors = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class LinkThresholds:
    """When an alignment is a reuse link, and of which kind.

    Attributes:
        min_similarity: lowest similarity of an aligned sentence pair.
        strong_similarity: a passage at or above this is strong evidence of reuse.
        min_strong_passages: fewest strong passages in a link.
        min_strong_coverage: strong passages must cover at least this share of one side.
        copy_similarity: mean strong-passage similarity of a near-verbatim copy.
        copy_coverage: share of the derived text a copy's strong passages cover.
        shared_additions: in a ``shared_source`` pair both sides keep at least this share unaligned.
        crossing_similarity: once a pair is linked, a leftover sentence whose best match anywhere on
            the other side reaches this is a moved restatement, not an addition or omission (None: off).
    """

    min_similarity: float = 0.5
    strong_similarity: float = 0.75
    min_strong_passages: int = 4
    min_strong_coverage: float = 0.2
    copy_similarity: float = 0.92
    copy_coverage: float = 0.6
    shared_additions: float = 0.4
    crossing_similarity: float | None = 0.6


@dataclass(frozen=True, slots=True)
class PairEvidence:
    """Numbers that decide the relation of an aligned pair (kept for evaluation and the report)."""

    strong_passages: int
    strong_coverage_source: float
    strong_coverage_target: float
    strong_mean_similarity: float


def _strong_share(passages: list[AlignedPassage], spans: list[tuple[int, int]], side: str) -> float:
    total = sum(b - a for a, b in spans) or 1
    chars = 0
    for p in passages:
        a, b = p.source_span if side == "source" else p.target_span
        chars += b - a
    return min(1.0, chars / total)


def evidence_of(
    alignment: Alignment,
    source_sents: list[tuple[int, int]],
    target_sents: list[tuple[int, int]],
    strong: float,
) -> PairEvidence:
    """Strong-passage statistics of an alignment.

    Args:
        alignment: the pair's alignment.
        source_sents: source sentence spans (for the coverage denominators).
        target_sents: target sentence spans.
        strong: the strong-passage similarity threshold.

    Returns:
        The :class:`PairEvidence`.
    """
    strong_passages = [p for p in alignment.passages if p.similarity >= strong]
    mean = float(np.mean([p.similarity for p in strong_passages])) if strong_passages else 0.0
    return PairEvidence(
        strong_passages=len(strong_passages),
        strong_coverage_source=_strong_share(strong_passages, source_sents, "source"),
        strong_coverage_target=_strong_share(strong_passages, target_sents, "target"),
        strong_mean_similarity=mean,
    )


def classify(ev: PairEvidence, alignment: Alignment, th: LinkThresholds) -> str | None:
    """``"copy"``, ``"reuse"`` (a rewrite or shared source, decided with direction) or None.

    Args:
        ev: the pair's strong-passage statistics.
        alignment: the pair's alignment.
        th: thresholds.

    Returns:
        The relation class before direction, or None for no link.
    """
    if ev.strong_passages < th.min_strong_passages:
        return None
    if max(ev.strong_coverage_source, ev.strong_coverage_target) < th.min_strong_coverage:
        return None
    derived_cover = max(ev.strong_coverage_source, ev.strong_coverage_target)
    if ev.strong_mean_similarity >= th.copy_similarity and derived_cover >= th.copy_coverage:
        return "copy"
    return "reuse"


def swap_alignment(alignment: Alignment) -> Alignment:
    """The same alignment read from the other side (source and target exchanged).

    Args:
        alignment: an alignment of ``(a, b)``.

    Returns:
        The alignment of ``(b, a)``.
    """
    passages = tuple(
        AlignedPassage(p.target_span, p.source_span, p.similarity, p.target_sentences, p.source_sentences)
        for p in alignment.passages
    )
    return Alignment(
        passages, alignment.additions, alignment.omissions, alignment.source_coverage, alignment.coverage
    )


def _coverage_vote(a: Article, b: Article, alignment: Alignment) -> DirectionVote | None:
    """An abridgement explains most of itself by the source but uses only part of the source."""
    diff = alignment.coverage - alignment.source_coverage
    if abs(diff) < 0.25:
        return None
    if diff > 0:
        return DirectionVote(0.75, f"{b.label} is mostly made of {a.label}'s text but uses only part of it")
    return DirectionVote(-0.75, f"{a.label} is mostly made of {b.label}'s text but uses only part of it")


def _credit_votes(a: Article, b: Article) -> tuple[list[DirectionVote], dict[str, tuple[float, str]]]:
    votes: list[DirectionVote] = []
    found: dict[str, tuple[float, str]] = {}
    credited_a, strength_a, why_a = find_credit(a, b)  # b credits a → a is the source
    credited_b, strength_b, why_b = find_credit(b, a)
    if credited_a:
        votes.append(DirectionVote(2.0 * strength_a, why_a))
        found[b.id] = (strength_a, why_a)
    if credited_b:
        votes.append(DirectionVote(-2.0 * strength_b, why_b))
        found[a.id] = (strength_b, why_b)
    return votes, found


@functools.lru_cache(maxsize=4096)
def _sentences_cached(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(split_sentences(text))


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans, cached: an article is split once however many candidate pairs it is in."""
    return list(_sentences_cached(text))


def _mutations(source: Article, target: Article, alignment: Alignment) -> tuple[Mutation, ...]:
    try:
        from rashomon.reuse.mutations import detect_mutations
    except ImportError:  # the mutations module is optional while it is being built
        return ()
    return tuple(detect_mutations(source.text, target.text, alignment))


def analyse_pair(
    a: Article,
    b: Article,
    vectors: tuple[tuple[list[tuple[int, int]], Vectors], tuple[list[tuple[int, int]], Vectors]]
    | None = None,
    thresholds: LinkThresholds | None = None,
    *,
    mutations: bool = True,
) -> ReuseLink | None:
    """Align two articles and, if one reuses the other, the link from source to derived.

    Args:
        a: one article.
        b: the other article.
        vectors: ``((a_sentences, a_vectors), (b_sentences, b_vectors))`` from
            :func:`rashomon.nlp.sentence_vectors`; lexical similarity only when None.
        thresholds: link thresholds; defaults when None.
        mutations: detect the link's mutations (False leaves ``mutations`` empty: graph only).

    Returns:
        The :class:`ReuseLink` (its ``source`` is the article judged to be the source), or None
        when the two are not linked.
    """
    th = thresholds or LinkThresholds()
    if vectors is not None:
        (sa, va), (sb, vb) = vectors
    else:
        sa, va, sb, vb = _sentences(a.text), None, _sentences(b.text), None

    def align(crossing_similarity: float | None = None) -> Alignment:
        return align_texts(
            a.text,
            b.text,
            source_sents=sa,
            target_sents=sb,
            source_vecs=va,
            target_vecs=vb,
            min_similarity=th.min_similarity,
            crossing_similarity=crossing_similarity,
        )

    alignment = align()
    ev = evidence_of(alignment, sa, sb, th.strong_similarity)
    kind = classify(ev, alignment, th)
    if kind is None:
        return None
    votes, credited = _credit_votes(a, b)
    votes += [
        v
        for v in (
            date_vote(a, b),
            information_vote(a, b, alignment),
            _coverage_vote(a, b, alignment),
            garble_vote(a, b, alignment, a.language if a.language != "und" else "en"),
        )
        if v
    ]
    score = sum(v.weight for v in votes)
    evidence = [v.evidence for v in votes if (v.weight > 0) == (score > 0)] or [v.evidence for v in votes]
    relation = "copy" if kind == "copy" else "rewrite"
    neither_dominates = min(1 - alignment.coverage, 1 - alignment.source_coverage) >= th.shared_additions
    if kind == "reuse" and abs(score) < 0.5 and neither_dominates:
        relation = "shared_source"
        evidence.append("no side dominates: both add much of their own around the shared passages")
    source, target = (a, b) if score >= 0 else (b, a)
    if th.crossing_similarity is not None:  # linked: moved sentences are restatements too
        alignment = align(th.crossing_similarity)
    aligned = alignment if source is a else swap_alignment(alignment)
    attributed, _why = credited.get(target.id, (0.0, ""))
    confidence = float(min(1.0, 0.5 + 0.1 * ev.strong_passages) * (0.6 + 0.4 * min(1.0, abs(score) / 3)))
    return ReuseLink(
        source=source.id,
        target=target.id,
        relation=relation,
        attributed=bool(attributed) and relation != "shared_source",
        coverage=aligned.coverage,
        passages=aligned.passages,
        mutations=_mutations(source, target, aligned) if mutations and relation != "shared_source" else (),
        direction_evidence=tuple(evidence) or ("no direction evidence: order as given",),
        confidence=confidence,
        omissions=aligned.omissions,
        additions=aligned.additions,
    )


def link_pair(source: Article, target: Article, ctx: StageContext | None = None) -> ReuseLink | None:
    """Full pair analysis including direction; None when the two are not linked.

    Args:
        source: one article (the order is a guess; the result's ``source`` is the judged one).
        target: the other article.
        ctx: the stage context; sentence embeddings are cached in it. A fresh context is used when
            None (embeddings are still computed).

    Returns:
        The :class:`ReuseLink`, or None.
    """
    from rashomon.nlp.embeddings import sentence_vectors

    ctx = ctx or StageContext()
    th = replace(LinkThresholds(), min_similarity=float(ctx.settings.get("reuse_min_similarity", 0.5)))
    vectors = (sentence_vectors(source, ctx), sentence_vectors(target, ctx))
    return analyse_pair(source, target, vectors, th)
