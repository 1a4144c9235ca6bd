"""The ``stories`` stage and the public view of a story state (analysis.json section ``stories``)."""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rashomon.errors import StoreBusy
from rashomon.model import Article
from rashomon.pipeline import FindingCache, StageContext
from rashomon.stories.assign import STATE_VERSION, StoryParams, assign_stories
from rashomon.stories.features import ACTOR_LABELS, FEATURES_VERSION, article_features

__all__ = [
    "StoriesStage",
    "group_stories",
    "state_key",
    "stored_state",
    "stories_of",
    "summarise_stories",
    "update_stored_stories",
]

log = logging.getLogger(__name__)

MAX_ACTORS = 5
STATE_STAGE = "stories.state"  # the findings row that keeps the incremental state
STATE_KEY = "corpus"  # the store keeps one story state per database (and features version)


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


def state_key() -> str:
    """The findings key of the story state: one state per store and story-features version.

    Features of another version (another embedding, other names) cannot be compared with the
    centroids of a stored state, so a new features version starts a state of its own.
    """
    return f"{STATE_KEY}:{FEATURES_VERSION}"


def stored_state(cache: FindingCache) -> dict[str, Any] | None:
    """The story state kept in ``cache`` (the store), or None when nothing was grouped there yet."""
    state: dict[str, Any] | None = cache.get_finding(STATE_STAGE, STATE_VERSION, state_key())
    return state


def _revision(state: Mapping[str, Any] | None) -> int:
    return int(state.get("revision", 0)) if state else 0


def update_stored_stories(
    features: Sequence[Mapping[str, Any]],
    cache: FindingCache,
    params: StoryParams | None = None,
    attempts: int = 3,
) -> dict[str, Any]:
    """Add articles to the story state kept in ``cache`` (the store) and keep the new state there.

    Articles already in the state are skipped (a batch analysed twice adds nothing), so the stories
    of earlier articles keep their ids. The state records the stage and features versions it was
    made with and a ``revision`` counter: when another process wrote the state while this batch was
    being placed, the batch is placed again on top of that newer state.

    Args:
        features: story features of the new articles (:func:`article_features`).
        cache: the store (anything with ``get_finding``/``put_finding``).
        params: matching parameters for a new state; an existing state keeps its own.
        attempts: how often to start again when another process wrote the state meanwhile.

    Returns:
        The updated state; :func:`stories_of` and :func:`summarise_stories` turn it into the public list.

    Raises:
        StoreBusy: the state kept changing under this process ``attempts`` times.
        ConfigError: the stored state was made by another version of story grouping.
    """
    for _ in range(max(1, attempts)):
        before = stored_state(cache)
        state = assign_stories(features, before, None if before else params)
        if before is not None and state["n_docs"] == before["n_docs"]:
            return state  # nothing new: leave the stored state (and its revision) alone
        state.update(
            revision=_revision(before) + 1,
            stage_version=StoriesStage.version,
            features_version=FEATURES_VERSION,
        )
        # re-read just before writing: a concurrent run that wrote meanwhile would otherwise be lost
        if _revision(stored_state(cache)) == _revision(before):
            cache.put_finding(STATE_STAGE, STATE_VERSION, state_key(), state)
            log.info("story state: %d stories, %d articles", len(state["stories"]), state["n_docs"])
            return state
        log.info("story state changed while placing a batch; placing it again")
    raise StoreBusy(
        f"the story state kept changing while {len(features)} articles were placed ({attempts} attempts): "
        "another rashomon process is analysing into the same --db; run again when it has finished"
    )


def stories_of(state: Mapping[str, Any], article_ids: Iterable[str]) -> list[dict[str, Any]]:
    """The stories holding any of ``article_ids``, as :func:`summarise_stories` shows them, restricted.

    ``articles`` and ``members`` keep only ``article_ids`` (so every id resolves in the analysis that
    shows them) and ``size`` counts those; ``size_in_store`` counts every article of the story in the
    state, earlier batches included. Label, actors, dates, terms and confidence describe the whole story.
    """
    wanted = set(article_ids)
    touched = [s for s in state["stories"] if any(m["article"] in wanted for m in s["members"])]
    out = []
    for story in summarise_stories({"stories": touched}):
        members = [m for m in story["members"] if m["article"] in wanted]
        out.append(
            dict(
                story,
                members=members,
                articles=[m["article"] for m in members],
                size=len(members),
                size_in_store=story["size"],
            )
        )
    return sorted(out, key=lambda s: (-s["size"], -s["size_in_store"], s["start"] or "", s["id"]))


class StoriesStage:
    """Corpus stage ``stories``: the articles about each event, with label, actors and date range.

    It needs only ``story_features`` (NER without a parser on each lead), not the ``entities``
    stage: canonical entities exist only within one analysis (their ids are not stable across
    batches), so an incremental state cannot be keyed on them, and waiting for them would make
    ``rashomon stories`` pay for the full parser. The canonical actors of each story are added
    afterwards, when the entities stage ran (:mod:`rashomon.stories.report`).
    """

    name = "stories"
    version = "stories.v1"
    requires: tuple[str, ...] = ("story_features",)
    section: str | None = "stories"
    features_version = FEATURES_VERSION

    def run(self, articles: Sequence[Article], ctx: StageContext) -> list[dict[str, Any]]:
        """Stories of the corpus (docs/analysis-schema.md, section ``stories``)."""
        return summarise_stories(group_stories(articles, ctx))
