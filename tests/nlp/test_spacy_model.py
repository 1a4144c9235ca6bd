"""Layered spaCy docs: NER first, the parse added on top gives the full pipeline's parse, no work twice."""

from __future__ import annotations

from typing import Any

from rashomon.model import Article
from rashomon.nlp.spacy_model import prepare_docs, prepare_ner_docs, spacy_doc, spacy_ner_doc, spacy_pipeline
from rashomon.offsets import OffsetMap
from rashomon.pipeline import StageContext

TEXTS = (
    "Mayor Ilse Vantongeren said on Monday that the bridge over the Maren would close for repairs. "
    "Kazakh officials did not comment. “We will not wait,” she told the council.",
    "The ministry confirmed that 300 workers were sent home after the strike in Doravia.",
)


def _articles() -> list[Article]:
    return [Article(f"t{i}", "x", t, t, OffsetMap.identity(len(t))) for i, t in enumerate(TEXTS)]


def _parse(doc: Any) -> list[tuple[str, str, str, str, int, str]]:
    return [(t.text, t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_) for t in doc]


def test_parse_layered_on_ner_docs_is_the_full_pipelines_parse() -> None:
    articles = _articles()
    ctx = StageContext()
    prepare_ner_docs(articles, ctx)
    ner = [spacy_ner_doc(a, ctx) for a in articles]
    assert all(not d.has_annotation("DEP") and d.ents for d in ner)
    prepare_docs(articles, ctx)
    full = [spacy_doc(a, ctx) for a in articles]
    assert full == ner  # the same Doc objects, parsed in place: nothing tagged twice
    assert set(ctx.resources) == {"spacy:t0", "spacy:t1"}
    for doc, text in zip(full, TEXTS, strict=True):
        assert _parse(doc) == _parse(spacy_pipeline()(text))


def test_ner_doc_is_the_full_doc_when_one_is_cached() -> None:
    (article, _) = _articles()
    ctx = StageContext()
    full = spacy_doc(article, ctx)
    assert spacy_ner_doc(article, ctx) is full
    assert list(ctx.resources) == ["spacy:t0"]
