"""Evaluation gate of rashomon.clean.html on synthetic pages (benchmarks/pages.py) with pinned floors.

The default test dresses the small built-in text in every layout; the slow one uses real article bodies
from ../shared/data (skipped when absent). Floors: token precision 0.99 and recall 0.98 per layout.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from rashomon.clean.html import extract_html

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import pages

PRECISION_FLOOR = 0.99
RECALL_FLOOR = 0.98
FAST_SHARE_FLOOR = 0.6  # the fast extractor must take most pages, or the speed target is lost
_TOKEN = re.compile(r"\w+")


def _evaluate(page_list: list[pages.Page]) -> dict[str, tuple[float, float, float]]:
    sums: dict[str, list[int]] = {}
    for page in page_list:
        doc = extract_html(page.html, page.article.url)
        got = Counter(_TOKEN.findall(doc.text.lower()))
        gold = Counter(_TOKEN.findall(page.gold_text.lower()))
        s = sums.setdefault(page.layout, [0, 0, 0, 0, 0])
        s[0] += sum((got & gold).values())
        s[1] += sum(got.values())
        s[2] += sum(gold.values())
        s[3] += doc.method == "fast"
        s[4] += 1
    return {k: (s[0] / max(1, s[1]), s[0] / max(1, s[2]), s[3] / s[4]) for k, s in sums.items()}


def _assert_floors(scores: dict[str, tuple[float, float, float]]) -> None:
    assert set(scores) == set(pages.LAYOUTS)
    for layout, (precision, recall, _) in scores.items():
        assert precision >= PRECISION_FLOOR, (layout, precision)
        assert recall >= RECALL_FLOOR, (layout, recall)
    fast_share = sum(f for _, _, f in scores.values()) / len(scores)
    assert fast_share >= FAST_SHARE_FLOOR, scores


def test_builtin_pages_meet_the_floors(tmp_path: Path) -> None:
    page_list = pages.generate_pages(25, seed=7, data_file=tmp_path / "absent.jsonl.gz")
    _assert_floors(_evaluate(page_list))


def test_metadata_of_generated_pages() -> None:
    page = pages.generate_pages(1, seed=3, data_file=Path("/nonexistent"))[0]
    doc = extract_html(page.html)
    assert doc.meta["title"] == page.article.title
    assert doc.meta["author"] == page.article.author
    assert doc.meta["published"] == page.article.published
    assert doc.meta["outlet"] == page.article.outlet


@pytest.mark.slow
def test_real_article_pages_meet_the_floors(shared_dir: Path) -> None:
    data = shared_dir / "data" / "allsides" / "articles.jsonl.gz"
    if not data.is_file():
        pytest.skip(f"{data} not found")
    _assert_floors(_evaluate(pages.generate_pages(300, seed=11, data_file=data)))


def test_ingest_benchmark_runs_and_writes_its_json(tmp_path: Path) -> None:
    import json

    import ingest

    out = tmp_path / "ingest.json"
    assert (
        ingest.main(["--pages", "6", "--workers", "1", "--methods", "rashomon-html", "--out", str(out)]) == 0
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    (row,) = report["results"]
    assert row["method"] == "rashomon-html" and row["pages_per_s_1p"] > 0
    assert 0.0 <= row["precision"] <= 1.0 and set(row["by_layout"]) <= set(pages.LAYOUTS)
