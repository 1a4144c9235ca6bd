"""The ``claims`` and ``timeline`` stages.

``claims`` scores every sentence for check-worthiness (the shipped model's probability mixed with
news-style factual cues), groups the check-worthy ones across articles, counts independent sources
over the reuse graph, and lists contradictions. ``timeline`` lists dated events, sorted by date.
Both run after ``entities`` and ``reuse`` when those stages are registered, and without them when not.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from rashomon.claims.detector import MODEL_VERSION, load_model
from rashomon.claims.features import factual_signal
from rashomon.claims.grouping import build_statements, group_claims
from rashomon.claims.timeline import sort_key, timeline_events
from rashomon.errors import ConfigError
from rashomon.model import Article
from rashomon.nlp import sentence_vectors
from rashomon.pipeline import StageContext

__all__ = ["ClaimsStage", "TimelineStage", "claim_scores", "entity_ids_by_sentence", "reuse_links"]

log = logging.getLogger(__name__)

MODEL_WEIGHT = 0.6  # the rest of a sentence's score comes from factual_signal
MIN_WORDS, MAX_WORDS = 5, 120


def claim_scores(sentences: Sequence[str], vectors: np.ndarray[Any, Any]) -> list[float]:
    """Check-worthiness of news sentences: model probability mixed with factual cues, 0..1."""
    if not sentences:
        return []
    probs = load_model().probabilities(sentences, vectors)
    return [
        MODEL_WEIGHT * float(p) + (1 - MODEL_WEIGHT) * factual_signal(s)
        for p, s in zip(probs, sentences, strict=True)
    ]


def reuse_links(results: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The reuse stage's links when it ran (a list of links, or ``{"links": [...]}``), else []."""
    value = results.get("reuse")
    if isinstance(value, Mapping):
        value = value.get("links")
    return [link for link in value or [] if isinstance(link, Mapping)]


def entity_ids_by_sentence(
    results: Mapping[str, Any], article_id: str, spans: Sequence[tuple[int, int]]
) -> list[set[str]]:
    """For each sentence span of an article, the ids of entities mentioned inside it (empty without entities)."""
    out: list[set[str]] = [set() for _ in spans]
    entities = results.get("entities")
    if isinstance(entities, Mapping):
        entities = entities.get("entities")
    mentions: list[tuple[int, str]] = []
    for entity in entities or []:
        if not isinstance(entity, Mapping):
            continue
        for m in entity.get("mentions", []):
            if m.get("article") == article_id:
                mentions.append((int(m.get("start", -1)), str(entity.get("id"))))
    starts = [a for a, _ in spans]
    for pos, eid in mentions:
        k = int(np.searchsorted(starts, pos, side="right")) - 1
        if 0 <= k < len(spans) and spans[k][0] <= pos < spans[k][1]:
            out[k].add(eid)
    return out


class ClaimsStage:
    """Check-worthy claims grouped across articles, with independent support and contradictions.

    Args:
        min_score: lowest combined score (0..1) for a sentence to count as a claim.

    Raises:
        ConfigError: ``min_score`` outside 0..1.
    """

    name = "claims"
    version = "claims.v1"
    model_version = MODEL_VERSION
    requires: tuple[str, ...] = ()
    after: tuple[str, ...] = ("entities", "reuse")
    section: str | None = "claims"

    def __init__(self, min_score: float = 0.5) -> None:
        if not 0.0 <= min_score <= 1.0:
            raise ConfigError(f"claims min_score must be within 0..1, got {min_score}")
        self.min_score = min_score

    def run(self, articles: Sequence[Article], ctx: StageContext) -> list[dict[str, Any]]:
        """Claim groups of the corpus, most supported first."""
        rows: list[tuple[str, int, int, str]] = []
        vectors: list[np.ndarray[Any, Any]] = []
        entity_ids: list[set[str]] = []
        previous: list[str] = []
        for article in articles:
            spans, vecs = sentence_vectors(article, ctx)
            ids = entity_ids_by_sentence(ctx.results, article.id, spans)
            for k, (a, b) in enumerate(spans):
                rows.append((article.id, a, b, article.text[a:b]))
                vectors.append(vecs[k])
                entity_ids.append(ids[k])
                previous.append(article.text[spans[k - 1][0] : spans[k - 1][1]] if k else "")
        if not rows:
            return []
        matrix = np.stack(vectors)
        texts = [r[3] for r in rows]
        scores = claim_scores(texts, matrix)
        is_claim = [
            s >= self.min_score and MIN_WORDS <= len(t.split()) <= MAX_WORDS
            for s, t in zip(scores, texts, strict=True)
        ]
        statements = build_statements(rows, matrix, entity_ids, previous)
        groups = group_claims(statements, scores, is_claim, reuse_links(ctx.results))
        log.info("claims: %d sentences, %d claims, %d groups", len(rows), sum(is_claim), len(groups))
        return groups


class TimelineStage:
    """Dated events of every article, resolved against publication dates and sorted by date."""

    name = "timeline"
    version = "timeline.v1"
    requires: tuple[str, ...] = ()
    section: str | None = "timeline"

    def run(self, articles: Sequence[Article], ctx: StageContext) -> list[dict[str, Any]]:
        """Events of all articles: resolved ones by date, then unresolved ones."""
        events: list[dict[str, Any]] = []
        per_article: dict[str, int] = defaultdict(int)
        for article in articles:
            found = timeline_events(article.id, article.text, article.published)
            per_article[article.id] = len(found)
            events.extend(found)
        log.info("timeline: %d events in %d articles", len(events), len(per_article))
        return sorted(events, key=sort_key)
