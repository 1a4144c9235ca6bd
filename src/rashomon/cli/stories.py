"""``rashomon stories``: the events a set of articles (or a store) is about, with their articles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from rashomon.cli.common import console, exit_on_error, print_failures, progress_bar
from rashomon.errors import ConfigError, RashomonError

if TYPE_CHECKING:
    from rashomon.stories.listing import StoryListing

__all__ = ["register"]

FORMATS = ("table", "json")


def _count(value: int | None, other: int | None) -> str:
    if value is None:
        return "–"
    return f"{value}" + (f" (+{other} to other stories)" if other else "")


def _render(listing: StoryListing, title: str) -> None:
    table = Table("story", "dates", "articles", "outlets", "links", "claims", title=title)
    for story in listing.stories:
        dates = " – ".join(dict.fromkeys(str(d) for d in (story["start"], story["end"]) if d)) or "undated"
        size = str(story["size"])
        if story.get("size_in_store", story["size"]) != story["size"]:
            size += f" ({story['size_in_store']} stored)"
        actors = ", ".join(a["name"] for a in story.get("actors", []))
        counts = story["counts"]
        table.add_row(
            f"{story['label']}\n[dim]{story['id']} · confidence {story['confidence']:.2f}"
            + (f" · {actors}" if actors else "")
            + "[/]",
            dates,
            size,
            ", ".join(story.get("outlets", [])),
            _count(counts["links"], counts["cross_story_links"]),
            _count(counts["claims"], counts["cross_story_claims"]),
        )
    console.print(table)
    if not listing.counted:
        console.print("[dim]links and claims: – not computed (add --counts, or list a store with --db)[/]")


def stories_cmd(
    paths: list[Path] | None = typer.Argument(None, help="Article files or folders (or give --db)."),
    fmt: str = typer.Option(
        "table", "--format", help="table (readable) or json (the analysis.json section, plus counts)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Same as --format json, for scripts."),
    counts: bool = typer.Option(
        False, "--counts", help="Also run reuse and claims for per-story link and claim counts (slower)."
    ),
    db: Path | None = typer.Option(
        None, "--db", help="List the stories kept in this store by `rashomon analyze` (all batches)."
    ),
) -> None:
    """Group the articles of PATHS into stories (one event each), or list a store's stories; largest first."""
    from rashomon.stories.listing import list_stored_stories, list_stories

    try:
        fmt = "json" if as_json else fmt
        if fmt not in FORMATS:
            raise ConfigError(f"unknown --format {fmt!r}; use one of {', '.join(FORMATS)}")
        if bool(paths) == (db is not None):
            raise ConfigError(
                "give either PATHS (articles to group) or --db FILE (a store's stories), not both"
            )
        if db is not None:
            listing = list_stored_stories(db)
        else:
            with progress_bar(fmt == "table") as progress:
                listing = list_stories(paths or [], with_counts=counts, progress=progress)
    except RashomonError as exc:
        exit_on_error(exc)
    print_failures(listing.failures)
    if fmt == "json":
        console.print_json(json.dumps(listing.stories, ensure_ascii=False))
        return
    _render(listing, f"{len(listing.stories)} stories, {listing.articles} articles")


def register(app: typer.Typer) -> None:
    app.command("stories")(stories_cmd)
