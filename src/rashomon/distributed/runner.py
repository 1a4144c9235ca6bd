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

import itertools
import logging
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rashomon.distributed.shards import partition_key, read_shard, shard_dir, write_shard
from rashomon.errors import ConfigError
from rashomon.model import Article
from rashomon.pipeline import (
    ARTICLE_BATCH,
    ArticleStage,
    CorpusStage,
    Stage,
    StageContext,
    article_batches,
    corpus_key,
    plan_stages,
    run_article_batch,
    settings_key,
)
from rashomon.settings import resolve_settings

__all__ = ["DEFAULT_PARTITION_SIZE", "run_partition", "run_stages_dask", "run_wave_partition"]

log = logging.getLogger(__name__)

JSON = Any
DEFAULT_PARTITION_SIZE = ARTICLE_BATCH  # the local engine's batches: both engines cut the corpus alike
IN_FLIGHT_PER_WORKER = 2  # partitions queued per worker, so the client never holds the whole corpus
# one BLAS/torch thread per single-threaded worker process: two workers on two cores, not four threads
_WORKER_ENV = {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}


def run_partition(
    stage: ArticleStage, articles: Sequence[Article], settings: Mapping[str, Any], inputs: Mapping[str, JSON]
) -> list[tuple[str, JSON]]:
    """Run an article stage over one partition (on a worker); ``(article_id, output)`` rows in order.

    Args:
        inputs: outputs of the stages ``stage`` requires, restricted to this partition's articles.
    """
    return run_wave_partition([stage], articles, settings, inputs)[0][stage.name]


def run_wave_partition(
    stages: Sequence[ArticleStage],
    articles: Sequence[Article],
    settings: Mapping[str, Any],
    inputs: Mapping[str, JSON],
) -> tuple[dict[str, list[tuple[str, JSON]]], dict[str, list[float]]]:
    """Run a wave of article stages over one partition (on a worker), sharing per-article resources.

    Args:
        stages: article stages in dependency order; a later one may read an earlier one's output.
        inputs: outputs of the stages they require from earlier steps, restricted to the partition.

    Returns:
        ``{stage_name: [(article_id, output), ...]}`` (rows in the partition's order), and the
        worker's ``{stage_name: [wall s, CPU s]}``.
    """
    ctx = StageContext(settings=dict(settings), results={k: dict(v) for k, v in inputs.items()})
    return run_article_batch(stages, articles, ctx), ctx.timings


def _distributed() -> Any:
    """The ``distributed`` module, imported on first use (typed loosely: it ships no annotations)."""
    import importlib

    return importlib.import_module("distributed")


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
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0", env=_WORKER_ENV
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def _map_article_wave(
    client: Any,
    wave: Sequence[ArticleStage],
    parts: list[list[Article]],
    settings: Mapping[str, Any],
    ctx: StageContext,
    folders: Mapping[str, Path],
) -> None:
    """Map a wave over the partitions without all its shards; read every shard back into ``results``."""
    as_completed = _distributed().as_completed
    results, progress = ctx.results, ctx.progress

    def missing(part: list[Article]) -> list[ArticleStage]:
        return [s for s in wave if not _shard_path(folders[s.name], part).exists()]

    todo = [p for p in parts if missing(p)]
    log.info("stages %s: %d of %d partitions to run", [s.name for s in wave], len(todo), len(parts))
    limit = max(1, IN_FLIGHT_PER_WORKER * max(1, len(client.scheduler_info().get("workers", {}))))
    parts_by_key: dict[str, list[Article]] = {}
    wave_names = {s.name for s in wave}

    def submit(part: list[Article]) -> Any:
        stages = missing(part)
        # what the missing stages need: earlier steps' outputs, and shards of this wave already written
        needed = {r for s in stages for r in s.requires if r not in {x.name for x in stages}}
        inputs: dict[str, dict[str, JSON]] = {}
        for req in needed:
            if req in wave_names:
                inputs[req] = dict(read_shard(_shard_path(folders[req], part)))
            else:
                inputs[req] = {a.id: results[req][a.id] for a in part}
        future = client.submit(run_wave_partition, stages, part, dict(settings), inputs, pure=False)
        parts_by_key[future.key] = part
        return future

    pending = iter(todo)
    running = as_completed([submit(part) for part in itertools.islice(pending, limit)])
    done = sum(len(p) for p in parts) - sum(len(p) for p in todo)  # articles, as the local runner counts
    total = sum(len(p) for p in parts)
    for future in running:
        part = parts_by_key.pop(future.key)
        rows_by_stage, timings = future.result()
        for name, rows in rows_by_stage.items():
            write_shard(_shard_path(folders[name], part), rows)
        for name, (wall, cpu) in timings.items():
            ctx.add_time(name, wall, cpu)
        future.release()
        done += len(part)
        if progress:
            for stage in wave:
                progress(stage.name, done, total)
        for nxt in itertools.islice(pending, 1):
            running.add(submit(nxt))
    for stage in wave:
        out: dict[str, JSON] = {}
        for part in parts:
            out.update(read_shard(_shard_path(folders[stage.name], part)))
        results[stage.name] = out


