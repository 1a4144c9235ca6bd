from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rashomon.cli.main import app

from .conftest import COPY, INDEPENDENT, SOURCE


def test_reuse_command_json_and_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the command's wiring is under test, not MiniLM: lexical evidence only keeps the test fast
    monkeypatch.setattr("rashomon.reuse.stage.EMBEDDING_LIMIT", 0)
    for name, text in (("a.txt", SOURCE), ("b.txt", COPY), ("c.txt", INDEPENDENT)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["reuse", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    by_id = {a["id"]: a["path"] for a in doc["articles"]}
    pairs = [(Path(by_id[lk["source"]]).name, Path(by_id[lk["target"]]).name) for lk in doc["reuse"]]
    assert pairs == [("a.txt", "b.txt")]
    table = runner.invoke(app, ["reuse", str(tmp_path)])
    assert table.exit_code == 0 and "copy" in table.stdout


def test_reuse_command_rejects_unknown_format(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(SOURCE, encoding="utf-8")
    result = CliRunner().invoke(app, ["reuse", str(tmp_path), "--format", "xml"])
    assert result.exit_code == 2
