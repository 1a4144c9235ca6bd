"""Claims across articles: the same fact in different words, its independent sources, its conflicts.

Sentences are compared only when they share a blocking key (an entity, a normalised name, a number),
and keys held by too many sentences are dropped, so the work grows about linearly with the corpus.
Two check-worthy sentences state the same fact when their MiniLM vectors are close, or fairly close
and they share a number. Independent support collapses every article onto its reuse component
(union-find over copy/rewrite/shared-source links): an article and its rewrite are one source.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from rashomon.claims.contradictions import Statement, contradiction_pairs
from rashomon.claims.quantities import extract_quantities, is_year

__all__ = ["UnionFind", "build_statements", "candidate_pairs", "group_claims", "reuse_components"]

SAME_FACT = 0.78  # cosine above which two sentences restate one fact
SAME_FACT_WITH_NAMES = 0.7  # lower bar when they name two of the same actors or places
SAME_FACT_WITH_NUMBER = 0.6  # lower bar when they also share a non-year number
GROUP_MEAN = 0.68  # mean similarity two groups need to merge (stops A~B~C chains of drifting topics)
MAX_BLOCK = 200  # a key shared by more sentences than this is too common to block on
_PRONOUN_START = re.compile(r"^(?:they|he|she|it|this|these|those|the (?:force|troops|group))\b", re.I)
_NAME = re.compile(r"\b[A-Z][\w'’-]*[a-z][\w'’-]*\b|\b[A-Z]{2,6}\b")
_COMMON_WORD_ZIPF = 4.5  # a capitalised sentence opener this frequent is an ordinary word, not a name
# collective actors news reports act on behalf of; they key "the troops" to "troops" in another outlet
_ACTOR_NOUNS = frozenset(
    [
        "troops",
        "soldiers",
        "forces",
        "army",
        "military",
        "police",
        "officers",
        "protesters",
        "demonstrators",
        "militants",
        "rebels",
        "fighters",
        "peacekeepers",
        "personnel",
        "government",
        "authorities",
        "officials",
        "ministry",
        "parliament",
        "court",
        "prosecutors",
        "company",
        "workers",
        "residents",
        "refugees",
        "civilians",
        "alliance",
    ]
)
# number conflicts rest on matched counted nouns; negation and action ones on looser cues
_CONFIDENCE = {"number": 0.8, "negation": 0.6, "action": 0.55}


class UnionFind:
    """Disjoint sets over hashable items (path halving, union by first-seen root)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def reuse_components(links: Iterable[Mapping[str, Any]]) -> tuple[UnionFind, set[str]]:
    """Union-find over reuse links, and the set of articles that are a link's target (derived).

    Every relation (copy, rewrite, shared source) joins its two articles: none of them is an
    independent source for the other.
    """
    uf = UnionFind()
    derived: set[str] = set()
    for link in links:
        source, target = str(link.get("source")), str(link.get("target"))
        if source and target and source != "None" and target != "None":
            uf.union(source, target)
            if link.get("relation") != "shared_source":
                derived.add(target)
    return uf, derived


def independent_sources(articles: Iterable[str], uf: UnionFind, derived: set[str]) -> list[str]:
    """One article per reuse component among ``articles``: its source when present, else the first."""
    by_root: dict[str, list[str]] = defaultdict(list)
    for a in sorted(set(articles)):
        by_root[uf.find(a)].append(a)
    chosen = []
    for members in by_root.values():
        originals = [m for m in members if m not in derived]
        chosen.append((originals or members)[0])
    return sorted(chosen)


def _name_key(word: str) -> str:
    folded = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()
    folded = re.sub(r"['’]s$", "", folded)
    # a 5-letter prefix keys "Kazakh"/"Kazakhstan" and spelling variants that share their start
    return "n:" + folded[:5]


def _opens_sentence(text: str, start: int) -> bool:
    return not text[:start].strip(" \t\n\"'“‘«(")


