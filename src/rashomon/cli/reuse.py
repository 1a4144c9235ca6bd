"""``rashomon reuse``: who copied whom among the inputs, and what the copies changed."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from rashomon.analyze import ExitCode
from rashomon.cli.common import console, exit_on_error, print_failures, progress_bar
from rashomon.errors import RashomonError
from rashomon.reuse.run import ReuseResult, find_reuse

__all__ = ["register"]


def _table(result: ReuseResult) -> Table:
    names = {a.id: a.label for a in result.articles}
    table = Table(title=f"{len(result.links)} reuse links among {len(result.articles)} articles")
    for col in ("source", "→ target", "relation", "attributed", "coverage", "passages", "mutations"):
        table.add_column(col)
    for lk in result.links:
        counts = Counter(m["type"] for m in lk["mutations"])
        table.add_row(
            names.get(lk["source"], lk["source"]),
            names.get(lk["target"], lk["target"]),
            lk["relation"],
            "yes" if lk["attributed"] else "no",
            f"{lk['coverage']:.0%}",
            str(len(lk["passages"])),
            ", ".join(f"{t} {n}" for t, n in sorted(counts.items())) or "-",
        )
    return table


def reuse_cmd(
    paths: list[Path] = typer.Argument(..., help="Files or folders of articles (any format ingest reads)."),
    db: Path | None = typer.Option(None, "--db", help="A store to reuse and keep results in (optional)."),
    fmt: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """Find which articles copy or rewrite which, with direction, attribution and mutations."""
    if fmt not in ("table", "json"):
        console.print(f"[red]error[/]: --format must be table or json, not {fmt!r}")
        raise typer.Exit(ExitCode.USAGE)
    try:
        with progress_bar() as progress:
            result = find_reuse(paths, db, progress=progress)
    except RashomonError as exc:
        exit_on_error(exc)
    print_failures(result.failures)
    if fmt == "json":
        doc: dict[str, Any] = {"articles": [a.summary() for a in result.articles], "reuse": result.links}
        console.print_json(json.dumps(doc, ensure_ascii=False))
    else:
        console.print(_table(result))
    if not result.articles:
        raise typer.Exit(ExitCode.NOTHING_ANALYSED)


def register(app: typer.Typer) -> None:
    app.command("reuse")(reuse_cmd)
