"""The ``rashomon`` command. Each command group lives in its own module with a ``register(app)``.

The CLI only parses options, calls one library function and renders the result with rich; the
library never imports typer.
"""

from __future__ import annotations

import importlib
import logging

import typer

__all__ = ["app"]

app = typer.Typer(
    name="rashomon",
    help="Who copied whom, what the copy changed, which claims stand on independent sources, "
    "and how each outlet frames the story.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# one module per command group, each with register(app); add new groups here
COMMAND_MODULES = (
    "analyze",
    "tasks",
    "claims",
    "entities",
    "quotes",
    "reuse",
    "classify",
    "serve",
    "stories",
)


@app.callback()
def _main(verbose: bool = typer.Option(False, "--verbose", "-v", help="Log what each stage does.")) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )


for _name in COMMAND_MODULES:
    importlib.import_module(f"rashomon.cli.{_name}").register(app)
