"""Designations: the words each outlet uses for the actors of a story ("militants", "peacekeepers"...).

A general method, no word lists: find the noun phrases that refer to an actor and say what the actor
*is* in the writer's words, then group them into actors across outlets.

1. Linked designations (the dependency parse ties the phrase to a named actor): appositions
   ("Tokayev, the president"), copulas ("X is a terrorist group"), a title or noun right before a
   name ("President X"), and common-noun phrases an actor modifies ("CSTO troops", "Russian-led
   forces", "Putin's regime").
2. Group labels: plural common-noun phrases whose head denotes people (tested with MiniLM against
   generic anchors such as "people", not against a list of designations), e.g. "the protesters".
   A definite phrase is read as a later reference to the group introduced earlier (coreference-lite).
3. Grouping across outlets: a group label whose head word is linked to an actor elsewhere in the
   corpus joins that actor (shared entity links); the others are clustered by what they refer to,
   the MiniLM vectors of the sentences they occur in, so "protesters" in one outlet and
   "terrorists" in another, both in sentences about crowds clashing with police, form one actor.
"""

from __future__ import annotations

import bisect
import functools
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["ActorMention", "Designation", "cluster_groups", "designation_table", "find_designations"]

Floats = npt.NDArray[np.float32]
SentenceVectors = tuple[list[tuple[int, int]], Floats]
# generic anchors for "this noun denotes people rather than things": a contrastive semantic test
# (closer to the people anchors than to the thing anchors), not a list of designations
_PEOPLE_ANCHORS = ("people", "a group of people", "persons", "members of an organisation")
_THING_ANCHORS = ("things", "a place", "an idea", "an event", "objects")
PEOPLE_MARGIN = 0.01
GROUP_DISTANCE = 0.45
_MAX_WORDS = 6
_PREMODIFIERS = ("det", "predet", "compound", "amod", "nummod", "poss", "nmod", "npadvmod", "quantmod")


@dataclass(frozen=True, slots=True)
class ActorMention:
    """A mention of a known actor: ``actor`` is its canonical name (or entity id)."""

    actor: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Designation:
    """A noun phrase that designates an actor (or a group still to be resolved).

    Attributes:
        text: the phrase as written (determiners dropped).
        lemma: the lower-case lemma of its head, the key used to group phrases.
        start, end: its span in the article.
        actor: the linked actor, or None for a group label not yet resolved.
        via: how it was found: ``appos``, ``copula``, ``title``, ``modifier`` or ``group``.
    """

    text: str
    lemma: str
    start: int
    end: int
    actor: str | None
    via: str


def _phrase(token: Any) -> tuple[int, int] | None:
    """Character span of the noun phrase headed by ``token``, without determiners and clauses."""
    toks = [token]
    for child in token.children:
        if child.i < token.i and child.dep_ in _PREMODIFIERS:
            toks += list(child.subtree)
    toks.sort(key=lambda t: t.i)
    while (toks and toks[0].dep_ in ("det", "predet")) or (toks and toks[0].pos_ == "PUNCT"):
        toks = toks[1:]
    if not toks or len(toks) > _MAX_WORDS:
        return None
    first, last = min(t.i for t in toks), max(t.i for t in toks)
    doc = token.doc
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _actor_at(index: dict[int, str], token: Any) -> str | None:
    return index.get(token.i)


def _token_actor_index(doc: Any, mentions: Sequence[ActorMention]) -> dict[int, str]:
    index: dict[int, str] = {}
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            for t in span:
                index[t.i] = m.actor
    return index


