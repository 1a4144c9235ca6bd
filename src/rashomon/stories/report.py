"""Every analysis reported per story: the ``stories`` section of analysis.json, built from the others.

A story (see :mod:`rashomon.stories.stage`) is the unit a journalist reads, so each story entry
carries, next to its ``id``, ``label``, actors, dates and articles, what the other stages found
about its articles:

- ``outlets``: the outlets of its articles;
- ``entities``: its key actors as canonical entities (when the ``entities`` stage ran): the actors
  most of its articles mention, with their entity ids;
- ``reuse``: indices into the top-level ``reuse`` list of the links with both articles in the story,
  and how many links cross to another story (one article in, one out);
- ``claims``: ids of the top-level claim groups stated by its articles, and how many of those are
  also stated by articles of other stories;
- ``designations``: the outlet × actor table of the words its outlets use for the actors, computed
  from the per-article designations of its own articles (not a slice of the corpus table);
- ``stance``: each article's stance toward the story's main actors.

Links and claims are referenced by position and id rather than copied: they are the largest parts of
the document and already sit in their own sections. Designations and stance are small, so they are
embedded.

Example:
    >>> doc["stories"] = per_story(doc, doc["stories"])  # doctest: +SKIP
    >>> [doc["reuse"][i]["relation"] for i in doc["stories"][0]["reuse"]["links"]]  # doctest: +SKIP
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from rashomon.pipeline import FindingCache
from rashomon.stories.stage import stories_of, update_stored_stories

__all__ = ["MAIN_ACTORS", "analysis_stories", "per_story", "story_designations", "story_stance"]

MAIN_ACTORS = 5  # story actors whose stance is tabulated (as many as the framing stage targets)
MIN_TABLE_USES = 3  # an actor named by one outlet only gets a row when that outlet names it this often


def analysis_stories(
    doc: Mapping[str, Any], results: Mapping[str, Any], store: FindingCache | None = None
) -> list[dict[str, Any]] | None:
    """The ``stories`` section of an analysis document, each story with its per-story sections.

    With a ``store``, the analysed articles are placed into the story state the store keeps (new
    articles join earlier stories or open new ones; earlier articles keep their story ids) and the
    stories holding them are shown; without one, the ``stories`` stage's own grouping of the batch.

    Args:
        doc: the analysis document being built (``articles`` and the other sections).
        results: stage outputs by stage name (``stories`` and ``story_features`` are read).
        store: where the incremental story state is kept, or None.

    Returns:
        The section, or None when the ``stories`` stage did not run.
    """
    if "stories" not in results:
        return None
    stories: Sequence[Mapping[str, Any]] = results["stories"] or []
    features = results.get("story_features")
    if store is not None and isinstance(features, Mapping):
        ids = [str(a["id"]) for a in doc.get("articles", [])]
        state = update_stored_stories([features[i] for i in ids if i in features], store)
        stories = stories_of(state, ids)
    return per_story(doc, stories)


def per_story(doc: Mapping[str, Any], stories: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """``stories`` with the per-story sections added (see the module docstring).

    Args:
        doc: an analysis document with the sections the stages wrote; a per-story field is left
            out when its section is absent (``reuse`` and ``claims`` from those sections,
            ``entities`` from ``entities``, ``designations`` and ``stance`` from ``framing``).
        stories: story entries (``id``, ``articles``…), e.g. the ``stories`` stage's output.

    Returns:
        New story entries; the input is not changed.
    """
    home = {str(a): str(s["id"]) for s in stories for a in s.get("articles", [])}
    labels = {str(a["id"]): _outlet(a) for a in doc.get("articles", []) if isinstance(a, Mapping)}
    raw = doc.get("framing")
    framing: Mapping[str, Any] = raw if isinstance(raw, Mapping) else {}
    # one pass over each section, bucketed by story: cost grows with the sections, not stories × sections
    links = _links_by_story(doc.get("reuse"), home)
    claims = _claims_by_story(doc.get("claims"), home)
    actors = _entities_by_story(doc.get("entities"), home)
    out = []
    for story in stories:
        sid = str(story["id"])
        ids = [str(a) for a in story.get("articles", []) if str(a) in labels]
        entry: dict[str, Any] = {
            **story,
            "size_in_store": story.get("size_in_store", story.get("size", len(ids))),
            "outlets": sorted({labels[a] for a in ids}),
        }
        entities = _key_entities(actors.get(sid, []), len(ids))
        # a section the run did not make gives no per-story field: absent is not "none found"
        if "entities" in doc:
            entry["entities"] = entities
        if "reuse" in doc:
            entry["reuse"] = links.get(sid, {"links": [], "cross_story": 0})
        if "claims" in doc:
            entry["claims"] = claims.get(sid, {"ids": [], "cross_story": 0})
        if isinstance(raw, Mapping):
            entry["designations"] = story_designations(framing, {a: labels[a] for a in ids})
            entry["stance"] = story_stance(framing, ids, labels, [e["name"] for e in entities])
        out.append(entry)
    return out


def _outlet(article: Mapping[str, Any]) -> str:
    # the name the framing stage gives an article in its table (Article.label)
    return str(article.get("outlet") or article.get("title") or article.get("id"))


def _entities_by_story(entities: Any, home: Mapping[str, str]) -> dict[str, list[tuple[int, int, Any]]]:
    """Per story: ``(articles of the story naming the entity, its mentions there, the entity)``."""
    out: dict[str, list[tuple[int, int, Any]]] = defaultdict(list)
    for e in entities if isinstance(entities, list) else []:
        if not isinstance(e, Mapping):
            continue
        naming = Counter(home[a] for a in {str(x) for x in e.get("articles", [])} if a in home)
        mentions = Counter(
            home[str(m.get("article"))]
            for m in e.get("mentions", [])
            if isinstance(m, Mapping) and str(m.get("article")) in home
        )
        for sid, n in naming.items():
            out[sid].append((n, mentions[sid], e))
    return out


def _key_entities(found: Sequence[tuple[int, int, Any]], size: int) -> list[dict[str, Any]]:
    """Canonical actors most of the story's articles mention (at least two when it has several)."""
    need = 2 if size > 1 else 1
    ranked = sorted(found, key=lambda t: (-t[0], -t[1], str(t[2].get("id"))))
    return [
        {"id": e.get("id"), "name": e.get("name"), "type": e.get("type"), "articles": n, "mentions": m}
        for n, m, e in ranked
        if n >= need
    ][:MAIN_ACTORS]


