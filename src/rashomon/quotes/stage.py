"""The ``quotes`` stage: who said what in each article, and the same quote across outlets."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from rashomon.model import Article
from rashomon.nlp import embed, spacy_doc
from rashomon.pipeline import StageContext
from rashomon.quotes.extract import RawQuote, extract_quotes
from rashomon.quotes.group import Embedder, group_quotes
from rashomon.quotes.speakers import ArticleMentions, index_entities

__all__ = ["QuotesStage", "article_quotes", "find_quotes", "raw_quote_records"]

log = logging.getLogger(__name__)

# confidence of each extraction pattern, before speaker resolution (rough precision on PolNeAR train)
_PATTERN_SCORE = {"verb": 0.9, "according": 0.9, "headline": 0.7, "continued": 0.7}
_RESOLUTION_FACTOR = {"mention": 1.0, "role": 0.9, "pronoun": 0.85, "none": 0.7}


def _as_dict(article: Article, n: int, q: RawQuote, index: ArticleMentions | None) -> dict[str, Any]:
    text = article.text
    speaker_id, how = None, "none"
    if q.speaker is not None and index is not None:
        res = index.resolve(text, q.speaker, q.speaker_head, q.content)
        speaker_id, how = res.entity, res.how
    score = _PATTERN_SCORE.get(q.pattern, 0.7) * _RESOLUTION_FACTOR[how if speaker_id else "none"]
    if q.kind == "attitude":
        score *= 0.85
    return {
        "id": f"q:{article.id}:{n}",
        "article": article.id,
        "speaker": speaker_id,
        "speaker_text": text[q.speaker[0] : q.speaker[1]] if q.speaker else None,
        "speaker_span": list(q.speaker) if q.speaker else None,
        "speaker_resolution": how if speaker_id else "none",
        "cue": text[q.cue[0] : q.cue[1]] if q.cue else None,
        "cue_span": list(q.cue) if q.cue else None,
        "content": text[q.content[0] : q.content[1]],
        "content_span": list(q.content),
        "direct": q.direct,
        "kind": q.kind,
        "pattern": q.pattern,
        "channel": q.channel,
        "group": None,
        "fidelity": None,
        "changes": [],
        "score": round(score, 3),
    }


def article_quotes(
    article: Article, ctx: StageContext, index: ArticleMentions | None, attitudes: bool = False
) -> list[dict[str, Any]]:
    """The quotes of one article with speakers resolved against ``index`` (its entity mentions)."""
    doc = spacy_doc(article, ctx)
    raw = extract_quotes(article.text, doc, attitudes=attitudes)
    return [_as_dict(article, n, q, index) for n, q in enumerate(raw, start=1)]


def find_quotes(
    articles: Sequence[Article],
    entities: list[dict[str, Any]],
    ctx: StageContext | None = None,
    embedder: Embedder | None = None,
    attitudes: bool = True,
) -> dict[str, Any]:
    """Quotes of every article and their groups across outlets.

    Args:
        articles: the corpus.
        entities: the ``entities`` stage output (speakers resolve to its ids).
        ctx: a run context (shares parsed docs); a fresh one when None.
        embedder: sentence embeddings for grouping (default: the packaged MiniLM).
        attitudes: also report attitude attributions (``endorsed X``), ``kind="attitude"``.

    Returns:
        ``{"quotes": [...], "groups": [...]}`` (docs/analysis-schema.md, section ``quotes``).
    """
    ctx = ctx or StageContext()
    indexes = index_entities(entities)
    quotes: list[dict[str, Any]] = []
    for i, article in enumerate(articles):
        quotes.extend(article_quotes(article, ctx, indexes.get(article.id), attitudes))
        if ctx.progress:
            ctx.progress("quotes", i + 1, len(articles))
    published = {a.id: a.published for a in articles}
    speech = [q for q in quotes if q["kind"] == "speech"]
    groups = group_quotes(speech, published, embedder or embed)
    log.info("%d quotes, %d cross-article groups", len(quotes), len(groups))
    return {"quotes": quotes, "groups": groups}


def raw_quote_records(articles: Sequence[Article], section: dict[str, Any]) -> list[dict[str, Any]]:
    """The quotes with spans mapped to each input's raw text (``rashomon quotes --format jsonl``).

    Args:
        articles: the analysed articles.
        section: the ``quotes`` stage output.

    Returns:
        One record a quote: ``file`` (the article's path), ``article``, ``speaker``, ``speaker_text``,
        ``speaker_span``, ``cue``, ``cue_span``, ``content``, ``content_span`` (raw-text code-point
        offsets), ``direct``, ``kind``, ``group``, ``fidelity``, ``score``.
    """
    by_id = {a.id: a for a in articles}
    records = []
    for q in section["quotes"]:
        article = by_id.get(q["article"])
        if article is None:
            continue

        def raw(span: list[int] | None, article: Article = article) -> list[int] | None:
            return list(article.offsets.span_to_raw(span[0], span[1])) if span else None

        records.append(
            {
                "file": article.path,
                "article": article.id,
                "speaker": q["speaker"],
                "speaker_text": q["speaker_text"],
                "speaker_span": raw(q["speaker_span"]),
                "cue": q["cue"],
                "cue_span": raw(q["cue_span"]),
                "content": q["content"],
                "content_span": raw(q["content_span"]),
                "direct": q["direct"],
                "kind": q["kind"],
                "group": q["group"],
                "fidelity": q["fidelity"],
                "score": q["score"],
            }
        )
    return records


class QuotesStage:
    """Corpus stage ``quotes``: quotes with resolved speakers, grouped across outlets with fidelity flags.

    Args:
        attitudes: also report attitude attributions (``kind="attitude"``: *endorsed X*, *wants Y*),
            as PolNeAR annotates them and the evaluation scores them; only speech quotes are grouped
            across outlets.
    """

    name = "quotes"
    version = "quotes.v1"
    requires: tuple[str, ...] = ("entities",)
    section: str | None = "quotes"

    def __init__(self, attitudes: bool = True) -> None:
        self.attitudes = attitudes

    def run(self, articles: Sequence[Article], ctx: StageContext) -> dict[str, Any]:
        """Quotes and groups of the corpus."""
        entities = ctx.results.get("entities") or []
        return find_quotes(articles, entities, ctx, attitudes=self.attitudes)
