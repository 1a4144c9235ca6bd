"""The ``entities`` stage: canonical actors across the corpus, with every mention and spelling."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from rashomon.entities.local import LocalActor, build_local_actors
from rashomon.entities.mentions import extract_mentions
from rashomon.entities.merge import merge_actors
from rashomon.model import Article
from rashomon.nlp import spacy_doc
from rashomon.pipeline import StageContext

__all__ = ["EntitiesStage", "article_actors", "find_entities"]

log = logging.getLogger(__name__)


def article_actors(article: Article, ctx: StageContext) -> list[LocalActor]:
    """The actors of one article (cached in the run context: quotes reuse them)."""

    def make() -> list[LocalActor]:
        doc = spacy_doc(article, ctx)
        return build_local_actors(article.id, article.text, extract_mentions(article.text, doc))

    actors: list[LocalActor] = ctx.resource(f"actors:{article.id}", make)
    return actors


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
    entities = merge_actors(actors)
    log.info("%d entities from %d local actors in %d articles", len(entities), len(actors), len(articles))
    return entities


class EntitiesStage:
    """Corpus stage ``entities``: people, organisations, places and groups merged across articles."""

    name = "entities"
    version = "entities.v1"
    requires: tuple[str, ...] = ()
    section: str | None = "entities"

    def run(self, articles: Sequence[Article], ctx: StageContext) -> list[dict[str, Any]]:
        """Entities of the corpus (docs/analysis-schema.md, section ``entities``)."""
        return find_entities(articles, ctx)
