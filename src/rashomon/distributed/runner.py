"""The Dask engine: the same stages as :func:`rashomon.pipeline.run_stages`, spread over a cluster.

Article stages are mapped over partitions of the corpus (sorted by article id, so partitions and
their names do not depend on input order) on a ``dask.distributed`` cluster: an existing scheduler
when an address is given, else a :class:`distributed.LocalCluster` of ``workers`` processes. Each
finished partition is written on the client as a Parquet shard under ``work_dir`` (see
:mod:`rashomon.distributed.shards`); shards already there are skipped, so a killed run started
again continues where it stopped and, since every output is read back from exactly one shard per
partition, has no duplicates. Corpus stages (stories, reuse, claims…) run on the client, where they
block internally, and their outputs are kept as one-row shards too.

Workers need only the rashomon package (same version) installed; they never touch ``work_dir``, so
the cluster needs no shared file system.

Example:
    >>> results = run_stages_dask(select_stages(["stories"]), articles, {}, workers=2)  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rashomon.distributed.shards import partition_key, read_shard, shard_dir, write_shard
from rashomon.errors import ConfigError
from rashomon.model import Article
from rashomon.pipeline import ArticleStage, CorpusStage, Stage, StageContext, order_stages, settings_key
from rashomon.settings import resolve_settings

__all__ = ["DEFAULT_PARTITION_SIZE", "run_partition", "run_stages_dask"]

log = logging.getLogger(__name__)

JSON = Any
DEFAULT_PARTITION_SIZE = 32  # articles per task: big enough to amortise scheduling, small for memory
IN_FLIGHT_PER_WORKER = 2  # partitions queued per worker, so the client never holds the whole corpus


def run_partition(
    stage: ArticleStage, articles: Sequence[Article], settings: Mapping[str, Any], inputs: Mapping[str, JSON]
) -> list[tuple[str, JSON]]:
    """Run an article stage over one partition (on a worker); ``(article_id, output)`` rows in order.

    Args:
        inputs: outputs of the stages ``stage`` requires, restricted to this partition's articles.
    """
    ctx = StageContext(settings=dict(settings), results=dict(inputs))
    return [(a.id, stage.run_article(a, ctx)) for a in articles]


def _distributed() -> Any:
    """The ``distributed`` module, imported on first use (typed loosely: it ships no annotations)."""
    import importlib

    return importlib.import_module("distributed")


def _partitions(articles: Sequence[Article], size: int) -> list[list[Article]]:
    ordered = sorted(articles, key=lambda a: a.id)
    return [ordered[i : i + size] for i in range(0, len(ordered), size)]


@contextmanager
def _client(scheduler: str | None, workers: int) -> Iterator[Any]:
    dist = _distributed()
    Client, LocalCluster = dist.Client, dist.LocalCluster

    if scheduler:
        with Client(scheduler, timeout="30s") as client:
            yield client
        return
    if workers < 1:
        raise ConfigError(f"--workers {workers}: a local Dask cluster needs at least 1 worker")
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def _map_article_stage(
    client: Any,
    stage: ArticleStage,
    parts: list[list[Article]],
    settings: Mapping[str, Any],
    results: Mapping[str, JSON],
    folder: Path,
    progress: Callable[[str, int, int], None] | None,
) -> dict[str, JSON]:
    as_completed = _distributed().as_completed

    todo = [(i, p) for i, p in enumerate(parts) if not _shard_path(folder, p).exists()]
    log.info("stage %s: %d of %d partitions to run", stage.name, len(todo), len(parts))
    limit = max(1, IN_FLIGHT_PER_WORKER * max(1, len(client.scheduler_info().get("workers", {}))))

    parts_by_key: dict[str, list[Article]] = {}

    def submit(part: list[Article]) -> Any:
        inputs = {req: {a.id: results[req][a.id] for a in part} for req in stage.requires}
        future = client.submit(run_partition, stage, part, dict(settings), inputs, pure=False)
        parts_by_key[future.key] = part
        return future

    pending = (part for _, part in todo)
    running = as_completed([submit(part) for part in itertools.islice(pending, limit)])
    done = len(parts) - len(todo)
    for future in running:
        part = parts_by_key.pop(future.key)
        write_shard(_shard_path(folder, part), future.result())
        future.release()
        done += 1
        if progress:
            progress(stage.name, done, len(parts))
        for nxt in itertools.islice(pending, 1):
            running.add(submit(nxt))
    out: dict[str, JSON] = {}
    for part in parts:
        out.update(read_shard(_shard_path(folder, part)))
    return out


def _shard_path(folder: Path, part: Sequence[Article]) -> Path:
    return folder / f"part-{partition_key(a.id for a in part)}.parquet"


def _corpus_key(articles: Sequence[Article], settings: Mapping[str, Any], stage: Stage, results: Any) -> str:
    # the same inputs as the local runner's key: settings, article ids, the required outputs
    h = hashlib.sha256(settings_key(settings).encode())
    for article_id in sorted(a.id for a in articles):
        h.update(article_id.encode())
    for req in stage.requires:
        h.update(json.dumps(results.get(req), sort_keys=True, default=str).encode())
    return h.hexdigest()[:24]


def _run_corpus_stage(
    stage: CorpusStage, articles: Sequence[Article], ctx: StageContext, folder: Path
) -> JSON:
    path = folder / f"corpus-{_corpus_key(articles, ctx.settings, stage, ctx.results)}.parquet"
    if path.exists():
        return read_shard(path)[0][1]
    write_shard(path, [("", stage.run(articles, ctx))])
    # read back, so a first run and a resumed run hand the same JSON values to later stages
    return read_shard(path)[0][1]


def run_stages_dask(
    stages: Sequence[Stage],
    articles: Sequence[Article],
    ctx_settings: Mapping[str, Any] | None = None,
    scheduler: str | None = None,
    workers: int = 2,
    work_dir: str | Path = "rashomon-work",
    partition_size: int = DEFAULT_PARTITION_SIZE,
    progress: Callable[[str, int, int], None] | None = None,
) -> dict[str, JSON]:
    """Run ``stages`` over ``articles`` on Dask; ``{stage_name: output}`` as :func:`run_stages` gives.

    Args:
        stages: the stages to run (ordered here by their requirements).
        articles: the corpus.
        ctx_settings: setting overrides (see :mod:`rashomon.settings`).
        scheduler: address of a running scheduler (``tcp://host:8786``); None starts a LocalCluster.
        workers: worker processes of the LocalCluster (ignored with ``scheduler``).
        work_dir: where Parquet shards are kept; reuse it to resume a killed run.
        partition_size: articles per task.
        progress: called with ``(stage_name, done, total)``.

    Raises:
        ConfigError: bad ``workers`` or ``partition_size``, or stages whose requirements are missing.
    """
    if partition_size < 1:
        raise ConfigError(f"partition_size {partition_size} must be at least 1 article")
    settings = resolve_settings(ctx_settings)
    skey = settings_key(settings)
    ordered = order_stages(stages)
    ctx = StageContext(settings=settings, progress=progress)
    parts = _partitions(articles, partition_size)
    needs_cluster = any(isinstance(s, ArticleStage) for s in ordered)
    with _client(scheduler, workers) if needs_cluster else _no_client() as client:
        for stage in ordered:
            folder = shard_dir(Path(work_dir), stage.name, stage.version, skey)
            log.info("stage %s (%s) on %d articles [dask]", stage.name, stage.version, len(articles))
            if isinstance(stage, ArticleStage):
                by_id = _map_article_stage(client, stage, parts, settings, ctx.results, folder, progress)
                ctx.results[stage.name] = {a.id: by_id[a.id] for a in articles}
            else:
                ctx.results[stage.name] = _run_corpus_stage(stage, articles, ctx, folder)
                if progress:
                    progress(stage.name, 1, 1)
    return ctx.results


@contextmanager
def _no_client() -> Iterator[None]:
    yield None
