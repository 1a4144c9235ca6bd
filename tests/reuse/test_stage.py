from __future__ import annotations

from rashomon.model import Article
from rashomon.pipeline import CorpusStage, StageContext
from rashomon.reuse.stage import ReuseStage, mark_shared_sources
from rashomon.stages import all_stages

from .conftest import SOURCE, make_article


def _run(articles: list[Article]) -> list[dict[str, object]]:
    out = ReuseStage(use_embeddings=False).run(articles, StageContext())
    assert isinstance(out, list)
    return out


def test_stage_contract() -> None:
    stage = ReuseStage()
    assert isinstance(stage, CorpusStage)
    assert (stage.name, stage.version, stage.section, stage.requires) == ("reuse", "reuse.v1", "reuse", ())
    assert any(s.name == "reuse" for s in all_stages())


def test_stage_links_only_the_copy(source: Article, copy: Article, independent: Article) -> None:
    links = _run([independent, copy, source])
    assert [(lk["source"], lk["target"], lk["relation"]) for lk in links] == [("src", "cpy", "copy")]
    link = links[0]
    assert set(link) >= {"source", "target", "relation", "attributed", "coverage", "passages", "mutations"}
    assert all(set(p) == {"source_span", "target_span", "similarity"} for p in link["passages"])  # type: ignore[union-attr]


def test_empty_and_single_corpus(source: Article) -> None:
    assert _run([]) == []
    assert _run([source]) == []


def test_two_copies_of_one_source_share_it() -> None:
    base = SOURCE
    x_text = base + " Our reporter in the valley adds that the church roof was damaged by the storm as well."
    y_text = "Editors note: this story comes from our partners today. " + base
    z = make_article(base, "z", published="2024-05-01")
    x = make_article(x_text, "x", published="2024-05-02")
    y = make_article(y_text, "y", published="2024-05-02")
    links = {(lk["source"], lk["target"]): lk for lk in _run([x, y, z])}
    assert links[("z", "x")]["relation"] == "copy"
    assert links[("z", "y")]["relation"] == "copy"
    xy = links.get(("x", "y")) or links.get(("y", "x"))
    assert xy is not None and xy["relation"] == "shared_source" and xy["mutations"] == []


def test_mark_shared_sources_leaves_chains_alone() -> None:
    assert mark_shared_sources([]) == []
