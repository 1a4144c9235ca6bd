"""Merge the actors of all articles into canonical entities.

Two local actors become one entity when their types agree and their most complete names match
(:func:`rashomon.entities.matching.variant_score`). A person known in some article only by surname
joins a full-name entity only when exactly one such entity matches, so "Clinton" is never forced onto
Bill or Hillary. Office descriptors must not contradict when the names are not identical: a
"president" and a "minister" with near-identical names stay apart. Comparisons are blocked on the
consonant skeleton of the last name token (and on initials for organisations), so cost stays near
linear.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from unidecode import unidecode

from rashomon.entities.local import LocalActor
from rashomon.entities.matching import acronym_of, is_acronym, normalise_org, variant_score
from rashomon.entities.translit import name_tokens, skeleton

__all__ = ["OFFICES", "merge_actors"]

# offices a person holds one at a time; different offices on near-identical names mean different people
OFFICES = frozenset({"president", "premier", "chancellor", "minister", "king", "queen", "mayor", "governor"})


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.score = [1.0] * n

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int, score: float) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[rj] = ri
            self.score[ri] = min(self.score[ri], self.score[rj], score)


def _block_keys(actor: LocalActor) -> set[str]:
    name = actor.full_name
    if actor.etype == "person":
        tokens = name_tokens(name)
        return {f"p:{skeleton(tokens[-1])[:2]}"} if tokens else set()
    # org and place share blocks: the small model tags one name either way ("Belarus", "Crimea")
    keys = {f"{'thing' if actor.etype in ('org', 'place') else actor.etype}:{normalise_org(name)[:2]}"}
    if actor.etype == "org":
        letters = name.replace(".", "").upper() if is_acronym(name) else acronym_of(name)
        keys.add(f"acr:{letters}")
    return keys


def _offices_conflict(a: LocalActor, b: LocalActor) -> bool:
    oa, ob = a.descriptors & OFFICES, b.descriptors & OFFICES
    return bool(oa) and bool(ob) and not (oa & ob)


def _pair_score(a: LocalActor, b: LocalActor) -> float:
    if a.etype != b.etype:
        # one name tagged org here and place there is one actor when spelled identically
        same_name = normalise_org(a.full_name) == normalise_org(b.full_name)
        return 1.0 if {a.etype, b.etype} == {"org", "place"} and same_name else 0.0
    score = max(variant_score(x, y, a.etype) for x in set(a.names) for y in set(b.names))
    if a.etype == "person":
        score = min(score, variant_score(a.full_name, b.full_name, "person"))
    if 0.0 < score < 1.0 and _offices_conflict(a, b):
        return 0.0
    return score


def merge_actors(actors: list[LocalActor]) -> list[dict[str, Any]]:
    """Canonical entities from the local actors of all articles.

    Args:
        actors: every article's actors (:func:`rashomon.entities.local.build_local_actors`).

    Returns:
        Entities (JSON-ready), most mentioned first: ``id``, ``name``, ``type``, ``variants``,
        ``mentions``, ``articles``, ``by_article`` (the names each article uses), ``descriptors``,
        ``score`` (the weakest name similarity that joined it; 1.0 for a single spelling).
    """
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, actor in enumerate(actors):
        for key in _block_keys(actor):
            blocks[key].append(i)
    uf = _UnionFind(len(actors))
    full_set = {i for i, a in enumerate(actors) if a.has_given_name}
    # actors with the same type and complete name are one actor: union them and compare one of each
    first_with: dict[tuple[str, str], int] = {}
    for i in sorted(full_set):
        same = (actors[i].etype, normalise_org(actors[i].full_name))
        if same in first_with:
            uf.union(first_with[same], i, 1.0)
        else:
            first_with[same] = i
    representatives = set(first_with.values())
    for members in blocks.values():
        complete = [i for i in members if i in representatives]
        for n, i in enumerate(complete):
            for j in complete[n + 1 :]:
                if uf.find(i) != uf.find(j):
                    score = _pair_score(actors[i], actors[j])
                    if score > 0:
                        uf.union(i, j, score)
    _attach_surnames(actors, blocks, full_set, uf)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(actors)):
        groups[uf.find(i)].append(i)
    entities = [_entity([actors[i] for i in members], uf.score[root]) for root, members in groups.items()]
    entities.sort(key=lambda e: (-len(e["mentions"]), e["name"]))
    _assign_ids(entities)
    return entities


def _attach_surnames(
    actors: list[LocalActor], blocks: dict[str, list[int]], full_set: set[int], uf: _UnionFind
) -> None:
    """Surname-only persons join the single full-name entity that matches, or each other."""
    for members in blocks.values():
        for i in members:
            if i in full_set:
                continue
            roots = {
                uf.find(j): j for j in members if j in full_set and _pair_score(actors[i], actors[j]) > 0
            }
            if len(roots) == 1:
                ((root, j),) = roots.items()
                uf.union(root, i, _pair_score(actors[i], actors[j]))
            elif not roots:
                for j in members:
                    if j != i and j not in full_set and _pair_score(actors[i], actors[j]) > 0:
                        uf.union(j, i, _pair_score(actors[i], actors[j]))


def _entity(members: list[LocalActor], score: float) -> dict[str, Any]:
    names: Counter[str] = Counter()
    by_article: dict[str, list[str]] = defaultdict(list)
    mentions: list[dict[str, Any]] = []
    descriptors: set[str] = set()
    types: Counter[str] = Counter()
    for actor in members:
        names.update(actor.names)
        types.update(actor.type_votes)
        descriptors |= actor.descriptors
        for m in actor.mentions:
            mentions.append(
                {"article": actor.article, "start": m.start, "end": m.end, "text": m.text, "kind": m.kind}
            )
            if m.kind != "role" and m.text not in by_article[actor.article]:
                by_article[actor.article].append(m.text)
    # actors are typed person when any full name was; org/place ties between tags go to the majority
    etype = "person" if any(a.etype == "person" for a in members) else max(types, key=lambda t: types[t])
    name = max(names, key=lambda n: (_completeness(n, etype), names[n], len(n)))
    mentions.sort(key=lambda m: (m["article"], m["start"]))
    return {
        "id": "",
        "name": name,
        "type": etype,
        "variants": sorted(names, key=lambda n: (-names[n], n)),
        "mentions": mentions,
        "articles": sorted(by_article),
        "by_article": dict(sorted(by_article.items())),
        "descriptors": sorted(descriptors),
        "score": round(score, 3),
    }


def _completeness(name: str, etype: str) -> int:
    if etype == "person":
        return len(name_tokens(name))
    return 0 if is_acronym(name) else len(name.split())


def _assign_ids(entities: Iterable[dict[str, Any]]) -> None:
    """Readable stable ids: ``person:kassym-jomart-tokayev`` (``-2``… on a clash)."""
    seen: Counter[str] = Counter()
    for entity in entities:
        slug = re.sub(r"[^a-z0-9]+", "-", unidecode(entity["name"]).lower()).strip("-") or "x"
        base = f"{entity['type']}:{slug}"
        seen[base] += 1
        entity["id"] = base if seen[base] == 1 else f"{base}-{seen[base]}"
