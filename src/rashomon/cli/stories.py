"""``rashomon stories``: the events a set of articles is about, with their articles."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from rashomon.cli.common import console, exit_on_error, print_failures, progress_bar
from rashomon.errors import ConfigError, RashomonError

__all__ = ["register"]

FORMATS = ("table", "json")


def stories_cmd(
    paths: list[Path] = typer.Argument(..., help="Article files or folders."),
    fmt: str = typer.Option(
        "table", "--format", help="table (readable) or json (the analysis.json section)."
    ),
) -> None:
    """Group the articles of PATHS into stories (one event each) and list them, largest first."""
    from rashomon.analyze import analyze_articles, load_articles

    try:
        if fmt not in FORMATS:
            raise ConfigError(f"unknown --format {fmt!r}; use one of {', '.join(FORMATS)}")
        with progress_bar() as progress:
            articles, failures = load_articles(paths, progress=progress)
            results = analyze_articles(articles, stages=["stories"], progress=progress)
    except RashomonError as exc:
        exit_on_error(exc)
    print_failures(failures)
    stories = results["stories"]
    if fmt == "json":
        console.print_json(json.dumps(stories, ensure_ascii=False))
        return
    titles = {a.id: a.title or a.label for a in articles}
    table = Table(
        "story", "dates", "actors", "articles", title=f"{len(stories)} stories, {len(articles)} articles"
    )
    for story in stories:
        dates = story["start"] if story["start"] == story["end"] else f"{story['start']} – {story['end']}"
        members = "\n".join(
            f"{m['outlet'] or '?'}: {titles.get(m['article'], m['article'])}" for m in story["members"]
        )
        table.add_row(
            f"{story['label']}\n[dim]{story['id']} · confidence {story['confidence']:.2f}[/]",
            dates or "undated",
            ", ".join(a["name"] for a in story["actors"]),
            members,
        )
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command("stories")(stories_cmd)
