from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from rashomon.errors import ConfigError
from rashomon.model import Article, article_id_for
from rashomon.offsets import OffsetMap
from rashomon.pipeline import StageContext, article_batches, order_stages, plan_stages, run_stages


def _article(text: str) -> Article:
    return Article(
        id=article_id_for(text), path="x.txt", text=text, raw_text=text, offsets=OffsetMap.identity(len(text))
    )


class Count:
    name, version, requires, section = "count", "count.v1", (), "count"

    def __init__(self) -> None:
        self.calls = 0

    def run_article(self, article: Article, ctx: StageContext) -> Any:
        self.calls += 1
        return len(article.text.split())


class Total:
    name, version, requires, section = "total", "total.v1", ("count",), "total"
    after = ("missing-is-fine",)

    def run(self, articles: Sequence[Article], ctx: StageContext) -> Any:
        return sum(ctx.results["count"].values())


class MemoryCache:
    def __init__(self) -> None:
        self.data: dict[tuple[str, str, str], Any] = {}

    def get_finding(self, stage: str, version: str, key: str) -> Any:
        return self.data.get((stage, version, key))

    def put_finding(self, stage: str, version: str, key: str, value: Any) -> None:
        self.data[(stage, version, key)] = value


def test_stages_run_in_dependency_order_and_reuse_cache() -> None:
    count, cache = Count(), MemoryCache()
    arts = [_article("one two"), _article("three")]
    results = run_stages([Total(), count], arts, StageContext(), cache)
    assert results["total"] == 3
    assert count.calls == 2
    run_stages([Total(), count], arts, StageContext(), cache)
    assert count.calls == 2  # second run reads the cache
    assert {k[0] for k in cache.data} == {"count", "total"}


def test_settings_change_invalidates_cache() -> None:
    count, cache = Count(), MemoryCache()
    arts = [_article("a b")]
    run_stages([count], arts, StageContext(settings={"x": 1}), cache)
    run_stages([count], arts, StageContext(settings={"x": 2}), cache)
    assert count.calls == 2


def test_missing_requirement_is_a_clear_error() -> None:
    with pytest.raises(ConfigError, match="missing requirements"):
        order_stages([Total()])


class Scratch:
    """An article stage that keeps a per-article resource, as spaCy docs and vectors are kept."""

    name, version, requires, section = "scratch", "scratch.v1", (), None

    def __init__(self) -> None:
        self.batches: list[int] = []
        self.peak = 0

    def prepare(self, articles: Sequence[Article], ctx: StageContext) -> None:
        self.batches.append(len(articles))
        for a in articles:
            ctx.resources[f"scratch:{a.id}"] = a.text.upper()

    def run_article(self, article: Article, ctx: StageContext) -> Any:
        self.peak = max(self.peak, sum(k.startswith("scratch:") for k in ctx.resources))
        return ctx.resources[f"scratch:{article.id}"][:3]


class Reads:
    """An article stage of the same wave reading the earlier stage's output and resource."""

    name, version, requires, section = "reads", "reads.v1", ("scratch",), None

    def run_article(self, article: Article, ctx: StageContext) -> Any:
        return [ctx.results["scratch"][article.id], f"scratch:{article.id}" in ctx.resources]


def test_article_stages_run_in_bounded_batches_and_drop_their_resources() -> None:
    scratch = Scratch()
    arts = [_article(f"article {i} text") for i in range(10)]
    ctx = StageContext(settings={"article_batch": 4}, resources={"model": "kept"})
    results = run_stages([Reads(), scratch], arts, ctx)
    assert scratch.batches == [4, 4, 2]  # the corpus sorted by id, cut every 4
    assert scratch.peak == 4  # never more than one batch of per-article resources
    assert ctx.resources == {"model": "kept"}  # per-article entries evicted, shared ones kept
    assert list(results["reads"]) == [a.id for a in arts]  # outputs in input order
    assert all(v == ["ART", True] for v in results["reads"].values())


def test_plan_groups_ready_article_stages_into_one_wave() -> None:
    steps = plan_stages([Total(), Reads(), Scratch(), Count()])
    assert [[s.name for s in step] for step in steps] == [["count", "scratch", "reads"], ["total"]]


def test_wave_outputs_are_cached_per_article() -> None:
    scratch, cache = Scratch(), MemoryCache()
    arts = [_article(f"doc {i}") for i in range(5)]
    run_stages([scratch, Reads()], arts, StageContext(settings={"article_batch": 2}), cache)
    assert len(scratch.batches) == 3
    again = Scratch()
    results = run_stages([again, Reads()], arts, StageContext(settings={"article_batch": 2}), cache)
    assert again.batches == []  # every output came from the cache
    assert results["scratch"] == {a.id: "DOC" for a in arts}


def test_evict_drops_only_the_named_articles() -> None:
    ctx = StageContext(resources={"spacy:a1": 1, "sentvec:a2": 2, "x:a1:y": 3, "model": 4})
    assert ctx.evict(["a1"]) == 2
    assert set(ctx.resources) == {"sentvec:a2", "model"}


def test_batch_size_must_be_positive() -> None:
    with pytest.raises(ConfigError, match="at least 1"):
        article_batches([_article("x")], 0)
