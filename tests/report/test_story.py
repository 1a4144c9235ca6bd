"""A story's own sections in report.html: its links, claims, designation table and stance."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from rashomon.report import render_report
from rashomon.report.story import story_facts, story_parts
from rashomon.report.view import make_view


@pytest.fixture
def enriched(
    doc: dict[str, Any], add_second_outlet: Callable[[dict[str, Any]], dict[str, Any]]
) -> dict[str, Any]:
    """The fixture analysis with a second outlet's designations and stance, and per-story fields."""
    doc["stories"][0]["label"] = "Strike <b>at</b> the port"
    return add_second_outlet(doc)


def stories_part(html: str) -> str:
    return html.split('<section id="stories"', 1)[1].split("</section>", 1)[0]


def test_each_shared_story_opens_onto_its_sections(enriched: dict[str, Any]) -> None:
    part = stories_part(render_report(enriched))
    assert "1 links · 1 claims" in part
    assert "<summary>Links, claims, designations, stance</summary>" in part
    assert 'href="#link-0">side by side</a>' in part  # the link's block in the report
    assert "copy, not credited, covers 90%" in part
    assert "contested" in part and "2 of its articles, 1 independent" in part
    assert 'href="#s-src1-0">300 workers went on strike</a>' in part  # the claim links to its sentence


def test_story_designations_and_stance_tables(enriched: dict[str, Any]) -> None:
    part = stories_part(render_report(enriched))
    designations = part.split("<h4>Who calls whom what</h4>", 1)[1].split("</table>", 1)[0]
    assert "port authority" in designations and "the port bosses" in designations
    stance = part.split("<h4>Stance toward its actors</h4>", 1)[1].split("</table>", 1)[0]
    assert ">workers</th>" in stance
    assert "critical 70%" in stance and "favourable 40%" in stance
    assert 'href="#s-src1-' in stance  # each cell links to the sentence that shows the stance
    assert "Strike <b>at" not in part and "Strike &lt;b&gt;at" in part


def test_facts_count_links_and_claims_across_stories(enriched: dict[str, Any]) -> None:
    story = dict(enriched["stories"][0], size_in_store=5)
    html = story_facts(make_view(enriched), story)
    assert "2025-05-01 – 2025-05-02 · 2 articles (5 in the store" in html
    assert "1 reuse link inside the story, 0 to other stories" in html
    assert "1 claim group, 0 also stated in other stories" in html
    assert "outlets: Coast Daily, Harbour Gazette" in html


def test_a_story_without_per_story_fields_renders_as_before(doc: dict[str, Any]) -> None:
    view = make_view(doc)
    assert story_parts(view, doc["stories"][0]) == ""
    assert "<details>" not in stories_part(render_report(doc))


def test_out_of_range_references_are_skipped(enriched: dict[str, Any]) -> None:
    story = dict(
        enriched["stories"][0], reuse={"links": [7, "x"], "cross_story": 0}, claims={"ids": ["claim-9"]}
    )
    html = story_parts(make_view(enriched), story)
    assert "→" not in html and "claim-9" not in html
