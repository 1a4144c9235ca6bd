"""``rashomon ingest`` and ``rashomon analyze``."""

from __future__ import annotations

from pathlib import Path

import typer

from rashomon.analyze import ExitCode, analyze, ingest
from rashomon.cli.common import console, exit_on_error, print_failures, progress_bar
from rashomon.errors import RashomonError

__all__ = ["register"]

PATHS = typer.Argument(..., help="Files or folders: .txt .html .htm .jsonl .warc .warc.gz, or .gz of these.")
DB = typer.Option(Path("rashomon.db"), "--db", help="The SQLite store (created when missing).")


def ingest_cmd(paths: list[Path] = PATHS, db: Path = DB) -> None:
    """Read, clean and store articles. Content already in the store is not added again."""
    try:
        with progress_bar() as progress:
            result = ingest(paths, db, progress=progress)
    except RashomonError as exc:
        exit_on_error(exc)
    print_failures(result.failures)
    console.print(
        f"{len(result.articles)} articles read: {result.added} added, {result.existing} already in {db}; "
        f"{len(result.failures)} inputs failed"
    )
    raise typer.Exit(result.exit_code)


def analyze_cmd(
    paths: list[Path] = PATHS,
    out: Path = typer.Option(..., "--out", help="Folder for analysis.json and report.html."),
    db: Path = DB,
    stage: list[str] | None = typer.Option(
        None, "--stage", help="Run only this analysis stage (and what it needs); repeat for more."
    ),
    engine: str = typer.Option("local", "--engine", help="local (this process) or dask (a Dask cluster)."),
    scheduler: str | None = typer.Option(
        None, "--scheduler", help="With --engine dask: address of a running scheduler, e.g. tcp://host:8786."
    ),
    workers: int = typer.Option(2, "--workers", help="With --engine dask and no --scheduler: local workers."),
) -> None:
    """Ingest PATHS, run every analysis stage, write OUT/analysis.json and OUT/report.html.

    Exit codes: 0 all inputs analysed; 1 some inputs failed (listed in errors), the rest analysed;
    2 bad usage or settings; 3 no article could be read; 4 the store is unavailable.
    """
    try:
        with progress_bar() as progress:
            result = analyze(
                paths,
                out,
                db,
                progress=progress,
                stages=stage or None,
                engine=engine,
                scheduler=scheduler,
                workers=workers,
            )
    except RashomonError as exc:
        exit_on_error(exc)
    print_failures(result.failures)
    console.print(
        f"{len(result.articles)} articles analysed ({result.added} new), {len(result.failures)} inputs failed\n"
        f"  {result.analysis_path}\n  {result.report_path}"
    )
    raise typer.Exit(result.exit_code if result.articles else ExitCode.NOTHING_ANALYSED)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_cmd)
    app.command("analyze")(analyze_cmd)
