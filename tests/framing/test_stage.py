"""The framing stage wires roles, narratives, designations and stance over a small two-outlet story."""

from __future__ import annotations

from typing import Any

import pytest

from rashomon.framing import stage as stage_mod
from rashomon.framing.stage import FramingArticleStage, FramingStage, actor_mentions
from rashomon.model import Article, article_id_for
from rashomon.offsets import OffsetMap
from rashomon.pipeline import StageContext

TEXTS = {
    "Harbor Daily": (
        "Velora troops arrived in Portmoor on Monday. The peacekeepers secured the airport. "
        "Governor Ames thanked the peacekeepers for restoring order. Ames said the rioters had attacked police."
    ),
    "Free Coast": (
        "Velora troops arrived in Portmoor on Monday. The occupiers seized the airport. "
        "Governor Ames, an autocrat, called the protesters terrorists. Thousands of protesters marched peacefully."
    ),
}


def _article(outlet: str, text: str) -> Article:
    return Article(
        article_id_for(text), f"{outlet}.txt", text, text, OffsetMap.identity(len(text)), outlet=outlet
    )


def _entities(articles: list[Article]) -> list[dict[str, Any]]:
    out = []
    for name in ("Velora", "Ames", "Portmoor"):
        mentions = []
        for a in articles:
            start = a.text.find(name)
            while start >= 0:
                mentions.append(
                    {"article": a.id, "start": start, "end": start + len(name), "text": name, "kind": "name"}
                )
                start = a.text.find(name, start + 1)
        out.append(
            {"id": name.lower(), "name": name, "type": "org", "variants": [name], "mentions": mentions}
        )
    return out


@pytest.fixture(scope="module")
def result() -> tuple[list[Article], dict[str, Any]]:
    articles = [_article(o, t) for o, t in TEXTS.items()]
    ctx = StageContext(results={"entities": _entities(articles)})
    original = stage_mod._optional
    stage_mod._optional = lambda module, name: (
        (lambda text: {"label": "reporting"}) if module == "genre" else None
    )  # type: ignore[assignment]
    try:
        out = FramingStage().run(articles, ctx)
    finally:
        stage_mod._optional = original
    return articles, out


def test_every_article_has_every_field(result: tuple[list[Article], dict[str, Any]]) -> None:
    articles, out = result
    for a in articles:
        entry = out[a.id]
        assert set(entry) == {
            "genre",
            "frames",
            "techniques",
            "roles",
            "narratives",
            "designations",
            "stance",
        }
        assert entry["genre"] == {"label": "reporting"} and entry["techniques"] is None
        assert {r["role"] for r in entry["roles"]} <= {"Protagonist", "Antagonist", "Innocent"}


def test_stance_covers_story_actors_with_valid_evidence(result: tuple[list[Article], dict[str, Any]]) -> None:
    articles, out = result
    for a in articles:
        targets = {s["target"] for s in out[a.id]["stance"]}
        assert {"Velora", "Ames"} <= targets
        for s in out[a.id]["stance"]:
            assert s["stance"] in {"favourable", "critical", "neutral", "mixed"}
            for ev in s["evidence"]:
                assert a.text[ev["start"] : ev["end"]] == ev["text"]


def test_designation_table_has_both_outlets_and_links_troops_to_velora(
    result: tuple[list[Article], dict[str, Any]],
) -> None:
    articles, out = result
    table = out["_table"]
    assert table["outlets"] == ["Free Coast", "Harbor Daily"]
    assert set(table["cells"]["Velora"]) == {"Free Coast", "Harbor Daily"}
    for a in articles:
        for entry in out[a.id]["designations"]:
            for w in entry["words"]:
                assert a.text[w["span"][0] : w["span"][1]] == w["text"]


def test_actor_mentions_fall_back_to_spacy() -> None:
    a = _article("X", "Governor Ames met Velora officials in Portmoor.")
    found = actor_mentions([a], StageContext())[a.id]
    assert any(m.actor == "Portmoor" for m in found)


PARAGRAPHS = (
    "Velora troops arrived in Portmoor on Monday, and the governor welcomed them.\n"
    "Critics called the deployment an occupation and the troops occupiers.\n"
    "Governor Ames said order would return within days."
)


def test_framing_an_article_encodes_each_paragraph_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from collections import Counter

    import rashomon.nlp
    import rashomon.nlp.embeddings
    from rashomon.framing import shared
    from rashomon.framing.encoder import encode_paragraphs

    encoded: list[str] = []
    embedded: list[str] = []

    def spy_encode(texts: Any, *args: Any, **kwargs: Any) -> Any:
        encoded.extend(texts)
        return encode_paragraphs(texts, *args, **kwargs)

    real_embed = rashomon.nlp.embeddings.embed

    def spy_embed(texts: Any, *args: Any, **kwargs: Any) -> Any:
        embedded.extend(texts)
        return real_embed(texts, *args, **kwargs)

    shared._cached.cache_clear()
    monkeypatch.setattr(shared, "encode_paragraphs", spy_encode)
    monkeypatch.setattr(rashomon.nlp, "embed", spy_embed)
    monkeypatch.setattr(rashomon.nlp.embeddings, "embed", spy_embed)
    article = _article("Harbor Daily", PARAGRAPHS)
    out = stage_mod.frame_articles([article], StageContext())
    assert Counter(encoded) == Counter(PARAGRAPHS.split("\n"))
    # no second pass over sentences or mention windows: only short lookups (designation lemmas)
    assert all(len(t.split()) <= 4 for t in embedded), embedded
    entry = out[article.id]
    assert entry["genre"] is not None and entry["narratives"] is not None and entry["roles"]


def test_article_stage_is_json_and_the_corpus_stage_reuses_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    articles = [_article(o, t) for o, t in TEXTS.items()]
    fresh = FramingStage().run(articles, StageContext(results={"entities": _entities(articles)}))
    ctx = StageContext(results={"entities": _entities(articles)})
    per = {a.id: FramingArticleStage().run_article(a, ctx) for a in articles}
    assert set(per[articles[0].id]) == {"genre", "frames", "techniques", "narratives", "role_mentions"}
    ctx.results["framing_article"] = json.loads(json.dumps(per))  # what the store and the shards keep

    def not_again(article: Article, ctx: StageContext) -> Any:
        raise AssertionError("the per-article part ran twice")

    monkeypatch.setattr(stage_mod, "frame_article", not_again)
    split = FramingStage().run(articles, ctx)
    assert json.dumps(split, sort_keys=True) == json.dumps(fresh, sort_keys=True)


def test_the_article_stage_is_registered_before_the_corpus_stage() -> None:
    from rashomon.pipeline import ArticleStage, CorpusStage, order_stages
    from rashomon.stages import all_stages

    stages = {s.name: s for s in all_stages()}
    assert isinstance(stages["framing_article"], ArticleStage)
    assert isinstance(stages["framing"], CorpusStage)
    names = [s.name for s in order_stages(stages.values())]
    assert names.index("framing_article") < names.index("framing")
