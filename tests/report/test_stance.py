"""The framing section's outlet × actor view: stance with its sentences, and the words each outlet uses."""

from __future__ import annotations

from typing import Any

from rashomon.report.overview import framing_section
from rashomon.report.stance import outlet_stance_table, stance_evidence
from rashomon.report.view import make_view

A = "The wreckers blocked the gate. Mayor Quill praised the calm."
B = "The workers held a peaceful vigil at the gate."


def _doc() -> dict[str, Any]:
    stance_a = {
        "target": "dock crowd",
        "stance": "critical",
        "score": 0.8,
        "mean_polarity": -0.45,
        "evidence": [
            {
                "start": 0,
                "end": 30,
                "text": A[:30],
                "polarity": -0.6,
                "cues": [
                    {"signal": "designation", "start": 4, "end": 12, "text": "wreckers", "polarity": -0.6}
                ],
            }
        ],
    }
    stance_b = {
        "target": "dock crowd",
        "stance": "favourable",
        "score": 0.6,
        "mean_polarity": 0.3,
        "evidence": [],
    }
    words_a = [
        {"actor": "dock crowd", "group": True, "words": [{"text": "wreckers", "span": [4, 12], "count": 1}]}
    ]
    words_b = [
        {"actor": "dock crowd", "group": True, "words": [{"text": "workers", "span": [4, 11], "count": 1}]}
    ]
    return {
        "articles": [
            {"id": "a", "outlet": "Gate <Times>", "text": A},
            {"id": "b", "outlet": "Harbour Post", "text": B},
        ],
        "framing": {
            "a": {"stance": [stance_a], "designations": words_a},
            "b": {"stance": [stance_b], "designations": words_b},
            "_table": {
                "actors": ["dock crowd"],
                "groups": ["dock crowd"],
                "outlets": ["Gate <Times>", "Harbour Post"],
                "cells": {"dock crowd": {"Gate <Times>": ["wreckers"], "Harbour Post": ["workers"]}},
            },
        },
    }


def test_table_has_a_row_per_outlet_with_stance_and_words() -> None:
    html = outlet_stance_table(make_view(_doc()))
    assert html.count("<tr><th scope='row'>") == 2
    assert "critical -0.45" in html and "favourable +0.30" in html
    assert "wreckers" in html and "workers" in html
    assert "Gate &lt;Times&gt;" in html and "<Times>" not in html  # escaped
    assert 'href="#s-a-0"' in html  # the stance links to its strongest sentence
    assert "badge bad" in html and "badge ok" in html  # both confident enough to be coloured


def test_evidence_lists_sentences_with_their_cues() -> None:
    html = stance_evidence(make_view(_doc()))
    assert "The wreckers blocked the gate." in html and "designation: “wreckers” -0.60" in html
    assert "Harbour Post: why" in html


def test_framing_section_includes_the_outlet_view_and_is_empty_without_framing() -> None:
    assert "Each outlet on the main actors" in framing_section(make_view(_doc()))
    assert outlet_stance_table(make_view({"articles": _doc()["articles"]})) == ""
