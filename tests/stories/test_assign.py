"""Incremental grouping on hand-made features: joins, splits by date and names, state round trips."""

from __future__ import annotations

import json
from typing import Any

import pytest

from rashomon.errors import ConfigError
from rashomon.stories.assign import StoryParams, assign_stories, empty_state


def feat(
    fid: str, day: str | None, axis: int, terms: dict[str, float], names: dict[str, str]
) -> dict[str, Any]:
    vector = [0.0] * 8
    vector[axis] = 1.0
    return {
        "id": fid,
        "title": f"title {fid}",
        "outlet": "o",
        "date": day,
        "vector": vector,
        "terms": {t: [w, [0, len(t)]] for t, w in terms.items()},
        "entities": {k.lower(): [label, k, 1, None] for k, label in names.items()},
    }


FLOOD_A = feat("a1", "2024-05-02", 0, {"flood": 3.0, "levee": 4.0, "dresden": 4.5}, {"Dresden": "GPE"})
FLOOD_B = feat("a2", "2024-05-03", 0, {"flood": 3.0, "levee": 4.0, "elbe": 4.5}, {"Dresden": "GPE"})
FIRE = feat("b1", "2024-05-02", 3, {"wildfire": 4.0, "evacuation": 3.5}, {"Alberta": "GPE"})


def groups(state: dict[str, Any]) -> list[list[str]]:
    return sorted(sorted(m["article"] for m in s["members"]) for s in state["stories"])


def test_same_event_joins_and_other_event_opens_a_story() -> None:
    state = assign_stories([FLOOD_A, FIRE, FLOOD_B])
    assert groups(state) == [["a1", "a2"], ["b1"]]
    joined = next(s for s in state["stories"] if len(s["members"]) == 2)["members"][1]
    assert 0.4 <= joined["score"] <= 1.0
    assert "dresden" in joined["shared"] and joined["evidence"]


def test_incremental_equals_one_batch_and_leaves_input_state_alone() -> None:
    first = assign_stories([FLOOD_A, FIRE])
    snapshot = json.dumps(first, sort_keys=True)
    second = assign_stories([FLOOD_B], first)
    assert json.dumps(first, sort_keys=True) == snapshot
    assert groups(second) == groups(assign_stories([FLOOD_A, FIRE, FLOOD_B]))
    assert groups(assign_stories([FLOOD_B], second)) == groups(second)  # known articles are skipped


def test_same_words_weeks_apart_are_two_stories() -> None:
    later = dict(FLOOD_B, id="a3", date="2024-06-20")
    assert groups(assign_stories([FLOOD_A, later])) == [["a1"], ["a3"]]


def test_same_kind_of_event_elsewhere_is_another_story() -> None:
    other = feat("a4", "2024-05-03", 1, {"flood": 3.0, "levee": 4.0, "bologna": 4.5}, {"Bologna": "GPE"})
    assert len(assign_stories([FLOOD_A, other])["stories"]) == 2


def test_state_is_json_and_dates_cover_members() -> None:
    state = json.loads(json.dumps(assign_stories([FLOOD_A, FLOOD_B])))
    story = state["stories"][0]
    assert (story["start"], story["end"]) == ("2024-05-02", "2024-05-03")
    assert state["n_docs"] == 2


def test_bad_parameters_and_foreign_state_are_refused() -> None:
    with pytest.raises(ConfigError):
        StoryParams(threshold=1.5)
    with pytest.raises(ConfigError):
        assign_stories([FLOOD_A], dict(empty_state(), version="stories.v0"))
