"""Small articles written for the store tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from rashomon.model import Article, article_id_for
from rashomon.offsets import TextBuilder


def build_article(text: str, path: str = "a.txt", **meta: str) -> Article:
    """An article whose raw text has a chrome line (20 characters) that the clean text dropped."""
    raw = "Menu | Home | Sport\n" + text
    builder = TextBuilder(raw)
    builder.copy(20, len(raw))
    clean, omap = builder.build()
    return Article(id=article_id_for(clean), path=path, text=clean, raw_text=raw, offsets=omap, **meta)


@pytest.fixture
def make_article() -> Callable[..., Article]:
    """:func:`build_article`, as a fixture."""
    return build_article


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A store path in a folder that does not exist yet."""
    return tmp_path / "sub" / "rashomon.db"
