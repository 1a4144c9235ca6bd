"""What ``rashomon stories`` lists: the stories of some articles, or of everything a store holds.

Two sources, one shape. :func:`list_stories` groups input files now (optionally running the reuse
and claims stages too, for the link and claim counts); :func:`list_stored_stories` reads the story
state that ``rashomon analyze`` keeps in a store, with the links and claims of every analysis stored
there. Each story is its ``stories`` entry of analysis.json (docs/analysis-schema.md) plus
``counts``: ``{links, cross_story_links, claims, cross_story_claims}``, each None when not computed.

Example:
    >>> listing = list_stored_stories("feed.db")  # doctest: +SKIP
    >>> [(s["label"], s["counts"]["links"]) for s in listing.stories]  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rashomon.model import Failure
from rashomon.stories.stage import stored_state, stories_of

__all__ = ["COUNT_STAGES", "StoryListing", "list_stored_stories", "list_stories", "story_counts"]

COUNT_STAGES = ("reuse", "claims")  # the stages whose per-story fields give the counts

Progress = Any  # the (name, done, total) callback of rashomon.analyze


@dataclass
class StoryListing:
    """Stories to list, largest first.

    Attributes:
        stories: story entries, each with ``counts``.
        articles: how many articles they were grouped from.
        failures: inputs that could not be read (input files only).
        counted: whether the link and claim counts were computed.
    """

    stories: list[dict[str, Any]]
    articles: int
    failures: list[Failure] = field(default_factory=list)
    counted: bool = False


def story_counts(story: Mapping[str, Any]) -> dict[str, int | None]:
    """Link and claim counts of a story entry from its ``reuse`` and ``claims`` fields (None when absent)."""
    reuse, claims = story.get("reuse"), story.get("claims")
    links = reuse if isinstance(reuse, Mapping) else None
    groups = claims if isinstance(claims, Mapping) else None
    return {
        "links": len(links.get("links") or []) if links is not None else None,
        "cross_story_links": int(links.get("cross_story", 0)) if links is not None else None,
        "claims": len(groups.get("ids") or []) if groups is not None else None,
        "cross_story_claims": int(groups.get("cross_story", 0)) if groups is not None else None,
    }


def list_stories(
    paths: Sequence[str | Path], with_counts: bool = False, progress: Progress | None = None
) -> StoryListing:
    """Group the articles under ``paths`` into stories (nothing is stored).

    Args:
        paths: input files or folders, as ``rashomon analyze`` reads them.
        with_counts: also run the reuse and claims stages (and what they need: the entities stage
            with the full parser, much slower) so each story gets its link and claim counts.
        progress: called with ``(task, done, total)``.

    Returns:
        The listing; its stories are the ``stories`` section :func:`rashomon.analyze.build_analysis`
        makes, each with ``counts``.
    """
    from rashomon.analyze import analyze_articles, build_analysis, load_articles

    articles, failures = load_articles(paths, progress=progress)
    stages = ["stories", *(COUNT_STAGES if with_counts else ())]
    results = analyze_articles(articles, stages=stages, progress=progress) if articles else {}
    doc = build_analysis(articles, failures, results)
    stories = [dict(s, counts=story_counts(s)) for s in doc.get("stories") or []]
    return StoryListing(stories, len(articles), list(failures), with_counts)


def list_stored_stories(db_path: str | Path) -> StoryListing:
    """Every story of the story state kept in the store at ``db_path`` (all analysed batches).

    Counts add up the per-story fields of every analysis stored there (the links and claims found
    within each analysed batch); they are None for a story no stored analysis counted.

    Raises:
        StoreError: the store cannot be opened.
    """
    from rashomon.store import Store
    from rashomon.web.analyses import ANALYSIS_STAGE, ANALYSIS_VERSION

    with Store(db_path, readonly=True) as store:
        state = stored_state(store)
        if state is None:
            return StoryListing([], 0)
        ids = [m["article"] for s in state["stories"] for m in s["members"]]
        totals: dict[str, dict[str, int | None]] = {}
        for run in store.runs():
            doc = store.get_finding(ANALYSIS_STAGE, ANALYSIS_VERSION, str(run["id"]))
            for entry in (doc or {}).get("stories") or []:
                _add(totals.setdefault(str(entry.get("id")), {}), story_counts(entry))
    stories = stories_of(state, ids)
    empty: dict[str, int | None] = dict.fromkeys(story_counts({}))
    for story in stories:
        story["outlets"] = sorted(
            {str(m.get("outlet") or m.get("title") or m["article"]) for m in story["members"]}
        )
        story["counts"] = {**empty, **totals.get(story["id"], {})}
    return StoryListing(stories, len(ids), [], any(totals.values()))


def _add(total: dict[str, int | None], counts: Mapping[str, int | None]) -> None:
    for key, value in counts.items():
        if value is not None:
            total[key] = (total.get(key) or 0) + value
