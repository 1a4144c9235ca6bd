from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from rashomon.errors import ConfigError
from rashomon.model import Article, article_id_for
from rashomon.offsets import OffsetMap
from rashomon.pipeline import StageContext, order_stages, run_stages


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
