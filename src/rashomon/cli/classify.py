"""``rashomon classify``: framing models over a folder of articles, in the shared tasks' file formats."""

from __future__ import annotations

from pathlib import Path

import typer

from rashomon.cli.common import console, exit_on_error
from rashomon.errors import RashomonError

__all__ = ["register"]


def classify_cmd(
    in_dir: Path = typer.Argument(..., help="Folder of article<ID>.txt files."),
    task: str = typer.Option(..., "--task", help="techniques, genre, frames, roles or narratives."),
    fmt: str = typer.Option(
        "semeval2023",
        "--format",
        help="semeval2023 (techniques/genre/frames) or semeval2025 (roles/narratives).",
    ),
    out: Path = typer.Option(..., "--out", help="The prediction file to write."),
    mentions: Path | None = typer.Option(
        None, "--mentions", help="Entity mentions, article<TAB>entity<TAB>start<TAB>end (roles only)."
    ),
) -> None:
    """Write the official prediction file of TASK for every article in IN_DIR."""
    from rashomon.framing.classify import classify

    try:
        written = classify(task, fmt, in_dir, out, mentions)
    except RashomonError as exc:
        exit_on_error(exc)
    console.print(f"wrote {written} lines to {out}")


def register(app: typer.Typer) -> None:
    """Add ``classify`` to the app."""
    app.command("classify")(classify_cmd)
