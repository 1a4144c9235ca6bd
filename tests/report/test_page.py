from __future__ import annotations

from rashomon.report import render_report
from rashomon.report.page import CSP


def _doc() -> dict[str, object]:
    hostile = 'Hi <script>alert(1)</script> <a href="javascript:alert(2)">x</a> <!-- c -->'
    return {
        "schema_version": "1.0",
        "generator": {"name": "rashomon", "version": "0"},
        "articles": [
            {"id": "a1", "path": "a.txt", "title": "T <i>", "outlet": "Daily", "text": hostile},
            {"id": "b2", "path": "b.txt", "title": "U", "outlet": "Weekly", "text": "Source text here."},
        ],
        "errors": [{"path": "bad.bin", "reason": "binary file"}],
        "reuse": [
            {
                "source": "b2",
                "target": "a1",
                "relation": "rewrite",
                "attributed": False,
                "coverage": 0.5,
                "passages": [{"source_span": [0, 6], "target_span": [0, 2], "similarity": 0.9}],
                "mutations": [
                    {
                        "type": "negation",
                        "source_text": "Source",
                        "target_text": "Hi",
                        "source_span": [0, 6],
                        "target_span": [0, 2],
                        "explanation": "flipped <b>",
                    }
                ],
            }
        ],
    }


def test_article_text_is_escaped_and_csp_set() -> None:
    html = render_report(_doc())
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html
    assert "<!-- c -->" not in html
    assert CSP in html and "script-src" not in CSP


def test_sections_render_from_data() -> None:
    html = render_report(_doc())
    assert 'id="reuse"' in html and "does not credit its source" in html
    assert "flipped &lt;b&gt;" in html
    assert 'id="errors"' in html and "binary file" in html
    assert 'id="claims"' not in html  # no data, no section
