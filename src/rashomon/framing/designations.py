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
   corpus joins that actor (shared entity links); the others are resolved by referent, by what the
   sentences around them say (:mod:`rashomon.framing.referents`: masked MiniLM context, the same role
   toward the same predicates, the same named actors around, aligned passages of the reuse stage;
   two labels in one sentence are kept apart), so "protesters" in one outlet and "rioters" in
   another, both storming the same building, form one actor while "police" stays another.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from rashomon.framing.referents import GroupItem, aligned_pairs, cluster_referents, masked, sentence_index

__all__ = [
    "ActorMention",
    "Designation",
    "cluster_groups",
    "designation_table",
    "find_designations",
    "resolve_designations",
]

Floats = npt.NDArray[np.float32]
SentenceVectors = tuple[list[tuple[int, int]], Floats]
# generic anchors for "this noun denotes people rather than things": a contrastive semantic test
# (closer to the people anchors than to the thing anchors), not a list of designations
_PEOPLE_ANCHORS = ("people", "a group of people", "persons", "members of an organisation")
_THING_ANCHORS = ("things", "a place", "an idea", "an event", "objects")
PEOPLE_MARGIN = 0.05
GROUP_DISTANCE = 0.45
_MAX_WORDS = 6
_QUOTE_CHARS = "\"'“”‘’«»„.,;:!?()"
_NUMERIC_ENTS = ("CARDINAL", "QUANTITY", "PERCENT", "MONEY", "DATE", "TIME", "ORDINAL")
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
        frame: ``predicate:role`` of the phrase in its clause (``storm:agent``, ``disperse:patient``,
            ``:other``), what referent resolution compares across outlets.
        partners: the other participants of that predicate with this phrase's role
            (``hall@agent`` in "the crowd stormed the town hall").
    """

    text: str
    lemma: str
    start: int
    end: int
    actor: str | None
    via: str
    frame: str = ""
    partners: tuple[str, ...] = ()


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
        common = tok.pos_ == "NOUN" or (tok.tag_ == "NNPS" and not tok.ent_type_)
        if span is None or not common or tok.i in index or tok.ent_type_ in _NUMERIC_ENTS:
            return
        phrase = text[span[0] : span[1]]
        if span not in found:
            frame, partners = _frame(tok)
            found[span] = Designation(
                phrase, tok.lemma_.lower(), span[0], span[1], actor, via, frame, partners
            )

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
        plural = root.tag_ == "NNS" or (root.tag_ == "NNPS" and not root.ent_type_)
        if root.pos_ in ("NOUN", "PROPN") and plural and root.i not in index:
            add(root, None, "group")
    return sorted(found.values(), key=lambda d: d.start)


def _frame(tok: Any) -> tuple[str, tuple[str, ...]]:
    """``predicate:role`` of a noun (agent or patient of its verb, else ``:other``) and its partners."""
    arg = tok
    for _ in range(3):  # "X and the protesters", "thousands of protesters" take the role of their head
        if arg.dep_ in ("conj", "appos") and arg.head is not arg:
            arg = arg.head
        elif arg.dep_ == "pobj" and arg.head.lemma_ == "of" and arg.head.head.pos_ in ("NOUN", "NUM"):
            arg = arg.head.head
    head = arg.head
    if arg.dep_ in ("nsubj", "csubj") and head.pos_ in ("VERB", "AUX"):
        verb, role = head, "agent"
    elif arg.dep_ in ("nsubjpass", "dobj", "dative", "obj"):
        verb, role = head, "patient"
    elif arg.dep_ == "pobj" and head.dep_ == "agent":
        verb, role = head.head, "agent"
    elif arg.dep_ == "pobj" and head.head.pos_ == "VERB":
        verb, role = head.head, head.lemma_.lower()
    else:
        return ":other", ()
    return f"{verb.lemma_.lower()}:{role}", tuple(sorted(f"{p}@{role}" for p in _partners(verb, arg)))


def _partners(verb: Any, arg: Any) -> set[str]:
    """Lemmas of the other noun arguments of ``verb`` (subject, objects, objects of its prepositions)."""
    out: set[str] = set()
    for child in verb.children:
        cands = [child] if child.dep_ in ("nsubj", "nsubjpass", "dobj", "dative", "obj") else []
        if child.dep_ in ("prep", "agent"):
            cands = [g for g in child.children if g.dep_ == "pobj"]
        out |= {c.lemma_.lower() for c in cands if c.i != arg.i and c.pos_ in ("NOUN", "PROPN")}
    return out


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
_LEMMA_VECTORS: dict[str, Floats] = {}


def denotes_people(lemmas: Sequence[str], forms: Mapping[str, str] | None = None) -> set[str]:
    """The nouns nearer the "people" anchors than the "thing" anchors by ``PEOPLE_MARGIN`` (one batch).

    Args:
        lemmas: head lemmas to test.
        forms: the word as written for some lemmas (a plural reads as people far more clearly than
            its singular: "the hooligans" vs "the hooligan").

    Returns:
        The lemmas that denote people.
    """
    todo = sorted({lem for lem in lemmas if lem not in _PEOPLE_CACHE})
    if todo:
        from rashomon.nlp import embed

        people, things = _anchor_vectors()
        vecs = embed([f"the {(forms or {}).get(lem, lem)}" for lem in todo])
        margin = (vecs @ people.T).max(axis=1) - (vecs @ things.T).max(axis=1)
        for lem, m, v in zip(todo, margin, vecs, strict=True):
            _PEOPLE_CACHE[lem] = float(m) > PEOPLE_MARGIN
            _LEMMA_VECTORS[lem] = np.asarray(v, dtype=np.float32)
    return {lem for lem in lemmas if _PEOPLE_CACHE[lem]}


def _head_forms(per_article: Mapping[str, Sequence[Designation]]) -> dict[str, str]:
    forms: dict[str, str] = {}
    for ds in per_article.values():
        for d in ds:
            word = d.text.split()[-1].strip(_QUOTE_CHARS).lower() if d.text.split() else ""
            if word and (d.lemma not in forms or word != d.lemma):
                forms[d.lemma] = word
    return forms


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
    resolved: dict[str, list[tuple[Designation, str]]] | None = None,
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, Any]]:
    """Resolve group labels to actors and build the per-article lists and the outlet × actor table.

    Args:
        per_article: designations found in each article.
        outlets: the outlet (or label) of each article.
        sentence_vectors: each article's sentence spans and vectors (``rashomon.nlp.sentence_vectors``).
        resolved: the output of :func:`resolve_designations` when already computed (else it is
            computed here from the sentence vectors alone).

    Returns:
        ``(per_article_output, table)`` where each per-article output is
        ``[{actor, group, words: [{text, span, count, via}]}]`` and the table is
        ``{actors, groups, outlets, cells: {actor: {outlet: [words]}}}``; ``group`` is true for an
        actor found only through context (no named actor).
    """
    if resolved is None:
        resolved = resolve_designations(per_article, sentence_vectors)
    named = {d.actor for ds in per_article.values() for d in ds if d.actor is not None}
    out: dict[str, list[dict[str, Any]]] = {}
    cells: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for aid, items in resolved.items():
        by_actor: dict[str, list[tuple[Designation, str]]] = defaultdict(list)
        for d, actor in items:
            by_actor[actor].append((d, actor))
            cells[actor][outlets.get(aid, aid)][d.text.lower()] += 1
        out[aid] = [
            _article_entry(actor, [d for d, _ in ds], actor not in named)
            for actor, ds in sorted(by_actor.items())
        ]
    # an actor worth a row is named by at least two outlets, or often by one
    actors = sorted(
        cells, key=lambda a: (-len(cells[a]), -sum(sum(c.values()) for c in cells[a].values()), a)
    )
    actors = [a for a in actors if len(cells[a]) >= 2 or sum(sum(c.values()) for c in cells[a].values()) >= 3]
    table = {
        "actors": actors,
        "groups": [a for a in actors if a not in named],
        "outlets": sorted(set(outlets.values())),
        "cells": {
            a: {o: [w for w, _ in c.most_common()] for o, c in sorted(cells[a].items())} for a in actors
        },
    }
    return out, table


def _article_entry(actor: str, ds: list[Designation], group: bool = False) -> dict[str, Any]:
    counts: Counter[str] = Counter(d.text.lower() for d in ds)
    first: dict[str, Designation] = {}
    for d in ds:
        first.setdefault(d.text.lower(), d)
    words = [
        {"text": first[w].text, "span": [first[w].start, first[w].end], "count": n, "via": first[w].via}
        for w, n in counts.most_common()
    ]
    return {"actor": actor, "group": group, "words": words}


def resolve_designations(
    per_article: dict[str, list[Designation]],
    sentence_vectors: dict[str, SentenceVectors],
    mentions: dict[str, list[ActorMention]] | None = None,
    reuse: Any = None,
) -> dict[str, list[tuple[Designation, str]]]:
    """The actor each designation refers to (step 3 of the module docstring).

    Args:
        per_article: designations found in each article.
        sentence_vectors: each article's sentence spans and vectors.
        mentions: named-actor mentions per article (the company a group keeps), optional.
        reuse: the reuse stage's output (aligned passages), optional.

    Returns:
        Per article, ``(designation, actor)`` for every kept designation; a group found only
        through context is named by its two most used head words (``"protester / rioter"``).
    """
    # a modifier ties a noun to an actor ("CSTO troops") but also things it owns ("Russia's economy"):
    # keep only nouns for people, and those to be grouped
    people = denotes_people(
        [d.lemma for ds in per_article.values() for d in ds if d.via in ("modifier", "group")],
        _head_forms(per_article),
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
    keys = sorted(pending)
    if not keys:
        return out
    items = [_group_item(aid, lem, pending[(aid, lem)], sentence_vectors, mentions) for aid, lem in keys]
    spans = {aid: sv[0] for aid, sv in sentence_vectors.items()}
    clusters = cluster_referents(items, aligned_pairs(items, reuse, spans))
    names: dict[int, str] = {}
    for c in set(clusters):
        lemmas = Counter(
            lem for (a, lem), k in zip(keys, clusters, strict=True) if k == c for _ in pending[(a, lem)]
        )
        names[c] = " / ".join(w for w, _ in lemmas.most_common(2))
    for (aid, lem), c in zip(keys, clusters, strict=True):
        out[aid] += [(d, names[c]) for d in pending[(aid, lem)]]
    return out


def _group_item(
    aid: str,
    lemma: str,
    ds: list[Designation],
    sentence_vectors: dict[str, SentenceVectors],
    mentions: dict[str, list[ActorMention]] | None,
) -> GroupItem:
    """The context, frames, company and sentences of one group label in one article."""
    sv = sentence_vectors.get(aid)
    word = _LEMMA_VECTORS.get(lemma)
    item = GroupItem(aid, lemma, np.zeros(384, dtype=np.float32))
    if sv is None or len(sv[1]) == 0:
        item.frames.update(d.frame for d in ds if d.frame and not d.frame.startswith(":"))
        item.frames.update(p for d in ds for p in d.partners)
        return item
    spans, vectors = sv
    rows = []
    for d in ds:
        idx = sentence_index(spans, d.start)
        vec = vectors[idx]
        rows.append(masked(vec, word) if word is not None else vec)
        role = d.frame.split(":")[-1] if d.frame else "other"
        item.sentences.add((aid, idx, role))
        if d.frame and not d.frame.startswith(":"):
            item.frames[d.frame] += 1
        item.frames.update(d.partners)
        lo, hi = spans[idx]
        item.company |= {m.actor for m in (mentions or {}).get(aid, []) if lo <= m.start < hi}
    v = np.mean(rows, axis=0)
    item.context = np.asarray(v / max(float(np.linalg.norm(v)), 1e-12), dtype=np.float32)
    return item
