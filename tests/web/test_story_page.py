"""The served story page: the story's facts, its own designation table and its stance table."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from wsgiref.util import setup_testing_defaults

import pytest

from rashomon.store import Store
from rashomon.web.app import RashomonApp


@pytest.fixture
def story_app(
    tmp_path: Path, enriched_story: dict[str, Any], make_store: Callable[[Path, dict[str, Any]], Path]
) -> Iterator[RashomonApp]:
    db = make_store(tmp_path / "s.db", enriched_story)
    readonly = Store(db, readonly=True)
    yield RashomonApp(readonly)
    readonly.close()


def get(app: RashomonApp, path: str) -> tuple[str, str]:
    environ: dict[str, Any] = {"PATH_INFO": path, "REQUEST_METHOD": "GET"}
    setup_testing_defaults(environ)
    seen: dict[str, str] = {}

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        seen["status"] = status

    body = b"".join(app(environ, start_response)).decode("utf-8")
    return seen["status"], body


def section(body: str, anchor: str) -> str:
    return body.split(f'<section id="{anchor}"', 1)[1].split("</section>", 1)[0]


def test_story_page_starts_with_the_story(story_app: RashomonApp) -> None:
    status, body = get(story_app, "/run/1/story/story-1")
    assert status == "200 OK"
    facts = section(body, "story")
    assert "2 articles (4 in the store, earlier analyses included)" in facts
    assert "1 reuse link inside the story, 0 to other stories" in facts
    assert body.index('<section id="story"') < body.index('<section id="reuse"')


def test_story_page_shows_the_story_designations_not_the_corpus_table(story_app: RashomonApp) -> None:
    _, body = get(story_app, "/run/1/story/story-1")
    actors = section(body, "actors")
    assert "the port bosses" in actors
    assert "saboteurs" not in actors  # the corpus table's words are not this story's


def test_story_page_stance_links_to_evidence(story_app: RashomonApp) -> None:
    _, body = get(story_app, "/run/1/story/story-1")
    stance = section(body, "stance")
    assert "critical 70%" in stance and "favourable 40%" in stance
    assert 'href="/run/1/article/src1#s-src1-' in stance and 'href="/run/1/article/cpy2#s-cpy2-0"' in stance


def test_a_story_page_of_an_older_analysis_still_renders(app: RashomonApp) -> None:
    status, body = get(app, "/run/1/story/story-1")  # saved without the per-story fields
    assert status == "200 OK" and '<section id="story"' in body and '<section id="stance"' not in body


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} not found: `apt-get install -y chromium`")
def test_browser_goes_from_the_run_to_a_story_and_its_stance_evidence(
    tmp_path: Path, enriched_story: dict[str, Any], make_store: Callable[[Path, dict[str, Any]], Path]
) -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    from rashomon.web.server import make_web_server

    db = make_store(tmp_path / "b.db", enriched_story)
    server = make_web_server(db, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        with playwright.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(base + "/run/1")
            page.locator("#stories").get_by_role("link", name="Strike at the port").click()
            assert page.url.endswith("/run/1/story/story-1")
            assert "1 reuse link inside the story" in page.locator("#story").inner_text()
            page.locator("#stance").get_by_role("link", name="favourable 40%").click()
            assert "/run/1/article/cpy2" in page.url and page.evaluate("location.hash") == "#s-cpy2-0"
            browser.close()
        assert errors == []
    finally:
        server.shutdown()
        server.server_close()
