"""``rashomon serve``: browse the stored analyses and search the corpus in a local web app."""

from __future__ import annotations

from pathlib import Path

import typer

from rashomon.cli.common import console, exit_on_error
from rashomon.errors import RashomonError
from rashomon.web.server import is_loopback, serve

__all__ = ["register"]


def serve_cmd(
    db: Path = typer.Option(Path("rashomon.db"), "--db", help="The store written by `rashomon analyze`."),
    port: int = typer.Option(8000, "--port", help="TCP port (0: any free port)."),
    host: str = typer.Option(
        "127.0.0.1",
        "--host",
        help="Address to listen on; keep 127.0.0.1 unless others should read the corpus.",
    ),
) -> None:
    """Serve a read-only web app over the store: every analysis, side by side views, search."""
    if not is_loopback(host):
        console.print(
            f"[bold red]warning:[/] listening on {host}: anyone who can reach it can read the corpus"
        )
    try:
        serve(db, host, port, on_ready=lambda url: console.print(f"serving {db} at {url} (Ctrl-C stops)"))
    except RashomonError as exc:
        exit_on_error(exc)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_cmd)