def _links_by_story(reuse: Any, home: Mapping[str, str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = defaultdict(lambda: {"links": [], "cross_story": 0})
    for i, link in enumerate(reuse if isinstance(reuse, list) else []):
        source, target = home.get(str(link.get("source"))), home.get(str(link.get("target")))
        if source is not None and source == target:
            out[source]["links"].append(i)
            continue
        for sid in {source, target} - {None}:
            out[str(sid)]["cross_story"] += 1
    return out


def _claims_by_story(claims: Any, home: Mapping[str, str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = defaultdict(lambda: {"ids": [], "cross_story": 0})
    for claim in claims if isinstance(claims, list) else []:
        stories = {home[str(a)] for a in claim.get("support", []) if str(a) in home}
        for sid in stories:
            out[sid]["ids"].append(str(claim.get("id")))
            out[sid]["cross_story"] += len(stories) > 1
    return out


def story_designations(framing: Mapping[str, Any], outlets: Mapping[str, str]) -> dict[str, Any]:
    """Who calls whom what within one story, from its articles' own designations.

    Args:
        framing: the ``framing`` section (per article id: ``designations``).
        outlets: the story's article ids and the outlet label of each.

    Returns:
        ``{actors, outlets, cells: {actor: {outlet: [words, most used first]}}}``, the shape of the
        framing section's corpus ``_table``; an actor gets a row when two outlets of the story name
        it, or one outlet does :data:`MIN_TABLE_USES` times.
    """
    cells: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for aid, outlet in outlets.items():
        entry = framing.get(aid)
        for item in entry.get("designations") or [] if isinstance(entry, Mapping) else []:
            for word in item.get("words", []):
                cells[str(item.get("actor"))][outlet][str(word.get("text", "")).lower()] += int(
                    word.get("count", 1)
                )

    def uses(actor: str) -> int:
        return sum(sum(c.values()) for c in cells[actor].values())

    actors = sorted(cells, key=lambda a: (-len(cells[a]), -uses(a), a))
    actors = [a for a in actors if len(cells[a]) >= 2 or uses(a) >= MIN_TABLE_USES]
    return {
        "actors": actors,
        "outlets": sorted(set(outlets.values())),
        "cells": {
            a: {
                o: [w for w, _ in sorted(c.items(), key=lambda wc: (-wc[1], wc[0]))]
                for o, c in sorted(cells[a].items())
            }
            for a in actors
        },
    }


def _stances(entry: Any) -> list[Mapping[str, Any]]:
    found = entry.get("stance") if isinstance(entry, Mapping) else None
    return [s for s in found or [] if isinstance(s, Mapping)]


def story_stance(
    framing: Mapping[str, Any], ids: Sequence[str], outlets: Mapping[str, str], actors: Sequence[str]
) -> dict[str, Any]:
    """Each article's stance toward the story's main actors, from the framing stage's per-article stance.

    Args:
        framing: the ``framing`` section (per article id: ``stance``).
        ids: the story's article ids.
        outlets: outlet label by article id.
        actors: the story's main actors (canonical names); those the framing stage scored in
            none of the articles are left out, and when none is left, the targets it scored in
            most of the story's articles (at least two) are taken.

    Returns:
        ``{actors, articles: [{article, outlet, stances: [{target, stance, score, mentions,
        evidence: [[start, end]]}]}]}``; an article has no entry for an actor the framing stage
        did not score in it (it names the actor too rarely).
    """
    per = {a: _stances(framing.get(a)) for a in ids}
    spread = Counter(t for a in ids for t in {str(s.get("target")) for s in per[a]})
    wanted = [a for a in actors if spread[a]]
    if not wanted:  # no entities section, or the framing stage scored none of them
        need = 2 if len(ids) > 1 else 1
        ranked = sorted(spread.items(), key=lambda tn: (-tn[1], tn[0]))
        wanted = [t for t, n in ranked if n >= need][:MAIN_ACTORS]
    rows = []
    for aid in ids:
        stances = [
            {
                "target": str(s.get("target")),
                "stance": s.get("stance"),
                "score": s.get("score"),
                "mentions": s.get("mentions"),
                "evidence": [
                    [e.get("start"), e.get("end")] for e in s.get("evidence", []) if isinstance(e, Mapping)
                ],
            }
            for s in per[aid]
            if str(s.get("target")) in wanted
        ]
        if stances:
            rows.append({"article": aid, "outlet": outlets.get(aid, aid), "stances": stances})
    return {"actors": wanted, "articles": rows}
