"""The main job: ingest and clean inputs, store them, run every registered stage, write the outputs.

The CLI's ``ingest``, ``analyze`` and the per-analysis commands (``reuse``, ``quotes``, ``claims``…)
are thin layers over the functions here.

Example:
    >>> result = analyze(["examples"], out_dir="out/demo", db_path="out/demo/rashomon.db")  # doctest: +SKIP
    >>> result.exit_code
    0
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NoReturn

from rashomon import __version__
from rashomon.errors import ConfigError, InputTooLarge
from rashomon.model import Article, Failure, RawDocument
from rashomon.pipeline import Stage, StageContext, run_stages
from rashomon.settings import resolve_settings

__all__ = [
    "SCHEMA_VERSION",
    "AnalysisResult",
    "ExitCode",
    "IngestResult",
    "analyze",
    "analyze_articles",
    "build_analysis",
    "ingest",
    "load_articles",
    "select_stages",
]

log = logging.getLogger(__name__)

SCHEMA_VERSION = "1.1"
CLEAN_BATCH = 1000  # raw documents cleaned together (the cleaner uses line repetition across a batch)

Progress = Callable[[str, int, int], None]


class ExitCode:
    """Process exit codes (documented in the README)."""

    OK = 0
    SOME_INPUTS_FAILED = 1
    USAGE = 2
    NOTHING_ANALYSED = 3
    STORE_UNAVAILABLE = 4
    INTERNAL = 70


@dataclass
class IngestResult:
    """What ingestion produced: clean articles, failed inputs, and what the store made of them."""

    articles: list[Article]
    failures: list[Failure]
    added: int = 0
    existing: int = 0
    run_id: int | None = None

    @property
    def exit_code(self) -> int:
        if not self.articles:
            return ExitCode.NOTHING_ANALYSED
        return ExitCode.SOME_INPUTS_FAILED if self.failures else ExitCode.OK


@dataclass
class AnalysisResult(IngestResult):
    """An ingest result plus the stage outputs and where they were written."""

    results: dict[str, Any] = field(default_factory=dict)
    analysis_path: Path | None = None
    report_path: Path | None = None


def _clean_batch(docs: list[RawDocument], settings: Mapping[str, Any]) -> list[Article | Failure]:
    from rashomon.clean import clean_documents

    return clean_documents(docs, settings)


def _with_language(article: Article) -> Article:
    from rashomon.ingest import detect_language

    if article.language != "und":
        return article
    return dataclasses.replace(article, language=detect_language(article.text))


def load_articles(
    paths: Sequence[str | Path],
    settings: Mapping[str, Any] | None = None,
    progress: Progress | None = None,
) -> tuple[list[Article], list[Failure]]:
    """Read, decode, clean and language-tag every input under ``paths``.

    Articles with the same clean text (the same content reached through two files) are kept once.

    Returns:
        ``(articles, failures)``: failures name the input and the reason.
    """
    from rashomon.ingest import read_inputs

    settings = resolve_settings(settings)
    articles: list[Article] = []
    failures: list[Failure] = []
    seen: set[str] = set()
    batch: list[RawDocument] = []
    limit = int(settings["max_articles"])

    def flush() -> None:
        for item in _clean_batch(batch, settings):
            if isinstance(item, Failure):
                failures.append(item)
            elif item.id not in seen:
                seen.add(item.id)
                articles.append(_with_language(item))
        batch.clear()
        if progress:
            progress("read", len(articles) + len(failures), 0)
        if len(articles) > limit:  # checked per batch: a huge corpus is refused before it is all in memory
            _refuse_corpus(paths, limit)

    for item in read_inputs(paths, settings):
        if isinstance(item, Failure):
            failures.append(item)
            continue
        batch.append(item)
        if len(batch) >= CLEAN_BATCH:
            flush()
    if batch:
        flush()
    return articles, failures


def _refuse_corpus(paths: Sequence[str | Path], limit: int) -> NoReturn:
    raise InputTooLarge(
        ", ".join(str(p) for p in paths),
        f"more than {limit:,} articles, over max_articles ({limit:,}); split the corpus into several runs "
        "or raise max_articles if the machine has the memory (both engines read the corpus here first)",
    )


def select_stages(names: Iterable[str] | None = None) -> list[Stage]:
    """Registered stages named in ``names`` plus what they require; all stages when ``names`` is None.

    Raises:
        ConfigError: a name is not a registered stage.
    """
    from rashomon.stages import all_stages

    registry = {s.name: s for s in all_stages()}
    if names is None:
        return list(registry.values())
    wanted: dict[str, Stage] = {}
    todo = list(names)
    while todo:
        name = todo.pop()
        if name in wanted:
            continue
        if name not in registry:
            raise ConfigError(f"no stage named {name!r}; registered stages: {', '.join(sorted(registry))}")
        wanted[name] = registry[name]
        todo.extend(registry[name].requires)
    # soft requirements run too when registered, so a partial run sees what a full run sees
    for stage in list(wanted.values()):
        for name in getattr(stage, "after", ()):
            if name in registry and name not in wanted:
                wanted.update({s.name: s for s in select_stages([name])})
    return list(wanted.values())


def analyze_articles(
    articles: Sequence[Article],
    settings: Mapping[str, Any] | None = None,
    stages: Iterable[str] | None = None,
    cache: Any = None,
    progress: Progress | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int = 2,
    work_dir: str | Path = "rashomon-work",
    timings: dict[str, list[float]] | None = None,
) -> dict[str, Any]:
    """Run the named stages (default: all registered) over ``articles``; outputs by stage name.

    Args:
        cache: a :class:`rashomon.pipeline.FindingCache` (the store) to reuse and keep outputs.
        engine: ``"local"`` (this process) or ``"dask"`` (:func:`rashomon.distributed.run_stages_dask`,
            with ``scheduler``, ``workers`` and ``work_dir`` for its resumable Parquet shards).
        timings: filled with ``{stage_name: [wall s, CPU s]}`` of the stages that ran (benchmarks).
    """
    timings = timings if timings is not None else {}
    if engine == "dask":
        from rashomon.distributed import run_stages_dask

        return run_stages_dask(
            select_stages(stages),
            articles,
            settings,
            scheduler,
            workers,
            work_dir,
            progress=progress,
            timings=timings,
        )
    if engine != "local":
        raise ConfigError(f"unknown engine {engine!r}; use local or dask")
    ctx = StageContext(settings=resolve_settings(settings), progress=progress, timings=timings)
    return run_stages(select_stages(stages), articles, ctx, cache)


def build_analysis(
    articles: Sequence[Article],
    failures: Sequence[Failure],
    results: Mapping[str, Any],
    stage_versions: Mapping[str, str] | None = None,
    store: Any = None,
) -> dict[str, Any]:
    """The analysis.json document (docs/analysis-schema.md).

    Args:
        articles, failures: what was analysed and what could not be read.
        results: stage outputs by stage name.
        stage_versions: version of each stage (default: the registered stages' versions).
        store: a :class:`rashomon.pipeline.FindingCache` (the store) keeping the story state across
            runs: the articles join the stories of earlier batches (see
            :func:`rashomon.stories.report.analysis_stories`); None groups this batch alone.

    Returns:
        The document; its ``stories`` carry every other analysis per story.
    """
    from rashomon.stages import all_stages
    from rashomon.stories.report import analysis_stories

    sections = {s.name: s.section for s in all_stages()}
    versions = dict(stage_versions or {s.name: s.version for s in all_stages()})
    doc: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "generator": {"name": "rashomon", "version": __version__},
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "stages": {name: versions[name] for name in results if name in versions},
        "articles": [a.summary() for a in articles],
        "errors": [f.summary() for f in failures],
    }
    for name, value in results.items():
        section = sections.get(name)
        if section:
            doc[section] = value
    stories = analysis_stories(doc, results, store)
    if stories is not None:
        doc["stories"] = stories
    return doc


def ingest(
    paths: Sequence[str | Path],
    db_path: str | Path,
    settings: Mapping[str, Any] | None = None,
    progress: Progress | None = None,
    command: str = "ingest",
) -> IngestResult:
    """Read and clean ``paths`` and add the articles to the store at ``db_path`` (a no-op for known content)."""
    from rashomon.store import Store

    settings = resolve_settings(settings)
    with Store(db_path) as store:
        run_id = store.start_run(command, {"paths": [str(p) for p in paths]})
        try:
            articles, failures = load_articles(paths, settings, progress)
            added, existing = store.add_articles(articles, run_id)
            store.add_failures(run_id, failures)
        except BaseException as exc:
            store.finish_run(run_id, "failed", {"error": str(exc)})
            raise
        summary = {"articles": len(articles), "added": added, "existing": existing, "failures": len(failures)}
        store.finish_run(run_id, "ok" if not failures else "partial", summary)
    return IngestResult(articles, failures, added, existing, run_id)


def analyze(
    paths: Sequence[str | Path],
    out_dir: str | Path,
    db_path: str | Path = "rashomon.db",
    settings: Mapping[str, Any] | None = None,
    progress: Progress | None = None,
    stages: Iterable[str] | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int = 2,
) -> AnalysisResult:
    """Ingest ``paths``, run the stages, write ``out_dir/analysis.json`` and ``out_dir/report.html``.

    Args:
        stages: stage names to run (plus what they require); every registered stage when None.
        engine, scheduler, workers: see :func:`analyze_articles`; the Dask engine keeps its shards
            in ``out_dir/work`` (run again with the same ``out_dir`` to resume).
    """
    from rashomon.report import render_report
    from rashomon.store import Store

    settings = resolve_settings(settings)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with Store(db_path) as store:
        run_id = store.start_run("analyze", {"paths": [str(p) for p in paths], "out": str(out)})
        try:
            articles, failures = load_articles(paths, settings, progress)
            added, existing = store.add_articles(articles, run_id)
            store.add_failures(run_id, failures)
            results = (
                analyze_articles(
                    articles,
                    settings,
                    stages,
                    cache=store,
                    progress=progress,
                    engine=engine,
                    scheduler=scheduler,
                    workers=workers,
                    work_dir=out / "work",
                )
                if articles
                else {}
            )
        except BaseException as exc:
            store.finish_run(run_id, "failed", {"error": str(exc)})
            raise
        doc = build_analysis(articles, failures, results, store=store)
        analysis_path = out / "analysis.json"
        _write_atomic(analysis_path, json.dumps(doc, ensure_ascii=False, indent=1))
        report_path = out / "report.html"
        _write_atomic(report_path, render_report(doc))
        from rashomon.web.analyses import save_analysis

        save_analysis(store, run_id, doc)  # for `rashomon serve`
        summary = {"articles": len(articles), "added": added, "existing": existing, "failures": len(failures)}
        store.finish_run(run_id, "ok" if not failures else "partial", summary)
    return AnalysisResult(articles, failures, added, existing, run_id, results, analysis_path, report_path)


def _write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file and rename, so a killed run never leaves half a file."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
