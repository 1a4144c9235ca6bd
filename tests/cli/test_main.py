from __future__ import annotations

from typer.testing import CliRunner

from rashomon.cli.main import app

runner = CliRunner()


def test_help_lists_the_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("analyze", "ingest", "train", "evaluate", "tasks"):
        assert command in result.output


def test_unknown_task_is_a_usage_error() -> None:
    result = runner.invoke(app, ["evaluate", "--task", "no-such-task", "--data", "."])
    assert result.exit_code == 2
    assert "unknown task" in result.output


def test_tasks_table_prints() -> None:
    result = runner.invoke(app, ["tasks"])
    assert result.exit_code == 0
