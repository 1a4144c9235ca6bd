"""``rashomon train`` and ``rashomon evaluate``: reproduce and score the shipped models."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from rashomon.cli.common import console, exit_on_error
from rashomon.errors import DataMissing, RashomonError
from rashomon.tasks import DEFAULT_DATA_ROOT, TASKS, resolve_task_function

__all__ = ["register"]


def _data_dir(task: str, data: Path | None) -> Path:
    if data is not None:
        path = data
    else:
        spec = TASKS.get(task)
        path = DEFAULT_DATA_ROOT / (spec.default_data if spec else "")
    if not path.exists():
        raise DataMissing(
            f"no dataset at {path}: pass --data pointing at the task's folder in ../shared/data"
        )
    return path


def _show(metrics: dict[str, object], as_json: bool) -> None:
    if as_json:
        console.print_json(json.dumps(metrics, default=str))
        return
    table = Table("metric", "value")
    for key, value in metrics.items():
        table.add_row(key, f"{value:.4f}" if isinstance(value, float) else str(value))
    console.print(table)


def train_cmd(
    task: str = typer.Option(..., "--task", help="Task name; `rashomon tasks` lists them."),
    data: Path | None = typer.Option(None, "--data", help="Dataset folder (default: ../shared/data/...)."),
    out: Path | None = typer.Option(None, "--out", help="Where to write the model (default: the package)."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
) -> None:
    """Train a shipped model from its public dataset."""
    try:
        metrics = resolve_task_function(task, "train")(_data_dir(task, data), out)
    except RashomonError as exc:
        exit_on_error(exc)
    _show(metrics, as_json)


def evaluate_cmd(
    task: str = typer.Option(..., "--task", help="Task name; `rashomon tasks` lists them."),
    data: Path | None = typer.Option(None, "--data", help="Dataset folder (default: ../shared/data/...)."),
    split: str = typer.Option("dev", "--split", help="Which split to score (the task documents its splits)."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
) -> None:
    """Score a shipped model on a validation split with the task's official metrics."""
    try:
        metrics = resolve_task_function(task, "evaluate")(_data_dir(task, data), split)
    except RashomonError as exc:
        exit_on_error(exc)
    _show(metrics, as_json)


def tasks_cmd() -> None:
    """List the tasks that can be trained and evaluated."""
    table = Table("task", "train", "evaluate", "description")
    for name, spec in sorted(TASKS.items()):
        table.add_row(name, "yes" if spec.train else "-", "yes" if spec.evaluate else "-", spec.description)
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command("train")(train_cmd)
    app.command("evaluate")(evaluate_cmd)
    app.command("tasks")(tasks_cmd)
