from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from rashomon.cli.main import app

runner = CliRunner()


def test_serve_is_a_command_with_its_options() -> None:
    result = runner.invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--port", "--host"):
        assert option in result.output


def test_serve_refuses_a_missing_store(tmp_path: Path) -> None:
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "none.db"), "--port", "0"])
    assert result.exit_code == 4  # the store is unavailable (README exit codes)
    assert "does not exist" in " ".join(result.output.split())
