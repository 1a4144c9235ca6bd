"""The ``reuse`` corpus stage: candidate pairs → alignment → relation, direction, attribution, mutations.

It reads each article's compact features from the ``reuse_features`` article stage
(:mod:`rashomon.reuse.features`: MinHash row, word counts, static article vector), which the Dask
engine computes on its workers; an article without features (a direct call of :meth:`ReuseStage.run`)
gets them computed here. Candidate search uses only those features; MiniLM then embeds the sentences
of the articles that are in a candidate pair, for alignment, and nothing else.

Output (the ``reuse`` section of analysis.json): a list of :meth:`ReuseLink.to_json` dicts, one per
link, sorted by source and target id. Articles with no link get none.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from rashomon.model import Article
from rashomon.pipeline import JSON, StageContext
from rashomon.reuse.candidates import CandidateConfig, CandidatePair, candidates_from_sketch, sketch_from_rows
from rashomon.reuse.features import (
    article_features,
    decode_features,
    features_match,
)
from rashomon.reuse.link import LinkThresholds, analyse_pair
from rashomon.reuse.model import ReuseLink

__all__ = [
    "STATIC_CANDIDATES",
    "CorpusFeatures",
    "ReuseStage",
    "collect_features",
    "feature_records",
    "mark_shared_sources",
]

log = logging.getLogger(__name__)

# MiniLM (≈150 sentences/s on a laptop CPU) embeds the articles of candidate pairs for alignment; above
# this many such articles it would cost more than the rest of the stage, and alignment is lexical.
EMBEDDING_LIMIT = 2000
# Sentence-level neighbours compare every sentence with every other (in blocks): fine up to here.
SENTENCE_NEIGHBOUR_LIMIT = 20_000
# Static-vector article neighbours only up to this many articles (2,000 AllSides articles: 112 extra
# pairs); above it candidates are lexical, as before the split. Not yet measured at 37k with the common
# direction removed (the one full run compared raw vectors: 160k pairs, far over the time budget).
VECTOR_NEIGHBOUR_LIMIT = 2000
# Candidate knobs for the static vectors of the features, once the common direction is removed
# (measured on benchmarks/rewrites.py --split dev and benchmarks/reuse_scale.py).
STATIC_CANDIDATES = CandidateConfig(vector_min_cosine=0.8, sentence_min_cosine=0.8, sentence_max_docs=5)
# Sentences shorter than this (in words) are left out of sentence-level neighbours: "It was then.",
# "ANALYSIS/OPINION:" match across unrelated articles.
SENTENCE_MIN_WORDS = 6
# Fewest rows whose own mean direction is removed from static vectors (see _without_common_direction).
OWN_MEAN_MIN = 50
# Share of a link's passages (by derived-side characters) that must also come from a common third
# source before the link is relabelled ``shared_source``.
SHARED_PASSAGE_SHARE = 0.6


def _overlap(span: tuple[int, int], spans: Sequence[tuple[int, int]]) -> int:
    return sum(max(0, min(span[1], b) - max(span[0], a)) for a, b in spans)


def _share_from(link: ReuseLink, side: str, parent_spans: Sequence[tuple[int, int]]) -> float:
    spans = [p.source_span if side == "source" else p.target_span for p in link.passages]
    total = sum(b - a for a, b in spans) or 1
    return sum(_overlap(s, parent_spans) for s in spans) / total


def mark_shared_sources(links: list[ReuseLink]) -> list[ReuseLink]:
    """Relabel X–Y links whose shared passages both X and Y took from a third article Z.

    Args:
        links: the corpus links.

    Returns:
        The links, with such X–Y links turned into ``shared_source`` (no mutations: neither side
        derives from the other).
    """
    from_parent: dict[str, dict[str, list[tuple[int, int]]]] = {}
    for lk in links:
        if lk.relation != "shared_source":
            from_parent.setdefault(lk.target, {})[lk.source] = [p.target_span for p in lk.passages]
    out: list[ReuseLink] = []
    for lk in links:
        parents = set(from_parent.get(lk.source, {})) & set(from_parent.get(lk.target, {}))
        parents.discard(lk.source)
        parents.discard(lk.target)
        for z in sorted(parents):
            share_s = _share_from(lk, "source", from_parent[lk.source][z])
            share_t = _share_from(lk, "target", from_parent[lk.target][z])
            if min(share_s, share_t) >= SHARED_PASSAGE_SHARE:
                note = (
                    f"both texts take {min(share_s, share_t):.0%} of their shared passages from article {z}"
                )
                lk = replace(
                    lk,
                    relation="shared_source",
                    attributed=False,
                    mutations=(),
                    direction_evidence=(*lk.direction_evidence, note),
                )
                break
        out.append(lk)
    return out


@dataclass
class CorpusFeatures:
    """What the corpus stage keeps of the articles' features: compact arrays, one row per article.

    Attributes:
        signatures: MinHash rows.
        terms: hashed word columns and counts.
        vectors: static article vectors ``(n, dim)``, or None when not kept.
        sentence_spans: sentence spans per article, kept (for sentence-level neighbours) only while
            the corpus has at most ``SENTENCE_NEIGHBOUR_LIMIT`` sentences; None otherwise.
    """

    signatures: list[npt.NDArray[np.uint64]]
    terms: list[tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]]
    vectors: npt.NDArray[np.float32] | None
    sentence_spans: list[list[tuple[int, int]]] | None

    def candidates(self, cfg: CandidateConfig, texts: Sequence[str] | None = None) -> list[CandidatePair]:
        """Candidate pairs (indices in row order) from these features.

        Args:
            cfg: candidate knobs.
            texts: the articles' texts, for sentence-level neighbours in a small corpus (their static
                sentence vectors are computed here: about a second per 14,000 sentences).

        Returns:
            The pairs, sorted.
        """
        sketch = sketch_from_rows(self.signatures, self.terms)
        vectors = _without_common_direction(self.vectors) if self.vectors is not None else None
        sentences = None
        if texts is not None and self.sentence_spans is not None and any(self.sentence_spans):
            from rashomon.reuse.static_vectors import static_model

            model = static_model()
            per_article = [
                model.encode([t[a:b] for a, b in spans if len(t[a:b].split()) >= SENTENCE_MIN_WORDS])
                for t, spans in zip(texts, self.sentence_spans, strict=True)
            ]
            flat = _without_common_direction(np.vstack(per_article))
            sentences = np.split(flat, np.cumsum([len(v) for v in per_article])[:-1])
        return candidates_from_sketch(sketch, vectors, cfg, sentences)


def _without_common_direction(vectors: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """Static vectors without the direction all texts share (else every pair looks alike).

    The corpus's own mean direction when it has ``OWN_MEAN_MIN`` rows or more; below that the mean
    would be made of the very pairs being compared (two articles would become opposites), so the
    model's reference direction is used.
    """
    from rashomon.reuse.static_vectors import remove_direction, static_model

    if not len(vectors):
        return vectors
    direction = vectors.mean(axis=0) if len(vectors) >= OWN_MEAN_MIN else static_model().common_direction
    return remove_direction(vectors, direction)


def feature_records(
    articles: Sequence[Article], ctx: StageContext, cfg: CandidateConfig
) -> Iterator[Mapping[str, Any]]:
    """Each article's features record, from ``ctx.results`` or computed here when missing or stale.

    Args:
        articles: the corpus.
        ctx: the stage context (``reuse_features`` results, when that stage ran).
        cfg: candidate knobs (records made with other shingle/signature settings are recomputed).

    Yields:
        One record per article, in order.
    """
    stored: Any = ctx.results.get("reuse_features") or {}
    for article in articles:
        value = stored.get(article.id) if isinstance(stored, Mapping) else None
        yield value if features_match(value, cfg) else article_features(article, cfg)


def collect_features(records: Iterable[Mapping[str, Any]], *, vectors: bool = True) -> CorpusFeatures:
    """Stream feature records into compact arrays, decoding one record at a time.

    Args:
        records: :func:`rashomon.reuse.features.article_features` records, one per article.
        vectors: keep static vectors (for vector and sentence neighbours).

    Returns:
        The :class:`CorpusFeatures`.
    """
    signatures: list[npt.NDArray[np.uint64]] = []
    terms: list[tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]] = []
    rows: list[npt.NDArray[np.float32]] = []
    sentences: list[list[tuple[int, int]]] | None = [] if vectors else None
    n_sentences = 0
    for record in records:
        feat = decode_features(record)
        signatures.append(feat.signature)
        terms.append((feat.columns, feat.counts))
        n_sentences += len(feat.sentences)
        if vectors:
            rows.append(feat.vector)
        if sentences is not None:
            sentences.append(feat.sentences)
            if n_sentences > SENTENCE_NEIGHBOUR_LIMIT:  # quadratic: small corpora only, dropped at once
                sentences = None
    stacked = np.vstack(rows).astype(np.float32) if rows else None
    return CorpusFeatures(signatures, terms, stacked, sentences)


@dataclass
class ReuseStage:
    """Who copied whom: the reuse links of a corpus.

    Attributes:
        thresholds: when a pair is linked (see :class:`LinkThresholds`).
        candidates: candidate generation knobs (see :class:`CandidateConfig`); default
            :data:`STATIC_CANDIDATES`.
        use_embeddings: align with MiniLM sentence vectors; None (default) does so when the articles
            of candidate pairs are at most ``EMBEDDING_LIMIT``.
        use_static_vectors: find candidates with static-vector neighbours too (not only MinHash and
            rare-term TF-IDF).
    """

    thresholds: LinkThresholds | None = None
    candidates: CandidateConfig | None = None
    use_embeddings: bool | None = None
    use_static_vectors: bool = True
    name: str = "reuse"
    version: str = "reuse.v2"
    requires: tuple[str, ...] = ("reuse_features",)
    section: str | None = "reuse"

    def candidate_pairs(self, articles: Sequence[Article], ctx: StageContext) -> list[CandidatePair]:
        """Candidate pairs of ``articles`` from their features.

        Args:
            articles: the corpus.
            ctx: the stage context.

        Returns:
            Pairs of indices into ``articles``, sorted.
        """
        cfg = self.candidates or STATIC_CANDIDATES
        records = feature_records(articles, ctx, cfg)
        vectors = self.use_static_vectors and len(articles) <= VECTOR_NEIGHBOUR_LIMIT
        feats = collect_features(records, vectors=vectors)
        return feats.candidates(cfg, [a.text for a in articles])

    def run(self, articles: Sequence[Article], ctx: StageContext) -> JSON:
        """The links of ``articles`` as JSON-ready dicts.

        Args:
            articles: the corpus.
            ctx: the stage context (settings, features, cached sentence vectors, progress).

        Returns:
            A list of ``ReuseLink.to_json()`` dicts.
        """
        th = self.thresholds or replace(
            LinkThresholds(), min_similarity=float(ctx.settings.get("reuse_min_similarity", 0.5))
        )
        pairs = self.candidate_pairs(articles, ctx) if len(articles) > 1 else []
        involved = {i for p in pairs for i in (p.a, p.b)}
        embed = len(involved) <= EMBEDDING_LIMIT if self.use_embeddings is None else self.use_embeddings
        log.info(
            "reuse: %d candidate pairs among %d articles (%d in pairs, MiniLM alignment: %s)",
            len(pairs),
            len(articles),
            len(involved),
            embed,
        )
        links: list[ReuseLink] = []
        for k, pair in enumerate(pairs):
            a, b = articles[pair.a], articles[pair.b]
            link = analyse_pair(a, b, _minilm(a, b, ctx) if embed else None, th)
            if link is not None:
                links.append(link)
            if ctx.progress:
                ctx.progress(self.name, k + 1, len(pairs))
        links = mark_shared_sources(links)
        return [lk.to_json() for lk in sorted(links, key=lambda lk: (lk.source, lk.target))]


def _minilm(
    a: Article, b: Article, ctx: StageContext
) -> tuple[
    tuple[list[tuple[int, int]], npt.NDArray[np.float32]],
    tuple[list[tuple[int, int]], npt.NDArray[np.float32]],
]:
    """MiniLM sentence vectors of a candidate pair, computed once per article (cached in ``ctx``)."""
    from rashomon.nlp.embeddings import sentence_vectors

    return sentence_vectors(a, ctx), sentence_vectors(b, ctx)
