"""Tests of rashomon.clean.html_meta."""

from __future__ import annotations

from lxml import html as lxml_html

from rashomon.clean.html_meta import extract_meta, normalise_date


def _meta(source: str, url: str | None = None) -> dict[str, str]:
    return extract_meta(lxml_html.document_fromstring(source), url)


def test_json_ld_graph_wins_over_meta_tags() -> None:
    page = """<html><head><meta property="og:title" content="OG title">
    <script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
      {"@type": "WebSite", "name": "ignored"},
      {"@type": ["NewsArticle"], "headline": "LD headline", "datePublished": "2020-02-03T10:00:00Z",
       "author": [{"name": "A. One"}, {"name": "B. Two"}], "publisher": {"name": "The Paper"}}]}</script>
    </head><body><p>x</p></body></html>"""
    meta = _meta(page)
    assert meta["title"] == "LD headline"
    assert meta["author"] == "A. One, B. Two"
    assert meta["published"] == "2020-02-03"
    assert meta["outlet"] == "The Paper"


def test_broken_json_ld_falls_back_to_meta_tags() -> None:
    page = """<html><head><script type="application/ld+json">{"headline": </script>
    <meta property="og:site_name" content="Daily Bugle"><meta name="author" content="Ben Urich">
    <meta property="article:published_time" content="2019-07-04T09:00:00-04:00">
    <meta property="og:url" content="https://bugle.example/a"></head><body></body></html>"""
    meta = _meta(page)
    assert meta == {
        "outlet": "Daily Bugle",
        "author": "Ben Urich",
        "published": "2019-07-04",
        "url": "https://bugle.example/a",
    }


def test_page_fallbacks_title_suffix_byline_and_time() -> None:
    page = """<html><head><title>Flood warning lifted | River News</title></head><body>
    <div class="story-byline">By Maria Costa</div><time datetime="2018-12-01T08:00">1 Dec</time>
    </body></html>"""
    meta = _meta(page, url="https://river.example/x")
    assert meta["title"] == "Flood warning lifted"
    assert meta["outlet"] == "River News"
    assert meta["author"] == "Maria Costa"
    assert meta["published"] == "2018-12-01"
    assert meta["url"] == "https://river.example/x"


def test_author_urls_and_bad_dates_are_not_metadata() -> None:
    page = """<html><head><meta name="author" content="https://facebook.com/someone">
    <meta name="date" content="yesterday"></head><body></body></html>"""
    meta = _meta(page)
    assert "author" not in meta and "published" not in meta


def test_normalise_date_gives_a_day() -> None:
    assert normalise_date("2021-09-14T09:00:00+03:00") == "2021-09-14"
    assert normalise_date("not a date") is None


def test_logo_h1_loses_to_the_title_tag() -> None:
    page = """<html><head><title>Ferry service resumes after storm - Island Post</title></head>
    <body><h1>Island Post</h1><h2>Ferry service resumes after storm</h2></body></html>"""
    assert _meta(page)["title"] == "Ferry service resumes after storm"
    page = page.replace("<h1>Island Post</h1>", "<h1>Ferry service resumes after storm</h1>")
    page = page.replace(
        "<title>Ferry service resumes after storm - Island Post</title>", "<title>Island Post</title>"
    )
    assert _meta(page)["title"] == "Ferry service resumes after storm"
