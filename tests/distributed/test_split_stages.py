"""The article/corpus split of entities, quotes and claims: Dask and local give the same sections,
and a wave whose second stage died resumes from the shards of the first."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from rashomon.distributed.runner import run_stages_dask
from rashomon.model import Article
from rashomon.offsets import OffsetMap
from rashomon.pipeline import StageContext, run_stages

TEXTS = {
    "wire": (
        "The Harbour Authority of Velmora said on Tuesday that 1,200 workers had been evacuated from the "
        "Port of Velmora after a chemical leak. “Nobody was hurt,” port director Anna Brisk told reporters."
    ),
    "copy": (
        "About 1,200 workers were evacuated from the Port of Velmora following a chemical leak, the Harbour "
        "Authority of Velmora said. “Nobody was hurt at all,” Anna Brisk told reporters on Tuesday."
    ),
    "other": (
        "The Harbour Authority of Velmora said that 4,000 workers had been evacuated from the Port of "
        "Velmora after the chemical leak. Brisk said the port would reopen on Friday."
    ),
}


def _articles() -> list[Article]:
    return [Article(k, f"{k}.txt", t, t, OffsetMap.identity(len(t))) for k, t in TEXTS.items()]


def _stages() -> list[Any]:
    from rashomon.claims.stage import ClaimsLocalStage, ClaimsStage
    from rashomon.entities.stage import EntitiesLocalStage, EntitiesStage
    from rashomon.quotes.stage import QuotesLocalStage, QuotesStage

    return [
        ClaimsStage(),
        QuotesStage(),
        EntitiesStage(),
        ClaimsLocalStage(),
        QuotesLocalStage(),
        EntitiesLocalStage(),
    ]


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0") as cluster:
        yield cluster.scheduler_address


def test_split_stages_same_on_dask_as_local(scheduler: str, tmp_path: Path) -> None:
    articles = _articles()
    local = run_stages(_stages(), articles, StageContext(settings={"article_batch": 2}))
    dask = run_stages_dask(_stages(), articles, {"article_batch": 2}, scheduler, work_dir=tmp_path)
    for section in ("entities", "quotes", "claims", "entities_local", "quotes_local", "claims_local"):
        assert dask[section] == local[section], section
    assert local["quotes"]["quotes"] and local["claims"] and local["entities"]
    # one shard per stage of the wave and partition (2 partitions of 2 and 1 articles)
    assert len(list((tmp_path / "claims_local").rglob("part-*.parquet"))) == 2


CALLS: list[str] = []


class First:
    name, version, requires, section = "first", "first.v1", (), None

    def run_article(self, article: Article, ctx: StageContext) -> int:
        CALLS.append(f"first:{article.id}")
        return len(article.text)


class Second:
    name, version, requires, section = "second", "second.v1", ("first",), None

    def run_article(self, article: Article, ctx: StageContext) -> int:
        CALLS.append(f"second:{article.id}")
        return int(ctx.results["first"][article.id]) * 2


class Sum:
    name, version, requires, section = "sum", "sum.v1", ("second",), "sum"

    def run(self, articles: Sequence[Article], ctx: StageContext) -> int:
        return sum(ctx.results["second"].values())


def test_wave_runs_only_the_stages_whose_shards_are_missing(scheduler: str, tmp_path: Path) -> None:
    articles = [Article(k, "t", k * 3, k * 3, OffsetMap.identity(3)) for k in "abcd"]
    # a run stopped after the wave's first stage: its shards are there, the second stage's are not
    run_stages_dask([First()], articles, {}, scheduler, work_dir=tmp_path, partition_size=2)
    CALLS.clear()
    stages = [First(), Second(), Sum()]
    result = run_stages_dask(stages, articles, {}, scheduler, work_dir=tmp_path, partition_size=2)
    assert sorted(CALLS) == ["second:a", "second:b", "second:c", "second:d"]  # first read from its shards
    CALLS.clear()
    assert run_stages_dask(stages, articles, {}, scheduler, work_dir=tmp_path, partition_size=2) == result
    assert CALLS == []
    assert result == run_stages(stages, articles, StageContext())