def find_designations(text: str, doc: Any, mentions: Sequence[ActorMention]) -> list[Designation]:
    """Noun phrases that designate actors in one article (steps 1 and 2 of the module docstring).

    Args:
        text: the article's clean text.
        doc: its spaCy ``Doc`` (with parser).
        mentions: the known actor mentions.

    Returns:
        Designations in text order; group labels have ``actor=None``.
    """
    index = _token_actor_index(doc, mentions)
    found: dict[tuple[int, int], Designation] = {}

    def add(tok: Any, actor: str | None, via: str) -> None:
        span = _phrase(tok)
        if span is None or tok.pos_ != "NOUN" or tok.i in index:
            return
        phrase = text[span[0] : span[1]]
        if span not in found:
            found[span] = Designation(phrase, tok.lemma_.lower(), span[0], span[1], actor, via)

    for tok in doc:
        head = tok.head
        if tok.dep_ == "appos":
            if _actor_at(index, head):
                add(tok, _actor_at(index, head), "appos")
            elif _actor_at(index, tok):
                add(head, _actor_at(index, tok), "appos")
        elif tok.dep_ == "attr" and head.lemma_ == "be":
            subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj and _actor_at(index, subj[0]):
                add(tok, _actor_at(index, subj[0]), "copula")
        elif tok.dep_ == "compound" and _actor_at(index, head) and tok.i not in index and tok.pos_ == "NOUN":
            found.setdefault(
                (tok.idx, tok.idx + len(tok)),
                Designation(
                    tok.text, tok.lemma_.lower(), tok.idx, tok.idx + len(tok), index[head.i], "title"
                ),
            )
        elif tok.pos_ == "NOUN" and tok.i not in index:
            owner = _modifier_actor(tok, index)
            if owner:
                add(tok, owner, "modifier")
    for chunk in doc.noun_chunks:
        root = chunk.root
        if root.pos_ == "NOUN" and root.tag_ in ("NNS", "NNPS") and root.i not in index:
            add(root, None, "group")
    return sorted(found.values(), key=lambda d: d.start)


def _modifier_actor(tok: Any, index: dict[int, str]) -> str | None:
    """The actor named inside the modifiers of a common noun ("CSTO troops", "Russian-led forces")."""
    for child in tok.children:
        if child.dep_ not in ("compound", "amod", "poss", "nmod", "npadvmod"):
            continue
        for t in child.subtree:
            if t.i in index:
                return index[t.i]
    return None


_PEOPLE_CACHE: dict[str, bool] = {}


def denotes_people(lemmas: Sequence[str]) -> set[str]:
    """The noun lemmas nearer the "people" anchors than the "thing" anchors by ``PEOPLE_MARGIN`` (one batch)."""
    todo = sorted({lem for lem in lemmas if lem not in _PEOPLE_CACHE})
    if todo:
        from rashomon.nlp import embed

        people, things = _anchor_vectors()
        vecs = embed([f"the {lem}" for lem in todo])
        margin = (vecs @ people.T).max(axis=1) - (vecs @ things.T).max(axis=1)
        for lem, m in zip(todo, margin, strict=True):
            _PEOPLE_CACHE[lem] = float(m) > PEOPLE_MARGIN
    return {lem for lem in lemmas if _PEOPLE_CACHE[lem]}


@functools.cache
def _anchor_vectors() -> tuple[Floats, Floats]:
    from rashomon.nlp import embed

    return embed(list(_PEOPLE_ANCHORS)), embed(list(_THING_ANCHORS))


def cluster_groups(
    items: Sequence[tuple[str, str]], vectors: Floats, threshold: float = GROUP_DISTANCE
) -> list[int]:
    """Cluster group labels by the context they occur in (average linkage on cosine distance).

    Args:
        items: ``(article_id, lemma)`` of each group label.
        vectors: one unit context vector per item.
        threshold: largest average cosine distance inside a cluster.

    Returns:
        A cluster index per item.
    """
    if len(items) <= 1:
        return [0] * len(items)
    from scipy.cluster.hierarchy import fcluster, linkage

    dist = np.clip(1.0 - vectors @ vectors.T, 0.0, 2.0)
    same_lemma = np.asarray([[a[1] == b[1] for b in items] for a in items])
    dist = np.where(same_lemma, dist * 0.5, dist)  # the same word is more likely the same referent
    np.fill_diagonal(dist, 0.0)
    cond = dist[np.triu_indices(len(items), k=1)]
    labels = fcluster(linkage(cond, method="average"), t=threshold, criterion="distance")
    return [int(x) - 1 for x in labels]


