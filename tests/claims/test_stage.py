"""The claims and timeline stages end to end on small invented articles (real MiniLM and shipped model)."""

from __future__ import annotations

from typing import Any

import pytest

from rashomon.claims.stage import ClaimsStage, TimelineStage, entity_ids_by_sentence, reuse_links
from rashomon.errors import ConfigError
from rashomon.model import Article
from rashomon.offsets import OffsetMap
from rashomon.pipeline import StageContext

WIRE = (
    "The Harbour Authority of Velmora said on Tuesday that 1,200 workers had been evacuated from the "
    "Port of Velmora after a chemical leak. Inspectors from the Ministry of Environment arrived in the "
    "afternoon to test the water."
)
REWRITE = (
    "Velmora news. About 1,200 workers were evacuated from the Port of Velmora following a chemical leak, "
    "the Harbour Authority of Velmora said on Tuesday. Environment ministry inspectors came later that day."
)
LOCAL = (
    "Police in Velmora confirmed that some 1,200 port workers were moved out of the Port of Velmora after "
    "toxic chemicals leaked from a storage tank. Residents near the docks were told to keep windows shut."
)
OTHER_FIGURE = (
    "The Harbour Authority of Velmora said on Tuesday that 4,000 workers had been evacuated from the "
    "Port of Velmora after the chemical leak."
)
UNRELATED_NUMBER = (
    "FC Velmora sold 3,500 tickets for the match against Ostrava on Saturday, the club said. "
    "The stadium in Velmora holds 9,000 fans."
)


def _article(aid: str, text: str, published: str | None = None) -> Article:
    return Article(
        id=aid,
        path=f"{aid}.txt",
        text=text,
        raw_text=text,
        offsets=OffsetMap.identity(len(text)),
        published=published,
    )


# embeddings keyed by article id, shared by the tests (each id always names the same text)
_RESOURCES: dict[str, Any] = {}


def _run(texts: dict[str, str], links: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    ctx = StageContext(results={"reuse": links} if links is not None else {}, resources=_RESOURCES)
    return ClaimsStage().run([_article(k, v) for k, v in texts.items()], ctx)


def _group_with(groups: list[dict[str, Any]], article: str, phrase: str) -> dict[str, Any]:
    for g in groups:
        if any(m["article"] == article and phrase in m["text"] for m in g["members"]):
            return g
    raise AssertionError(f"no claim group holds {phrase!r} from {article}: {[g['text'] for g in groups]}")


def test_fact_in_article_and_its_rewrite_is_one_source() -> None:
    groups = _run(
        {"wire": WIRE, "rewrite": REWRITE}, [{"source": "wire", "target": "rewrite", "relation": "rewrite"}]
    )
    group = _group_with(groups, "wire", "1,200 workers")
    assert group["support"] == ["rewrite", "wire"]
    assert group["independent_support"] == ["wire"]
    assert group["status"] == "single-source"
    for m in group["members"]:
        assert 0 <= m["span"][0] < m["span"][1] and 0.0 <= m["score"] <= 1.0


def test_fact_in_unrelated_articles_has_several_sources() -> None:
    groups = _run(
        {"wire": WIRE, "rewrite": REWRITE, "local": LOCAL},
        [{"source": "wire", "target": "rewrite", "relation": "rewrite"}],
    )
    group = _group_with(groups, "local", "1,200 port workers")
    assert set(group["support"]) == {"wire", "rewrite", "local"}
    assert group["independent_support"] == ["local", "wire"]
    assert group["status"] == "corroborated"


def test_without_reuse_graph_every_article_counts() -> None:
    groups = _run({"wire": WIRE, "rewrite": REWRITE})
    assert _group_with(groups, "wire", "1,200 workers")["independent_support"] == ["rewrite", "wire"]


def test_number_contradiction_found_and_unrelated_numbers_not_flagged() -> None:
    texts = {"wire": WIRE, "other": OTHER_FIGURE, "club": UNRELATED_NUMBER}
    groups = _run(texts)
    group = _group_with(groups, "wire", "1,200 workers")
    assert group["status"] == "contested"
    [conflict] = [c for c in group["contradictions"] if c["other_article"] == "other"]
    assert conflict["type"] == "number"
    assert WIRE[conflict["span"][0] : conflict["span"][1]] == "1,200"
    assert OTHER_FIGURE[conflict["other_span"][0] : conflict["other_span"][1]] == "4,000"
    flagged = {c["other_article"] for g in groups for c in g["contradictions"]} | {
        g["members"][0]["article"] for g in groups if g["contradictions"]
    }
    assert "club" not in flagged


def test_entities_and_reuse_inputs_are_read_leniently() -> None:
    results = {
        "entities": [{"id": "E1", "mentions": [{"article": "x", "start": 12, "end": 17}]}],
        "reuse": {"links": [{"source": "a", "target": "b", "relation": "copy"}, "junk"]},
    }
    assert entity_ids_by_sentence(results, "x", [(0, 10), (11, 30)]) == [set(), {"E1"}]
    assert reuse_links(results) == [{"source": "a", "target": "b", "relation": "copy"}]
    assert reuse_links({}) == []


def test_min_score_is_validated() -> None:
    with pytest.raises(ConfigError):
        ClaimsStage(min_score=1.5)


def test_empty_corpus() -> None:
    assert ClaimsStage().run([], StageContext()) == []


def test_timeline_sorted_across_articles() -> None:
    a = _article("a", "The port reopened on Thursday. It was built in 1968.", "2021-03-12")
    b = _article("b", "The leak began on March 2, officials said.", "2021-03-13")
    c = _article("c", "Workers returned yesterday.")
    events = TimelineStage().run([a, b, c], StageContext())
    assert [(e["article"], e.get("date") or e.get("start")) for e in events] == [
        ("a", "1968-01-01"),
        ("b", "2021-03-02"),
        ("a", "2021-03-11"),
        ("c", None),
    ]
    assert events[-1]["resolved"] is False


def test_split_stages_give_what_the_whole_corpus_pass_gives() -> None:
    from rashomon.claims.stage import ClaimsLocalStage
    from rashomon.pipeline import run_stages

    texts = {"wire": WIRE, "rewrite": REWRITE, "local": LOCAL, "other": OTHER_FIGURE}
    articles = [_article(k, v) for k, v in texts.items()]
    split = run_stages(
        [ClaimsStage(), ClaimsLocalStage()], articles, StageContext(settings={"article_batch": 2})
    )
    assert split["claims"] == _run(texts)
    assert any(g["contradictions"] for g in split["claims"])
    (a, b, score, vector) = split["claims_local"]["wire"][0]
    assert WIRE[a:b].startswith("The Harbour Authority") and 0 <= score <= 1 and isinstance(vector, str)


def test_vectors_keep_their_cosines_when_encoded() -> None:
    import numpy as np

    from rashomon.claims.stage import decode_vector, encode_vector

    rng = np.random.default_rng(0)
    v = rng.normal(size=(2, 384)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    a, b = (decode_vector(encode_vector(x)) for x in v)
    assert len(encode_vector(v[0])) == 1024
    assert abs(float(a @ b) - float(v[0] @ v[1])) < 1e-3 and abs(float(a @ a) - 1) < 1e-3
