from __future__ import annotations

from typing import Any

from rashomon.report import render_report
from rashomon.report.subset import restrict_to


def test_restrict_keeps_only_the_story(doc: dict[str, Any]) -> None:
    part = restrict_to(doc, ["src1", "hst3"])
    assert [a["id"] for a in part["articles"]] == ["src1", "hst3"]
    assert part["reuse"] == []  # the copy is outside
    assert [m["article"] for m in part["claims"][0]["members"]] == ["src1"]
    assert set(part["framing"]) == {"src1", "_table"}
    assert len(doc["articles"]) == 3 and doc["reuse"]  # the input is unchanged


def test_restrict_drops_findings_about_other_articles(doc: dict[str, Any]) -> None:
    part = restrict_to(doc, ["hst3"])
    assert part["claims"] == [] and part["entities"] == [] and part["timeline"] == []
    assert part["quotes"]["quotes"] == []


def test_report_lists_stories_escaped(doc: dict[str, Any]) -> None:
    html = render_report(doc)
    assert '<section id="stories"' in html and "Strike at the port" in html
    assert "2 articles · 2025-05-01 – 2025-05-02" in html
    assert "Articles that share no story: " in html and "Evil &lt;i&gt;Times&lt;/i&gt;" in html
