from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from rashomon.model import Article
from rashomon.nlp.sentences import split_sentences
from rashomon.pipeline import CorpusStage, StageContext, run_stages
from rashomon.reuse import stage as stage_module
from rashomon.reuse.candidates import candidate_pairs
from rashomon.reuse.features import ReuseFeaturesStage
from rashomon.reuse.link import analyse_pair
from rashomon.reuse.stage import ReuseStage, mark_shared_sources
from rashomon.stages import all_stages

from .conftest import COPY, INDEPENDENT, REWRITE, SOURCE, make_article

FILLER = [
    "Shares of the chip maker Korvex fell nine percent after it cut its yearly sales forecast. "
    "Analysts blamed weak demand for laptops in Asia. The company will report again in October.",
    "The national football team named a new coach on Friday, a former goalkeeper from Lisbon. "
    "He signed a contract until the next World Cup and will pick his first squad in March.",
    "A rare orchid bloomed at the botanical garden for the first time in forty years. "
    "Visitors queued for hours to see the flower, which smells of rotting meat to attract flies.",
    "Parliament passed a law that lowers the voting age to sixteen in local elections. "
    "The opposition said it would challenge the law before the constitutional court.",
]


def _run(articles: list[Article]) -> list[dict[str, object]]:
    out = ReuseStage(use_embeddings=False).run(articles, StageContext())
    assert isinstance(out, list)
    return out


def test_stage_contract() -> None:
    stage = ReuseStage()
    assert isinstance(stage, CorpusStage)
    assert (stage.name, stage.section, stage.requires) == ("reuse", "reuse", ("reuse_features",))
    assert stage.version.startswith("reuse.v")
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


def _corpus() -> list[Article]:
    x_text = (
        SOURCE + " Our reporter in the valley adds that the church roof was damaged by the storm as well."
    )
    texts = {"src": SOURCE, "cpy": COPY, "rwr": REWRITE, "ind": INDEPENDENT, "x": x_text}
    texts.update({f"f{i}": t for i, t in enumerate(FILLER)})
    return [make_article(t, k, published="2024-05-01" if k == "src" else None) for k, t in texts.items()]


def _old_path(articles: list[Article]) -> list[dict[str, Any]]:
    """The stage as it was before the features split: candidates from the texts, lexical alignment."""
    links = []
    for pair in candidate_pairs([a.text for a in articles]):
        link = analyse_pair(articles[pair.a], articles[pair.b], None)
        if link is not None:
            links.append(link)
    return [lk.to_json() for lk in sorted(mark_shared_sources(links), key=lambda lk: (lk.source, lk.target))]


def test_links_from_features_equal_the_old_path() -> None:
    articles = _corpus()
    ctx = StageContext()
    ctx.results["reuse_features"] = {a.id: ReuseFeaturesStage().run_article(a, ctx) for a in articles}
    new = ReuseStage(use_embeddings=False).run(articles, ctx)
    old = _old_path(articles)
    assert new == old
    assert {(lk["source"], lk["target"]) for lk in new} >= {("src", "cpy"), ("src", "x")}


def test_stage_reads_stored_features_instead_of_recomputing(monkeypatch: pytest.MonkeyPatch) -> None:
    articles = _corpus()
    stored = {a.id: ReuseFeaturesStage().run_article(a, StageContext()) for a in articles}

    def refuse(*_: object) -> None:
        raise AssertionError("features were recomputed")

    monkeypatch.setattr(stage_module, "article_features", refuse)
    ctx = StageContext(results={"reuse_features": stored})
    assert ReuseStage(use_embeddings=False).run(articles, ctx)


def test_minilm_runs_only_on_articles_of_candidate_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    import rashomon.nlp.embeddings as embeddings

    asked: list[str] = []

    def fake(article: Article, ctx: StageContext) -> tuple[list[tuple[int, int]], Any]:
        asked.append(article.id)
        spans = split_sentences(article.text)
        return spans, np.zeros((len(spans), 384), np.float32)  # cosine 0: lexical similarity decides

    monkeypatch.setattr(embeddings, "sentence_vectors", fake)
    articles = _corpus()
    links = ReuseStage(use_embeddings=True).run(articles, StageContext())
    pairs = ReuseStage().candidate_pairs(articles, StageContext())
    assert set(asked) == {articles[i].id for p in pairs for i in (p.a, p.b)}
    assert {"src", "cpy"} <= set(asked) and "ind" not in asked  # the independent report is in no pair
    assert links == ReuseStage(use_embeddings=False).run(articles, StageContext())


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0") as cluster:
        yield cluster.scheduler_address


def test_dask_and_local_give_the_same_features_and_links(scheduler: str, tmp_path: Path) -> None:
    from rashomon.distributed.runner import run_stages_dask
    from rashomon.settings import resolve_settings

    articles = _corpus()
    stages = [ReuseStage(use_embeddings=False), ReuseFeaturesStage()]
    settings = resolve_settings({})
    local = run_stages(stages, articles, StageContext(settings=settings))
    dask = run_stages_dask(stages, articles, {}, scheduler, work_dir=tmp_path, partition_size=3)
    assert dask["reuse_features"] == local["reuse_features"]
    assert dask["reuse"] == local["reuse"] and local["reuse"]
    assert list((tmp_path / "reuse_features").rglob("part-*.parquet"))
