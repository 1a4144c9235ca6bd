"""Headless Chromium over the report file and the served app: navigation, highlights, no script, no network.

Needs Debian's ``chromium`` (``apt-get install -y chromium``) at /usr/bin/chromium and the ``playwright``
package; the tests skip, saying so, only when the browser is missing.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rashomon.report import render_report
from rashomon.web.server import make_web_server

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason=f"{CHROMIUM} not found: install it with `apt-get install -y chromium`"
    ),
]


class Watch:
    """Every request, dialog and console error of a page."""

    def __init__(self, page: Any) -> None:
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("dialog", self._dialog)
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _dialog(self, dialog: Any) -> None:  # an alert() means article text ran as script
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _console(self, message: Any) -> None:  # a CSP violation shows up as a console error
        if message.type == "error":
            self.errors.append(message.text)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(5000)
    yield context.new_page()
    context.close()


@pytest.fixture
def base_url(store_path: Path) -> Iterator[str]:
    server = make_web_server(store_path, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def _words(mark: Any) -> str:
    """The marked words without the footnote number."""
    return str(mark.evaluate("e => e.firstChild.textContent"))


def _hostile_is_text(page: Any) -> None:
    text = page.locator("#article-hst3 .text").inner_text()
    assert "<script>alert(1)</script>" in text and "<!-- hidden -->" in text
    assert 'href="javascript:alert(2)"' in text
    assert page.locator("script").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0


def test_report_from_disk(page: Any, story: dict[str, Any], tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    report.write_text(render_report(story), encoding="utf-8")
    watch = Watch(page)
    page.goto(report.as_uri())
    mark = page.locator("mark#t-src1-0")
    assert mark.inner_text() == "disgraceful act of sabotage"
    # the stylesheet applies, so its CSP hash is right: the technique colour, not the default yellow
    assert mark.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(230, 222, 252)"
    page.locator("#reuse summary").first.click()
    assert _words(page.locator("mark#l0-m0-t")) == "3,000"
    page.locator("#article-src1 a[href='#t-src1-0']").click()
    assert page.evaluate("location.hash") == "#t-src1-0"
    _hostile_is_text(page)
    assert watch.dialogs == [] and watch.errors == []
    assert all(url.startswith("file://") for url in watch.requests), watch.requests


def test_keyboard_reaches_the_skip_link(page: Any, story: dict[str, Any], tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    report.write_text(render_report(story), encoding="utf-8")
    page.goto(report.as_uri())
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#content"


def test_served_story_to_side_by_side_to_article(page: Any, base_url: str) -> None:
    watch = Watch(page)
    page.goto(base_url + "/")
    page.get_by_role("link", name="Analysis 1").click()
    assert page.locator("h1").inner_text() == "Analysis 1"
    page.get_by_role("link", name="Open side by side").first.click()
    assert "/run/1/compare" in page.url
    assert _words(page.locator("mark.mut#cmp-m0-t")) == "3,000"
    assert _words(page.locator("mark.mut#cmp-m0-s")) == "300"
    assert page.locator("mark.mut#cmp-m0-t sup").inner_text() == "1"  # the footnote to its explanation
    page.locator("h3 a", has_text="Harbour Gazette").click()
    assert page.url.endswith("/run/1/article/src1")
    assert page.locator("mark.tech").inner_text() == "disgraceful act of sabotage"
    page.get_by_role("link", name="Loaded Language").click()
    assert page.evaluate("location.hash") == "#t-src1-0"
    page.goto(base_url + "/search?q=strike")
    assert page.locator("ol.results li").count() == 3
    assert watch.dialogs == [] and watch.errors == []
    assert all(url.startswith(base_url) for url in watch.requests), watch.requests


def test_served_hostile_article_renders_as_text(page: Any, base_url: str) -> None:
    watch = Watch(page)
    response = page.goto(base_url + "/run/1/article/hst3")
    assert "default-src 'none'" in response.headers["content-security-policy"]
    _hostile_is_text(page)
    assert watch.dialogs == [] and watch.errors == []


def test_search_form_is_labelled_and_submits(page: Any, base_url: str) -> None:
    page.goto(base_url + "/")
    page.get_by_label("Search the corpus").fill("strike")
    page.get_by_role("button", name="Search").click()
    assert "/search?q=strike" in page.url
    assert page.locator("ol.results li").count() == 3


def test_compare_form_opens_any_pair(page: Any, base_url: str) -> None:
    page.goto(base_url + "/run/1")
    page.get_by_label("Compare").select_option("src1")
    page.get_by_label("with").select_option("hst3")
    page.get_by_role("button", name="Side by side").click()
    assert "/run/1/compare?a=src1&b=hst3" in page.url
    assert "found no reuse" in page.locator("main").inner_text()


@pytest.mark.parametrize("width", [1024, 800])
def test_no_page_wide_scrolling_on_small_screens(
    browser: Any, story: dict[str, Any], tmp_path: Path, width: int
) -> None:
    for i in range(8):  # a claims matrix wider than the screen: it scrolls in its own region
        story["articles"].append({"id": f"x{i}", "outlet": f"A long outlet name {i}", "text": "Filler text."})
        story["claims"][0]["members"].append({"article": f"x{i}", "text": "Filler text.", "span": [0, 6]})
        story["claims"][0]["independent_support"].append(f"x{i}")
    report = tmp_path / "report.html"
    report.write_text(render_report(story), encoding="utf-8")
    context = browser.new_context(viewport={"width": width, "height": 700})
    try:
        page = context.new_page()
        page.goto(report.as_uri())
        page.locator("#reuse summary").first.click()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()
