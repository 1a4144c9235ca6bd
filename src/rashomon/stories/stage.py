"""The ``stories`` stage and the public view of a story state (analysis.json section ``stories``)."""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

from rashomon.model import Article
from rashomon.pipeline import FindingCache, StageContext
from rashomon.stories.assign import STATE_VERSION, StoryParams, assign_stories
from rashomon.stories.features import ACTOR_LABELS, FEATURES_VERSION, article_features

__all__ = ["StoriesStage", "group_stories", "summarise_stories", "update_stored_stories"]

log = logging.getLogger(__name__)

MAX_ACTORS = 5
STATE_KEY = "corpus"  # the store keeps one story state per database


def _actors(story: Mapping[str, Any]) -> list[dict[str, Any]]:
    ranked = sorted(
        (k for k, v in story["entities"].items() if v[0] in ACTOR_LABELS),
        key=lambda k: (-story["entities"][k][2], k),
    )
    # a surname key duplicates its full name ("rahami" beside "ahmad khan rahami")
    full = [k for k in ranked if " " in k]
    kept = [k for k in ranked if not any(f.endswith(" " + k) for f in full)]
    return [
        {
            "name": story["entities"][k][1],
            "type": story["entities"][k][0],
            "articles": story["entities"][k][2],
        }
        for k in kept[:MAX_ACTORS]
    ]


def _label(story: Mapping[str, Any]) -> str:
    """The member title that uses the story's own words most; else its main names."""
    terms: Mapping[str, float] = story["terms"]

    def fit(title: str) -> float:
        words = {w.lower() for w in re.findall(r"\w+", title)}
        return sum(terms.get(w, 0.0) for w in words) / math.sqrt(1 + len(words))

    titles = [m["title"].strip() for m in story["members"] if m.get("title") and m["title"].strip()]
    if titles:
        label: str = max(sorted(titles), key=fit)
    else:
        names = [a["name"] for a in _actors(story)[:3]] or sorted(terms, key=lambda t: -terms[t])[:4]
        label = ", ".join(names) or story["id"]
    return label if len(label) <= 90 else label[:87].rsplit(" ", 1)[0] + "…"


def summarise_stories(state: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The stories of a state as analysis.json shows them, largest first.

    Each story: ``id``, ``label``, ``actors`` (name, type, number of articles), ``start``/``end``
    (days, None when undated), ``size``, ``articles`` (ids), ``terms`` (its key words),
    ``confidence`` (mean match score of the articles that joined; 1.0 for a single article) and
    ``members``: per article the match ``score`` when it joined, the names and words it ``shared``
    with the story, and ``evidence`` spans where those occur in its text.
    """
    out = []
    for story in state["stories"]:
        joined = [m["score"] for m in story["members"][1:]]
        terms = story["terms"]
        out.append(
            {
                "id": story["id"],
                "label": _label(story),
                "actors": _actors(story),
                "start": story["start"],
                "end": story["end"],
                "size": len(story["members"]),
                "articles": [m["article"] for m in story["members"]],
                "terms": sorted(terms, key=lambda t: (-terms[t], t))[:8],
                "confidence": round(sum(joined) / len(joined), 4) if joined else 1.0,
                "members": story["members"],
            }
        )
    return sorted(out, key=lambda s: (-s["size"], s["start"] or "", s["id"]))


def group_stories(
    articles: Sequence[Article], ctx: StageContext | None = None, params: StoryParams | None = None
) -> dict[str, Any]:
    """A fresh story state for ``articles``, reusing ``story_features`` outputs found in ``ctx``."""
    ctx = ctx or StageContext()
    done: Mapping[str, Any] = ctx.results.get("story_features") or {}
    features = []
    for i, article in enumerate(articles):
        features.append(done.get(article.id) or article_features(article))
        if ctx.progress:
            ctx.progress("stories", i + 1, len(articles))
    return assign_stories(features, None, params)


def update_stored_stories(
    features: Sequence[Mapping[str, Any]], cache: FindingCache, params: StoryParams | None = None
) -> dict[str, Any]:
    """Add articles to the story state kept in ``cache`` (the store) and keep the new state there.

    Args:
        features: story features of the new articles (articles already grouped are skipped).
        cache: the store (anything with ``get_finding``/``put_finding``).
        params: matching parameters for a new state; an existing state keeps its own.

    Returns:
        The updated state; :func:`summarise_stories` turns it into the public list.
    """
    state = cache.get_finding("stories.state", STATE_VERSION, STATE_KEY)
    state = assign_stories(features, state, None if state else params)
    cache.put_finding("stories.state", STATE_VERSION, STATE_KEY, state)
    log.info("story state: %d stories, %d articles", len(state["stories"]), state["n_docs"])
    return state


class StoriesStage:
    """Corpus stage ``stories``: the articles about each event, with label, actors and date range."""

    name = "stories"
    version = "stories.v1"
    requires: tuple[str, ...] = ("story_features",)
    after: tuple[str, ...] = ("entities",)
    section: str | None = "stories"
    features_version = FEATURES_VERSION

    def run(self, articles: Sequence[Article], ctx: StageContext) -> list[dict[str, Any]]:
        """Stories of the corpus (docs/analysis-schema.md, section ``stories``)."""
        return summarise_stories(group_stories(articles, ctx))
