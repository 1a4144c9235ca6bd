"""The ``claims_local``, ``claims`` and ``timeline`` stages.

``claims_local`` (an article stage) scores every sentence of an article for check-worthiness (the
shipped model's probability mixed with news-style factual cues) and keeps, per sentence, its span,
score and MiniLM vector (float16, base64: 1 KB a sentence instead of the 384 floats as JSON).
``claims`` (the corpus stage) groups the check-worthy sentences across articles, counts independent
sources over the reuse graph, and lists contradictions, from those outputs alone. ``timeline`` lists dated events, sorted by date.
Both run after ``entities`` and ``reuse`` when those stages are registered, and without them when not.
"""

from __future__ import annotations

import base64
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
from rashomon.nlp.embeddings import EMBEDDING_DIM, prepare_sentence_vectors
from rashomon.pipeline import StageContext

__all__ = [
    "ClaimsLocalStage",
    "ClaimsStage",
    "TimelineStage",
    "article_sentences",
    "claim_scores",
    "decode_vector",
    "encode_vector",
    "entity_ids_by_sentence",
    "mentions_by_article",
    "reuse_links",
]

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
    return _ids_in_spans(mentions_by_article(results).get(article_id, []), spans)


def mentions_by_article(results: Mapping[str, Any]) -> dict[str, list[tuple[int, str]]]:
    """``{article_id: [(start, entity id), ...]}`` of the ``entities`` stage output (empty without it)."""
    entities = results.get("entities")
    if isinstance(entities, Mapping):
        entities = entities.get("entities")
    out: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for entity in entities or []:
        if not isinstance(entity, Mapping):
            continue
        for m in entity.get("mentions", []):
            out[str(m.get("article"))].append((int(m.get("start", -1)), str(entity.get("id"))))
    return out


def _ids_in_spans(mentions: Sequence[tuple[int, str]], spans: Sequence[tuple[int, int]]) -> list[set[str]]:
    out: list[set[str]] = [set() for _ in spans]
    starts = [a for a, _ in spans]
    for pos, eid in mentions:
        k = int(np.searchsorted(starts, pos, side="right")) - 1
        if 0 <= k < len(spans) and spans[k][0] <= pos < spans[k][1]:
            out[k].add(eid)
    return out


def encode_vector(vector: np.ndarray[Any, Any]) -> str:
    """A unit vector as base64 of its float16 values (cosines change by about 1e-4 at most)."""
    return base64.b64encode(np.asarray(vector, dtype="<f2").tobytes()).decode("ascii")


def decode_vector(text: str) -> np.ndarray[Any, Any]:
    """The float32 vector :func:`encode_vector` wrote."""
    return np.frombuffer(base64.b64decode(text), dtype="<f2").astype(np.float32)


def article_sentences(article: Article, ctx: StageContext) -> list[list[Any]]:
    """Each sentence of ``article`` as ``[start, end, check-worthiness, vector]`` (:func:`encode_vector`)."""
    spans, vecs = sentence_vectors(article, ctx)
    scores = claim_scores([article.text[a:b] for a, b in spans], vecs)
    return [
        [a, b, score, encode_vector(vecs[k])]
        for k, ((a, b), score) in enumerate(zip(spans, scores, strict=True))
    ]


class ClaimsLocalStage:
    """Article stage ``claims_local``: each sentence's span, check-worthiness and vector."""

    name = "claims_local"
    version = "claims_local.v1"
    model_version = MODEL_VERSION
    requires: tuple[str, ...] = ()
    section: str | None = None

    def prepare(self, articles: Sequence[Article], ctx: StageContext) -> None:
        """Embed the sentences of the whole batch in one encoder call (less padding)."""
        prepare_sentence_vectors(articles, ctx)

    def run_article(self, article: Article, ctx: StageContext) -> list[list[Any]]:
        """The article's sentences (:func:`article_sentences`)."""
        return article_sentences(article, ctx)


class ClaimsStage:
    """Check-worthy claims grouped across articles, with independent support and contradictions.

    Reads each article's sentences from the ``claims_local`` stage when it ran, and computes them
    here otherwise.

    Args:
        min_score: lowest combined score (0..1) for a sentence to count as a claim.

    Raises:
        ConfigError: ``min_score`` outside 0..1.
    """

    name = "claims"
    version = "claims.v2"
    model_version = MODEL_VERSION
    requires: tuple[str, ...] = ("claims_local",)
    after: tuple[str, ...] = ("entities", "reuse")
    section: str | None = "claims"

    def __init__(self, min_score: float = 0.5) -> None:
        if not 0.0 <= min_score <= 1.0:
            raise ConfigError(f"claims min_score must be within 0..1, got {min_score}")
        self.min_score = min_score

    def run(self, articles: Sequence[Article], ctx: StageContext) -> list[dict[str, Any]]:
        """Claim groups of the corpus, most supported first."""
        local = ctx.results.get("claims_local")
        mentions = mentions_by_article(ctx.results)
        rows: list[tuple[str, int, int, str]] = []
        encoded: list[str] = []
        scores: list[float] = []
        entity_ids: list[set[str]] = []
        previous: list[str] = []
        for article in articles:
            found = local.get(article.id) if isinstance(local, Mapping) else None
            sentences = found if found is not None else article_sentences(article, ctx)
            spans = [(int(s[0]), int(s[1])) for s in sentences]
            ids = _ids_in_spans(mentions.get(article.id, []), spans)
            for k, (a, b, score, vector) in enumerate(sentences):
                rows.append((article.id, a, b, article.text[a:b]))
                encoded.append(vector)
                scores.append(float(score))
                entity_ids.append(ids[k])
                previous.append(article.text[spans[k - 1][0] : spans[k - 1][1]] if k else "")
        if not rows:
            return []
        matrix = np.zeros((len(encoded), EMBEDDING_DIM), dtype=np.float32)
        for i, vector in enumerate(encoded):
            matrix[i] = decode_vector(vector)
        del encoded
        texts = [r[3] for r in rows]
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