def _shard_path(folder: Path, part: Sequence[Article]) -> Path:
    return folder / f"part-{partition_key(a.id for a in part)}.parquet"


def _run_corpus_stage(
    stage: CorpusStage, articles: Sequence[Article], ctx: StageContext, folder: Path
) -> JSON:
    # the same key as the local runner's: settings, article ids, the required outputs
    path = folder / f"corpus-{corpus_key(articles, ctx.settings, stage, ctx.results)}.parquet"
    if path.exists():
        return read_shard(path)[0][1]
    wall, cpu = time.perf_counter(), time.process_time()
    value = stage.run(articles, ctx)
    ctx.add_time(stage.name, time.perf_counter() - wall, time.process_time() - cpu)
    write_shard(path, [("", value)])
    # read back, so a first run and a resumed run hand the same JSON values to later stages
    return read_shard(path)[0][1]


def run_stages_dask(
    stages: Sequence[Stage],
    articles: Sequence[Article],
    ctx_settings: Mapping[str, Any] | None = None,
    scheduler: str | None = None,
    workers: int = 2,
    work_dir: str | Path = "rashomon-work",
    partition_size: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    timings: dict[str, list[float]] | None = None,
) -> dict[str, JSON]:
    """Run ``stages`` over ``articles`` on Dask; ``{stage_name: output}`` as :func:`run_stages` gives.

    Args:
        stages: the stages to run (grouped here into waves and corpus steps, see
            :func:`rashomon.pipeline.plan_stages`).
        articles: the corpus.
        ctx_settings: setting overrides (see :mod:`rashomon.settings`).
        scheduler: address of a running scheduler (``tcp://host:8786``); None starts a LocalCluster.
        workers: worker processes of the LocalCluster (ignored with ``scheduler``).
        work_dir: where Parquet shards are kept; reuse it to resume a killed run.
        partition_size: articles per task; the ``article_batch`` setting when None (as locally).
        progress: called with ``(stage_name, done, total)``.
        timings: filled with ``{stage_name: [wall s, CPU s]}``: article stages' figures added up
            over the workers, corpus stages' measured on the client.

    Raises:
        ConfigError: bad ``workers`` or ``partition_size``, or stages whose requirements are missing.
    """
    settings = resolve_settings(ctx_settings)
    size = int(settings["article_batch"]) if partition_size is None else partition_size
    if size < 1:
        raise ConfigError(f"partition_size {size} must be at least 1 article")
    skey = settings_key(settings)
    steps = plan_stages(stages)
    ctx = StageContext(settings=settings, progress=progress, timings=timings if timings is not None else {})
    parts = article_batches(articles, size)
    needs_cluster = any(isinstance(s, ArticleStage) for step in steps for s in step)
    with _client(scheduler, workers) if needs_cluster else _no_client() as client:
        for step in steps:
            folders = {s.name: shard_dir(Path(work_dir), s.name, s.version, skey) for s in step}
            log.info(
                "stages %s on %d articles [dask]", [f"{s.name} ({s.version})" for s in step], len(articles)
            )
            wave = [s for s in step if isinstance(s, ArticleStage)]
            if wave:
                _map_article_wave(client, wave, parts, settings, ctx, folders)
                for done in wave:
                    by_id = ctx.results[done.name]
                    ctx.results[done.name] = {a.id: by_id[a.id] for a in articles}
                continue
            corpus = step[0]
            assert isinstance(
                corpus, CorpusStage
            )  # plan_stages: a step without article stages is one corpus stage
            ctx.results[corpus.name] = _run_corpus_stage(corpus, articles, ctx, folders[corpus.name])
            if progress:
                progress(corpus.name, 1, 1)
    return ctx.results


@contextmanager
def _no_client() -> Iterator[None]:
    yield None
