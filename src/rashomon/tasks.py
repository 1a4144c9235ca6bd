"""The registry of trainable and evaluable tasks behind ``rashomon train`` and ``rashomon evaluate``.

Each entry names its functions as ``"module:function"`` strings so that nothing heavy is imported
until the task runs. Contracts:

- ``train(data_dir: Path, out_dir: Path | None) -> dict``: trains the shipped model from the dataset
  in ``data_dir`` and writes it to ``out_dir`` (default: the package's own model folder); returns
  metrics and paths.
- ``evaluate(data_dir: Path, split: str) -> dict``: scores the shipped model on ``split`` with the
  task's official metric; returns the figures.

Both raise :class:`rashomon.errors.DataMissing` when the dataset is absent.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rashomon.errors import ConfigError

__all__ = ["DEFAULT_DATA_ROOT", "TASKS", "TaskSpec", "resolve_task_function"]

# ../shared/data relative to a source checkout (src/rashomon/tasks.py -> repo/../shared/data)
DEFAULT_DATA_ROOT = Path(__file__).resolve().parents[3] / "shared" / "data"


@dataclass(frozen=True, slots=True)
class TaskSpec:
    """A task: what it is, and where its train/evaluate functions live."""

    description: str
    train: str | None = None
    evaluate: str | None = None
    default_data: str = ""  # folder under ../shared/data used when --data is not given


TASKS: dict[str, TaskSpec] = {
    # one line per task; keep names stable: scripts call them
}


def resolve_task_function(task: str, which: str) -> Callable[..., dict[str, Any]]:
    """The ``train`` or ``evaluate`` function of ``task``.

    Raises:
        ConfigError: unknown task, or the task has no such function.
    """
    spec = TASKS.get(task)
    if spec is None:
        known = ", ".join(sorted(TASKS)) or "none registered"
        raise ConfigError(f"unknown task {task!r}; known tasks: {known}")
    target = spec.train if which == "train" else spec.evaluate
    if target is None:
        raise ConfigError(f"task {task!r} has no {which} function")
    module_name, _, func_name = target.partition(":")
    func: Callable[..., dict[str, Any]] = getattr(importlib.import_module(module_name), func_name)
    return func
