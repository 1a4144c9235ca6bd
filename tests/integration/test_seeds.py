"""Issue 2 acceptance on ../shared/seeds: five articles, metadata, chrome gone, every paragraph kept.

The checks are generic (no text of the seeds is written here): every long prose line of a raw file must
survive cleaning, the short lines that survive must be prose, and no hyphen-broken word remains.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from wordfreq import zipf_frequency

from rashomon.analyze import load_articles

SITE_NOTICE = re.compile(r"\b(cookies?|this (web)?site|consent|newsletter|subscribe)\b", re.I)
WORD_HYPHEN = re.compile(r"\b([A-Za-z]+)-([A-Za-z]+)\b")


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", WORD_HYPHEN.sub(lambda m: m.group(1) + m.group(2), text)).strip()


def _prose_lines(raw: str) -> list[str]:
    lines = [ln.strip() for ln in raw.splitlines()]
    prose = [ln for ln in lines if len(ln.split()) >= 12 and ln[-1] in '.!?”"’)']
    # site notices are prose too, but they are the site's words, not the article's
    return [ln for ln in prose if not SITE_NOTICE.search(ln)]


@pytest.fixture(scope="module")
def seeds(shared_dir: Path) -> tuple[list[Path], list]:  # type: ignore[type-arg]
    files = sorted((shared_dir / "seeds").glob("*.txt"))
    articles, failures = load_articles(files)
    assert not failures
    return files, articles


def test_five_articles_with_titles(seeds: tuple[list[Path], list]) -> None:  # type: ignore[type-arg]
    files, articles = seeds
    assert len(articles) == len(files) == 5
    titled = [a for a in articles if a.title]
    assert len(titled) >= 4  # one op-ed starts straight with its body
    assert all(len(a.title.split()) <= 25 for a in titled)
    assert all(a.language == "en" for a in articles)


def test_outlets_and_authors_where_named(seeds: tuple[list[Path], list]) -> None:  # type: ignore[type-arg]
    _, articles = seeds
    assert sum(1 for a in articles if a.outlet) >= 2
    assert sum(1 for a in articles if a.author) >= 2
    for a in articles:
        if a.author and a.outlet:
            assert a.author != a.outlet


def test_every_prose_paragraph_kept_and_chrome_gone(seeds: tuple[list[Path], list]) -> None:  # type: ignore[type-arg]
    files, articles = seeds
    by_path = {Path(a.path).name: a for a in articles}
    for f in files:
        article = by_path[f.name]
        clean = _normalise(article.text)
        raw = f.read_text(encoding="utf-8")
        for line in _prose_lines(raw):
            assert _normalise(line) in clean, f"{f.name}: lost a paragraph: {line[:60]}"
        for para in article.text.split("\n\n"):
            words = para.split()
            # what survives is prose: sentences, not counters, menus or date lines
            assert len(words) >= 3 or para.rstrip()[-1:] in ".!?", f"{f.name}: chrome left: {para!r}"
            assert not re.search(r"\d+\s*(views?|comments?)\b", para, re.I), (
                f"{f.name}: counter left: {para!r}"
            )


def test_broken_hyphens_rejoined(seeds: tuple[list[Path], list]) -> None:  # type: ignore[type-arg]
    _, articles = seeds
    for a in articles:
        for m in WORD_HYPHEN.finditer(a.text):
            left, right = m.group(1), m.group(2)
            joined = (left + right).lower()
            broken = (
                zipf_frequency(joined, "en") > 3.0
                and min(zipf_frequency(left.lower(), "en"), zipf_frequency(right.lower(), "en")) < 2.5
            )
            assert not broken, f"{a.path}: broken hyphen left: {m.group()}"


def test_offsets_trace_back_to_the_file(seeds: tuple[list[Path], list]) -> None:  # type: ignore[type-arg]
    _, articles = seeds
    for a in articles:
        for para in a.text.split("\n\n")[:5]:
            start = a.text.index(para)
            rs, re_ = a.offsets.span_to_raw(start, start + len(para))
            assert _normalise(a.raw_text[rs:re_]) == _normalise(para)
