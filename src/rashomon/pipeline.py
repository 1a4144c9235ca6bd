"""Stages and the local stage runner.

A stage declares its name, version, what it needs (other stages' outputs) and which section of
analysis.json it fills. Two kinds:

- :class:`ArticleStage`: ``run_article(article, ctx)`` for one article at a time; outputs are cached
  per article id and stage version, so a rerun (or a resumed run) skips done work, and the Dask
  runner can map it over partitions. It may also have ``prepare(articles, ctx)``, called once per
  batch before ``run_article``, to fill ``ctx.resources`` for the whole batch at once (spaCy's
  batched ``pipe``), the results being the same as article by article.
- :class:`CorpusStage`: ``run(articles, ctx)`` over the whole corpus (cross-article stages: reuse,
  entities, claims, stories). They block by keys (LSH buckets, entities, time windows) internally so
  that cost grows about linearly; what they need of each article they read from the outputs of
  article stages in ``ctx.results`` (compact JSON), not from parses kept in memory.

Article stages run in *waves* (:func:`plan_stages`): every article stage whose requirements are met
runs over the same batch of articles before the next batch starts, so the stages of one batch share
per-article resources (a spaCy doc, sentence vectors), which are dropped when the batch is done
(:meth:`StageContext.evict`). Memory therefore stays bounded by a batch, not by the corpus. Batches
are the corpus sorted by id and cut every ``article_batch`` articles: the same partitions the Dask
engine maps, so both engines compute every article in the same company and give the same outputs.

Outputs are JSON-ready values (dicts, lists, str, numbers), which is what the store keeps and what
analysis.json shows. The runner checks the chain (every ``requires`` is provided by an earlier
stage) before running anything.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from rashomon.errors import ConfigError
from rashomon.model import Article

__all__ = [
    "ARTICLE_BATCH",
    "ArticleStage",
    "CorpusStage",
    "FindingCache",
    "Stage",
    "StageContext",
    "article_batches",
    "order_stages",
    "plan_stages",
    "run_article_batch",
    "run_stages",
    "settings_key",
]

log = logging.getLogger(__name__)

JSON = Any
ARTICLE_BATCH = 32  # articles per batch (local) and per partition (Dask): bounds per-article memory


@dataclass
class StageContext:
    """What a stage may read while it runs.

    Attributes:
        settings: run settings (see :mod:`rashomon.settings`), read-only by convention.
        results: outputs of stages that already ran, by stage name. For an article stage the
            value is ``{article_id: output}``.
        resources: a per-process cache for loaded models and derived data (spaCy docs,
            embeddings), shared by the stages of one run. Use :meth:`resource`. Per-article
            entries must carry the article id as one ``:``-separated part of their key
            (``spacy:<id>``) so that :meth:`evict` can drop them.
        progress: called with ``(stage_name, done, total)`` as work advances.
        timings: ``{stage_name: [wall seconds, CPU seconds of this process]}``, added up by the
            runners as stages run (the Dask runner adds up the workers' figures).
    """

    settings: Mapping[str, Any] = field(default_factory=dict)
    results: dict[str, JSON] = field(default_factory=dict)
    resources: dict[str, Any] = field(default_factory=dict)
    progress: Callable[[str, int, int], None] | None = None
    timings: dict[str, list[float]] = field(default_factory=dict)

    def add_time(self, stage: str, wall: float, cpu: float) -> None:
        """Add ``wall`` and ``cpu`` seconds to ``stage``'s timing."""
        total = self.timings.setdefault(stage, [0.0, 0.0])
        total[0] += wall
        total[1] += cpu

    def resource(self, key: str, make: Callable[[], Any]) -> Any:
        """The cached resource ``key``, made once with ``make()``."""
        if key not in self.resources:
            self.resources[key] = make()
        return self.resources[key]

    def evict(self, article_ids: Collection[str]) -> int:
        """Drop the per-article resources of ``article_ids`` (keys with an id as a ``:`` part).

        Returns:
            How many entries were dropped.
        """
        ids = set(article_ids)
        gone = [key for key in self.resources if not ids.isdisjoint(key.split(":"))]
        for key in gone:
            del self.resources[key]
        return len(gone)


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
        ready = [s for s in pending.values() if _needs(s, present) <= names]
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


def _needs(stage: Stage, present: set[str]) -> set[str]:
    # `after` (optional attribute) orders a stage after others only when they are registered
    return set(stage.requires) | (set(getattr(stage, "after", ())) & present)


def plan_stages(stages: Iterable[Stage]) -> list[list[Stage]]:
    """Stages grouped into steps: a wave of article stages run batch by batch, or one corpus stage.

    A wave holds every article stage whose requirements are met by earlier steps or by earlier
    stages of the same wave, so that they share the per-article resources of a batch.

    Raises:
        ConfigError: as :func:`order_stages`.
    """
    ordered = order_stages(stages)
    present = {s.name for s in ordered}
    done: set[str] = set()
    steps: list[list[Stage]] = []
    pending = list(ordered)
    while pending:
        wave: list[Stage] = []
        for stage in pending:
            if isinstance(stage, ArticleStage) and _needs(stage, present) <= done | {s.name for s in wave}:
                wave.append(stage)
        if not wave:
            # order_stages guarantees the first pending stage is ready; it is a corpus stage here
            wave = [pending[0]]
        steps.append(wave)
        done |= {s.name for s in wave}
        pending = [s for s in pending if s.name not in done]
    return steps


def article_batches(articles: Sequence[Article], size: int = ARTICLE_BATCH) -> list[list[Article]]:
    """The corpus sorted by id and cut every ``size`` articles (the same cut whatever the input order).

    Raises:
        ConfigError: ``size`` below 1.
    """
    if size < 1:
        raise ConfigError(f"article batch size {size} must be at least 1 article")
    ordered = sorted(articles, key=lambda a: a.id)
    return [ordered[i : i + size] for i in range(0, len(ordered), size)]


def run_article_batch(
    stages: Sequence[ArticleStage], batch: Sequence[Article], ctx: StageContext
) -> dict[str, list[tuple[str, JSON]]]:
    """Run article stages (in order) over one batch; ``{stage: [(article_id, output), ...]}``.

    Each stage's output for an article is put in ``ctx.results`` before the next stage runs, so a
    stage may read what an earlier stage of the wave gave. The per-article resources of the batch
    are dropped from ``ctx.resources`` at the end.
    """
    out: dict[str, list[tuple[str, JSON]]] = {}
    try:
        for stage in stages:
            wall, cpu = time.perf_counter(), time.process_time()
            prepare = getattr(stage, "prepare", None)
            if prepare is not None and batch:
                prepare(batch, ctx)
            rows = [(a.id, stage.run_article(a, ctx)) for a in batch]
            ctx.results.setdefault(stage.name, {}).update(rows)
            out[stage.name] = rows
            ctx.add_time(stage.name, time.perf_counter() - wall, time.process_time() - cpu)
    finally:
        ctx.evict([a.id for a in batch])
    return out


def _corpus_key(articles: Sequence[Article], ctx: StageContext, stage: Stage) -> str:
    return corpus_key(articles, ctx.settings, stage, ctx.results)


def corpus_key(
    articles: Sequence[Article], settings: Mapping[str, Any], stage: Stage, results: Mapping[str, JSON]
) -> str:
    """The cache key of a corpus stage's output: settings, article ids and the required outputs.

    Required outputs are hashed value by value, so the key never needs them as one JSON string.
    """
    h = hashlib.sha256()
    h.update(settings_key(settings).encode())
    for article_id in sorted(a.id for a in articles):
        h.update(article_id.encode())
    for req in stage.requires:
        value = results.get(req)
        if isinstance(value, Mapping):
            for k in sorted(value, key=str):
                h.update(json.dumps([str(k), value[k]], sort_keys=True, default=str).encode())
        else:
            h.update(json.dumps(value, sort_keys=True, default=str).encode())
    return h.hexdigest()[:24]


def _run_article_wave(
    wave: Sequence[ArticleStage],
    articles: Sequence[Article],
    ctx: StageContext,
    cache: FindingCache | None,
    batch_size: int,
) -> None:
    skey = settings_key(ctx.settings)
    done = {s.name: 0 for s in wave}
    for stage in wave:
        ctx.results[stage.name] = {}
    for batch in article_batches(articles, batch_size):
        todo: list[ArticleStage] = []
        for stage in wave:
            cached = (
                {a.id: cache.get_finding(stage.name, stage.version, f"{a.id}:{skey}") for a in batch}
                if cache
                else {}
            )
            if not cached or any(v is None for v in cached.values()):
                todo.append(stage)
            else:
                ctx.results[stage.name].update(cached)
        for name, rows in run_article_batch(todo, batch, ctx).items():
            stage = next(s for s in todo if s.name == name)
            for article_id, value in rows:
                if cache:
                    cache.put_finding(stage.name, stage.version, f"{article_id}:{skey}", value)
        for stage in wave:
            done[stage.name] += len(batch)
            if ctx.progress:
                ctx.progress(stage.name, done[stage.name], len(articles))
    for stage in wave:  # in input order, as the stages' callers expect
        by_id = ctx.results[stage.name]
        ctx.results[stage.name] = {a.id: by_id[a.id] for a in articles}


def run_stages(
    stages: Iterable[Stage],
    articles: Sequence[Article],
    ctx: StageContext,
    cache: FindingCache | None = None,
) -> dict[str, JSON]:
    """Run ``stages`` in dependency order; return ``{stage_name: output}``.

    Article stages run in waves over bounded batches (see the module docstring); outputs already
    in ``cache`` under the same stage version, settings and inputs are reused.
    """
    batch_size = int(ctx.settings.get("article_batch", ARTICLE_BATCH))
    for step in plan_stages(stages):
        log.info("stages %s on %d articles", [f"{s.name} ({s.version})" for s in step], len(articles))
        if isinstance(step[0], ArticleStage):
            _run_article_wave(
                [s for s in step if isinstance(s, ArticleStage)], articles, ctx, cache, batch_size
            )
            continue
        stage = step[0]
        key = _corpus_key(articles, ctx, stage)
        value = cache.get_finding(stage.name, stage.version, key) if cache else None
        if value is None:
            wall, cpu = time.perf_counter(), time.process_time()
            value = stage.run(articles, ctx)
            ctx.add_time(stage.name, time.perf_counter() - wall, time.process_time() - cpu)
            if cache:
                cache.put_finding(stage.name, stage.version, key, value)
        ctx.results[stage.name] = value
        if ctx.progress:
            ctx.progress(stage.name, 1, 1)
    return ctx.results