def designation_table(
    per_article: dict[str, list[Designation]],
    outlets: dict[str, str],
    sentence_vectors: dict[str, SentenceVectors],
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, Any]]:
    """Resolve group labels to actors and build the per-article lists and the outlet × actor table.

    Args:
        per_article: designations found in each article.
        outlets: the outlet (or label) of each article.
        sentence_vectors: each article's sentence spans and vectors (``rashomon.nlp.sentence_vectors``).

    Returns:
        ``(per_article_output, table)`` where each per-article output is
        ``[{actor, words: [{text, span, count, via}]}]`` and the table is
        ``{actors, outlets, cells: {actor: {outlet: [words]}}}``.
    """
    resolved = _resolve(per_article, sentence_vectors)
    out: dict[str, list[dict[str, Any]]] = {}
    cells: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for aid, items in resolved.items():
        by_actor: dict[str, list[tuple[Designation, str]]] = defaultdict(list)
        for d, actor in items:
            by_actor[actor].append((d, actor))
            cells[actor][outlets.get(aid, aid)][d.text.lower()] += 1
        out[aid] = [_article_entry(actor, [d for d, _ in ds]) for actor, ds in sorted(by_actor.items())]
    # an actor worth a row is named by at least two outlets, or often by one
    actors = sorted(
        cells, key=lambda a: (-len(cells[a]), -sum(sum(c.values()) for c in cells[a].values()), a)
    )
    actors = [a for a in actors if len(cells[a]) >= 2 or sum(sum(c.values()) for c in cells[a].values()) >= 3]
    table = {
        "actors": actors,
        "outlets": sorted(set(outlets.values())),
        "cells": {
            a: {o: [w for w, _ in c.most_common()] for o, c in sorted(cells[a].items())} for a in actors
        },
    }
    return out, table


def _article_entry(actor: str, ds: list[Designation]) -> dict[str, Any]:
    counts: Counter[str] = Counter(d.text.lower() for d in ds)
    first: dict[str, Designation] = {}
    for d in ds:
        first.setdefault(d.text.lower(), d)
    words = [
        {"text": first[w].text, "span": [first[w].start, first[w].end], "count": n, "via": first[w].via}
        for w, n in counts.most_common()
    ]
    return {"actor": actor, "words": words}


def _resolve(
    per_article: dict[str, list[Designation]], sentence_vectors: dict[str, SentenceVectors]
) -> dict[str, list[tuple[Designation, str]]]:
    # a modifier ties a noun to an actor ("CSTO troops") but also things it owns ("Russia's economy"):
    # keep only nouns for people, and those to be grouped
    people = denotes_people(
        [d.lemma for ds in per_article.values() for d in ds if d.via in ("modifier", "group")]
    )
    kept = {
        aid: [d for d in ds if d.via not in ("modifier", "group") or d.lemma in people]
        for aid, ds in per_article.items()
    }
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for ds in kept.values():
        for d in ds:
            if d.actor is not None:
                votes[d.lemma][d.actor] += 1
    out: dict[str, list[tuple[Designation, str]]] = {aid: [] for aid in per_article}
    pending: dict[tuple[str, str], list[Designation]] = defaultdict(list)
    for aid, ds in kept.items():
        for d in ds:
            if d.actor is not None:
                out[aid].append((d, d.actor))
            elif votes.get(d.lemma):
                out[aid].append((d, votes[d.lemma].most_common(1)[0][0]))
            else:
                pending[(aid, d.lemma)].append(d)
    items = sorted(pending)
    if not items:
        return out
    vecs = np.stack(
        [_context(sentence_vectors.get(a), [d.start for d in pending[(a, lem)]]) for a, lem in items]
    )
    clusters = cluster_groups(items, vecs)
    names: dict[int, str] = {}
    for c in set(clusters):
        lemmas = Counter(
            lem for (a, lem), k in zip(items, clusters, strict=True) if k == c for _ in pending[(a, lem)]
        )
        names[c] = " / ".join(w for w, _ in lemmas.most_common(2))
    for (aid, lem), c in zip(items, clusters, strict=True):
        out[aid] += [(d, names[c]) for d in pending[(aid, lem)]]
    return out


def _context(sv: SentenceVectors | None, starts: list[int]) -> Floats:
    """Unit mean of the vectors of the sentences holding the offsets ``starts``."""
    if sv is None or len(sv[1]) == 0:
        return np.zeros(384, dtype=np.float32)
    spans, vectors = sv
    ends = [b for _, b in spans]
    rows = [vectors[min(bisect.bisect_right(ends, s), len(vectors) - 1)] for s in starts]
    v = np.mean(rows, axis=0)
    return np.asarray(v / max(float(np.linalg.norm(v)), 1e-12), dtype=np.float32)
