"""Issue 4 acceptance on the shared seed articles, through every registered stage (slow)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.analyze import analyze_articles, load_articles


@pytest.mark.slow
def test_independent_sources_and_contradictions_on_seeds(shared_dir: Path) -> None:
    articles, _ = load_articles([shared_dir / "seeds"])
    results = analyze_articles(articles, stages=["claims"])
    if "reuse" not in results:
        pytest.skip("the reuse stage is not registered")
    derived_pairs = {(link["source"], link["target"]) for link in results["reuse"]}
    groups = results["claims"]
    # a fact stated only by an article and its copy/rewrite counts one independent source
    copied = [
        g
        for g in groups
        if len(g["support"]) == 2 and tuple(sorted(g["support"])) in {tuple(sorted(p)) for p in derived_pairs}
    ]
    assert copied and all(len(g["independent_support"]) == 1 for g in copied)
    # a fact stated by unrelated outlets counts several
    assert any(g["status"] == "corroborated" and len(g["independent_support"]) >= 2 for g in groups)
    # outlets contradict each other, and each contradiction names both sides
    conflicts = [c for g in groups for c in g["contradictions"]]
    assert {c["type"] for c in conflicts} >= {"negation", "action"}
    for c in conflicts:
        assert c["article"] != c["other_article"] and c["span"][0] < c["span"][1]
