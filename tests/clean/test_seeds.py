"""Generic properties of cleaning on the shared seed articles (skipped when ../shared is absent).

No expectation here names a seed's content: long prose lines must survive, and nothing that is
plainly chrome (counters, cookie notices, text in another writing system) may.
"""

from __future__ import annotations

import re
from pathlib import Path

from rashomon.clean import clean_documents
from rashomon.model import Article, RawDocument

_PROSE = re.compile(r"[.!?][\"'”’»)]*$")
_CHROME = re.compile(r"\d\s*(?:views?|comments?)\b|\bcomments?:\s*\d|\bcookies?\b", re.IGNORECASE)
_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def test_seed_articles_keep_prose_and_lose_chrome(shared_dir: Path) -> None:
    paths = sorted((shared_dir / "seeds").glob("*.txt"))
    docs = [RawDocument(str(p), p.read_text(encoding="utf-8"), "text") for p in paths]
    results = clean_documents(docs)
    assert results and all(isinstance(r, Article) for r in results)
    for doc, article in zip(docs, results, strict=True):
        assert isinstance(article, Article)
        for line in doc.raw_text.splitlines():
            line = line.strip()
            if len(line.split()) >= 15 and _PROSE.search(line) and not _CHROME.search(line):
                # hyphen rejoining may change the line: compare its first and last words
                words = line.split()
                assert " ".join(words[:3]) in article.text and words[-1] in article.text, line[:60]
        for paragraph in article.text.split("\n\n"):
            assert not _CHROME.search(paragraph) or len(paragraph.split()) > 30, paragraph
            assert not _CJK.search(paragraph), paragraph