@functools.cache
def _is_common_word(word: str) -> bool:
    from wordfreq import zipf_frequency

    return word.isupper() is False and zipf_frequency(word.lower(), "en") >= _COMMON_WORD_ZIPF


def sentence_keys(text: str, entity_ids: Iterable[str]) -> set[str]:
    """Blocking/subject keys of a sentence: entity ids, name prefixes and collective actor nouns."""
    keys = {f"e:{e}" for e in entity_ids}
    for m in _NAME.finditer(text):
        if len(m.group()) < 3 or (_opens_sentence(text, m.start()) and _is_common_word(m.group())):
            continue
        keys.add(_name_key(m.group()))
    keys.update(f"a:{w}" for w in re.findall(r"[a-z]+", text.lower()) if w in _ACTOR_NOUNS)
    return keys


def build_statements(
    sentences: Sequence[tuple[str, int, int, str]],
    vectors: np.ndarray[Any, Any],
    entity_ids: Sequence[Iterable[str]],
    previous: Sequence[str],
) -> list[Statement]:
    """Statements from ``(article, start, end, text)`` rows, their vectors, entities and previous sentence."""
    out = []
    for i, (article, start, end, text) in enumerate(sentences):
        keys = sentence_keys(text, entity_ids[i])
        context = previous[i] if _PRONOUN_START.match(text) else ""
        if context:
            keys |= {k for k in sentence_keys(context, ()) if k.startswith("a:")}
        out.append(
            Statement(
                i,
                article,
                start,
                end,
                text,
                vectors[i],
                frozenset(keys),
                tuple(extract_quantities(text)),
                context,
            )
        )
    return out


def _number_keys(s: Statement) -> set[str]:
    return {f"q:{q.value:g}" for q in s.quantities if not is_year(q, s.text) and q.value >= 2}


def _year_keys(s: Statement) -> set[str]:
    return {f"y:{q.value:g}" for q in s.quantities if is_year(q, s.text)}


