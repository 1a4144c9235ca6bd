"""The stories stage in the runner, and its public summary."""

from __future__ import annotations

from typing import Any

import pytest

from rashomon.errors import StoreBusy
from rashomon.model import Article
from rashomon.offsets import OffsetMap
from rashomon.pipeline import StageContext, run_stages
from rashomon.stories.assign import assign_stories
from rashomon.stories.features import FEATURES_VERSION, StoryFeaturesStage
from rashomon.stories.stage import (
    StoriesStage,
    stored_state,
    stories_of,
    summarise_stories,
    update_stored_stories,
)


def feat(fid: str, day: str, axis: int, terms: dict[str, float], place: str) -> dict[str, Any]:
    vector = [0.0] * 8
    vector[axis] = 1.0
    return {
        "id": fid,
        "title": f"title {fid}",
        "outlet": "o",
        "date": day,
        "vector": vector,
        "terms": {t: [w, [0, len(t)]] for t, w in terms.items()},
        "entities": {place.lower(): ["GPE", place, 1, [0, len(place)]]},
    }


FLOOD_A = feat("a1", "2024-05-02", 0, {"flood": 3.0, "levee": 4.0, "dresden": 4.5}, "Dresden")
FLOOD_B = feat("a2", "2024-05-03", 0, {"flood": 3.0, "levee": 4.0, "elbe": 4.5}, "Dresden")
FIRE = feat("b1", "2024-05-02", 3, {"wildfire": 4.0, "evacuation": 3.5}, "Alberta")


def art(text: str, title: str, published: str) -> Article:
    return Article(title, "t", text, text, OffsetMap.identity(len(text)), title=title, published=published)


class MemoryCache:
    def __init__(self) -> None:
        self.items: dict[tuple[str, str, str], Any] = {}

    def get_finding(self, stage: str, version: str, key: str) -> Any:
        return self.items.get((stage, version, key))

    def put_finding(self, stage: str, version: str, key: str, value: Any) -> None:
        self.items[(stage, version, key)] = value


def test_summary_lists_stories_largest_first_with_evidence() -> None:
    stories = summarise_stories(assign_stories([FLOOD_A, FIRE, FLOOD_B]))
    assert [s["size"] for s in stories] == [2, 1]
    flood = stories[0]
    assert flood["articles"] == ["a1", "a2"]
    assert flood["actors"][0]["name"] == "Dresden" and flood["actors"][0]["articles"] == 2
    assert flood["label"] in ("title a1", "title a2")
    assert 0 < flood["confidence"] <= 1 and flood["members"][1]["evidence"]


def test_stored_state_grows_incrementally() -> None:
    cache = MemoryCache()
    update_stored_stories([FLOOD_A, FIRE], cache)
    state = update_stored_stories([FLOOD_B], cache)
    assert state["n_docs"] == 3 and len(state["stories"]) == 2


def test_stage_uses_features_from_the_runner() -> None:
    articles = [
        art(
            "Engineers reopened the Quarry Lane bridge in Leeds after repairs.", "Leeds bridge", "2020-02-02"
        ),
        art(
            "The Quarry Lane bridge in Leeds reopened after weeks of repairs.", "Bridge reopens", "2020-02-03"
        ),
    ]
    ctx = StageContext()
    results = run_stages([StoryFeaturesStage(), StoriesStage()], articles, ctx)
    assert set(results["story_features"]) == {a.id for a in articles}
    assert [s["size"] for s in results["stories"]] == [2]


def test_a_batch_stored_twice_adds_nothing_and_keeps_the_revision() -> None:
    cache = MemoryCache()
    first = update_stored_stories([FLOOD_A, FIRE], cache)
    again = update_stored_stories([FLOOD_A, FIRE], cache)
    assert again["n_docs"] == 2 and sum(len(s["members"]) for s in again["stories"]) == 2
    assert stored_state(cache) == first and first["revision"] == 1
    assert first["stage_version"] == StoriesStage.version and first["features_version"] == FEATURES_VERSION


def test_a_concurrent_writer_makes_the_batch_be_placed_again_on_its_state() -> None:
    cache = MemoryCache()
    update_stored_stories([FLOOD_A], cache)
    reads = 0

    class Racing(MemoryCache):
        """Another process stores FIRE right after this one first read the state."""

        def get_finding(self, stage: str, version: str, key: str) -> Any:
            nonlocal reads
            reads += 1
            if reads == 1:
                value = cache.get_finding(stage, version, key)
                update_stored_stories([FIRE], cache)
                return value
            return cache.get_finding(stage, version, key)

        def put_finding(self, stage: str, version: str, key: str, value: Any) -> None:
            cache.put_finding(stage, version, key, value)

    state = update_stored_stories([FLOOD_B], Racing())
    assert state["n_docs"] == 3 and state["revision"] == 3
    assert {m["article"] for s in state["stories"] for m in s["members"]} == {"a1", "a2", "b1"}


def test_a_state_that_keeps_changing_is_reported() -> None:
    class Moving(MemoryCache):
        def get_finding(self, stage: str, version: str, key: str) -> Any:
            self.n = getattr(self, "n", 0) + 1
            return dict(assign_stories([FIRE]), revision=self.n)

    with pytest.raises(StoreBusy):
        update_stored_stories([FLOOD_A], Moving(), attempts=2)


def test_stories_of_a_batch_are_restricted_to_it_with_the_stored_size() -> None:
    state = assign_stories([FLOOD_B], assign_stories([FLOOD_A, FIRE]))
    shown = stories_of(state, ["a2"])
    assert len(shown) == 1
    flood = shown[0]
    assert flood["id"] == "story-a1" and flood["articles"] == ["a2"]
    assert (flood["size"], flood["size_in_store"]) == (1, 2)
    assert [m["article"] for m in flood["members"]] == ["a2"]
    assert flood["start"] == "2024-05-02"  # the whole story's dates


def test_the_stories_stage_does_not_wait_for_entities() -> None:
    assert "entities" not in getattr(StoriesStage, "after", ())
