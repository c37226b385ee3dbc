"""`actorgraph schema apply`: the constraints and indexes actorgraph relies on."""

from __future__ import annotations

import typer

from .options import DatabaseOption, PasswordOption, UriOption, UserOption, open_graph
from .output import console

app = typer.Typer(help="The Neo4j constraints and indexes actorgraph relies on.")


@app.command("apply")
def schema_apply(
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Create the constraints and indexes of cypher/schema.cypher, and the load lock
    (idempotent); count again what rests on each source and which claims may be in dispute,
    which `query --name sources` and `claims-disputed` read (needed only after relations were
    changed another way than by actorgraph's loads)."""
    from ..lock import ensure_schema

    with open_graph(uri, user, password, database) as g:
        count = ensure_schema(g, retally=True)
    console.print(
        f"Schema applied: {count} constraints and indexes in place; what rests on each source "
        "and the claims in dispute counted again."
    )
