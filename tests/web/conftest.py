"""A store holding the report tests' story (three articles, one hostile) and its saved analysis."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from rashomon.model import Article
from rashomon.offsets import OffsetMap
from rashomon.store import Store
from rashomon.web.analyses import save_analysis
from rashomon.web.app import RashomonApp


def _report_fixture() -> Any:
    # the same fixture as tests/report (one definition of the story)
    path = Path(__file__).resolve().parents[1] / "report" / "conftest.py"
    spec = importlib.util.spec_from_file_location("report_fixture", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


REPORT_FIXTURE = _report_fixture()


@pytest.fixture
def story() -> dict[str, Any]:
    doc: dict[str, Any] = REPORT_FIXTURE.story_doc()
    return doc


@pytest.fixture
def enriched_story(story: dict[str, Any]) -> dict[str, Any]:
    """The story with a second outlet's designations and stance and the per-story fields analyze adds."""
    doc: dict[str, Any] = REPORT_FIXTURE.with_second_outlet(story)
    doc["stories"][0]["size_in_store"] = 4  # two more articles from an earlier batch
    return doc


def write_store(db: Path, story: dict[str, Any]) -> Path:
    """A store at ``db`` holding the story's articles and its saved analysis."""
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
def store_path(tmp_path: Path, story: dict[str, Any]) -> Path:
    return write_store(tmp_path / "r.db", story)


@pytest.fixture
def make_store() -> Callable[[Path, dict[str, Any]], Path]:
    return write_store


@pytest.fixture
def app(store_path: Path) -> Iterator[RashomonApp]:
    store = Store(store_path, readonly=True)
    yield RashomonApp(store)
    store.close()
