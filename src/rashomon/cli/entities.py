"""``rashomon entities``: the canonical actors of a set of articles, with their spellings."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from rashomon.cli.common import console, exit_on_error, print_failures, progress_bar
from rashomon.errors import RashomonError

__all__ = ["register"]


def entities_cmd(
    paths: list[Path] = typer.Argument(..., help="Article files or folders."),
    min_mentions: int = typer.Option(1, "--min-mentions", help="Hide entities mentioned fewer times."),
) -> None:
    """Print the people, organisations, places and groups of PATHS, merged across articles."""
    from rashomon.analyze import analyze_articles, load_articles

    try:
        with progress_bar() as progress:
            articles, failures = load_articles(paths, progress=progress)
            results = analyze_articles(articles, stages=["entities"], progress=progress)
    except RashomonError as exc:
        exit_on_error(exc)
    print_failures(failures)
    table = Table("name", "type", "variants", "mentions", "articles", title=f"{len(articles)} articles")
    for entity in results["entities"]:
        if len(entity["mentions"]) < min_mentions:
            continue
        table.add_row(
            entity["name"],
            entity["type"],
            ", ".join(entity["variants"]),
            str(len(entity["mentions"])),
            str(len(entity["articles"])),
        )
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command("entities")(entities_cmd)
