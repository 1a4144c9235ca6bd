from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from rashomon.report import render_report
from rashomon.report.page import CSP, stylesheet


class _Collect(HTMLParser):
    """Ids, internal links, tags and comments of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.tags: list[str] = []
        self.comments: list[str] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if found.get("href"):
            self.hrefs.append(str(found["href"]))

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def _parse(html: str) -> _Collect:
    parser = _Collect()
    parser.feed(html)
    return parser


def test_article_text_is_escaped_and_csp_set(doc: dict[str, Any]) -> None:
    html = render_report(doc)
    parsed = _parse(html)
    assert parsed.tags.count("script") == 0 and parsed.comments == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;!-- hidden --&gt;" in html
    assert not any(h.startswith("javascript:") for h in parsed.hrefs)
    assert "Evil &lt;i&gt;Times&lt;/i&gt;" in html
    assert CSP in html.replace("&#x27;", "'")
    assert "script-src" not in CSP and "'unsafe-inline'" not in CSP


def test_csp_hashes_the_one_stylesheet() -> None:
    import base64
    import hashlib

    digest = base64.b64encode(hashlib.sha256(stylesheet().encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in CSP


def test_every_internal_link_has_a_target(doc: dict[str, Any]) -> None:
    parsed = _parse(render_report(doc))
    internal = [h[1:] for h in parsed.hrefs if h.startswith("#")]
    assert internal, "the report links to its evidence"
    assert sorted(set(internal) - parsed.ids) == []


def test_sections_render_from_data(doc: dict[str, Any]) -> None:
    html = render_report(doc)
    for anchor in (
        "overview",
        "reuse",
        "claims",
        "actors",
        "quotes",
        "framing",
        "timeline",
        "articles",
        "errors",
    ):
        assert f'<section id="{anchor}"' in html, anchor
    assert "does not credit its source" in html
    assert "The source says 300 &lt;workers&gt;" in html
    assert "contested" in html and "1 of 2 independent" in html
    assert "saboteurs" in html and "Protagonist" in html and "reworded" in html


def test_mutations_are_marked_on_both_sides_and_listed(doc: dict[str, Any]) -> None:
    html = render_report(doc)
    assert re.search(r'<mark class="mut" id="l0-m0-s"[^>]*>300<sup class="note">1</sup></mark>', html)
    assert re.search(r'<mark class="mut" id="l0-m0-t"[^>]*>3,000<sup class="note">1</sup></mark>', html)
    assert 'href="#l0-m0-t"' in html


def test_technique_spans_are_highlighted_with_legend_and_confidence(doc: dict[str, Any]) -> None:
    html = render_report(doc)
    mark = re.search(
        r'<mark class="tech t0" id="t-src1-0" tabindex="-1" title="([^"]*)">([^<]*)</mark>', html
    )
    assert mark and mark[2] == "disgraceful act of sabotage"
    assert "Loaded Language (81%)" in mark[1]
    assert 'class="legend"' in html and 'href="#t-src1-0"' in html


def test_charts_are_inline_svg_with_titles(doc: dict[str, Any]) -> None:
    html = render_report(doc)
    for title in (
        "Provenance graph",
        "Persuasion techniques per outlet",
        "Stance of each outlet",
        "Timeline",
    ):
        assert re.search(rf"<svg[^>]*role=\"img\"[^>]*><title[^>]*>{title}", html), title
    assert 'stroke-dasharray="6 4" marker-end' in html  # the copy does not credit its source
    assert " style=" not in html  # the CSP allows only the hashed stylesheet


def test_missing_sections_are_left_out() -> None:
    html = render_report({"articles": [{"id": "x", "text": "Only text."}], "errors": []})
    assert '<section id="articles"' in html and '<section id="reuse"' not in html
    assert '<section id="claims"' not in html and "<svg" not in html


def test_claims_list_outlets_when_there_are_many_articles(doc: dict[str, Any]) -> None:
    extra = [{"id": f"x{i}", "outlet": f"Extra {i}", "text": "Filler."} for i in range(12)]
    doc["articles"] = doc["articles"] + extra
    html = render_report(doc)
    claims = html.split('<section id="claims"')[1].split("</section>")[0]
    assert "reported by" in claims and "Extra 3" not in claims
    assert "● <a href=" in claims and "○ <a href=" in claims


def test_quotes_are_underlined_unless_a_technique_covers_them(doc: dict[str, Any]) -> None:
    assert '<mark class="quote"' not in render_report(doc)  # the quote overlaps the technique span
    del doc["framing"]
    html = render_report(doc)
    assert re.search(
        r'<mark class="quote" title="quote of Officials, reworded \(70%\)">the strike a disgraceful</mark>',
        html,
    )


def test_the_page_itself_names_no_url(doc: dict[str, Any]) -> None:
    html = render_report(doc)
    assert "http://" not in html and "https://" not in html
    assert '<main><div id="content"' in html


def test_a_malformed_section_is_reported_not_fatal(doc: dict[str, Any]) -> None:
    doc["claims"] = [{"text": "x", "members": "not a list of members"}]
    html = render_report(doc)
    claims = html.split('<section id="claims"')[1].split("</section>")[0]
    assert 'role="alert"' in claims and "could not be shown" in claims
    assert '<section id="reuse"' in html


def test_odd_article_ids_give_valid_anchors(doc: dict[str, Any]) -> None:
    odd = 'ид/1 "x"<y>'
    for a in doc["articles"]:
        if a["id"] == "src1":
            a["id"] = odd
    doc["framing"][odd] = doc["framing"].pop("src1")
    doc["reuse"][0]["source"] = odd
    html = render_report(doc)
    parsed = _parse(html)
    assert sorted({h[1:] for h in parsed.hrefs if h.startswith("#")} - parsed.ids) == []
    assert '"x"<y>' not in html


def test_side_by_side_reads_both_texts_in_order(doc: dict[str, Any]) -> None:
    from rashomon.report.sections import side_by_side
    from rashomon.report.view import make_view

    link = doc["reuse"][0]
    cpy = doc["articles"][1]["text"]
    link["additions"] = [[cpy.index("Talks"), len(cpy)]]  # pretend the copy added its last sentence
    link["passages"] = link["passages"][:1]
    rows = side_by_side(make_view(doc), link).split("<tbody>")[1].split("</tbody>")[0].split("</tr>")
    kinds = ["omitted" if "omitted" in r else "added" if "added" in r else "aligned" for r in rows if r]
    assert kinds == ["aligned", "omitted", "added"]


def test_designations_link_to_their_words(doc: dict[str, Any]) -> None:
    html = render_report(doc)
    assert re.search(r'<li>calls port authority: <a href="#s-src1-0">“port authority”</a></li>', html)


def test_missing_technique_model_is_told_apart_from_none_found(doc: dict[str, Any]) -> None:
    doc["framing"]["cpy2"] = {"techniques": [], "genre": None}
    doc["framing"]["hst3"] = {"techniques": None, "genre": None}
    html = render_report(doc)
    assert html.count("No persuasion technique was found") == 1
    assert html.count("the techniques model is not installed") == 1


def test_landmarks_and_labelled_regions(doc: dict[str, Any]) -> None:
    html = render_report(doc)
    assert '<header class="top">' in html and '<nav class="toc" aria-label="Sections">' in html
    assert html.count("<main>") == 1 and 'class="skip" href="#content"' in html
    for region in re.findall(r'<div class="scroll"[^>]*>', html):
        assert 'tabindex="0"' in region and "aria-label=" in region  # scrollable by keyboard, named
    assert all(f'aria-labelledby="{a}-h"' in html for a in ("overview", "claims", "articles"))
