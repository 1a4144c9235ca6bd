from __future__ import annotations

import numpy as np

from rashomon.claims.grouping import (
    UnionFind,
    build_statements,
    candidate_pairs,
    group_claims,
    independent_sources,
    reuse_components,
)


def _unit(*xs: float) -> np.ndarray:
    v = np.asarray(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


FACT = "The Northern Coalition sent 2,500 troops to Varnia on Monday."
REWORDED = "On Monday, the Northern Coalition dispatched 2,500 soldiers and troops into Varnia."
OTHER = "Critics in Brenstadt called the harbour plan a costly mistake for Olsen."


def _run(
    rows: list[tuple[str, str]], vectors: list[np.ndarray], links: list[dict[str, object]]
) -> list[dict]:
    sentences = [(article, 0, len(text), text) for article, text in rows]
    statements = build_statements(sentences, np.stack(vectors), [()] * len(rows), [""] * len(rows))
    return group_claims(statements, [0.9] * len(rows), [True] * len(rows), links)


def test_article_and_its_rewrite_are_one_source() -> None:
    groups = _run(
        [("a", FACT), ("b", REWORDED)],
        [_unit(1, 0.1), _unit(1, 0.2)],
        [{"source": "a", "target": "b", "relation": "rewrite"}],
    )
    [group] = groups
    assert group["support"] == ["a", "b"]
    assert group["independent_support"] == ["a"]
    assert group["status"] == "single-source"


def test_unrelated_outlets_are_independent_sources() -> None:
    groups = _run(
        [("a", FACT), ("b", REWORDED), ("c", FACT)],
        [_unit(1, 0.1), _unit(1, 0.2), _unit(1, 0.15)],
        [{"source": "a", "target": "b", "relation": "copy"}],
    )
    [group] = groups
    assert group["independent_support"] == ["a", "c"]
    assert group["status"] == "corroborated"


def test_dissimilar_sentences_stay_apart() -> None:
    groups = _run([("a", FACT), ("b", OTHER)], [_unit(1, 0), _unit(0, 1)], [])
    assert len(groups) == 2
    assert all(g["status"] == "single-source" for g in groups)


def test_contradiction_marks_groups_contested() -> None:
    other = "The Northern Coalition sent 4,000 troops to Varnia."
    groups = _run([("a", FACT), ("b", other)], [_unit(1, 0.0), _unit(1, 0.9)], [])
    assert {g["status"] for g in groups} == {"contested"}
    conflict = groups[0]["contradictions"][0]
    assert conflict["type"] == "number"
    assert conflict["other_claim"] == groups[1]["id"]
    assert {conflict["article"], conflict["other_article"]} == {"a", "b"}


def test_blocking_only_pairs_sentences_with_shared_keys() -> None:
    sentences = [("a", 0, 10, FACT), ("b", 0, 10, OTHER), ("c", 0, 10, FACT)]
    statements = build_statements(sentences, np.stack([_unit(1, 0)] * 3), [(), (), ()], ["", "", ""])
    assert candidate_pairs(statements) == [(0, 2)]


def test_reuse_union_find() -> None:
    uf, derived = reuse_components(
        [
            {"source": "a", "target": "b", "relation": "copy"},
            {"source": "b", "target": "c", "relation": "rewrite"},
            {"source": "x", "target": "y", "relation": "shared_source"},
        ]
    )
    assert uf.find("c") == uf.find("a")
    assert derived == {"b", "c"}
    # the component {a, b, c} is one source even when only its derived copies state the fact
    assert independent_sources(["c", "b", "d", "y", "x"], uf, derived) == ["b", "d", "x"]
    plain = UnionFind()
    assert plain.find("q") == "q"
