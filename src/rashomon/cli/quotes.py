"""``rashomon quotes``: who said what, as JSONL (offsets into each input file) or a table."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from rashomon.cli.common import console, exit_on_error, print_failures, progress_bar
from rashomon.errors import ConfigError, RashomonError

__all__ = ["register"]


def quotes_cmd(
    paths: list[Path] = typer.Argument(..., help="Article files or folders."),
    fmt: str = typer.Option("table", "--format", help="jsonl (one quote a line) or table."),
    speech_only: bool = typer.Option(False, "--speech-only", help="Leave out attitude attributions."),
) -> None:
    """Print the quotes of PATHS with speaker, cue and content.

    JSONL spans (speaker_span, cue_span, content_span) are offsets into the input file's own text as
    read, in Unicode code points.
    """
    from rashomon.analyze import analyze_articles, load_articles
    from rashomon.quotes.stage import raw_quote_records

    try:
        if fmt not in ("jsonl", "table"):
            raise ConfigError(f"--format must be jsonl or table, not {fmt!r}")
        with progress_bar() as progress:
            articles, failures = load_articles(paths, progress=progress)
            results = analyze_articles(articles, stages=["quotes"], progress=progress)
    except RashomonError as exc:
        exit_on_error(exc)
    print_failures(failures)
    records = raw_quote_records(articles, results["quotes"])
    if speech_only:
        records = [r for r in records if r["kind"] == "speech"]
    if fmt == "jsonl":
        for record in records:
            typer.echo(json.dumps(record, ensure_ascii=False))
        return
    table = Table("file", "speaker", "cue", "content", "direct", "fidelity", title=f"{len(records)} quotes")
    table.columns[0].overflow = "ellipsis"
    table.columns[0].no_wrap = True
    for record in records:
        table.add_row(
            Path(record["file"]).name,
            _short(record["speaker_text"] or "", 40),
            record["cue"] or "",
            _short(record["content"], 160),
            "yes" if record["direct"] else "no",
            record["fidelity"] or "",
        )
    console.print(table)


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def register(app: typer.Typer) -> None:
    app.command("quotes")(quotes_cmd)
