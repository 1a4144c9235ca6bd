"""Tests of rashomon.clean.html: article paragraphs kept, chrome dropped, metadata, offsets, both paths."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest

import rashomon.clean.html as html_mod
from rashomon.clean.html import HtmlExtraction, extract_html

FIXTURES = Path(__file__).parent / "html_fixtures"
PAGES = sorted(p.stem for p in FIXTURES.glob("*.html"))


def _load(name: str) -> tuple[str, dict[str, Any]]:
    source = (FIXTURES / f"{name}.html").read_text(encoding="utf-8")
    expected = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    return source, expected


def _visible(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", markup)).strip()


def _check(doc: HtmlExtraction, expected: dict[str, Any]) -> None:
    paragraphs = doc.text.split("\n\n")
    for para in expected["paragraphs"]:
        assert para in paragraphs, f"article paragraph lost or altered: {para[:60]}"
    for chrome in expected["chrome"]:
        assert chrome not in doc.text, f"site chrome kept: {chrome!r}"
    for key, value in expected["meta"].items():
        assert doc.meta.get(key) == value, key


def test_fixture_set_covers_the_layouts() -> None:
    assert len(PAGES) >= 4


@pytest.mark.parametrize("name", PAGES)
def test_fast_path_keeps_article_and_drops_chrome(name: str) -> None:
    source, expected = _load(name)
    doc = extract_html(source, expected.get("url"))
    assert doc.method == "fast"
    _check(doc, expected)


@pytest.mark.parametrize("name", PAGES)
def test_careful_path_keeps_article_and_drops_chrome(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_mod, "FAST_CONFIDENCE", 1.01)  # never sure: always trafilatura
    source, expected = _load(name)
    doc = extract_html(source, expected.get("url"))
    assert doc.method == "careful"
    _check(doc, expected)


@pytest.mark.parametrize("name", PAGES)
def test_offsets_point_at_the_paragraphs_in_the_source(name: str) -> None:
    source, expected = _load(name)
    doc = extract_html(source, expected.get("url"))
    omap = doc.offsets
    assert omap.clean_length == len(doc.text) and omap.raw_length == len(source)
    for c0, r0, n in omap.runs:
        assert doc.text[c0 : c0 + n] == source[r0 : r0 + n]
    for offset in range(len(doc.text) + 1):
        assert 0 <= omap.to_raw(offset) <= len(source)
    for para in expected["paragraphs"]:
        start = doc.text.index(para)
        raw_start, raw_end = omap.span_to_raw(start, start + len(para))
        # the span may start on markup before the first word (an entity is not a verbatim copy)
        assert _visible(source[raw_start : raw_start + 300]).startswith(para.split()[0])
        assert _visible(source[max(0, raw_end - 300) : raw_end]).endswith(para.split()[-1])
        words = re.findall(r"\w+", para)
        for word in (words[0], words[-1]):
            at = doc.text.index(word, start)
            assert source[omap.to_raw(at) :].startswith(word)
    mapped = sum(n for _, _, n in omap.runs)
    assert mapped >= 0.9 * len(doc.text)


def test_unsure_fast_path_falls_back_to_trafilatura() -> None:
    # two equal prose containers: the fast extractor cannot tell which one is the article
    prose = "The committee met on Monday and agreed to publish its report before the end of the month. "
    column = "".join(f"<div><p>{prose}{i}</p></div>" for i in range(4))
    page = f"<html><body><div class='a'>{column}</div><div class='b'>{column}</div></body></html>"
    assert extract_html(page).method == "careful"


def test_url_argument_is_used_when_the_page_names_none() -> None:
    doc = extract_html("<html><body><p>Short.</p></body></html>", url="https://example.org/a")
    assert doc.meta["url"] == "https://example.org/a"


def test_xml_declaration_and_empty_input_do_not_raise() -> None:
    source, expected = _load(PAGES[0])
    doc = extract_html("<?xml version='1.0' encoding='utf-8'?>\n" + source)
    assert expected["paragraphs"][0] in doc.text
    empty = extract_html("")
    assert empty.text == "" and empty.offsets.clean_length == 0
    junk = extract_html("\x00\x01 not html at all <<<>>>")
    assert junk.offsets.raw_length == len("\x00\x01 not html at all <<<>>>")


def test_date_from_the_url_when_the_page_has_no_date_markup() -> None:
    source, _ = _load("div_layout")
    assert '<meta name="date" content="2022-06-01">' in source
    source = source.replace('<meta name="date" content="2022-06-01">', "")
    doc = extract_html(source, "https://railroadweekly.example/2022/06/01/night-trains")
    assert doc.method == "fast"
    assert doc.meta["published"] == "2022-06-01"
