from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote
from wsgiref.util import setup_testing_defaults

import pytest

from rashomon.store import Store
from rashomon.web.app import MAX_QUERY, RashomonApp


def call(
    app: RashomonApp, path: str, query: str = "", method: str = "GET", **extra: str
) -> tuple[str, dict[str, str], str]:
    # as wsgiref gives it: percent-decoded, as latin-1 (PEP 3333)
    decoded = unquote(path, "iso-8859-1")
    environ: dict[str, Any] = {"PATH_INFO": decoded, "QUERY_STRING": query, "REQUEST_METHOD": method, **extra}
    setup_testing_defaults(environ)
    seen: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        seen["status"], seen["headers"] = status, dict(headers)

    body = b"".join(app(environ, start_response)).decode("utf-8")
    return seen["status"], seen["headers"], body


def test_home_lists_the_stored_analysis(app: RashomonApp) -> None:
    status, headers, body = call(app, "/")
    assert status == "200 OK"
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert 'href="/run/1"' in body and "3 articles in the store" in body


def test_story_page_links_to_side_by_side_and_articles(app: RashomonApp) -> None:
    status, _, body = call(app, "/run/1")
    assert status == "200 OK"
    assert 'href="/run/1/compare?a=src1&amp;b=cpy2"' in body
    assert 'href="/run/1/article/hst3"' in body
    assert "Evil &lt;i&gt;Times&lt;/i&gt;" in body and "<i>Times" not in body


def test_compare_uses_the_reuse_link_or_aligns_fresh(app: RashomonApp) -> None:
    _, _, linked = call(app, "/run/1/compare", "a=cpy2&b=src1")
    assert "does not credit its source" in linked and 'id="cmp-m0-t"' in linked
    status, _, fresh = call(app, "/run/1/compare", "a=src1&b=hst3")
    assert status == "200 OK" and "found no reuse" in fresh
    assert call(app, "/run/1/compare", "a=src1&b=src1")[0].startswith("400")
    assert call(app, "/run/1/compare", "a=src1&b=nope")[0].startswith("404")


def test_article_page_escapes_hostile_text(app: RashomonApp) -> None:
    status, _, body = call(app, "/run/1/article/hst3")
    assert status == "200 OK"
    assert "<script>" not in body and "&lt;script&gt;alert(1)" in body
    assert 'href="javascript:' not in body and "<!--" not in body


def test_article_page_shows_technique_spans(app: RashomonApp) -> None:
    _, _, body = call(app, "/run/1/article/src1")
    assert 'id="t-src1-0"' in body and 'href="/run/1/article/src1#t-src1-0"' in body


def test_bare_article_url_finds_its_analysis(app: RashomonApp) -> None:
    status, _, body = call(app, "/article/cpy2")
    assert status == "200 OK" and "Coast Daily" in body


def test_search_finds_words_and_reports_bad_queries(app: RashomonApp) -> None:
    _, _, body = call(app, "/search", "q=strike")
    assert "3 results" in body and "<mark>" in body
    _, _, punct = call(app, "/search", "q=port%27s+strike-action")
    assert "results for" in punct and 'role="alert"' not in punct
    _, _, empty = call(app, "/search", "q=+")
    assert 'role="alert"' in empty and "Type some words" in empty


@pytest.mark.parametrize(
    "path",
    [
        "/../../etc/passwd",
        "/run/1/article/..%2F..%2Fetc%2Fpasswd",
        "/static/../r.db",
        "/run/99",
        "/run/x",
        "/r.db",
    ],
)
def test_unknown_and_traversal_paths_are_404(app: RashomonApp, path: str) -> None:
    status, _, body = call(app, path)
    assert status.startswith("404") and "root:" not in body and "SQLite" not in body


def test_only_get_without_body_and_bounded_queries(app: RashomonApp) -> None:
    status, headers, _ = call(app, "/", method="POST")
    assert status.startswith("405") and headers["Allow"] == "GET, HEAD"
    assert call(app, "/", CONTENT_LENGTH="10")[0].startswith("413")
    assert call(app, "/search", "q=" + "a" * MAX_QUERY)[0].startswith("414")
    status, _, body = call(app, "/", method="HEAD")
    assert status == "200 OK" and body == ""


def test_store_is_opened_read_only(app: RashomonApp) -> None:
    assert app.store.readonly


def test_story_page_shows_only_its_articles(app: RashomonApp) -> None:
    _, _, run = call(app, "/run/1")
    assert 'href="/run/1/story/story-1"' in run
    status, _, body = call(app, "/run/1/story/story-1")
    assert status == "200 OK" and "<h1>Strike at the port</h1>" in body
    assert "Harbour Gazette" in body and "Evil &lt;i&gt;Times" not in body
    assert call(app, "/run/1/story/nope")[0].startswith("404")


def test_article_page_lists_its_claims_with_links(app: RashomonApp) -> None:
    _, _, body = call(app, "/run/1/article/cpy2")
    assert "Its claims" in body and "copied here" in body
    assert 'href="/run/1/article/cpy2#s-cpy2-0"' in body and 'id="s-cpy2-0"' in body


def test_a_failing_page_is_a_500_with_headers(app: RashomonApp, monkeypatch: pytest.MonkeyPatch) -> None:
    from rashomon.web import pages

    def broken(*args: object) -> str:
        raise ValueError("boom <b>")

    monkeypatch.setattr(pages, "story_page", broken)
    status, headers, body = call(app, "/run/1")
    assert status.startswith("500") and "default-src 'none'" in headers["Content-Security-Policy"]
    assert "boom" not in body


def test_empty_store_says_how_to_fill_it(tmp_path: Path) -> None:
    with Store(tmp_path / "e.db"):
        pass
    with Store(tmp_path / "e.db", readonly=True) as store:
        status, _, body = call(RashomonApp(store), "/")
    assert status == "200 OK" and "No analysis stored yet" in body and "0 articles" in body


def test_compare_form_preselects_two_different_articles(app: RashomonApp) -> None:
    _, _, body = call(app, "/run/1")
    assert '<option value="src1" selected>' in body.split('id="cmp-a"')[1].split("</select>")[0]
    assert '<option value="cpy2" selected>' in body.split('id="cmp-b"')[1].split("</select>")[0]


def test_other_hosts_are_refused_when_restricted(app: RashomonApp) -> None:
    app.allowed_hosts = frozenset({"127.0.0.1:8000"})
    assert call(app, "/", HTTP_HOST="127.0.0.1:8000")[0] == "200 OK"
    assert call(app, "/", HTTP_HOST="evil.example:8000")[0].startswith("421")


def test_too_many_query_fields_is_a_400(app: RashomonApp) -> None:
    assert call(app, "/search", "&".join(f"f{i}=1" for i in range(20)))[0].startswith("400")
