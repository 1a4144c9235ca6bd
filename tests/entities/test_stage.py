"""End to end on small invented articles (spaCy's small English model)."""

from __future__ import annotations

from typing import Any

import pytest

from rashomon.entities.stage import EntitiesStage
from rashomon.model import Article
from rashomon.offsets import OffsetMap
from rashomon.pipeline import StageContext

A1 = (
    "Belarus's Alexander Lukashenko met President Kassym-Jomart Tokayev in Minsk, the capital of Belarus, on Monday. "
    "The president said the talks went well. Mr. Tokayev later flew home. "
    "The Collective Security Treaty Organization (CSTO) sent observers, and the CSTO said more would follow. "
    "Kazakh officials welcomed the move. Analyst Dmitri Orlovsky said the meeting mattered."
)
A2 = (
    "Kasym-Zhomart Tokaev thanked Aliaksandr Lukashenka for his support. "
    "Tokaev spoke after the Collective Security Treaty Organisation summit. "
    "Elena Orlovskaya, a lawyer, said nothing."
)


def _article(aid: str, text: str) -> Article:
    return Article(id=aid, path=f"{aid}.txt", text=text, raw_text=text, offsets=OffsetMap.identity(len(text)))


@pytest.fixture(scope="module")
def entities() -> list[dict[str, Any]]:
    stage = EntitiesStage()
    result: list[dict[str, Any]] = stage.run([_article("a1", A1), _article("a2", A2)], StageContext())
    return result


def _find(entities: list[dict[str, Any]], variant: str) -> dict[str, Any]:
    return next(e for e in entities if variant in e["variants"])


def test_transliterated_names_are_one_entity(entities: list[dict[str, Any]]) -> None:
    tokayev = _find(entities, "Kassym-Jomart Tokayev")
    assert tokayev["type"] == "person"
    assert {"Kasym-Zhomart Tokaev", "Tokaev", "Tokayev"} <= set(tokayev["variants"])
    assert tokayev["articles"] == ["a1", "a2"]
    assert _find(entities, "Aliaksandr Lukashenka")["id"] == _find(entities, "Alexander Lukashenko")["id"]


def test_role_nouns_and_titles_resolve_to_the_person(entities: list[dict[str, Any]]) -> None:
    tokayev = _find(entities, "Kassym-Jomart Tokayev")
    role = [m for m in tokayev["mentions"] if m["kind"] == "role"]
    assert role and A1[role[0]["start"] : role[0]["end"]] == "The president"
    assert "president" in tokayev["descriptors"]


def test_possessive_place_and_acronym(entities: list[dict[str, Any]]) -> None:
    assert _find(entities, "Belarus")["type"] in ("place", "org")
    assert not any("Belarus" in v for v in _find(entities, "Alexander Lukashenko")["variants"])
    csto = _find(entities, "CSTO")
    assert "Collective Security Treaty Organisation" in csto["variants"]
    assert csto["name"].startswith("Collective Security Treaty")


def test_demonym_is_a_group_and_gendered_names_stay_apart(entities: list[dict[str, Any]]) -> None:
    assert all(e["type"] == "group" for e in entities if "Kazakh" in e["variants"])
    orlovsky = [e for e in entities if any("Orlovsk" in v for v in e["variants"])]
    assert len(orlovsky) == 2


def test_mentions_are_valid_offsets(entities: list[dict[str, Any]]) -> None:
    texts = {"a1": A1, "a2": A2}
    for entity in entities:
        for m in entity["mentions"]:
            assert texts[m["article"]][m["start"] : m["end"]] == m["text"]


def test_split_stages_give_what_the_whole_corpus_pass_gives(entities: list[dict[str, Any]]) -> None:
    from rashomon.entities.stage import EntitiesLocalStage
    from rashomon.pipeline import run_stages

    articles = [_article("a1", A1), _article("a2", A2)]
    ctx = StageContext(settings={"article_batch": 1})
    results = run_stages([EntitiesStage(), EntitiesLocalStage()], articles, ctx)
    assert results["entities"] == entities
    assert set(results["entities_local"]) == {"a1", "a2"}
    assert not any(k.startswith("spacy") for k in ctx.resources)  # parses dropped after each batch


def test_local_actors_survive_json() -> None:
    import json

    from rashomon.entities.stage import actors_from_json, actors_to_json, article_actors

    article = _article("a1", A1)
    actors = article_actors(article, StageContext())
    rows = json.loads(json.dumps(actors_to_json(actors)))
    assert actors_from_json("a1", rows) == actors
