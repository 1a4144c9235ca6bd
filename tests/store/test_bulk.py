"""Bulk loading: a corpus the size of the larger labelled sets (37k articles) loads in seconds."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from rashomon.model import Article, article_id_for
from rashomon.offsets import OffsetMap
from rashomon.store import Store

N_ARTICLES = 37_000
WORDS = [
    "harbour",
    "council",
    "ferry",
    "strike",
    "minister",
    "river",
    "bridge",
    "court",
    "water",
    "board",
    "said",
    "on",
    "Tuesday",
]


def _corpus(n: int) -> list[Article]:
    out = []
    for i in range(n):
        words = [WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(400)]
        text = f"Report {i}. " + " ".join(words)
        out.append(Article(article_id_for(text), f"bulk/{i}.txt", text, text, OffsetMap.identity(len(text))))
    return out


@pytest.mark.slow
def test_37k_articles_load_in_seconds(tmp_path: Path) -> None:
    corpus = _corpus(N_ARTICLES)
    with Store(tmp_path / "bulk.db") as store:
        run = store.start_run("ingest", {})
        t0 = time.perf_counter()
        for i in range(0, N_ARTICLES, 5_000):
            store.add_articles(corpus[i : i + 5_000], run)
        first = time.perf_counter() - t0
        t0 = time.perf_counter()
        assert store.add_articles(corpus, run) == (0, N_ARTICLES)
        again = time.perf_counter() - t0
        assert store.count_articles() == N_ARTICLES
        assert len(store.search("Report", limit=5)) == 5
    # generous bound: the figure measured on a loaded 2-core laptop is in the store's report
    assert first < 60 and again < 30, (first, again)
