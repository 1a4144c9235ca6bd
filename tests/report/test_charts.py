from __future__ import annotations

from typing import Any

from rashomon.report.charts import provenance_graph, stance_chart, technique_chart, timeline_chart
from rashomon.report.sections import _period
from rashomon.report.view import make_view


def _links(*links: dict[str, Any]) -> dict[str, Any]:
    arts = [
        {"id": i, "outlet": f"Outlet {i}", "published": f"2025-01-0{n + 1}", "text": "x"}
        for n, i in enumerate("abc")
    ]
    return {"articles": arts, "reuse": list(links)}


def test_graph_draws_credit_styles_and_columns() -> None:
    doc = _links(
        {"source": "a", "target": "b", "relation": "copy", "attributed": True, "coverage": 0.9},
        {"source": "b", "target": "c", "relation": "rewrite", "attributed": False, "coverage": 0.4},
    )
    svg = provenance_graph(make_view(doc))
    assert svg.count('marker-end="url(#arrow)"') == 2
    assert 'stroke="#0b6e4f" stroke-width="2" marker-end' in svg  # credited: solid green
    assert 'stroke="#b3261e" stroke-width="2" stroke-dasharray="6 4"' in svg  # uncredited: dashed red
    xs = [int(part.split('"')[1]) for part in svg.split("<rect x=")[1:]]
    assert xs == sorted(xs) and len(set(xs)) == 3  # a, b, c in three columns, sources left
    assert 'href="#article-a"' in svg


def test_shared_source_has_no_arrow_and_no_links_no_graph() -> None:
    doc = _links(
        {"source": "a", "target": "b", "relation": "shared_source", "attributed": False, "coverage": 0.3}
    )
    svg = provenance_graph(make_view(doc))
    assert "marker-end" not in svg.split("</defs>")[1] and 'stroke-dasharray="2 3"' in svg
    assert provenance_graph(make_view(_links())) == ""


def test_technique_and_stance_charts_need_framing() -> None:
    doc = _links()
    assert technique_chart(make_view(doc)) == "" and stance_chart(make_view(doc)) == ""
    doc["framing"] = {
        "a": {
            "techniques": [{"technique": "Doubt"}, {"technique": "Doubt"}, {"technique": "Flag_Waving"}],
            "stance": [{"target": "person:x", "stance": "critical", "mean_polarity": -0.8}],
        },
        "_table": {},
    }
    bars = technique_chart(make_view(doc))
    assert "<title>Doubt: 2</title>" in bars and "<title>Flag Waving: 1</title>" in bars
    doc["entities"] = [{"id": "person:x", "name": "Xavier Y"}]
    assert "Outlet a on Xavier Y: critical (-0.80)" in stance_chart(make_view(doc))


def test_timeline_chart_places_publication_dates() -> None:
    svg = timeline_chart(make_view(_links()))
    assert svg.count("published 2025-01-0") == 3 and "2025-01-01" in svg and "2025-01-03" in svg


def test_period_is_short_for_whole_years_and_months() -> None:
    assert _period("1968-01-01", "1968-12-31") == "1968"
    assert _period("2022-01-01", "2022-01-31") == "2022-01"
    assert _period("2022-01-01", "2022-01-10") == "2022-01-01 – 2022-01-10"


def test_timeline_chart_leaves_out_history_far_from_the_story() -> None:
    doc = _links()
    doc["timeline"] = [{"article": "a", "date": "1968-08-21"}, {"article": "b", "date": "2024-12-30"}]
    svg = timeline_chart(make_view(doc))
    assert "<title>2024-12-30</title>" in svg and "1968" not in svg
