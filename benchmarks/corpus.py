"""Corpus benchmark: the pipeline over the AllSides articles, local engine and Dask LocalCluster.

Measures, for each engine: wall time, articles per second end to end, per-stage wall and CPU
seconds (article stages: added up over the batches, on the workers for Dask; corpus stages: on the
client) with each stage's articles per CPU second, peak resident memory (``ru_maxrss`` of this
process, and of the largest Dask worker process), the resident memory of this process as the first
wave of article stages advances (flat memory shows as a flat line), and the JSON size per article of
each article stage's output (what the client keeps per article). Then checks that both engines give
the same stories, reuse links, claims, entities and quotes (the sections are compared as JSON).

Run: ``nice -n 10 .venv/bin/python benchmarks/corpus.py`` (all 37,554 articles), ``--limit N`` for a
sample (the first N records), ``--stage NAME`` (repeatable) for a subset of stages, ``--engines
local dask``. Prints the report and stores it in ``benchmarks/results/corpus.json`` under its
article count (runs of other sizes are kept, so a doubling test reads both). Texts are taken as they
are (``content_original``), without cleaning, as the reuse benchmark does.
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from rashomon.errors import DataMissing
from rashomon.model import Article, article_id_for
from rashomon.offsets import OffsetMap

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / ".." / "shared" / "data" / "allsides" / "articles.jsonl.gz"
RESULTS = REPO / "benchmarks" / "results" / "corpus.json"
COMPARED = ("stories", "reuse", "claims", "entities", "quotes")


def load_articles(path: Path = DATA, limit: int | None = None) -> list[Article]:
    """AllSides records as articles (title, outlet, date kept; language English).

    Raises:
        DataMissing: the corpus file is absent.
    """
    if not path.exists():
        raise DataMissing(f"{path} not found: the AllSides corpus is expected in ../shared/data/allsides/")
    out: list[Article] = []
    seen: set[str] = set()
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            text = (doc.get("content_original") or "").strip()
            if not text or article_id_for(text) in seen:
                continue
            seen.add(article_id_for(text))
            out.append(
                Article(
                    id=article_id_for(text),
                    path=f"allsides#{len(out)}",
                    text=text,
                    raw_text=text,
                    offsets=OffsetMap.identity(len(text)),
                    title=doc.get("title"),
                    outlet=doc.get("source"),
                    published=doc.get("date"),
                    language="en",
                )
            )
            if limit and len(out) >= limit:
                break
    return out


def _peak_mb(who: int) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def _rss_mb() -> float:
    """Resident memory of this process now (Linux ``/proc``), in MB."""
    with open("/proc/self/statm", encoding="ascii") as fh:
        pages = int(fh.read().split()[1])
    return round(pages * resource.getpagesize() / 2**20, 1)


class MemoryTrace:
    """Samples this process's resident memory as the first article stage advances (progress callback)."""

    def __init__(self, total: int, points: int = 8) -> None:
        self.stage: str | None = None
        self.marks = {max(1, round(total * k / points)) for k in range(1, points + 1)}
        self.samples: list[tuple[int, float]] = []

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.stage is None and total > 1:
            self.stage = stage
        if stage == self.stage and any(
            done >= m > (self.samples[-1][0] if self.samples else 0) for m in self.marks
        ):
            self.samples.append((done, _rss_mb()))


def _stage_figures(timings: dict[str, list[float]], n: int) -> dict[str, dict[str, float]]:
    return {
        name: {
            "wall_s": round(wall, 1),
            "cpu_s": round(cpu, 1),
            "articles_per_cpu_s": round(n / cpu, 2) if cpu else 0.0,
        }
        for name, (wall, cpu) in sorted(timings.items(), key=lambda kv: -kv[1][1])
    }


def _bytes_per_article(results: dict[str, Any], n: int) -> dict[str, int]:
    """JSON size per article of each article stage's output (a dict keyed by every article id)."""
    out = {}
    for name, value in results.items():
        if isinstance(value, dict) and len(value) == n and name != "framing":
            out[name] = round(len(json.dumps(value, ensure_ascii=False)) / max(1, n))
    return out


def run_engine(
    engine: str, articles: list[Article], stages: list[str] | None, workers: int
) -> dict[str, Any]:
    """Run the pipeline with ``engine``; its outputs and figures."""
    from rashomon.analyze import analyze_articles

    work = Path(tempfile.mkdtemp(prefix="rashomon-bench-"))
    timings: dict[str, list[float]] = {}
    trace = MemoryTrace(len(articles))
    rss_before = _rss_mb()
    try:
        start = time.perf_counter()
        results = analyze_articles(
            articles,
            stages=stages,
            engine=engine,
            workers=workers,
            work_dir=work,
            timings=timings,
            progress=trace,
        )
        seconds = time.perf_counter() - start
    finally:
        shutil.rmtree(work, ignore_errors=True)
    figures = {
        "engine": engine,
        "seconds": round(seconds, 1),
        "articles_per_s": round(len(articles) / seconds, 2),
        "peak_mb_client": _peak_mb(resource.RUSAGE_SELF),
        "peak_mb_largest_worker": _peak_mb(resource.RUSAGE_CHILDREN) if engine == "dask" else None,
        "rss_mb_before": rss_before,
        "rss_mb_during_first_wave": trace.samples,
        "stages": _stage_figures(timings, len(articles)),
        "json_bytes_per_article": _bytes_per_article(results, len(articles)),
    }
    return {"figures": figures, "results": json.loads(json.dumps(results, default=str))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--stage", action="append", default=None, help="a stage to run (repeatable)")
    parser.add_argument("--engines", nargs="+", default=["local", "dask"], choices=["local", "dask"])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--note", default="", help="conditions of the run (idle machine, contention)")
    args = parser.parse_args()
    articles = load_articles(limit=args.limit)
    report: dict[str, Any] = {
        "articles": len(articles),
        "words": sum(len(a.text.split()) for a in articles),
        "stages": args.stage or "all",
        "note": args.note,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "engines": [],
    }
    runs = {}
    for engine in args.engines:
        runs[engine] = run_engine(engine, articles, args.stage, args.workers)
        report["engines"].append(runs[engine]["figures"])
        _store(report)  # after each engine, so a long run stopped half way keeps what it measured
    if len(runs) == 2:
        local, dask = (runs[e]["results"] for e in ("local", "dask"))
        report["identical"] = {s: local.get(s) == dask.get(s) for s in COMPARED if s in local or s in dask}
        _store(report)
    print(json.dumps(report, indent=1))


def _store(report: dict[str, Any]) -> None:
    """Keep ``report`` in the results file under its article count (other sizes are kept)."""
    stored = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    by_size = stored.get("runs", {}) if isinstance(stored.get("runs"), dict) else {}
    by_size[str(report["articles"])] = report
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"runs": by_size}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
