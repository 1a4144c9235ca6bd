"""Corpus benchmark: the pipeline over the AllSides articles, local engine and Dask LocalCluster.

Measures, for each engine: wall time, articles per second end to end, and peak resident memory
(``ru_maxrss`` of this process, and of the Dask worker processes for the Dask engine); then checks
that both engines give the same stories, reuse links and claims (the sections are compared as JSON).

Run: ``nice -n 10 .venv/bin/python benchmarks/corpus.py`` (all 37,554 articles: hours on 2 shared
cores), ``--limit N`` for a sample (the first N records), ``--stage NAME`` (repeatable) for a subset
of stages, ``--engines local dask``. Prints a table and writes ``benchmarks/results/corpus.json``.
Texts are taken as they are (``content_original``), without cleaning, as the reuse benchmark does.
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
COMPARED = ("stories", "reuse", "claims")


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


def run_engine(
    engine: str, articles: list[Article], stages: list[str] | None, workers: int
) -> dict[str, Any]:
    """Run the pipeline with ``engine``; its outputs and figures."""
    from rashomon.analyze import analyze_articles

    work = Path(tempfile.mkdtemp(prefix="rashomon-bench-"))
    try:
        start = time.perf_counter()
        results = analyze_articles(articles, stages=stages, engine=engine, workers=workers, work_dir=work)
        seconds = time.perf_counter() - start
    finally:
        shutil.rmtree(work, ignore_errors=True)
    figures = {
        "engine": engine,
        "seconds": round(seconds, 1),
        "articles_per_s": round(len(articles) / seconds, 2),
        "peak_mb_client": _peak_mb(resource.RUSAGE_SELF),
        "peak_mb_children": _peak_mb(resource.RUSAGE_CHILDREN),
    }
    return {"figures": figures, "results": json.loads(json.dumps(results, default=str))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--stage", action="append", default=None, help="a stage to run (repeatable)")
    parser.add_argument("--engines", nargs="+", default=["local", "dask"], choices=["local", "dask"])
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    articles = load_articles(limit=args.limit)
    runs = {e: run_engine(e, articles, args.stage, args.workers) for e in args.engines}
    report: dict[str, Any] = {
        "articles": len(articles),
        "stages": args.stage or "all",
        "engines": [r["figures"] for r in runs.values()],
    }
    if len(runs) == 2:
        local, dask = (runs[e]["results"] for e in ("local", "dask"))
        report["identical"] = {s: local.get(s) == dask.get(s) for s in COMPARED if s in local or s in dask}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
