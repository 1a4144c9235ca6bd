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
    "quotes": TaskSpec(
        "Quote attribution on PolNeAR: content-span overlap F1 and speaker accuracy",
        "rashomon.quotes.lexicon:train",
        "rashomon.quotes.polnear:evaluate",
        "polnear",
    ),
    "entity-variants": TaskSpec(
        "Entity merging: precision/recall of same-actor pairs on the packaged name-variant set",
        None,
        "rashomon.entities.eval_variants:evaluate",
    ),
    "checkworthiness": TaskSpec(
        "Check-worthy sentences (ClaimBuster + CheckThat! 2019); MAP over held-out debates",
        "rashomon.claims.detector:train",
        "rashomon.claims.detector:evaluate",
        "checkworthiness",
    ),
    "roles": TaskSpec(
        "Entity roles (SemEval-2025 Task 10 ST1): main-role accuracy and fine-role exact match",
        "rashomon.framing.roles_train:train",
        "rashomon.framing.roles_train:evaluate",
        "semeval2025-task10",
    ),
    "narratives": TaskSpec(
        "Narratives/sub-narratives (SemEval-2025 Task 10 ST2): samples F1, coarse and fine",
        "rashomon.framing.narratives_train:train",
        "rashomon.framing.narratives_train:evaluate",
        "semeval2025-task10",
    ),
    "techniques": TaskSpec(
        "Persuasion techniques per paragraph (SemEval-2023 ST3 en), micro-F1 on held-apart topics",
        "rashomon.framing.train_techniques:train",
        "rashomon.framing.train_techniques:evaluate",
        "semeval2023-task3",
    ),
    "genre": TaskSpec(
        "Genre opinion/reporting/satire (SemEval-2023 ST1 en), macro-F1 raw and calibrated",
        "rashomon.framing.train_articles:train_genre",
        "rashomon.framing.train_articles:evaluate_genre",
        "semeval2023-task3",
    ),
    "frames": TaskSpec(
        "Frames (SemEval-2023 ST2 en), micro-F1 on held-apart topics",
        "rashomon.framing.train_articles:train_frames",
        "rashomon.framing.train_articles:evaluate_frames",
        "semeval2023-task3",
    ),
    "stance": TaskSpec(
        "Stance toward entities (SemEval-2025 Task 10 EN roles as polarity), held-apart articles",
        None,
        "rashomon.framing.stance_eval:evaluate",
        "semeval2025-task10",
    ),
    "stories": TaskSpec(
        "Story grouping on BASIL events mixed with AllSides distractors: ARI and B-cubed F1",
        None,
        "rashomon.stories.evaluate:evaluate",
        "basil",
    ),
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
