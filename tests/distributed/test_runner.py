"""The Dask runner on an in-process cluster: same results as the local runner, resumable, no duplicates."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from rashomon.distributed.runner import run_stages_dask
from rashomon.errors import ConfigError
from rashomon.model import Article
from rashomon.offsets import OffsetMap
from rashomon.pipeline import StageContext, run_stages

CALLS: list[str] = []


class Words:
    name = "words"
    version = "words.v1"
    requires: tuple[str, ...] = ()
    section: str | None = None
    fail_on: str | None = None  # an article id whose partition dies, after the others had time to finish

    def run_article(self, article: Article, ctx: StageContext) -> dict[str, Any]:
        if article.id == self.fail_on:
            time.sleep(1.0)
            raise RuntimeError("killed")
        CALLS.append(article.id)
        return {"n": len(article.text.split()), "first": article.text.split()[0]}


class Longest:
    name = "longest"
    version = "longest.v1"
    requires: tuple[str, ...] = ("words",)
    section: str | None = "longest"

    def run(self, articles: Sequence[Article], ctx: StageContext) -> list[str]:
        counts = ctx.results["words"]
        return sorted((a.id for a in articles), key=lambda i: (-counts[i]["n"], i))[:3]


def corpus(n: int) -> list[Article]:
    texts = [f"word{i} " + "x " * (i % 7) + f"end {i}" for i in range(n)]
    return [Article(str(i), "t", t, t, OffsetMap.identity(len(t))) for i, t in enumerate(texts)]


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=":0") as cluster:
        yield cluster.scheduler_address


def test_same_results_as_local(scheduler: str, tmp_path: Path) -> None:
    articles = corpus(23)
    local = run_stages([Words(), Longest()], articles, StageContext())
    dask = run_stages_dask([Longest(), Words()], articles, {}, scheduler, work_dir=tmp_path, partition_size=5)
    assert dask == local
    assert list(dask["words"]) == [a.id for a in articles]


def test_killed_run_resumes_without_redoing_or_duplicating(scheduler: str, tmp_path: Path) -> None:
    articles = corpus(20)
    failing = Words()
    failing.fail_on = max(a.id for a in articles)  # in the last partition (partitions go by id)
    CALLS.clear()
    with pytest.raises(RuntimeError, match="killed"):
        run_stages_dask([failing, Longest()], articles, {}, scheduler, work_dir=tmp_path, partition_size=5)
    shards = sorted(tmp_path.rglob("part-*.parquet"))
    assert 1 <= len(shards) < 4
    CALLS.clear()
    result = run_stages_dask(
        [Words(), Longest()], articles, {}, scheduler, work_dir=tmp_path, partition_size=5
    )
    assert len(CALLS) == 20 - 5 * len(shards)  # only the partitions without a shard ran again
    assert result == run_stages([Words(), Longest()], articles, StageContext())
    assert len(list(tmp_path.rglob("part-*.parquet"))) == 4
    CALLS.clear()
    run_stages_dask([Words(), Longest()], articles, {}, scheduler, work_dir=tmp_path, partition_size=5)
    assert CALLS == []


def test_bad_options_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="partition_size"):
        run_stages_dask([Words()], corpus(2), {}, work_dir=tmp_path, partition_size=0)
    with pytest.raises(ConfigError, match="workers"):
        run_stages_dask([Words()], corpus(2), {}, workers=0, work_dir=tmp_path)