def candidate_pairs(statements: Sequence[Statement]) -> list[tuple[int, int]]:
    """Index pairs of statements that share a blocking key (keys held by > MAX_BLOCK are skipped)."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(statements):
        for key in s.keys | _number_keys(s) | _year_keys(s):
            blocks[key].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) <= MAX_BLOCK:
            pairs.update(itertools.combinations(members, 2))
    return sorted(pairs)


def _same_fact(a: Statement, b: Statement) -> float | None:
    sim = float(np.dot(a.vector, b.vector))
    names = {k for k in a.keys & b.keys if k.startswith(("n:", "e:"))}
    if (
        sim >= SAME_FACT
        or (sim >= SAME_FACT_WITH_NAMES and len(names) >= 2)
        or (sim >= SAME_FACT_WITH_NUMBER and _number_keys(a) & _number_keys(b))
    ):
        return sim
    return None


def _merge_same_facts(
    statements: Sequence[Statement],
    is_claim: Sequence[bool],
    pairs: Sequence[tuple[int, int]],
    conflicting: set[tuple[int, int]],
) -> dict[str, list[int]]:
    """Average-linkage merging of same-fact pairs, strongest first, so groups do not chain apart.

    Two groups holding statements that contradict each other are never merged.
    """
    matches = []
    for i, j in pairs:
        if is_claim[i] and is_claim[j]:
            sim = _same_fact(statements[i], statements[j])
            if sim is not None:
                matches.append((sim, i, j))
    members: dict[str, list[int]] = {str(i): [i] for i in range(len(statements)) if is_claim[i]}
    uf = UnionFind()
    for sim, i, j in sorted(matches, key=lambda m: (-m[0], m[1], m[2])):
        ri, rj = uf.find(str(i)), uf.find(str(j))
        if ri == rj:
            continue
        a = np.stack([statements[k].vector for k in members[ri]])
        b = np.stack([statements[k].vector for k in members[rj]])
        if float((a @ b.T).mean()) < min(GROUP_MEAN, sim) - 0.02:
            continue
        if any((min(x, y), max(x, y)) in conflicting for x in members[ri] for y in members[rj]):
            continue
        uf.union(ri, rj)
        members[ri] = members[ri] + members.pop(rj)
    return members


def group_claims(
    statements: Sequence[Statement],
    scores: Sequence[float],
    is_claim: Sequence[bool],
    links: Iterable[Mapping[str, Any]],
) -> list[dict[str, Any]]:
    """Claim groups with support, independent support, status and contradictions.

    Args:
        statements: every sentence considered (claims and context sentences).
        scores: check-worthiness of each statement (0..1).
        is_claim: which statements are check-worthy claims (the others can only contradict).
        links: the reuse stage's links (may be empty).

    Returns:
        Groups as JSON-ready dicts, most-supported first (see docs/analysis-schema.md, section claims).
    """
    pairs = candidate_pairs(statements)
    all_conflicts = contradiction_pairs(statements, pairs)
    members = _merge_same_facts(statements, is_claim, pairs, {(i, j) for i, j, _ in all_conflicts})
    group_of = {i: root for root, idx in members.items() for i in idx}
    conflicts = [(i, j, c) for i, j, c in all_conflicts if i in group_of or j in group_of]
    reuse_uf, derived = reuse_components(links)
    ordered = sorted(members.values(), key=lambda idx: (-len({statements[i].article for i in idx}), idx[0]))
    ids = {group_of[idx[0]]: f"claim-{n + 1}" for n, idx in enumerate(ordered)}
    groups = [
        _group_json(ids[group_of[idx[0]]], idx, statements, scores, reuse_uf, derived) for idx in ordered
    ]
    by_id = {g["id"]: g for g in groups}
    for i, j, conflict in conflicts:
        _attach_conflict(by_id, ids, group_of, statements, i, j, conflict)
    for g in groups:
        if g["contradictions"]:
            g["status"] = "contested"
    return groups


def _member_json(s: Statement, score: float) -> dict[str, Any]:
    return {"article": s.article, "text": s.text, "span": [s.start, s.end], "score": round(score, 4)}


def _group_json(
    gid: str,
    idx: list[int],
    statements: Sequence[Statement],
    scores: Sequence[float],
    uf: UnionFind,
    derived: set[str],
) -> dict[str, Any]:
    support = sorted({statements[i].article for i in idx})
    independent = independent_sources(support, uf, derived)
    # the group reads in the words of a source, not of a copy that may have changed them
    best = max(idx, key=lambda i: (statements[i].article in independent, scores[i], -i))
    return {
        "id": gid,
        "text": statements[best].text,
        "score": round(float(max(scores[i] for i in idx)), 4),
        "members": [_member_json(statements[i], scores[i]) for i in idx],
        "support": support,
        "independent_support": independent,
        "status": "corroborated" if len(independent) >= 2 else "single-source",
        "contradictions": [],
    }


def _attach_conflict(
    by_id: dict[str, dict[str, Any]],
    ids: Mapping[str, str],
    group_of: Mapping[int, str],
    statements: Sequence[Statement],
    i: int,
    j: int,
    conflict: dict[str, Any],
) -> None:
    for own, other, own_span, other_span in ((i, j, 0, 1), (j, i, 1, 0)):
        if own not in group_of:
            continue
        entry = {
            "type": conflict["type"],
            "reason": conflict["reason"],
            "confidence": _CONFIDENCE[conflict["type"]],
            "article": statements[own].article,
            "span": list(conflict["spans"][own_span]),
            "text": statements[own].text,
            "other_article": statements[other].article,
            "other_span": list(conflict["spans"][other_span]),
            "other_text": statements[other].text,
            "other_claim": ids[group_of[other]] if other in group_of else None,
        }
        by_id[ids[group_of[own]]]["contradictions"].append(entry)
