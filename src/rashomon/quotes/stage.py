"""The ``quotes`` stages: who said what in each article, and the same quote across outlets.

``quotes_local`` is an article stage: the parse-based extraction of :mod:`rashomon.quotes.extract`
(content, cue and speaker spans), kept as compact JSON. The corpus stage ``quotes`` resolves the
speaker spans to the ``entities`` stage's canonical actors and groups the quotes across outlets,
reading the extracted spans rather than parsing the articles again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rashomon.model import Article
from rashomon.nlp import embed, spacy_doc
from rashomon.nlp.spacy_model import prepare_docs
from rashomon.pipeline import StageContext
from rashomon.quotes.extract import RawQuote, extract_quotes
from rashomon.quotes.group import Embedder, group_quotes
from rashomon.quotes.speakers import ArticleMentions, index_entities

__all__ = [
    "QuotesLocalStage",
    "QuotesStage",
    "article_quotes",
    "find_quotes",
    "raw_quote_records",
    "raw_quotes_from_json",
    "raw_quotes_to_json",
]

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


def raw_quotes_to_json(quotes: Iterable[RawQuote]) -> list[list[Any]]:
    """Extracted quotes as compact rows: content, cue, speaker, speaker head, direct, channel, kind, pattern."""

    def span(value: tuple[int, int] | None) -> list[int] | None:
        return list(value) if value is not None else None

    return [
        [
            list(q.content),
            span(q.cue),
            span(q.speaker),
            span(q.speaker_head),
            q.direct,
            q.channel,
            q.kind,
            q.pattern,
        ]
        for q in quotes
    ]


def raw_quotes_from_json(rows: Iterable[Sequence[Any]]) -> list[RawQuote]:
    """The inverse of :func:`raw_quotes_to_json`."""

    def span(value: Sequence[int] | None) -> tuple[int, int] | None:
        return (int(value[0]), int(value[1])) if value is not None else None

    out = []
    for content, cue, speaker, head, direct, channel, kind, pattern in rows:
        out.append(
            RawQuote(
                (int(content[0]), int(content[1])),
                span(cue),
                span(speaker),
                span(head),
                bool(direct),
                channel,
                str(kind),
                str(pattern),
            )
        )
    return out


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
    extracted: Mapping[str, Sequence[RawQuote]] | None = None,
) -> dict[str, Any]:
    """Quotes of every article and their groups across outlets.

    Args:
        articles: the corpus.
        entities: the ``entities`` stage output (speakers resolve to its ids).
        ctx: a run context (shares parsed docs); a fresh one when None.
        embedder: sentence embeddings for grouping (default: the packaged MiniLM).
        attitudes: also report attitude attributions (``endorsed X``), ``kind="attitude"``.
        extracted: each article's quotes already extracted with the same ``attitudes`` (the
            ``quotes_local`` stage); articles missing from it are parsed here.

    Returns:
        ``{"quotes": [...], "groups": [...]}`` (docs/analysis-schema.md, section ``quotes``).
    """
    ctx = ctx or StageContext()
    indexes = index_entities(entities)
    quotes: list[dict[str, Any]] = []
    for i, article in enumerate(articles):
        index = indexes.get(article.id)
        if extracted is not None and article.id in extracted:
            raw = extracted[article.id]
            quotes.extend(_as_dict(article, n, q, index) for n, q in enumerate(raw, start=1))
        else:
            quotes.extend(article_quotes(article, ctx, index, attitudes))
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


class QuotesLocalStage:
    """Article stage ``quotes_local``: one article's quotes (spans only), from its parse.

    Args:
        attitudes: also extract attitude attributions (see :class:`QuotesStage`).
    """

    name = "quotes_local"
    version = "quotes_local.v1"
    requires: tuple[str, ...] = ()
    section: str | None = None

    def __init__(self, attitudes: bool = True) -> None:
        self.attitudes = attitudes

    def prepare(self, articles: Sequence[Article], ctx: StageContext) -> None:
        """Parse the batch in one batched spaCy pass (on top of NER docs already made)."""
        prepare_docs(articles, ctx)

    def run_article(self, article: Article, ctx: StageContext) -> dict[str, Any]:
        """``{"attitudes": bool, "quotes": rows}`` (rows: :func:`raw_quotes_to_json`)."""
        raw = extract_quotes(article.text, spacy_doc(article, ctx), attitudes=self.attitudes)
        return {"attitudes": self.attitudes, "quotes": raw_quotes_to_json(raw)}


class QuotesStage:
    """Corpus stage ``quotes``: quotes with resolved speakers, grouped across outlets with fidelity flags.

    Args:
        attitudes: also report attitude attributions (``kind="attitude"``: *endorsed X*, *wants Y*),
            as PolNeAR annotates them and the evaluation scores them; only speech quotes are grouped
            across outlets.
    """

    name = "quotes"
    version = "quotes.v2"
    requires: tuple[str, ...] = ("entities", "quotes_local")
    section: str | None = "quotes"

    def __init__(self, attitudes: bool = True) -> None:
        self.attitudes = attitudes

    def run(self, articles: Sequence[Article], ctx: StageContext) -> dict[str, Any]:
        """Quotes and groups of the corpus."""
        entities = ctx.results.get("entities") or []
        local = ctx.results.get("quotes_local")
        extracted: dict[str, list[RawQuote]] = {}
        if isinstance(local, Mapping):
            for article_id, value in local.items():
                if isinstance(value, Mapping) and value.get("attitudes") == self.attitudes:
                    extracted[article_id] = raw_quotes_from_json(value["quotes"])
        return find_quotes(articles, entities, ctx, attitudes=self.attitudes, extracted=extracted)
