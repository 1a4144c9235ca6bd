"""Group labels of different outlets resolved by referent: merged when they name the same crowd,
kept apart when they name different groups (rashomon.framing.referents and its use in designations)."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from rashomon.framing.designations import find_designations, resolve_designations
from rashomon.framing.referents import GroupItem, aligned_pairs, cannot_links, cluster_referents, masked
from rashomon.framing.stage import actor_mentions
from rashomon.model import Article
from rashomon.nlp import sentence_vectors, spacy_doc
from rashomon.offsets import OffsetMap
from rashomon.pipeline import StageContext

# one invented event told by three invented outlets: each names the crowd differently, all name the
# officers the same way, and one also mentions farmers who have nothing to do with the clashes
STORY = {
    "a": (
        "Harbour Daily",
        "Thousands of protesters marched on the town hall in Ostrava Nova on Tuesday. "
        "Officers fired tear gas at the protesters near the fountain square. "
        "The protesters demanded the resignation of mayor Ilan Brecht, who fled the city. "
        "Several officers were injured when stones were thrown.",
    ),
    "b": (
        "Coastal Wire",
        "Rioters stormed the town hall in Ostrava Nova on Tuesday and set it on fire. "
        "Armed officers used tear gas against the rioters near the fountain square. "
        "The rioters wanted mayor Ilan Brecht to resign. "
        "The officers arrested dozens of people by the evening.",
    ),
    "c": (
        "Valley Voice",
        "On Tuesday a crowd of hooligans seized the town hall of Ostrava Nova. "
        "The hooligans shouted slogans against mayor Ilan Brecht and smashed windows. "
        "Officers dispersed the crowd with tear gas in the square. "
        "Local farmers complained that the harvest fair was cancelled.",
    ),
}


@pytest.fixture(scope="module")
def resolved() -> dict[str, dict[str, str]]:
    articles = [Article(k, k, t, t, OffsetMap.identity(len(t)), outlet=o) for k, (o, t) in STORY.items()]
    ctx = StageContext()
    mentions = actor_mentions(articles, ctx)
    found = {a.id: find_designations(a.text, spacy_doc(a, ctx), mentions[a.id]) for a in articles}
    vectors = {a.id: sentence_vectors(a, ctx) for a in articles}
    out = resolve_designations(found, vectors, mentions)
    return {aid: {d.lemma: actor for d, actor in items} for aid, items in out.items()}


def test_different_words_for_the_same_crowd_are_one_actor(resolved: dict[str, dict[str, str]]) -> None:
    crowd = {resolved["a"]["protester"], resolved["b"]["rioter"], resolved["c"]["hooligan"]}
    assert len(crowd) == 1


def test_officers_stay_apart_from_the_crowd_and_merge_across_outlets(
    resolved: dict[str, dict[str, str]],
) -> None:
    officers = {resolved[a]["officer"] for a in "abc"}
    assert len(officers) == 1
    assert officers.isdisjoint({resolved["a"]["protester"], resolved["b"]["rioter"]})


def test_an_unrelated_group_is_not_merged(resolved: dict[str, dict[str, str]]) -> None:
    assert resolved["c"]["farmer"] not in {resolved["c"]["hooligan"], resolved["c"]["officer"]}


def _item(article: str, lemma: str, vec: list[float], sentences: set[tuple[str, int, str]]) -> GroupItem:
    v = np.asarray(vec, dtype=np.float32)
    return GroupItem(article, lemma, v / np.linalg.norm(v), Counter(), set(), sentences)


def test_two_words_in_one_sentence_are_never_merged_even_with_identical_context() -> None:
    items = [
        _item("x", "guard", [1, 0, 0], {("x", 0, "agent")}),
        _item("x", "striker", [1, 0, 0], {("x", 0, "patient")}),
        _item("y", "worker", [1, 0.05, 0], {("y", 3, "patient")}),
    ]
    assert frozenset(("guard", "striker")) in cannot_links(items)
    labels = cluster_referents(items, threshold=0.9)
    assert labels[0] != labels[1]
    assert labels[2] in (labels[0], labels[1])


def test_aligned_passages_link_labels_in_the_same_role() -> None:
    items = [
        _item("s", "marcher", [1, 0, 0], {("s", 1, "agent")}),
        _item("t", "vandal", [0, 1, 0], {("t", 0, "agent")}),
        _item("t", "guard", [0, 0, 1], {("t", 0, "patient")}),
    ]
    sentences = {"s": [(0, 10), (11, 30)], "t": [(0, 25)]}
    reuse = [{"source": "s", "target": "t", "passages": [{"source_span": [11, 30], "target_span": [0, 25]}]}]
    pairs = aligned_pairs(items, reuse, sentences)
    assert pairs == {(0, 1)}
    assert cluster_referents(items, None) == [0, 1, 2]  # orthogonal contexts: nothing merges alone
    labels = cluster_referents(items, pairs, threshold=0.7)
    assert labels[0] == labels[1] != labels[2]


def test_masking_removes_the_word_direction() -> None:
    word = np.asarray([1.0, 0.0], dtype=np.float32)
    out = masked(np.asarray([0.8, 0.6], dtype=np.float32), word)
    assert abs(float(out @ word)) < 1e-6 and abs(float(np.linalg.norm(out)) - 1) < 1e-6
