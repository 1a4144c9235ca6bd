"""The ``reuse`` corpus stage: candidate pairs → alignment → relation, direction, attribution, mutations.

Output (the ``reuse`` section of analysis.json): a list of :meth:`ReuseLink.to_json` dicts, one per
link, sorted by source and target id. Articles with no link get none.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from rashomon.model import Article
from rashomon.pipeline import JSON, StageContext
from rashomon.reuse.candidates import CandidateConfig, candidate_pairs
from rashomon.reuse.link import LinkThresholds, analyse_pair
from rashomon.reuse.model import ReuseLink

__all__ = ["ReuseStage", "mark_shared_sources"]

log = logging.getLogger(__name__)

# Above this many articles MiniLM (≈150 sentences/s on a laptop CPU) costs more than the rest of the
# stage; candidates and alignment then use lexical evidence only.
EMBEDDING_LIMIT = 2000
# Sentence-level neighbours compare every sentence with every other (in blocks): fine up to here.
SENTENCE_NEIGHBOUR_LIMIT = 20_000
# Share of a link's passages (by derived-side characters) that must also come from a common third
# source before the link is relabelled ``shared_source``.
SHARED_PASSAGE_SHARE = 0.6
# From this many articles tokenising for candidates is worth a second process (process start-up and
# pickling cost about a second; on 37k articles tokenising costs ~20 s CPU).
PARALLEL_SKETCH_LIMIT = 5000


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


def _article_vectors(
    articles: Sequence[Article], ctx: StageContext
) -> tuple[npt.NDArray[np.float32], list[tuple[list[tuple[int, int]], npt.NDArray[np.float32]]]]:
    from rashomon.nlp.embeddings import EMBEDDING_DIM, sentence_vectors

    per_article = [sentence_vectors(a, ctx) for a in articles]
    rows = [v.mean(axis=0) if len(v) else np.zeros(EMBEDDING_DIM, np.float32) for _, v in per_article]
    return np.asarray(rows, dtype=np.float32), per_article


@dataclass
class ReuseStage:
    """Who copied whom: the reuse links of a corpus.

    Attributes:
        thresholds: when a pair is linked (see :class:`LinkThresholds`).
        candidates: candidate generation knobs (see :class:`CandidateConfig`).
        use_embeddings: None (default) uses MiniLM for corpora up to ``EMBEDDING_LIMIT`` articles.
    """

    thresholds: LinkThresholds | None = None
    candidates: CandidateConfig | None = None
    use_embeddings: bool | None = None
    name: str = "reuse"
    version: str = "reuse.v1"
    requires: tuple[str, ...] = ()
    section: str | None = "reuse"

    def run(self, articles: Sequence[Article], ctx: StageContext) -> JSON:
        """The links of ``articles`` as JSON-ready dicts.

        Args:
            articles: the corpus.
            ctx: the stage context (settings, cached sentence vectors, progress).

        Returns:
            A list of ``ReuseLink.to_json()`` dicts.
        """
        th = self.thresholds or replace(
            LinkThresholds(), min_similarity=float(ctx.settings.get("reuse_min_similarity", 0.5))
        )
        embed = len(articles) <= EMBEDDING_LIMIT if self.use_embeddings is None else self.use_embeddings
        vectors, per_article = _article_vectors(articles, ctx) if embed and articles else (None, None)
        sentence_vecs = None
        if per_article and sum(len(v) for _, v in per_article) <= SENTENCE_NEIGHBOUR_LIMIT:
            sentence_vecs = [v for _, v in per_article]
        cfg = self.candidates
        if cfg is None and len(articles) >= PARALLEL_SKETCH_LIMIT:
            cfg = CandidateConfig(workers=2)
        pairs = candidate_pairs([a.text for a in articles], vectors, cfg, sentence_vecs)
        log.info("reuse: %d candidate pairs among %d articles", len(pairs), len(articles))
        links: list[ReuseLink] = []
        for k, pair in enumerate(pairs):
            a, b = articles[pair.a], articles[pair.b]
            vecs = (per_article[pair.a], per_article[pair.b]) if per_article else None
            link = analyse_pair(a, b, vecs, th)
            if link is not None:
                links.append(link)
            if ctx.progress:
                ctx.progress(self.name, k + 1, len(pairs))
        links = mark_shared_sources(links)
        return [lk.to_json() for lk in sorted(links, key=lambda lk: (lk.source, lk.target))]
