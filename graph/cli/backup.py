"""`actorgraph dump|restore`: the whole database as JSON lines, and back."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from .options import (
    DatabaseOption,
    PasswordOption,
    UriOption,
    UserOption,
    interrupted_says,
    open_graph,
)
from .output import console, shown


def dump(
    path: Annotated[Path | None, typer.Argument(help="The JSON-lines file to write")] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="The same, as export and render take it")
    ] = None,
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Back up the whole database (every node and relationship, loads included) as JSON lines.

    Left out: what actorgraph counts from the rest (the tallies `sources` and `claims-disputed`
    read, and the load lock), which `restore` counts again.

    Examples:

      actorgraph dump backups/2021-09-01.jsonl

      actorgraph dump --out backups/2021-09-01.jsonl
    """
    from ..backup import dump as write_dump

    if (path is None) == (out is None):
        raise typer.BadParameter("give the file to write, as PATH or --out PATH (one of them)")
    path = path or out
    assert path is not None

    with open_graph(uri, user, password, database) as g, console.status("Dumping…"):
        counts = write_dump(g, path)
    nodes, relationships = counts["nodes"], counts["relationships"]
    console.print(Text(f"Wrote {shown(str(path))}: {nodes} nodes, {relationships} relationships."))


def restore(
    path: Annotated[Path, typer.Argument(help="A file written by `actorgraph dump`")],
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Restore a dump into an empty database; if it fails half-way, the database is emptied again.

    Example:

      actorgraph restore backups/2021-09-01.jsonl
    """
    from ..backup import restore as read_dump

    stopped = "what was restored so far was removed; the database is empty again."
    with (
        interrupted_says(stopped),
        open_graph(uri, user, password, database) as g,
        console.status("Restoring…"),
    ):
        counts = read_dump(g, path)
    console.print(f"Restored {counts['nodes']} nodes and {counts['relationships']} relationships.")
