from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from rashomon.entities.stage import find_entities
from rashomon.model import Article
from rashomon.offsets import TextBuilder
from rashomon.pipeline import StageContext
from rashomon.quotes.group import Embedder
from rashomon.quotes.stage import QuotesStage, find_quotes, raw_quote_records

BODY_A = (
    "Analyst Dmitri Orlovsky said the sanctions would hurt farmers first. "
    "“Nobody in the government has a plan for the harvest this autumn,” Orlovsky told reporters."
)
BODY_B = (
    "“Nobody in the government has a plan for the harvest,” Dmitry Orlovskiy told reporters. "
    "The ministry did not comment."
)


def _article(aid: str, body: str, published: str) -> Article:
    raw = "MENU | HOME | SHARE\n" + body + "\nCookie settings"
    builder = TextBuilder(raw)
    start = raw.index(body)
    builder.copy(start, start + len(body))
    text, omap = builder.build()
    return Article(id=aid, path=f"/in/{aid}.txt", text=text, raw_text=raw, offsets=omap, published=published)


def test_speakers_resolve_and_quotes_group_across_outlets(bag_of_words: Embedder) -> None:
    articles = [_article("a", BODY_A, "2024-03-02"), _article("b", BODY_B, "2024-03-01")]
    ctx = StageContext()
    entities = find_entities(articles, ctx)
    result = find_quotes(articles, entities, ctx, embedder=bag_of_words)
    orlovsky = next(e for e in entities if "Dmitri Orlovsky" in e["variants"])
    assert "Dmitry Orlovskiy" in orlovsky["variants"]
    assert {q["speaker"] for q in result["quotes"]} == {orlovsky["id"]}
    (group,) = result["groups"]
    by_id = {q["id"]: q for q in result["quotes"]}
    members = [by_id[i] for i in group["quotes"]]
    assert {q["article"] for q in members} == {"a", "b"}
    assert by_id[group["reference"]]["article"] == "b"
    assert [q["fidelity"] for q in members if q["article"] == "a"] == ["reworded"]
    for q in result["quotes"]:
        assert (
            0 < q["score"] <= 1
            and q["content"]
            == articles[0 if q["article"] == "a" else 1].text[q["content_span"][0] : q["content_span"][1]]
        )


def test_raw_records_point_into_the_input_text() -> None:
    article = _article("a", BODY_A, "2024-03-02")
    ctx = StageContext()
    ctx.results["entities"] = find_entities([article], ctx)
    section = QuotesStage().run([article], ctx)
    records = raw_quote_records([article], section)
    assert records
    for rec in records:
        a, b = rec["content_span"]
        assert article.raw_text[a:b] == rec["content"]
        s, e = rec["speaker_span"]
        assert article.raw_text[s:e] == rec["speaker_text"]


def test_cli_jsonl_offsets_are_into_the_file(tmp_path: Path) -> None:
    from rashomon.cli.main import app

    path = tmp_path / "story.txt"
    path.write_text("\n\n" + BODY_A + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["quotes", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.stdout.splitlines() if x.startswith("{")]
    raw = path.read_text(encoding="utf-8")
    assert lines and all(rec["file"].endswith("story.txt") for rec in lines)
    for rec in lines:
        a, b = rec["content_span"]
        assert raw[a:b] == rec["content"]


def test_split_stages_give_what_the_whole_corpus_pass_gives() -> None:
    from rashomon.entities.stage import EntitiesLocalStage, EntitiesStage
    from rashomon.pipeline import run_stages
    from rashomon.quotes.stage import QuotesLocalStage

    articles = [_article("a", BODY_A, "2024-03-02"), _article("b", BODY_B, "2024-03-01")]
    ctx = StageContext()
    whole = find_quotes(articles, find_entities(articles, ctx), ctx)
    stages = [QuotesStage(), QuotesLocalStage(), EntitiesStage(), EntitiesLocalStage()]
    split = run_stages(stages, articles, StageContext(settings={"article_batch": 1}))
    assert split["quotes"] == whole
    assert whole["quotes"] and whole["groups"]


def test_extracted_quotes_survive_json() -> None:
    from rashomon.nlp import spacy_doc
    from rashomon.quotes.extract import extract_quotes
    from rashomon.quotes.stage import raw_quotes_from_json, raw_quotes_to_json

    article = _article("a", BODY_A, "2024-03-02")
    raw = extract_quotes(article.text, spacy_doc(article, StageContext()), attitudes=True)
    assert raw and raw_quotes_from_json(json.loads(json.dumps(raw_quotes_to_json(raw)))) == raw
