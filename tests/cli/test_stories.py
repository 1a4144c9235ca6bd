"""``rashomon stories``: options are checked before any model loads."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from rashomon.cli.main import app


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title\n\nSome text about an event.", encoding="utf-8")
    result = CliRunner().invoke(app, ["stories", str(tmp_path), "--format", "xml"])
    assert result.exit_code == 2
    assert "table" in result.output


def test_stories_is_registered() -> None:
    result = CliRunner().invoke(app, ["stories", "--help"])
    assert result.exit_code == 0 and "--format" in result.output
