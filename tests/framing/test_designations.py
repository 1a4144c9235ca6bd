"""Designations: phrases tied to actors by the parse, group labels clustered by context."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from rashomon.framing.designations import (
    ActorMention,
    Designation,
    cluster_groups,
    designation_table,
    find_designations,
)
from rashomon.nlp import spacy_pipeline

TEXT = (
    "Marlow Quint, the harbour commissioner, met reporters on Monday. "
    "Quint is a former smuggler. "
    "Velora troops guarded the docks while fishermen blocked the road."
)


@pytest.fixture(scope="module")
def doc() -> Any:
    return spacy_pipeline()(TEXT)


def _mentions() -> list[ActorMention]:
    out = []
    for name, actor in (("Marlow Quint", "Quint"), ("Quint is", "Quint"), ("Velora", "Velora")):
        s = TEXT.index(name)
        out.append(ActorMention(actor, s, s + len(name.split(" is")[0])))
    return out


def test_apposition_copula_and_modifier_are_linked(doc: Any) -> None:
    found = {(d.text, d.actor, d.via) for d in find_designations(TEXT, doc, _mentions())}
    assert ("harbour commissioner", "Quint", "appos") in found
    assert ("former smuggler", "Quint", "copula") in found
    assert ("Velora troops", "Velora", "modifier") in found


def test_plural_group_without_actor_is_a_group_label(doc: Any) -> None:
    groups = [d for d in find_designations(TEXT, doc, _mentions()) if d.via == "group"]
    assert any(d.lemma == "fisherman" and d.actor is None for d in groups)


def test_cluster_groups_joins_by_context() -> None:
    a = np.asarray([1.0, 0.0, 0.0], np.float32)
    b = np.asarray([0.0, 1.0, 0.0], np.float32)
    items = [("x", "rioter"), ("y", "protester"), ("z", "farmer")]
    near = np.asarray([a, (a + 0.05 * b) / np.linalg.norm(a + 0.05 * b), b], np.float32)
    labels = cluster_groups(items, near)
    assert labels[0] == labels[1] != labels[2]


def test_table_resolves_group_words_through_linked_lemmas() -> None:
    per = {
        "a1": [Designation("Velora troops", "troop", 0, 13, "Velora", "modifier")],
        "a2": [Designation("the troops", "troop", 4, 14, None, "group")],
    }
    out, table = designation_table(per, {"a1": "Outlet One", "a2": "Outlet Two"}, {})
    assert table["actors"] == ["Velora"]
    assert table["cells"]["Velora"] == {"Outlet One": ["velora troops"], "Outlet Two": ["the troops"]}
    assert out["a2"] == [
        {
            "actor": "Velora",
            "group": False,
            "words": [{"text": "the troops", "span": [4, 14], "count": 1, "via": "group"}],
        }
    ]
