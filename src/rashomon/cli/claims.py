"""``rashomon claims``: check-worthy claims across outlets, their independent sources and contradictions."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from rashomon.claims.run import ClaimsResult, claims_for_paths
from rashomon.cli.common import console, exit_on_error, print_failures
from rashomon.errors import ConfigError, RashomonError

__all__ = ["register"]

PATHS = typer.Argument(..., help="Files or folders: .txt .html .htm .jsonl .warc .warc.gz, or .gz of these.")


def _table(result: ClaimsResult, limit: int) -> Table:
    labels = result.labels()
    table = Table(title=f"{len(result.claims)} claims in {len(result.articles)} articles", show_lines=True)
    for column in ("claim", "status", "support", "independent", "contradictions"):
        table.add_column(column, overflow="fold")
    for group in result.claims[:limit]:
        conflicts = "\n".join(f"{c['type']}: {c['reason']}" for c in group["contradictions"])
        table.add_row(
            group["text"],
            group["status"],
            "\n".join(labels.get(a, a) for a in group["support"]),
            "\n".join(labels.get(a, a) for a in group["independent_support"]),
            conflicts,
        )
    return table


def claims_cmd(
    paths: list[Path] = PATHS,
    fmt: str = typer.Option("table", "--format", help="table (for people) or json (the claims section)."),
    limit: int = typer.Option(50, "--limit", help="Most claims shown in the table (json shows all)."),
    timeline: bool = typer.Option(False, "--timeline", help="Also resolve dated events (json only)."),
) -> None:
    """Claims stated across PATHS: support, independent support (copies collapsed), contradictions."""
    try:
        if fmt not in ("table", "json"):
            raise ConfigError(f"--format must be table or json, not {fmt!r}")
        result = claims_for_paths(paths, with_timeline=timeline)
    except RashomonError as exc:
        exit_on_error(exc)
    print_failures(result.failures)
    if fmt == "json":
        doc = {"claims": result.claims, **({"timeline": result.timeline} if timeline else {})}
        typer.echo(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        console.print(_table(result, limit))
    raise typer.Exit(0 if result.articles else 3)


def register(app: typer.Typer) -> None:
    app.command("claims")(claims_cmd)
