"""The stories stage in the runner, and its public summary."""

from __future__ import annotations

from typing import Any

from rashomon.model import Article
from rashomon.offsets import OffsetMap
from rashomon.pipeline import StageContext, run_stages
from rashomon.stories.assign import assign_stories
from rashomon.stories.features import StoryFeaturesStage
from rashomon.stories.stage import StoriesStage, summarise_stories, update_stored_stories


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
