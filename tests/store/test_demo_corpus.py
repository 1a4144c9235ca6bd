"""The demo corpus in examples/ agrees with its answer key (examples/answer_key.json).

It lives beside the store tests because the same task owns the store and the demo corpus; it reads
only the files under examples/ and checks that every planted alteration, paraphrase, quote and
persuasion span the key promises is really where the key says, so analysis tests can rely on it.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
DEMO = EXAMPLES / "demo"


def _texts() -> dict[str, str]:
    out = {}
    for name in ("meridian-wire.html", "sallow-observer.html"):
        raw = (DEMO / name).read_text(encoding="utf-8")
        paragraphs = re.findall(r'<(?:p|div class="para")[^>]*>(.*?)</(?:p|div)>', raw, re.S)
        out[name] = html.unescape("\n".join(re.sub(r"<[^>]+>", "", p) for p in paragraphs))
    out["daily-courant.txt"] = (DEMO / "daily-courant.txt").read_text(encoding="utf-8")
    lines = (DEMO / "feed.jsonl").read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines, start=1):
        out[f"feed.jsonl#{i}"] = json.loads(line)["text"]
    return out


@pytest.fixture(scope="module")
def key() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / "answer_key.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return _texts()


def test_every_article_of_the_key_exists_with_250_to_600_words(
    key: dict[str, Any], texts: dict[str, str]
) -> None:
    assert set(key["articles"]) == set(texts)
    for name, text in texts.items():
        words = len(text.split())
        if name == "daily-courant.txt":
            words -= 120  # the site chrome left in the scraped file
        assert 250 <= words <= 600, (name, words)


def test_feed_lines_carry_the_metadata_fields(key: dict[str, Any]) -> None:
    lines = (DEMO / "feed.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    for i, line in enumerate(lines, start=1):
        record = json.loads(line)
        assert set(record) == {"text", "title", "outlet", "author", "url", "published"}
        expected = key["articles"][f"feed.jsonl#{i}"]
        assert (record["outlet"], record["author"], record["published"]) == (
            expected["outlet"],
            expected["author"],
            expected["published"],
        )


def test_html_pages_carry_their_metadata(key: dict[str, Any]) -> None:
    for name in ("meridian-wire.html", "sallow-observer.html"):
        raw = (DEMO / name).read_text(encoding="utf-8")
        meta = key["articles"][name]
        assert meta["author"] in raw and meta["outlet"] in raw and meta["title"] in raw
        assert meta["published"] in raw


def test_the_rewrite_is_published_after_its_source(key: dict[str, Any]) -> None:
    for link in key["reuse_links"]:
        assert key["articles"][link["source"]]["published"] <= key["articles"][link["target"]]["published"]
    assert "2026-03-12T14:05" in (DEMO / "meridian-wire.html").read_text(encoding="utf-8")
    assert "7:40 pm" in (DEMO / "daily-courant.txt").read_text(encoding="utf-8")


def test_attribution_is_in_the_rewrite(key: dict[str, Any], texts: dict[str, str]) -> None:
    [link] = key["reuse_links"]
    assert link["attribution"] in texts[link["target"]]


def test_each_planted_alteration_is_where_the_key_says(key: dict[str, Any], texts: dict[str, str]) -> None:
    source, target = texts["meridian-wire.html"], texts["daily-courant.txt"]
    assert len(key["mutations"]) == 7
    for m in key["mutations"]:
        if m["source"] is not None:
            assert m["source"] in source, m
            assert m["source"] not in target, m
        if m["target"] is not None:
            assert m["target"] in target, m
            assert m["target"] not in source, m


def test_paraphrases_are_in_both_texts(key: dict[str, Any], texts: dict[str, str]) -> None:
    for p in key["paraphrases_same_meaning"]:
        assert p["source"] in texts["meridian-wire.html"], p
        assert p["target"] in texts["daily-courant.txt"], p


def test_quotes_designations_and_techniques_are_in_their_articles(
    key: dict[str, Any], texts: dict[str, str]
) -> None:
    for q in key["quotes"]:
        names = [q["speaker"], *key["entity_variants"].get(q["speaker"], [])]
        for name in q["in"]:
            assert q["text"] in texts[name], (q, name)
            assert any(n.split()[-1] in texts[name] for n in names), (q, name)
        for name, altered in q.get("altered_in", {}).items():
            assert altered in texts[name]
    for name, words in key["designations"].items():
        for word in words:
            assert word.lower() in texts[name].lower(), (name, word)
    for name, spans in key["persuasion_techniques"].items():
        for span in spans:
            assert span["text"] in texts[name], span


def test_contradicting_figures_are_in_their_articles(key: dict[str, Any], texts: dict[str, str]) -> None:
    for c in key["contradictions"]:
        for name, value in c["values"].items():
            figure = value.split(" (")[0].replace("about ", "")
            assert figure in texts[name], (name, figure)
