"""What every command group shares: consoles, connection options, and error reporting."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

if TYPE_CHECKING:
    from ..db import Graph

console = Console()
err_console = Console(stderr=True)

STATE = {"debug": bool(os.environ.get("ACTORGRAPH_DEBUG"))}

UriOption = Annotated[
    str | None,
    typer.Option(
        "--uri",
        help="Bolt URI of any Neo4j, e.g. bolt://localhost:7687 or neo4j+s://xxx.databases."
        "neo4j.io [env: NEO4J_URI; default: the local server]",
        rich_help_panel="Connection",
    ),
]
UserOption = Annotated[
    str | None,
    typer.Option(
        "--user",
        help="User name [env: NEO4J_USERNAME; default: neo4j]",
        rich_help_panel="Connection",
    ),
]
PasswordOption = Annotated[
    str | None,
    typer.Option(
        "--password",
        help="Password; prefer NEO4J_PASSWORD, since flags show in the process list "
        "[env: NEO4J_PASSWORD; default: the local server's]",
        rich_help_panel="Connection",
    ),
]
DatabaseOption = Annotated[
    str | None,
    typer.Option(
        "--database",
        help="Database name [env: NEO4J_DATABASE; default: the server's default]",
        rich_help_panel="Connection",
    ),
]


def open_graph(
    uri: str | None, user: str | None, password: str | None, database: str | None
) -> Graph:
    """Connect with flags > environment > local server, failing with a one-line reason."""
    from ..db import connect  # the driver is imported only by commands that need it

    return connect(uri=uri, user=user, password=password, database=database)
