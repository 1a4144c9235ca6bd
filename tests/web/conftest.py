"""A store holding the report tests' story (three articles, one hostile) and its saved analysis."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rashomon.model import Article
from rashomon.offsets import OffsetMap
from rashomon.store import Store
from rashomon.web.analyses import save_analysis
from rashomon.web.app import RashomonApp


def _story_doc() -> dict[str, Any]:
    # the same fixture as tests/report (one definition of the story)
    path = Path(__file__).resolve().parents[1] / "report" / "conftest.py"
    spec = importlib.util.spec_from_file_location("report_fixture", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    doc: dict[str, Any] = module.story_doc()
    return doc


@pytest.fixture
def story() -> dict[str, Any]:
    return _story_doc()


@pytest.fixture
def store_path(tmp_path: Path, story: dict[str, Any]) -> Path:
    db = tmp_path / "r.db"
    articles = [
        Article(
            a["id"],
            a["path"],
            a["text"],
            a["text"],
            OffsetMap.identity(len(a["text"])),
            title=a["title"],
            outlet=a["outlet"],
            published=a["published"],
            language="en",
        )
        for a in story["articles"]
    ]
    with Store(db) as store:
        run = store.start_run("analyze", {"paths": ["fixture"]})
        store.add_articles(articles, run)
        save_analysis(store, run, story)
        store.finish_run(run, "ok", {"articles": len(articles)})
    return db


@pytest.fixture
def app(store_path: Path) -> Iterator[RashomonApp]:
    store = Store(store_path, readonly=True)
    yield RashomonApp(store)
    store.close()
