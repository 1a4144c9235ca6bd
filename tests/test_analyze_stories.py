"""``analyze`` keeps the story state in the store: a second batch joins the first batch's stories."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from rashomon.analyze import analyze
from rashomon.store import Store
from rashomon.stories import article_features, assign_stories
from rashomon.stories.stage import stored_state

BRIDGE = (
    "The old iron bridge over the Wendel river in Karsby collapsed on Tuesday night after days of heavy "
    "rain, engineers of the Karsby county roads office said. Nobody was on the Wendel bridge when it fell, "
    "but the only road link between Karsby and Olmen is now cut. Mayor Ingrid Vaszary said ferries would "
    "carry commuters across the river until a temporary crossing is built. The county had planned to "
    "replace the bridge in 2033 and had limited it to cars weighing under three tonnes since last year. "
    "Divers from the fire service searched the river on Wednesday morning and found no vehicles. "
    "Residents of Olmen said the detour by road now takes more than an hour each way."
)
BRIDGE_COPY = BRIDGE.replace("Tuesday night", "late Tuesday")
BRIDGE_2 = (
    "Karsby lost its iron bridge across the Wendel river when the span gave way late on Tuesday, after a "
    "week of rain swelled the river. Mayor Ingrid Vaszary told reporters that the county roads office had "
    "inspected the Wendel bridge in spring. Commuters to Olmen will use ferries for now."
)
BRIDGE_3 = (
    "Engineers began clearing the wreck of the Wendel river bridge in Karsby on Wednesday, a day after the "
    "iron span collapsed. Mayor Ingrid Vaszary said a temporary crossing to Olmen could open within weeks, "
    "while ferries carry commuters across the Wendel."
)
CHESS = (
    "Grandmaster Tomasz Pelikan won the Lindqvist chess open in Tallbergen on Tuesday, beating the defending "
    "champion in a rook endgame that lasted six hours. Pelikan, 19, is the youngest winner in the history "
    "of the Lindqvist open, the organisers said."
)
ORCHARD = (
    "A late frost destroyed most of the cherry blossom in the orchards around Fjellvik this week, growers in "
    "the Fjellvik valley cooperative said on Wednesday. The cooperative expects the cherry harvest to fall "
    "by two thirds and has asked the regional farm fund for emergency aid."
)


def record(rid: str, outlet: str, title: str, day: str, text: str) -> dict[str, Any]:
    return {"id": rid, "outlet": outlet, "title": title, "published": day, "text": text}


BATCH_A = [
    record("bridge-1", "Karsby Post", "Wendel bridge collapses in Karsby", "2031-03-04", BRIDGE),
    record("bridge-2", "Olmen Courier", "Karsby loses its iron bridge", "2031-03-04", BRIDGE_2),
    record("chess-1", "Tallbergen Tidende", "Pelikan wins the Lindqvist open", "2031-03-04", CHESS),
    record("bridge-copy", "Aggregator", "Bridge collapse in Karsby", "2031-03-04", BRIDGE_COPY),
]
BATCH_B = [
    record("bridge-3", "Valley Radio", "Clearing the Wendel bridge wreck", "2031-03-05", BRIDGE_3),
    record("orchard-1", "Fjellvik Farmer", "Frost ruins Fjellvik cherries", "2031-03-05", ORCHARD),
]


def write_batch(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def stories_by_article(doc: dict[str, Any]) -> dict[str, str]:
    return {a: s["id"] for s in doc["stories"] for a in s["articles"]}


def run(tmp_path: Path, name: str, records: list[dict[str, Any]], db: Path) -> dict[str, Any]:
    batch = write_batch(tmp_path / f"{name}.jsonl", records)
    result = analyze([batch], tmp_path / name, db, stages=["stories", "reuse"])
    assert result.analysis_path is not None
    doc: dict[str, Any] = json.loads(result.analysis_path.read_text(encoding="utf-8"))
    return doc


@pytest.fixture(scope="module")
def two_batches(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("feed")
    db = tmp / "feed.db"
    first = run(tmp, "a", BATCH_A, db)
    second = run(tmp, "b", BATCH_B, db)
    again = run(tmp, "a-again", BATCH_A, db)
    with Store(db) as store:
        state = stored_state(store)
        articles = {a.id: a for a in store.articles()}
    return {"a": first, "b": second, "again": again, "state": state, "articles": articles}


def test_second_batch_joins_the_first_batch_stories(two_batches: dict[str, Any]) -> None:
    a, b = stories_by_article(two_batches["a"]), stories_by_article(two_batches["b"])
    assert a["bridge-1"] == a["bridge-2"] != a["chess-1"]
    assert b["bridge-3"] == a["bridge-1"]  # joined the earlier story, under its id
    assert b["orchard-1"] not in a.values()  # a new event opens a new story
    bridge = next(s for s in two_batches["b"]["stories"] if s["id"] == a["bridge-1"])
    assert bridge["articles"] == ["bridge-3"]  # only articles of this analysis are listed
    assert (bridge["size"], bridge["size_in_store"]) == (1, 4)
    assert bridge["start"] == "2031-03-04" and bridge["end"] == "2031-03-05"


def test_rerun_keeps_ids_and_adds_no_duplicates(two_batches: dict[str, Any]) -> None:
    assert stories_by_article(two_batches["again"]) == stories_by_article(two_batches["a"])
    state = two_batches["state"]
    members = [m["article"] for s in state["stories"] for m in s["members"]]
    assert sorted(members) == sorted({*members}) and len(members) == 6 and state["n_docs"] == 6
    assert state["revision"] == 2  # the re-run wrote nothing


def test_store_state_equals_grouping_a_then_b_with_the_library(two_batches: dict[str, Any]) -> None:
    articles = two_batches["articles"]
    features = {i: article_features(a) for i, a in articles.items()}
    expected = assign_stories(
        [features[r["id"]] for r in BATCH_B], assign_stories([features[r["id"]] for r in BATCH_A])
    )
    state = two_batches["state"]

    def groups(s: dict[str, Any]) -> dict[str, list[str]]:
        return {story["id"]: [m["article"] for m in story["members"]] for story in s["stories"]}

    assert groups(state) == groups(expected)
    assert state["stage_version"] == "stories.v1" and state["params"] == expected["params"]


def test_reuse_is_reported_per_story(two_batches: dict[str, Any]) -> None:
    doc = two_batches["a"]
    home = stories_by_article(doc)
    assert home["bridge-copy"] == home["bridge-1"]
    bridge = next(s for s in doc["stories"] if s["id"] == home["bridge-1"])
    linked = [{doc["reuse"][i]["source"], doc["reuse"][i]["target"]} for i in bridge["reuse"]["links"]]
    assert {"bridge-1", "bridge-copy"} in linked and bridge["reuse"]["cross_story"] == 0
    assert bridge["outlets"] == ["Aggregator", "Karsby Post", "Olmen Courier"]


def test_per_story_fields_say_what_was_not_analysed(two_batches: dict[str, Any]) -> None:
    story = next(s for s in two_batches["b"]["stories"] if s["articles"] == ["orchard-1"])
    assert story["outlets"] == ["Fjellvik Farmer"] and story["size_in_store"] == 1
    assert story["reuse"] == {"links": [], "cross_story": 0}
    # claims, entities and framing did not run: no field rather than an empty one
    assert not {"claims", "entities", "designations", "stance"} & set(story)
