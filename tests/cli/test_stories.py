"""``rashomon stories``: options are checked before any model loads."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from rashomon.cli.main import app
from rashomon.store import Store
from rashomon.stories import per_story, stories_of, update_stored_stories
from rashomon.web.analyses import save_analysis


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title\n\nSome text about an event.", encoding="utf-8")
    result = CliRunner().invoke(app, ["stories", str(tmp_path), "--format", "xml"])
    assert result.exit_code == 2
    assert "table" in result.output


def test_stories_is_registered() -> None:
    result = CliRunner().invoke(app, ["stories", "--help"])
    assert result.exit_code == 0 and "--format" in result.output


def test_paths_and_db_together_or_neither_are_usage_errors(tmp_path: Path) -> None:
    both = CliRunner().invoke(app, ["stories", str(tmp_path), "--db", str(tmp_path / "x.db")])
    neither = CliRunner().invoke(app, ["stories"])
    assert both.exit_code == 2 and neither.exit_code == 2
    assert "either PATHS" in both.output


def flood(fid: str, day: str, outlet: str) -> dict[str, Any]:
    return {
        "id": fid,
        "title": f"Levee breaks {fid}",
        "outlet": outlet,
        "date": day,
        "vector": [1.0, 0.0, 0.0],
        "terms": {"levee": [4.0, None], "dresden": [4.5, None]},
        "entities": {"dresden": ["GPE", "Dresden", 1, None]},
    }


def stored_feed(tmp_path: Path) -> Path:
    """A store holding a story state of two batches and the analyses of both."""
    db = tmp_path / "feed.db"
    batches = [[flood("a1", "2024-05-02", "Elbe Post")], [flood("a2", "2024-05-03", "Saxon Daily")]]
    with Store(db) as store:
        for batch in batches:
            run = store.start_run("analyze", {"paths": []})
            state = update_stored_stories(batch, store)
            doc = {
                "articles": [{"id": f["id"], "outlet": f["outlet"]} for f in batch],
                "reuse": [],
                "claims": [],
            }
            doc["stories"] = per_story(doc, stories_of(state, [f["id"] for f in batch]))
            doc["stories"][0]["claims"] = {"ids": ["claim-1"], "cross_story": 0}
            save_analysis(store, run, doc)
            store.finish_run(run, "ok", {})
    return db


def test_db_lists_every_stored_story_with_counts_as_json(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["stories", "--db", str(stored_feed(tmp_path)), "--json"])
    assert result.exit_code == 0, result.output
    (story,) = json.loads(result.stdout)
    assert story["id"] == "story-a1" and story["articles"] == ["a1", "a2"]
    assert story["outlets"] == ["Elbe Post", "Saxon Daily"]
    assert story["counts"] == {"links": 0, "cross_story_links": 0, "claims": 2, "cross_story_claims": 0}


def test_db_table_shows_dates_outlets_and_counts(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["stories", "--db", str(stored_feed(tmp_path))], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "1 stories, 2 articles" in result.output
    assert "2024-05-02 – 2024-05-03" in result.output and "Elbe Post, Saxon Daily" in result.output
    assert "not computed" not in result.output


def test_paths_are_grouped_as_json(tmp_path: Path) -> None:
    texts = {
        "a.txt": "Wendel bridge falls\n\nThe iron bridge over the Wendel river in Karsby collapsed on Tuesday "
        "after heavy rain, the Karsby roads office said.",
        "b.txt": "Karsby loses bridge\n\nKarsby lost its iron bridge across the Wendel river on Tuesday when "
        "the span gave way after heavy rain.",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["stories", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    stories = json.loads(result.stdout)
    assert [s["size"] for s in stories] == [2]
    assert stories[0]["counts"]["links"] is None  # reuse did not run: not counted, not zero
