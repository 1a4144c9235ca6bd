"""Stages and the local stage runner.

A stage declares its name, version, what it needs (other stages' outputs) and which section of
analysis.json it fills. Two kinds:

- :class:`ArticleStage`: ``run_article(article, ctx)`` for one article at a time; outputs are cached
  per article id and stage version, so a rerun (or a resumed run) skips done work, and the Dask
  runner can map it over partitions.
- :class:`CorpusStage`: ``run(articles, ctx)`` over the whole corpus (cross-article stages: reuse,
  entities, claims, stories). They block by keys (LSH buckets, entities, time windows) internally so
  that cost grows about linearly.

Outputs are JSON-ready values (dicts, lists, str, numbers), which is what the store keeps and what
analysis.json shows. The runner checks the chain (every ``requires`` is provided by an earlier
stage) before running anything.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from rashomon.errors import ConfigError
from rashomon.model import Article

__all__ = [
    "ArticleStage",
    "CorpusStage",
    "FindingCache",
    "Stage",
    "StageContext",
    "order_stages",
    "run_stages",
    "settings_key",
]

log = logging.getLogger(__name__)

JSON = Any


@dataclass
class StageContext:
    """What a stage may read while it runs.

    Attributes:
        settings: run settings (see :mod:`rashomon.settings`), read-only by convention.
        results: outputs of stages that already ran, by stage name. For an article stage the
            value is ``{article_id: output}``.
        resources: a per-process cache for loaded models and derived data (spaCy docs,
            embeddings), shared by the stages of one run. Use :meth:`resource`.
        progress: called with ``(stage_name, done, total)`` as work advances.
    """

    settings: Mapping[str, Any] = field(default_factory=dict)
    results: dict[str, JSON] = field(default_factory=dict)
    resources: dict[str, Any] = field(default_factory=dict)
    progress: Callable[[str, int, int], None] | None = None

    def resource(self, key: str, make: Callable[[], Any]) -> Any:
        """The cached resource ``key``, made once with ``make()``."""
        if key not in self.resources:
            self.resources[key] = make()
        return self.resources[key]


@runtime_checkable
class ArticleStage(Protocol):
    """A stage that handles one article at a time."""

    name: str
    version: str
    requires: tuple[str, ...]
    section: str | None

    def run_article(self, article: Article, ctx: StageContext) -> JSON: ...


@runtime_checkable
class CorpusStage(Protocol):
    """A stage over the whole corpus."""

    name: str
    version: str
    requires: tuple[str, ...]
    section: str | None

    def run(self, articles: Sequence[Article], ctx: StageContext) -> JSON: ...


Stage = ArticleStage | CorpusStage


class FindingCache(Protocol):
    """Where the runner keeps stage outputs (the store implements it)."""

    def get_finding(self, stage: str, version: str, key: str) -> JSON | None: ...

    def put_finding(self, stage: str, version: str, key: str, value: JSON) -> None: ...


def settings_key(settings: Mapping[str, Any]) -> str:
    """A short stable hash of settings, so outputs made with other settings are never reused."""
    blob = json.dumps(settings, sort_keys=True, default=str).encode()
    return hashlib.sha256(blob).hexdigest()[:12]


def order_stages(stages: Iterable[Stage]) -> list[Stage]:
    """Stages in an order where each comes after what it requires.

    A stage may also carry ``after: tuple[str, ...]``: soft requirements, honoured when those
    stages are registered and ignored otherwise (claims use the reuse graph when it exists).

    Raises:
        ConfigError: a stage requires a stage that is not in the list, or requirements loop.
    """
    pending = {s.name: s for s in stages}
    present = set(pending)
    done: list[Stage] = []
    names: set[str] = set()
    while pending:
        # `after` (optional attribute) orders a stage after others only when they are registered
        ready = [
            s
            for s in pending.values()
            if set(s.requires) <= names and (set(getattr(s, "after", ())) & present) <= names
        ]
        if not ready:
            missing = {r for s in pending.values() for r in s.requires if r not in pending and r not in names}
            raise ConfigError(
                f"stages {sorted(pending)} cannot run: missing requirements {sorted(missing)} "
                "or a requirement loop; register the missing stages in rashomon.stages"
            )
        for s in sorted(ready, key=lambda s: s.name):
            done.append(s)
            names.add(s.name)
            del pending[s.name]
    return done


def _corpus_key(articles: Sequence[Article], ctx: StageContext, stage: Stage) -> str:
    h = hashlib.sha256()
    h.update(settings_key(ctx.settings).encode())
    for a in sorted(articles, key=lambda a: a.id):
        h.update(a.id.encode())
    for req in stage.requires:
        h.update(json.dumps(ctx.results.get(req), sort_keys=True, default=str).encode())
    return h.hexdigest()[:24]


def _run_article_stage(
    stage: ArticleStage, articles: Sequence[Article], ctx: StageContext, cache: FindingCache | None
) -> dict[str, JSON]:
    out: dict[str, JSON] = {}
    skey = settings_key(ctx.settings)
    for i, article in enumerate(articles):
        key = f"{article.id}:{skey}"
        value = cache.get_finding(stage.name, stage.version, key) if cache else None
        if value is None:
            value = stage.run_article(article, ctx)
            if cache:
                cache.put_finding(stage.name, stage.version, key, value)
        out[article.id] = value
        if ctx.progress:
            ctx.progress(stage.name, i + 1, len(articles))
    return out


def run_stages(
    stages: Iterable[Stage],
    articles: Sequence[Article],
    ctx: StageContext,
    cache: FindingCache | None = None,
) -> dict[str, JSON]:
    """Run ``stages`` in dependency order; return ``{stage_name: output}``.

    Outputs already in ``cache`` under the same stage version, settings and inputs are reused.
    """
    for stage in order_stages(stages):
        log.info("stage %s (%s) on %d articles", stage.name, stage.version, len(articles))
        if isinstance(stage, ArticleStage):
            ctx.results[stage.name] = _run_article_stage(stage, articles, ctx, cache)
            continue
        key = _corpus_key(articles, ctx, stage)
        value = cache.get_finding(stage.name, stage.version, key) if cache else None
        if value is None:
            value = stage.run(articles, ctx)
            if cache:
                cache.put_finding(stage.name, stage.version, key, value)
        ctx.results[stage.name] = value
        if ctx.progress:
            ctx.progress(stage.name, 1, 1)
    return ctx.results
