"""What tells one event from another, computed once per article: the ``story_features`` stage.

For each article, from its title and lead (the first few sentences, where news writing puts who,
what, where and when):

- ``date``: the publication day (``YYYY-MM-DD``) or None;
- ``vector``: the MiniLM embedding of title + lead (unit length, rounded so it stores compactly);
- ``entities``: named actors and places (spaCy NER for English, capitalised word runs otherwise),
  normalised to keys, with the surface form and the first span in the text;
- ``terms``: rare words weighted by how rare they are in the language (wordfreq Zipf scale), the
  prior half of a TF-IDF weight whose corpus half (document frequency) the story state keeps.

Each article is embedded alone (not in a batch) so the vector does not depend on which other
articles shared a batch: the local and Dask engines then give bit-identical features.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import Any

from rashomon.model import Article
from rashomon.pipeline import StageContext

__all__ = ["FEATURES_VERSION", "StoryFeaturesStage", "article_features", "lead_text", "normalise_date"]

FEATURES_VERSION = "story_features.v1"
LEAD_CHARS = 1200  # enough for the opening paragraphs that carry the event's who/where/when
EMBED_CHARS = 500  # title + first sentences: the event itself, and short enough to embed fast
MAX_TERMS = 30
MAX_ENTITIES = 20
VECTOR_DECIMALS = 5
COMMON_ZIPF = 5.0  # words at least this frequent (about 1 in 10,000 words) say nothing about an event
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "FAC", "PRODUCT", "LAW"})
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})

_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]", re.UNICODE)
_CAPITALISED_RUN = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]+(?:\s+[A-ZÀ-ÖØ-ÞА-ЯЁ][\w'’-]+)*)")
_TITLES = re.compile(r"^(?:the|mr|mrs|ms|dr|sen|rep|gov|pres|president|senator|gen)\.?\s+", re.IGNORECASE)


def normalise_date(value: str | None) -> str | None:
    """The ``YYYY-MM-DD`` day of an ISO date or datetime string, None when there is none."""
    if not value:
        return None
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
    return "-".join(match.groups()) if match else None


def lead_text(article: Article, chars: int = LEAD_CHARS) -> str:
    """Title and the opening of the text, cut at a sentence end near ``chars``."""
    body = article.text[:chars]
    cut = max(body.rfind(". "), body.rfind(".\n"))
    if cut > chars // 2:
        body = body[: cut + 1]
    title = (article.title or "").strip()
    return f"{title}.\n{body}" if title else body


@functools.cache
def _zipf_language(language: str) -> str:
    import wordfreq

    return language if language in wordfreq.available_languages() else "en"


@functools.lru_cache(maxsize=200_000)
def term_rarity(word: str, language: str) -> float:
    """How much a word says about an event: ``COMMON_ZIPF - zipf``, clipped to [0, 5]."""
    import wordfreq

    zipf = wordfreq.zipf_frequency(word, _zipf_language(language))
    return max(0.0, min(5.0, COMMON_ZIPF - zipf))


def _first_span(text: str, needle: str) -> list[int] | None:
    at = text.lower().find(needle.lower())
    return [at, at + len(needle)] if at >= 0 else None


def key_terms(article: Article, lead: str) -> dict[str, Any]:
    """Rare words of the lead: ``{term: [weight, span_or_None]}``, the heaviest :data:`MAX_TERMS`."""
    counts = Counter(w.lower() for w in _WORD.findall(lead) if len(w) >= 3)
    scored = {w: n**0.5 * term_rarity(w, article.language) for w, n in counts.items()}
    top = sorted((w for w in scored if scored[w] > 0), key=lambda w: (-scored[w], w))[:MAX_TERMS]
    return {w: [round(scored[w], 4), _first_span(article.text, w)] for w in top}


def entity_key(surface: str) -> str:
    """A match key for a name: lower case, honorifics and possessives dropped, spaces collapsed."""
    name = re.sub(r"['’]s$", "", surface.strip())
    name = _TITLES.sub("", name)
    return " ".join(name.lower().split())


def _ner_entities(lead: str) -> list[tuple[str, str]]:
    from rashomon.nlp import spacy_pipeline

    doc = spacy_pipeline(ner_only=True)(lead)
    return [(ent.text, ent.label_) for ent in doc.ents if ent.label_ in ENTITY_LABELS]


def _capitalised_entities(lead: str) -> list[tuple[str, str]]:
    # without a model for the language, capitalised runs not opening a sentence approximate names
    return [(m.group(1), "NAME") for m in _CAPITALISED_RUN.finditer(lead) if len(m.group(1)) > 2]


def named_entities(article: Article, lead: str) -> dict[str, Any]:
    """Names in the lead: ``{key: [label, surface, count, span_or_None]}``, most frequent first.

    A person's surname is a key of its own too, since later mentions use it alone ("Mr. Rahami").
    """
    found = _ner_entities(lead) if article.language in ("en", "und") else _capitalised_entities(lead)
    table: dict[str, list[Any]] = {}
    for surface, label in found:
        keys = [entity_key(surface)]
        if label == "PERSON" and " " in keys[0]:
            keys.append(keys[0].rsplit(" ", 1)[1])
        for key in keys:
            if len(key) < 2:
                continue
            if key not in table:
                plain = re.sub(r"['’]s$", "", surface.strip())
                table[key] = [label, plain, 0, _first_span(article.text, plain)]
            table[key][2] += 1
    top = sorted(table, key=lambda k: (-table[k][2], k))[:MAX_ENTITIES]
    return {k: table[k] for k in top}


def article_features(article: Article) -> dict[str, Any]:
    """The JSON-ready story features of one article (see the module docstring)."""
    from rashomon.nlp import embed

    lead = lead_text(article)
    vector = embed([lead_text(article, EMBED_CHARS)])[0]
    return {
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "date": normalise_date(article.published),
        "vector": [round(float(x), VECTOR_DECIMALS) for x in vector],
        "entities": named_entities(article, lead),
        "terms": key_terms(article, lead),
    }


class StoryFeaturesStage:
    """Article stage ``story_features``: per-article inputs of story grouping (no analysis.json section)."""

    name = "story_features"
    version = FEATURES_VERSION
    requires: tuple[str, ...] = ()
    section: str | None = None

    def run_article(self, article: Article, ctx: StageContext) -> dict[str, Any]:
        """Features of ``article`` (see :func:`article_features`)."""
        return article_features(article)
