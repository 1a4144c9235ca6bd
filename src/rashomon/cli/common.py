"""What the command modules share: the console, progress bars, failure warnings, error exits."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import NoReturn

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn

from rashomon.analyze import ExitCode
from rashomon.analyze import Progress as ProgressCallback
from rashomon.errors import ConfigError, DataMissing, RashomonError, StoreError
from rashomon.model import Failure

__all__ = ["console", "err_console", "exit_on_error", "print_failures", "progress_bar"]

console = Console()
err_console = Console(stderr=True)


@contextlib.contextmanager
def progress_bar(enabled: bool = True) -> Iterator[ProgressCallback | None]:
    """A progress callback ``(task, done, total)`` drawing one rich bar per task (on stderr)."""
    if not enabled or not err_console.is_terminal:
        yield None
        return
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    ) as bars:
        tasks: dict[str, TaskID] = {}

        def update(name: str, done: int, total: int) -> None:
            if name not in tasks:
                tasks[name] = bars.add_task(name, total=total or None)
            bars.update(tasks[name], completed=done, total=total or None)

        yield update


def print_failures(failures: Sequence[Failure]) -> None:
    """One warning line per failed input, on stderr."""
    for failure in failures:
        err_console.print(f"[yellow]warning[/]: {failure.path}: {failure.reason}", highlight=False)


def exit_on_error(exc: RashomonError) -> NoReturn:
    """Print a library error as one clear line and exit with its documented code."""
    err_console.print(f"[red]error[/]: {exc}", highlight=False)
    if isinstance(exc, StoreError):
        raise typer.Exit(ExitCode.STORE_UNAVAILABLE)
    if isinstance(exc, ConfigError | DataMissing):
        raise typer.Exit(ExitCode.USAGE)
    raise typer.Exit(ExitCode.NOTHING_ANALYSED)
