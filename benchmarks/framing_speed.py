"""Framing speed: wall and CPU seconds per 800-word article for every framing task.

Takes ``--articles N`` English AllSides articles of 700–900 words (``content_original`` of
``../shared/data/allsides/articles.jsonl.gz``), and for each runs the framing stage on a fresh run
context (nothing shared with other stages, so the sentence vectors are not already there): genre,
frames, techniques with their spans, roles of the main actors, narratives, designations and stance.

Reported separately:

- ``load_s``: loading MiniLM, spaCy and every framing model (once per process), and one warm-up article;
- ``spacy``: the spaCy parse of each article, which the framing stage shares with the entities and
  quotes stages in a real run (timed apart; it is made before the framing call);
- ``framing``: the framing stage itself on that article, wall time and CPU time
  (``time.process_time``, less sensitive to other processes on a shared machine), median and p90.

``--threads`` sets torch's intra-op threads (default 1: one worker process per core is how the
pipeline scales). Usage::

    nice -n 10 .venv/bin/python benchmarks/framing_speed.py [--articles 30] [--threads 1]

Writes ``benchmarks/results/framing_speed.json``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DATA_FILE = REPO.parent / "shared" / "data" / "allsides" / "articles.jsonl.gz"
RESULTS = Path(__file__).resolve().parent / "results" / "framing_speed.json"
MIN_WORDS, MAX_WORDS = 700, 900


def load_texts(n: int, path: Path = DATA_FILE) -> list[str]:
    """The first ``n`` article texts of 700–900 words, in file order (deterministic)."""
    from rashomon.errors import DataMissing

    if not path.exists():
        raise DataMissing(f"{path} not found; the benchmark reads the AllSides corpus from ../shared/data")
    out: list[str] = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            text = json.loads(line).get("content_original") or ""
            if MIN_WORDS <= len(text.split()) <= MAX_WORDS:
                out.append(text)
                if len(out) == n:
                    break
    return out


def _article(text: str, outlet: str) -> Any:
    from rashomon.model import Article, article_id_for
    from rashomon.offsets import OffsetMap

    return Article(
        article_id_for(text), f"{outlet}.txt", text, text, OffsetMap.identity(len(text)), outlet=outlet
    )


def _frame_one(text: str, i: int) -> dict[str, float]:
    from rashomon.framing.stage import frame_articles
    from rashomon.nlp import spacy_doc
    from rashomon.pipeline import StageContext

    article = _article(text, f"outlet{i}")
    ctx = StageContext()
    w0, c0 = time.perf_counter(), time.process_time()
    spacy_doc(article, ctx)
    w1, c1 = time.perf_counter(), time.process_time()
    out = frame_articles([article], ctx)
    w2, c2 = time.perf_counter(), time.process_time()
    entry = out[article.id]
    missing = [k for k in ("genre", "frames", "techniques", "narratives") if entry.get(k) is None]
    if missing:
        raise RuntimeError(f"framing left {missing} empty: a model is missing, the timing would flatter")
    return {"spacy_wall": w1 - w0, "spacy_cpu": c1 - c0, "wall": w2 - w1, "cpu": c2 - c1}


def _stats(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    return {
        "median": round(statistics.median(ordered), 4),
        "p90": round(p90, 4),
        "mean": round(statistics.fmean(ordered), 4),
    }


def run(n: int, threads: int) -> dict[str, Any]:
    """Time the framing of ``n`` articles with ``threads`` torch threads."""
    import torch

    torch.set_num_threads(threads)
    texts = load_texts(n + 1)
    w0, c0 = time.perf_counter(), time.process_time()
    _frame_one(texts[0], 0)  # loads every model; not counted in the per-article figures
    load = {"wall": round(time.perf_counter() - w0, 3), "cpu": round(time.process_time() - c0, 3)}
    rows = [_frame_one(t, i) for i, t in enumerate(texts[1:], start=1)]
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "load_avg": os.getloadavg()},
        "threads": threads,
        "articles": len(rows),
        "words_median": statistics.median(len(t.split()) for t in texts[1:]),
        "load_s": load,
        "framing": {"wall_s": _stats([r["wall"] for r in rows]), "cpu_s": _stats([r["cpu"] for r in rows])},
        "spacy": {
            "wall_s": _stats([r["spacy_wall"] for r in rows]),
            "cpu_s": _stats([r["spacy_cpu"] for r in rows]),
        },
        "target_s": 0.3,
    }


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=30, help="articles timed (after one warm-up)")
    parser.add_argument("--threads", type=int, default=1, help="torch intra-op threads")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    result = run(args.articles, args.threads)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
