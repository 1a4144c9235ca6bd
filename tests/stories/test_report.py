"""Every analysis per story: links, claims, designations and stance restricted to a story's articles."""

from __future__ import annotations

import json
from typing import Any

from rashomon.stories.report import analysis_stories, per_story, story_designations, story_stance

ARTICLES = [
    {"id": "p1", "outlet": "Port Daily", "title": "Dockers strike"},
    {"id": "p2", "outlet": "Harbour News", "title": "Strike at the docks"},
    {"id": "p3", "outlet": "Coast Times", "title": "Dock walkout"},
    {"id": "f1", "outlet": "Port Daily", "title": "Fair opens"},
    {"id": "f2", "outlet": None, "title": "Town fair"},
]
STORIES = [
    {"id": "story-strike", "label": "Dockers strike", "size": 3, "articles": ["p1", "p2", "p3"]},
    {"id": "story-fair", "label": "Fair opens", "size": 2, "articles": ["f1", "f2"]},
]


def link(source: str, target: str, relation: str = "copy") -> dict[str, Any]:
    return {"source": source, "target": target, "relation": relation, "passages": []}


def stance(target: str, label: str, score: float) -> dict[str, Any]:
    return {
        "target": target,
        "stance": label,
        "score": score,
        "mentions": 2,
        "evidence": [{"start": 0, "end": 5, "text": "x", "polarity": 0.2}],
    }


def words(actor: str, *items: tuple[str, int]) -> dict[str, Any]:
    return {
        "actor": actor,
        "words": [{"text": t, "span": [0, 1], "count": n, "via": "appos"} for t, n in items],
    }


def make_doc() -> dict[str, Any]:
    return {
        "articles": ARTICLES,
        "reuse": [link("p1", "p2"), link("p2", "f1", "rewrite"), link("f1", "f2"), link("p3", "p1")],
        "claims": [
            {"id": "claim-1", "support": ["p1", "p2"]},
            {"id": "claim-2", "support": ["f2"]},
            {"id": "claim-3", "support": ["p3", "f1"]},
        ],
        "entities": [
            {
                "id": "org:dockers-union",
                "name": "Dockers Union",
                "type": "org",
                "articles": ["p1", "p2", "p3"],
                "mentions": [{"article": a} for a in ("p1", "p2", "p3", "p3")],
            },
            {
                "id": "person:mara-lind",
                "name": "Mara Lind",
                "type": "person",
                "articles": ["p1", "p3", "f1"],
                "mentions": [{"article": a} for a in ("p1", "p3", "f1")],
            },
            {"id": "place:harbour", "name": "Harbour", "type": "place", "articles": ["p2"], "mentions": []},
        ],
        "framing": {
            "p1": {
                "designations": [
                    words("Dockers Union", ("the union", 2)),
                    words("Mara Lind", ("the mayor", 1)),
                ],
                "stance": [stance("Dockers Union", "critical", 0.6), stance("Mara Lind", "neutral", 0.1)],
            },
            "p2": {
                "designations": [words("Dockers Union", ("strikers", 1), ("the union", 1))],
                "stance": [stance("Dockers Union", "favourable", 0.4), stance("Harbour", "neutral", 0.0)],
            },
            "p3": {"designations": [words("Lone Actor", ("the saboteurs", 1))], "stance": []},
            "f1": {"designations": [words("Dockers Union", ("militants", 5))], "stance": []},
            "_table": {"actors": ["Dockers Union"], "outlets": [], "cells": {}},
        },
    }


def test_links_and_claims_are_referenced_with_cross_story_counts() -> None:
    strike, fair = per_story(make_doc(), STORIES)
    assert strike["reuse"] == {"links": [0, 3], "cross_story": 1}
    assert fair["reuse"] == {"links": [2], "cross_story": 1}
    assert strike["claims"] == {"ids": ["claim-1", "claim-3"], "cross_story": 1}
    assert fair["claims"] == {"ids": ["claim-2", "claim-3"], "cross_story": 1}
    assert strike["outlets"] == ["Coast Times", "Harbour News", "Port Daily"]
    assert fair["outlets"] == ["Port Daily", "Town fair"]  # the title stands in for a missing outlet


def test_key_actors_are_canonical_entities_most_articles_mention() -> None:
    strike, fair = per_story(make_doc(), STORIES)
    assert [(e["id"], e["articles"]) for e in strike["entities"]] == [
        ("org:dockers-union", 3),
        ("person:mara-lind", 2),
    ]
    assert fair["entities"] == []  # nobody is named in two of its articles


def test_designations_are_computed_from_the_story_articles_only() -> None:
    strike = per_story(make_doc(), STORIES)[0]
    table = strike["designations"]
    # "militants" is what an article of another story says: not in this story's table
    assert table["cells"]["Dockers Union"] == {
        "Harbour News": ["strikers", "the union"],
        "Port Daily": ["the union"],
    }
    assert table["actors"] == ["Dockers Union"]  # one outlet naming an actor once gets no row
    assert table["outlets"] == ["Coast Times", "Harbour News", "Port Daily"]


def test_an_actor_one_outlet_names_often_gets_a_row() -> None:
    framing = {"a": {"designations": [words("Lone Actor", ("the saboteurs", 2), ("vandals", 1))]}}
    table = story_designations(framing, {"a": "Outlet A"})
    assert table["cells"] == {"Lone Actor": {"Outlet A": ["the saboteurs", "vandals"]}}


def test_stance_toward_the_story_main_actors() -> None:
    strike = per_story(make_doc(), STORIES)[0]
    assert strike["stance"]["actors"] == ["Dockers Union", "Mara Lind"]
    rows = {
        r["article"]: {s["target"]: s["stance"] for s in r["stances"]} for r in strike["stance"]["articles"]
    }
    assert rows == {
        "p1": {"Dockers Union": "critical", "Mara Lind": "neutral"},
        "p2": {"Dockers Union": "favourable"},
    }
    first = strike["stance"]["articles"][0]["stances"][0]
    assert first["evidence"] == [[0, 5]] and first["score"] == 0.6


def test_stance_without_entities_takes_the_targets_most_articles_were_scored_on() -> None:
    doc = make_doc()
    result = story_stance(doc["framing"], ["p1", "p2", "p3"], {}, [])
    assert result["actors"] == ["Dockers Union"]


def test_absent_sections_give_no_per_story_fields_and_empty_ones_give_empty_fields() -> None:
    strike = per_story({"articles": ARTICLES}, STORIES)[0]
    assert not {"entities", "reuse", "claims", "designations", "stance"} & set(strike)
    assert strike["size_in_store"] == 3 and strike["outlets"]
    empty = {"articles": ARTICLES, "reuse": [], "claims": [], "entities": [], "framing": {}}
    strike = per_story(empty, STORIES)[0]
    assert strike["reuse"] == {"links": [], "cross_story": 0}
    assert strike["claims"] == {"ids": [], "cross_story": 0} and strike["entities"] == []
    assert strike["designations"]["actors"] == [] and strike["stance"] == {"actors": [], "articles": []}
    json.dumps(strike)


def test_without_a_store_the_stage_grouping_is_shown() -> None:
    doc = make_doc()
    shown = analysis_stories(doc, {"stories": STORIES})
    assert shown is not None and [s["id"] for s in shown] == ["story-strike", "story-fair"]
    assert analysis_stories(doc, {"reuse": []}) is None  # the stories stage did not run
