"""The README's main job end to end: `rashomon analyze examples/demo` and its outputs."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from rashomon.cli.main import app
from rashomon.stages import all_stages

DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo"
KEY = json.loads((DEMO.parent / "answer_key.json").read_text(encoding="utf-8"))
runner = CliRunner()


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("demo")
    result = runner.invoke(app, ["analyze", str(DEMO), "--out", str(out), "--db", str(out / "r.db")])
    assert result.exit_code == 0, result.output
    return out, json.loads((out / "analysis.json").read_text(encoding="utf-8"))


def _by_file(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        Path(a["path"].split("#")[0]).name + ("#" + a["path"].split("#")[1] if "#" in a["path"] else ""): a
        for a in doc["articles"]
    }


def test_articles_and_metadata(run: tuple[Path, dict[str, Any]]) -> None:
    _, doc = run
    assert doc["schema_version"] == "1.1"
    assert doc["errors"] == []
    assert len(doc["articles"]) == len(KEY["articles"]) == 5
    for a in doc["articles"]:
        for field in ("id", "path", "title", "outlet", "author", "published", "language", "text"):
            assert field in a
        assert a["language"] == "en"
        assert a["title"] and a["outlet"], a["path"]
    outlets = {a["outlet"] for a in doc["articles"]}
    assert len(outlets) == 5


def test_every_registered_stage_has_its_section(run: tuple[Path, dict[str, Any]]) -> None:
    _, doc = run
    for stage in all_stages():
        if stage.section:
            assert stage.section in doc, stage.name
            assert doc["stages"][stage.name] == stage.version


def test_report_written_offline(run: tuple[Path, dict[str, Any]]) -> None:
    out, doc = run
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" in html
    assert "<script" not in html and "http://" not in html.split("<main>")[0]
    for a in doc["articles"]:
        assert f'id="article-{a["id"]}"' in html


def test_rerun_adds_nothing(run: tuple[Path, dict[str, Any]]) -> None:
    out, _ = run
    db = out / "r.db"
    before = sqlite3.connect(db).execute("select count(*) from articles").fetchone()[0]
    result = runner.invoke(app, ["ingest", str(DEMO), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "0 added" in result.output
    con = sqlite3.connect(db)
    assert con.execute("select count(*) from articles").fetchone()[0] == before == 5
    assert con.execute("select count(*) from runs").fetchone()[0] == 2
