"""A small analysis document with every section, written for these tests (spans computed, not typed)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

SOURCE = (
    "The port authority said 300 workers went on strike on Monday.\n\n"
    "Officials called the strike a disgraceful act of sabotage. Talks resume next week."
)
COPY = "The port authority said 3,000 workers went on strike on Monday.\n\nTalks resume next week."
HOSTILE = (
    'Hi <script>alert(1)</script> and <a href="javascript:alert(2)">click</a> <!-- hidden --> end.\n\n'
    "A second paragraph about the strike."
)


def span(text: str, part: str) -> list[int]:
    start = text.index(part)
    return [start, start + len(part)]


def story_doc() -> dict[str, Any]:
    """Three articles: a source, its uncredited copy with a changed number, and a hostile one."""
    first, second = SOURCE.split("\n\n")
    arts = [
        {
            "id": "src1",
            "path": "a.txt",
            "title": "Strike at the port",
            "outlet": "Harbour Gazette",
            "published": "2025-05-01",
            "language": "en",
            "text": SOURCE,
        },
        {
            "id": "cpy2",
            "path": "b.txt",
            "title": "Port strike",
            "outlet": "Coast Daily",
            "published": "2025-05-02",
            "language": "en",
            "text": COPY,
        },
        {
            "id": "hst3",
            "path": "c.html",
            "title": "Evil <b>title</b>",
            "outlet": "Evil <i>Times</i>",
            "published": "2025-05-03",
            "language": "en",
            "text": HOSTILE,
        },
    ]
    technique = "disgraceful act of sabotage"
    return {
        "schema_version": "1.0",
        "generator": {"name": "rashomon", "version": "0"},
        "articles": arts,
        "errors": [{"path": "bad.bin", "reason": "binary <file>"}],
        "reuse": [
            {
                "source": "src1",
                "target": "cpy2",
                "relation": "copy",
                "attributed": False,
                "coverage": 0.9,
                "confidence": 0.8,
                "direction_evidence": ["src1 was published first"],
                "passages": [
                    {
                        "source_span": span(SOURCE, first),
                        "target_span": span(COPY, COPY.split("\n\n")[0]),
                        "similarity": 0.95,
                    },
                    {
                        "source_span": span(SOURCE, "Talks resume next week."),
                        "target_span": span(COPY, "Talks resume next week."),
                        "similarity": 1.0,
                    },
                ],
                "omissions": [span(SOURCE, "Officials called the strike a disgraceful act of sabotage.")],
                "additions": [],
                "mutations": [
                    {
                        "type": "number",
                        "source_text": "300",
                        "target_text": "3,000",
                        "source_span": span(SOURCE, "300"),
                        "target_span": span(COPY, "3,000"),
                        "explanation": "The source says 300 <workers>; the copy says 3,000",
                        "confidence": 0.9,
                    }
                ],
            }
        ],
        "claims": [
            {
                "id": "claim-1",
                "text": "300 workers went on strike",
                "score": 0.9,
                "status": "contested",
                "members": [
                    {"article": "src1", "text": first, "span": span(SOURCE, first), "score": 0.9},
                    {"article": "cpy2", "text": COPY.split("\n\n")[0], "span": [0, 10], "score": 0.8},
                ],
                "support": ["src1", "cpy2"],
                "independent_support": ["src1"],
                "contradictions": [
                    {
                        "type": "number",
                        "reason": "300 against 3,000 workers",
                        "confidence": 0.7,
                        "other_article": "cpy2",
                        "other_span": span(COPY, "3,000"),
                        "other_text": "3,000",
                    }
                ],
            }
        ],
        "entities": [
            {
                "id": "org:port-authority",
                "name": "port authority",
                "type": "org",
                "variants": ["port authority"],
                "mentions": [
                    {"article": "src1", "start": 4, "end": 18, "text": "port authority", "kind": "name"}
                ],
                "by_article": {"src1": ["port authority"]},
                "score": 1.0,
            }
        ],
        "quotes": {
            "quotes": [
                {
                    "id": "q:src1:0",
                    "article": "src1",
                    "speaker_text": "Officials",
                    "direct": False,
                    "content": "the strike a disgraceful act",
                    "content_span": span(SOURCE, "the strike a disgraceful"),
                    "fidelity": "reworded",
                    "changes": ["a → the"],
                    "score": 0.7,
                }
            ],
            "groups": [],
        },
        "timeline": [
            {
                "article": "src1",
                "text": first,
                "span": span(SOURCE, first),
                "date": "2025-04-28",
                "expression": {"text": "on Monday", "kind": "weekday"},
                "resolved_from": "relative",
            }
        ],
        "stories": [
            {
                "id": "story-1",
                "label": "Strike at the port",
                "size": 2,
                "articles": ["src1", "cpy2"],
                "start": "2025-05-01",
                "end": "2025-05-02",
                "confidence": 0.8,
                "actors": [{"name": "port authority", "type": "org", "articles": 1}],
            },
            {
                "id": "story-2",
                "label": "Evil <b>story</b>",
                "size": 1,
                "articles": ["hst3"],
                "start": None,
                "end": None,
                "confidence": 1.0,
                "actors": [],
            },
        ],
        "framing": {
            "src1": {
                "genre": {"label": "reporting", "scores": {"reporting": 0.8}},
                "frames": [{"frame": "Economic", "score": 0.6}],
                "techniques": [
                    {
                        "technique": "Loaded_Language",
                        "start": SOURCE.index(technique),
                        "end": SOURCE.index(technique) + len(technique),
                        "text": technique,
                        "score": 0.81,
                        "paragraph": 1,
                    }
                ],
                "roles": [
                    {
                        "entity": "port authority",
                        "role": "Protagonist",
                        "fine_roles": ["Guardian"],
                        "score": 0.6,
                        "evidence": [{"start": 4, "end": 18}],
                    }
                ],
                "designations": [
                    {
                        "actor": "org:port-authority",
                        "words": [{"text": "port authority", "span": [4, 18], "count": 1, "via": "title"}],
                    }
                ],
                "stance": [
                    {
                        "target": "workers",
                        "stance": "critical",
                        "score": 0.7,
                        "mean_polarity": -0.5,
                        "evidence": [
                            {"start": SOURCE.index("Officials"), "end": 100, "text": second, "polarity": -0.6}
                        ],
                    }
                ],
            },
            "_table": {
                "actors": ["workers"],
                "outlets": ["Harbour Gazette", "Coast Daily"],
                "cells": {"workers": {"Harbour Gazette": ["saboteurs"], "Coast Daily": ["workers"]}},
            },
        },
    }


def with_second_outlet(doc: dict[str, Any]) -> dict[str, Any]:
    """``doc`` with a second outlet's designations and stance, then the per-story fields analyze adds."""
    from rashomon.stories.report import per_story

    doc["framing"]["cpy2"] = {
        "designations": [
            {
                "actor": "org:port-authority",
                "words": [{"text": "the port bosses", "span": [0, 8], "count": 1}],
            }
        ],
        "stance": [
            {
                "target": "workers",
                "stance": "favourable",
                "score": 0.4,
                "mentions": 1,
                "evidence": [{"start": 0, "end": 8}],
            }
        ],
    }
    doc["stories"] = per_story(doc, doc["stories"])
    return doc


@pytest.fixture
def doc() -> dict[str, Any]:
    return story_doc()


@pytest.fixture
def add_second_outlet() -> Callable[[dict[str, Any]], dict[str, Any]]:
    return with_second_outlet
