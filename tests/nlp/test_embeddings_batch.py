"""Sentence vectors of a batch embedded in one call equal the per-article ones (to float noise)."""

from __future__ import annotations

import numpy as np

from rashomon.model import Article
from rashomon.nlp.embeddings import prepare_sentence_vectors, sentence_vectors
from rashomon.offsets import OffsetMap
from rashomon.pipeline import StageContext

TEXTS = (
    "The council of Talvor met on Monday. It voted to close the old bridge over the Maren for repairs.",
    "Three ferries will run instead. The mayor said the work would take a year and cost 4 million euros.",
)


def test_pooled_vectors_match_per_article_vectors() -> None:
    articles = [Article(f"t{i}", "x", t, t, OffsetMap.identity(len(t))) for i, t in enumerate(TEXTS)]
    pooled = StageContext()
    prepare_sentence_vectors(articles, pooled)
    assert set(pooled.resources) == {"sentvec:t0", "sentvec:t1"}
    for article in articles:
        spans, vectors = sentence_vectors(article, pooled)
        alone_spans, alone = sentence_vectors(article, StageContext())
        assert spans == alone_spans and len(spans) == 2
        assert np.allclose(vectors, alone, atol=1e-5)
