"""Tests of rashomon.clean.html_fast."""

from __future__ import annotations

from lxml import html as lxml_html

from rashomon.clean.html_fast import fast_extract, segment, trim_edges

PROSE = [
    "The water board said on Friday that the new treatment plant would open two months late.",
    "Engineers found cracks in one of the settling tanks during a final inspection in May.",
    "A spokesman said customers would not notice any difference in the quality of their water.",
    "The plant, which cost about 80 million, will serve roughly 200,000 homes in the district.",
    "Repairs to the tank are expected to take six weeks, after which testing will start again.",
]


def _extract(body: str, title: str = "", author: str = "") -> tuple[list[str], float]:
    result = fast_extract(lxml_html.document_fromstring(f"<html><body>{body}</body></html>"), title, author)
    return result.paragraphs, result.confidence


def test_chrome_by_class_and_tag_is_removed() -> None:
    article = "".join(f"<p>{p}</p>" for p in PROSE)
    body = (
        "<nav><a href='/'>Home</a></nav>"
        "<div class='cookie-bar'><p>We use cookies to make this site work better for all our readers.</p></div>"
        f"<div class='story'><h1>Plant delayed</h1><div class='byline'>By Kim Lee</div>{article}</div>"
        "<div class='comment-thread'><p>I always said this plant was a waste of public money and time.</p></div>"
        "<footer><p>Copyright 2024 Water News. All rights reserved for all content.</p></footer>"
    )
    paragraphs, confidence = _extract(body, title="Plant delayed")
    assert paragraphs == PROSE
    assert confidence > 0.9


def test_wrapper_with_chrome_like_class_is_kept() -> None:
    # WordPress puts "comments-open" on a wrapper holding the whole page
    body = (
        "<div class='page comments-open'><article>"
        + "".join(f"<p>{p}</p>" for p in PROSE)
        + "</article></div>"
    )
    paragraphs, _ = _extract(body)
    assert paragraphs == PROSE


def test_br_separated_text_in_a_table_cell() -> None:
    cell = "<br><br>".join(PROSE)
    body = (
        "<table><tr><td><a href='/a'>News</a><br><a href='/b'>Sport</a></td>"
        f"<td><b>Plant delayed</b><br><i>by Kim Lee, 3 May</i><br><br>{cell}<br><br>See also:<br>"
        "<a href='/x'>Other story about the water board</a></td></tr></table>"
    )
    paragraphs, _ = _extract(body, title="Plant delayed", author="Kim Lee")
    assert paragraphs == PROSE


def test_link_heavy_blocks_inside_the_article_are_dropped() -> None:
    blocks = [f"<p>{p}</p>" for p in PROSE]
    blocks.insert(
        2, "<p><a href='/r'>Read this other long story about the water board and its many plants</a></p>"
    )
    paragraphs, _ = _extract("<article>" + "".join(blocks) + "</article>")
    assert paragraphs == PROSE


def test_prose_outside_the_container_lowers_the_confidence() -> None:
    article = "<div class='x1'>" + "".join(f"<div>{p}</div>" for p in PROSE[:3]) + "</div>"
    other = "<div class='x2'>" + "".join(f"<div>{p}</div>" for p in PROSE[3:]) + "</div>"
    _, split_confidence = _extract(article + other)
    _, whole_confidence = _extract(article)
    assert split_confidence < 0.9 <= whole_confidence or whole_confidence < 0.9
    assert split_confidence < whole_confidence


def test_short_page_is_never_sure() -> None:
    _, confidence = _extract("<p>Page not found. Try the search box above.</p>")
    assert confidence < 0.5


def test_segment_splits_at_blocks_and_counts_links() -> None:
    root = lxml_html.fragment_fromstring(
        "<div>one <b>two</b><p>three <a href='#'>four</a></p>five<br>six</div>"
    )
    blocks = segment(root)
    assert [b.text for b in blocks] == ["one two", "three four", "five", "six"]
    assert blocks[1].link_chars == len("four")


def test_body_split_into_twin_columns_is_kept_whole() -> None:
    first = "".join(f"<p>{p}</p>" for p in PROSE[:3])
    second = "".join(f"<p>{p}</p>" for p in PROSE[3:])
    body = (
        f"<div class='story'><div class='column'>{first}</div>"
        "<div class='slot'><a href='/x'>A teaser for another story</a></div>"
        f"<div class='column'>{second}</div></div>"
    )
    paragraphs, confidence = _extract(body)
    assert paragraphs == PROSE
    assert confidence > 0.9


def test_flat_page_is_not_trusted() -> None:
    # text straight in <body>: no element sets the article apart from the chrome lines around it
    body = (
        "<a href='/'>Home</a><br>"
        + "<br>".join(PROSE)
        + "<br>Copyright Water News, all rights reserved here."
    )
    _, confidence = _extract(body)
    assert confidence < 0.9


def test_section_front_of_links_is_not_trusted() -> None:
    blurbs = "".join(f"<p>{p}</p>" for p in PROSE)
    links = "".join(
        f"<li><a href='/s{i}'>Headline number {i} of the water section today</a></li>" for i in range(20)
    )
    _, confidence = _extract(f"<div class='front'>{blurbs}<ul>{links}</ul></div>")
    assert confidence < 0.9


def test_trim_edges_drops_headline_byline_and_trailing_labels() -> None:
    root = lxml_html.fragment_fromstring(
        "<div><p>Plant delayed</p><p>by Kim Lee | 3 May 2024 | 4 comments</p>"
        + "".join(f"<p>{p}</p>" for p in PROSE)
        + "<p>Tags</p><p>More on this</p></div>"
    )
    kept = trim_edges(segment(root), title="Plant delayed", author="Kim Lee")
    assert [b.text for b in kept] == PROSE


def test_article_wrapper_with_a_chrome_word_in_its_class_is_kept() -> None:
    menu = "".join(f"<li><a href='/{i}'>Section number {i} of the site</a></li>" for i in range(30))
    article = (
        "<div class='article-body js-share-container'>" + "".join(f"<p>{p}</p>" for p in PROSE) + "</div>"
    )
    paragraphs, _ = _extract(f"<ul>{menu}</ul>{article}<div class='share-bar'><a href='#'>Share</a></div>")
    assert paragraphs == PROSE
