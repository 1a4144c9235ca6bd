"""Screenshots of every page of the report and of ``rashomon serve`` for the demo corpus and the seeds.

Usage (from the repository root)::

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--skip framing]

For each corpus (``examples/demo``; ``../shared/seeds`` when present) it runs ``rashomon analyze`` into
a fresh store under a temporary folder (``--skip STAGE`` leaves out a stage whose model is not trained
yet), serves the store on a free local port, and saves PNGs (laptop-sized viewport, top of each page)
of: the report (top, claims, actors, quotes, framing), the story page, a side-by-side page, an article page and a
search page. Needs ``/usr/bin/chromium`` (``apt-get install -y chromium``) and the ``playwright`` package.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from rashomon.analyze import analyze, select_stages
from rashomon.errors import DataMissing
from rashomon.web.server import make_web_server

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
log = logging.getLogger("screenshots")


def analyse(paths: Sequence[Path], db: Path, out: Path, skip: set[str]) -> dict[str, Any]:
    """``rashomon analyze`` of ``paths`` into ``db`` and ``out`` (every registered stage but ``skip``)."""
    names = None if not skip else [s.name for s in select_stages() if s.name not in skip]
    result = analyze(paths, out, db, stages=names)
    assert result.analysis_path is not None and result.run_id is not None
    doc: dict[str, Any] = json.loads(result.analysis_path.read_text(encoding="utf-8"))
    doc["_run"] = result.run_id
    return doc


def _search_word(doc: dict[str, Any]) -> str:
    words = [w for w in str(doc["articles"][0].get("title") or "").split() if w.isalpha() and len(w) > 4]
    return words[0] if words else "the"


def shoot(name: str, doc: dict[str, Any], report: Path, db: Path, out: Path) -> list[Path]:
    """Open each page in headless Chromium and save a PNG of it; returns the files written."""
    from playwright.sync_api import sync_playwright

    server = make_web_server(db, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    run = doc["_run"]
    ids = [a["id"] for a in doc["articles"]]
    link = (doc.get("reuse") or [{"source": ids[0], "target": ids[-1]}])[0]
    technique_article = next(
        (a for a, f in (doc.get("framing") or {}).items() if f and f.get("techniques")), ids[0]
    )
    targets = {
        "report": report.as_uri(),
        "report-claims": report.as_uri() + "#claims",
        "report-actors": report.as_uri() + "#actors",
        "report-quotes": report.as_uri() + "#quotes",
        "report-framing": report.as_uri() + "#framing",
        "story": f"{base}/run/{run}",
        "side-by-side": f"{base}/run/{run}/compare?a={quote(link['source'])}&b={quote(link['target'])}",
        "article": f"{base}/run/{run}/article/{quote(technique_article)}",
        "search": f"{base}/search?q={quote(_search_word(doc))}",
    }
    written = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            for label, url in targets.items():
                page.goto(url)
                path = out / f"{name}-{label}.png"
                page.screenshot(path=str(path))
                written.append(path)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Analyse the corpora and take the screenshots; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--skip", action="append", default=[], help="a stage not to run (repeatable)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} not found: install it with `apt-get update && apt-get install -y chromium`")
        return 2
    corpora = {"demo": REPO / "examples" / "demo"}
    seeds = REPO.parent / "shared" / "seeds"
    if seeds.is_dir():
        corpora["seeds"] = seeds
    else:
        log.warning("%s", DataMissing(f"{seeds} not found: only the demo corpus is shot"))
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, path in corpora.items():
            work = Path(tmp) / name
            doc = analyse([path], work / "rashomon.db", work, set(args.skip))
            for png in shoot(name, doc, work / "report.html", work / "rashomon.db", args.out):
                log.info("wrote %s", png.relative_to(REPO) if png.is_relative_to(REPO) else png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
