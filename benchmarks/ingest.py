"""Ingest benchmark: pages/s and token precision/recall of HTML extraction and scraped-text cleaning.

On the same synthetic pages (:mod:`pages`: several site layouts with nav, cookie banners, related lists,
comments and footers, around real article bodies when ``../shared/data`` is present), with 1 and with
``--workers`` processes:

- ``trafilatura``: ``trafilatura.bare_extraction`` alone (no comments, with metadata), the baseline;
- ``trafilatura-fast``: the same with ``fast=True``;
- ``rashomon-html``: :func:`rashomon.clean.html.extract_html` (fast extractor, trafilatura when unsure);
- ``rashomon-text``: :func:`rashomon.clean.clean_documents` on the scraped-text rendering of each page.

Precision/recall are bag-of-tokens (lower-cased ``\\w+`` tokens, multiset overlap) against the gold
article text, summed over pages. Usage::

    .venv/bin/python benchmarks/ingest.py [--pages N] [--workers 2] [--seed 0]

Writes ``benchmarks/results/ingest.json``.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import DATA_FILE, Page, generate_pages

RESULTS = Path(__file__).resolve().parent / "results" / "ingest.json"
_TOKEN = re.compile(r"\w+")
_TEXT_BATCH = 50  # scraped texts are cleaned in batches: repetition across a batch is one of the cues

_PAGES: list[Page] = []


def _init(pages: list[Page]) -> None:
    global _PAGES
    _PAGES = pages


def _run_trafilatura(i: int, fast: bool = False) -> tuple[str, str]:
    import trafilatura

    doc = trafilatura.bare_extraction(
        _PAGES[i].html, url=_PAGES[i].article.url, include_comments=False, with_metadata=True, fast=fast
    )
    return (getattr(doc, "text", None) or "") if doc is not None else "", "trafilatura"


def _run_trafilatura_fast(i: int) -> tuple[str, str]:
    return _run_trafilatura(i, fast=True)


def _run_rashomon_html(i: int) -> tuple[str, str]:
    from rashomon.clean.html import extract_html

    doc = extract_html(_PAGES[i].html, _PAGES[i].article.url)
    return doc.text, doc.method


def _run_rashomon_text(start: int) -> list[tuple[str, str]]:
    from rashomon.clean import clean_documents
    from rashomon.model import RawDocument

    docs = [
        RawDocument(f"page{j}.txt", p.scraped, "text")
        for j, p in enumerate(_PAGES[start : start + _TEXT_BATCH], start)
    ]
    return [(getattr(r, "text", "") or "", "text") for r in clean_documents(docs)]


def _text_available() -> str | None:
    try:
        from rashomon.clean import clean_documents  # noqa: F401
    except ImportError as exc:
        return f"rashomon.clean.clean_documents is not importable ({exc}); scraped-text part skipped"
    return None


def _measured(fn: Callable[[int], Any], job: int) -> tuple[Any, float]:
    """``fn(job)`` and the CPU seconds it took in this process (robust to other load on the machine)."""
    t0 = time.process_time()
    out = fn(job)
    return out, time.process_time() - t0


def _timed(
    fn: Callable[[int], Any], jobs: list[int], pages: list[Page], workers: int
) -> tuple[float, float, list[Any]]:
    """Wall and CPU seconds of ``fn`` over ``jobs`` in a pool of ``workers`` (start-up, imports excluded)."""
    task = partial(_measured, fn)
    with mp.get_context("fork").Pool(workers, initializer=_init, initargs=(pages,)) as pool:
        pool.map(task, jobs[: 2 * workers])  # warm-up: imports, lazy models, caches
        t0 = time.perf_counter()
        out = pool.map(task, jobs, chunksize=max(1, len(jobs) // (workers * 8)))
        wall = time.perf_counter() - t0
    return wall, sum(cpu for _, cpu in out), [result for result, _ in out]


def _score(texts: list[str], pages: list[Page]) -> dict[str, float]:
    overlap = extracted = gold = 0
    per_page_ok = 0
    for text, page in zip(texts, pages, strict=True):
        a = Counter(_TOKEN.findall(text.lower()))
        b = Counter(_TOKEN.findall(page.gold_text.lower()))
        ov = sum((a & b).values())
        overlap, extracted, gold = overlap + ov, extracted + sum(a.values()), gold + sum(b.values())
        per_page_ok += ov >= 0.99 * max(1, sum(a.values()))
    return {
        "precision": round(overlap / max(1, extracted), 4),
        "recall": round(overlap / max(1, gold), 4),
        "pages_precision_ge_0.99": round(per_page_ok / max(1, len(pages)), 4),
    }


def _by_layout(texts: list[str], methods: list[str], pages: list[Page]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for layout in sorted({p.layout for p in pages}):
        idx = [i for i, p in enumerate(pages) if p.layout == layout]
        out[layout] = _score([texts[i] for i in idx], [pages[i] for i in idx])
        out[layout]["fast_share"] = round(sum(methods[i] == "fast" for i in idx) / len(idx), 3)
    return out


def _bench(name: str, pages: list[Page], worker_counts: list[int]) -> dict[str, Any]:
    n = len(pages)
    if name == "rashomon-text":
        jobs = list(range(0, n, _TEXT_BATCH))
        fn: Callable[[int], Any] = _run_rashomon_text
    else:
        jobs = list(range(n))
        fn = {
            "trafilatura": _run_trafilatura,
            "trafilatura-fast": _run_trafilatura_fast,
            "rashomon-html": _run_rashomon_html,
        }[name]
    row: dict[str, Any] = {"method": name}
    results: list[tuple[str, str]] = []
    for w in worker_counts:
        seconds, cpu, out = _timed(fn, jobs, pages, w)
        row[f"pages_per_s_{w}p"] = round(n / seconds, 1)
        row.setdefault("cpu_ms_per_page", round(1000 * cpu / n, 3))
        # CPU time is what load from other processes disturbs least; two idle cores do 2000/ms pages a second
        row.setdefault("projected_pages_per_s_2_idle_cores", round(2000 * n / max(cpu * 1000, 1e-9)))
        if not results:
            results = [r for batch in out for r in batch] if name == "rashomon-text" else out
    texts, methods = [r[0] for r in results], [r[1] for r in results]
    row.update(_score(texts, pages))
    if name == "rashomon-html":
        row["fast_share"] = round(methods.count("fast") / n, 3)
        row["by_layout"] = _by_layout(texts, methods, pages)
    return row


def _print_table(rows: list[dict[str, Any]], worker_counts: list[int]) -> None:
    heads = [
        "method",
        *[f"pages/s {w}p" for w in worker_counts],
        "CPU ms/page",
        "precision",
        "recall",
        "P>=.99 pages",
    ]
    print(" | ".join(f"{h:>16}" for h in heads))
    for r in rows:
        cells = [
            r["method"],
            *[r[f"pages_per_s_{w}p"] for w in worker_counts],
            r["cpu_ms_per_page"],
            r["precision"],
            r["recall"],
            r["pages_precision_ge_0.99"],
        ]
        print(" | ".join(f"{c!s:>16}" for c in cells))
    for r in rows:
        if "by_layout" in r:
            print(f"\n{r['method']} by layout (fast share = pages the fast extractor kept):")
            for layout, s in r["by_layout"].items():
                print(f"  {layout:>10}: P {s['precision']}  R {s['recall']}  fast {s['fast_share']}")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; returns the exit code."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=500)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=RESULTS)
    ap.add_argument("--methods", default="trafilatura,trafilatura-fast,rashomon-html,rashomon-text")
    args = ap.parse_args(argv)
    if not DATA_FILE.is_file():
        print(f"{DATA_FILE} not found: dressing the small built-in text instead of real article bodies")
    pages = generate_pages(args.pages, seed=args.seed)
    worker_counts = sorted({1, args.workers})
    rows = []
    for name in args.methods.split(","):
        if name == "rashomon-text" and (why := _text_available()):
            print(why)
            continue
        print(f"running {name}…", flush=True)
        rows.append(_bench(name, pages, worker_counts))
    _print_table(rows, worker_counts)
    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "pages": len(pages),
        "layouts": sorted({p.layout for p in pages}),
        "article_source": "allsides" if DATA_FILE.is_file() else "built-in",
        "mean_page_bytes": round(sum(len(p.html) for p in pages) / max(1, len(pages))),
        "cpus": os.cpu_count(),
        "load_average_at_end": os.getloadavg(),
        "python": platform.python_version(),
        "note": "measured on a shared machine; other processes compete for the CPUs",
        "results": rows,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
