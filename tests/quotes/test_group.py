from __future__ import annotations

from typing import Any

from rashomon.quotes.group import Embedder, compare, group_quotes


def _q(
    qid: str, article: str, content: str, speaker: str | None = "p:a", direct: bool = True
) -> dict[str, Any]:
    return {"id": qid, "article": article, "content": content, "speaker": speaker, "direct": direct}


SOURCE = "“We will not send our troops abroad under any circumstances this year,”"


def test_fidelity_flags() -> None:
    ref = _q("r", "a", SOURCE)
    assert compare(ref, _q("x", "b", SOURCE.upper()))[0] == "exact"
    assert compare(ref, _q("x", "b", "“send our troops abroad under any circumstances”"))[0] == "truncated"
    flag, changes = compare(
        ref, _q("x", "b", "“We will never send our soldiers abroad under any circumstances this year,”")
    )
    assert flag == "reworded" and "troops → soldiers" in changes
    assert compare(ref, _q("x", "b", SOURCE, speaker="p:b"))[0] == "speaker_changed"
    assert compare(_q("r", "a", SOURCE, direct=False), _q("x", "b", SOURCE))[0] == "paraphrase_quoted"


def test_group_across_articles_with_earliest_as_reference(bag_of_words: Embedder) -> None:
    quotes = [
        _q("a1", "a", SOURCE),
        _q("b1", "b", "“We will not send our troops abroad under any circumstances”"),
        _q("b2", "b", "“Prices of bread have doubled since the spring in every region,”"),
        _q("c1", "c", SOURCE),
    ]
    groups = group_quotes(quotes, {"a": "2024-01-05", "b": "2024-01-04", "c": None}, bag_of_words)
    assert len(groups) == 1
    group = groups[0]
    assert set(group["quotes"]) == {"a1", "b1", "c1"} and group["reference"] == "b1"
    by_id = {q["id"]: q for q in quotes}
    assert by_id["b1"]["fidelity"] == "reference"
    assert by_id["a1"]["fidelity"] == "reworded" and by_id["b2"].get("group") is None


def test_quotes_of_one_article_never_group(bag_of_words: Embedder) -> None:
    quotes = [_q("a1", "a", SOURCE), _q("a2", "a", SOURCE)]
    assert group_quotes(quotes, {}, bag_of_words) == []
