"""The ``entities`` stages: each article's actors (``entities_local``), merged across the corpus (``entities``).

``entities_local`` is an article stage: spaCy NER (no dependency parse) and the within-article
grouping of :mod:`rashomon.entities.local`, returned as compact JSON (:func:`actors_to_json`). The
corpus stage ``entities`` only merges those actors (:func:`rashomon.entities.merge.merge_actors`), so
it never parses an article again and the parses need not stay in memory.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rashomon.entities.local import LocalActor, LocalMention, build_local_actors
from rashomon.entities.mentions import extract_mentions
from rashomon.entities.merge import merge_actors
from rashomon.model import Article
from rashomon.nlp.spacy_model import prepare_ner_docs, spacy_ner_doc
from rashomon.pipeline import StageContext

__all__ = [
    "EntitiesLocalStage",
    "EntitiesStage",
    "actors_from_json",
    "actors_to_json",
    "article_actors",
    "find_entities",
]

log = logging.getLogger(__name__)


def article_actors(article: Article, ctx: StageContext) -> list[LocalActor]:
    """The actors of one article (cached in the run context: quotes reuse them)."""

    def make() -> list[LocalActor]:
        doc = spacy_ner_doc(article, ctx)
        return build_local_actors(article.id, article.text, extract_mentions(article.text, doc))

    actors: list[LocalActor] = ctx.resource(f"actors:{article.id}", make)
    return actors


def actors_to_json(actors: Iterable[LocalActor]) -> list[dict[str, Any]]:
    """Local actors as JSON: type, names (in order), mentions ``[start, end, text, kind]``, descriptors."""
    return [
        {
            "type": a.etype,
            "names": list(a.names),
            "mentions": [[m.start, m.end, m.text, m.kind] for m in a.mentions],
            "descriptors": sorted(a.descriptors),
            "votes": dict(a.type_votes),
        }
        for a in actors
    ]


def actors_from_json(article_id: str, rows: Iterable[Mapping[str, Any]]) -> list[LocalActor]:
    """The inverse of :func:`actors_to_json` for the article ``article_id``."""
    return [
        LocalActor(
            article_id,
            str(r["type"]),
            [str(n) for n in r["names"]],
            [LocalMention(int(m[0]), int(m[1]), str(m[2]), str(m[3])) for m in r["mentions"]],
            {str(d) for d in r["descriptors"]},
            Counter({str(k): int(v) for k, v in r["votes"].items()}),
        )
        for r in rows
    ]


def _merge(actors: list[LocalActor], n_articles: int) -> list[dict[str, Any]]:
    entities = merge_actors(actors)
    log.info("%d entities from %d local actors in %d articles", len(entities), len(actors), n_articles)
    return entities


def find_entities(articles: Sequence[Article], ctx: StageContext | None = None) -> list[dict[str, Any]]:
    """Canonical entities of ``articles`` (see :func:`rashomon.entities.merge.merge_actors`).

    Args:
        articles: the corpus.
        ctx: a run context to share parsed docs with other stages; a fresh one when None.

    Returns:
        JSON-ready entities, most mentioned first.
    """
    ctx = ctx or StageContext()
    actors: list[LocalActor] = []
    for i, article in enumerate(articles):
        actors.extend(article_actors(article, ctx))
        if ctx.progress:
            ctx.progress("entities", i + 1, len(articles))
    return _merge(actors, len(articles))


class EntitiesLocalStage:
    """Article stage ``entities_local``: one article's actors (NER only, no parse), as JSON."""

    name = "entities_local"
    version = "entities_local.v1"
    requires: tuple[str, ...] = ()
    section: str | None = None

    def prepare(self, articles: Sequence[Article], ctx: StageContext) -> None:
        """Tag the batch's entities in one batched spaCy pass."""
        prepare_ner_docs(articles, ctx)

    def run_article(self, article: Article, ctx: StageContext) -> list[dict[str, Any]]:
        """The article's actors (:func:`actors_to_json`)."""
        return actors_to_json(article_actors(article, ctx))


class EntitiesStage:
    """Corpus stage ``entities``: people, organisations, places and groups merged across articles."""

    name = "entities"
    version = "entities.v2"
    requires: tuple[str, ...] = ("entities_local",)
    section: str | None = "entities"

    def run(self, articles: Sequence[Article], ctx: StageContext) -> list[dict[str, Any]]:
        """Entities of the corpus (docs/analysis-schema.md, section ``entities``)."""
        local = ctx.results.get("entities_local")
        if not isinstance(local, Mapping):  # run alone, without the article stage
            return find_entities(articles, ctx)
        actors: list[LocalActor] = []
        for article in articles:
            actors.extend(actors_from_json(article.id, local.get(article.id) or []))
        return _merge(actors, len(articles))
