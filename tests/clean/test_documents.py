"""Tests for rashomon.clean.documents: the batch API the pipeline calls."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from rashomon.clean import clean_documents, clean_text
from rashomon.clean.documents import NO_TEXT
from rashomon.model import Article, Failure, RawDocument, article_id_for

BODY = (
    "The regional council voted on Tuesday to close the old bridge for repairs, a decision that will "
    "force thousands of commuters onto a detour for at least six months.\n\n"
    "Engineers found cracks in two of the supporting pillars last year, and the govern-\nment said it had "
    "no choice but to act before the winter storms arrive.\n\n"
    "Let us hope they are right."
)
SCRAPED = f"Skip to content\nHome | News | Sport\n\nBridge to close for repairs\n\nBy Jane Doe\n\n{BODY}\n\nComments: 0\n"


def _check_offsets(article: Article) -> None:
    """Every word of the clean text maps back onto the same characters of the raw text."""
    for match in re.finditer(r"\w+", article.text):
        start, end = article.offsets.span_to_raw(match.start(), match.end())
        raw_word = re.sub(r"-\s*", "", article.raw_text[start:end])
        assert raw_word == match.group(), (match.group(), article.raw_text[start:end])


def test_scraped_text_gives_article_with_metadata() -> None:
    (article,) = clean_documents([RawDocument("a.txt", SCRAPED, "text")])
    assert isinstance(article, Article)
    assert article.title == "Bridge to close for repairs"
    assert article.author == "Jane Doe"
    assert article.text.startswith("The regional council voted")
    assert article.text.endswith("Let us hope they are right.")
    assert "the government said" in article.text
    assert "Comments" not in article.text and "Skip" not in article.text
    assert article.id == article_id_for(article.text)
    assert article.raw_text == SCRAPED and article.language == "und" and article.kind == "text"
    _check_offsets(article)


def test_document_metadata_wins_over_text() -> None:
    doc = RawDocument(
        "a.jsonl#1", SCRAPED, "text", meta={"id": "x1", "author": "Desk", "url": "https://e.x/1"}
    )
    (article,) = clean_documents([doc])
    assert isinstance(article, Article)
    assert (article.id, article.author, article.url, article.title) == (
        "x1",
        "Desk",
        "https://e.x/1",
        "Bridge to close for repairs",
    )


def test_failures_in_order() -> None:
    docs = [
        RawDocument("nav.txt", "Home\nNews\nSport\nWeather\n", "text"),
        RawDocument("ok.txt", SCRAPED, "text"),
        RawDocument("big.txt", SCRAPED, "text"),
    ]
    results = clean_documents(docs[:2], {"max_article_chars": 10_000})
    assert isinstance(results[0], Failure) and results[0].reason == NO_TEXT
    assert isinstance(results[1], Article)
    (big,) = clean_documents(docs[2:], {"max_article_chars": 50})
    assert isinstance(big, Failure) and "max_article_chars" in big.reason


def test_line_repeated_across_the_batch_is_chrome() -> None:
    para = "Officials said the repairs would cost about four million euros and take most of the year."
    docs = [
        RawDocument(f"{n}.txt", f"Share on Facebook\n\n{para} Story {n} in detail.\n\n{BODY}", "text")
        for n in range(3)
    ]
    for result in clean_documents(docs):
        assert isinstance(result, Article)
        assert "Share on Facebook" not in result.text


def test_html_goes_through_extractor_with_composed_offsets() -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY.replace("govern-\nment", "government").split("\n\n") * 3)
    html = (
        "<html><head><title>Bridge to close | Valley Post</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Bridge to close</h1>{paragraphs}</article>"
        "<footer>© 2023 Valley Post</footer></body></html>"
    )
    (article,) = clean_documents([RawDocument("a.html", html, "html")])
    assert isinstance(article, Article)
    assert "regional council voted" in article.text and "Home" not in article.text
    assert article.raw_text == html and article.kind == "html"
    _check_offsets(article)


def test_clean_text_without_body_finder_keeps_inner_lines() -> None:
    text, omap, _ = clean_text("Comments: 3\n\nShort line\n\nA sentence here.\n\n2,171 views", find=False)
    assert text == "Short line\n\nA sentence here."
    assert omap.to_raw(0) == len("Comments: 3\n\n")


_LINE = st.one_of(
    st.sampled_from(["Home", "Comments: 2", "By Jane Doe", "12 May 2023", "Share", "Related", "コメント"]),
    st.text(alphabet=st.sampled_from("abcdefgh ijk-.,\u00e9\u0436 "), min_size=1, max_size=120),
    st.just(BODY),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=12), st.sampled_from(["\n", "\n\n", "\r\n", "\n \n"]))
def test_offsets_always_trace_back(lines: list[str], sep: str) -> None:
    raw = sep.join(lines)
    text, omap, _ = clean_text(raw)
    assert omap.clean_length == len(text) and omap.raw_length == len(raw)
    for c0, r0, n in omap.runs:
        assert text[c0 : c0 + n] == raw[r0 : r0 + n]


def test_public_api() -> None:
    import rashomon.clean

    assert rashomon.clean.__all__ == ["clean_documents", "clean_text"]
