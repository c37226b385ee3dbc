"""`actorgraph render`: the interactive network page an analyst opens in a browser, offline."""

from __future__ import annotations

import webbrowser
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from ..errors import QueryError
from ..query import parse_param_args
from ..views import Filters
from ..views import render as render_view
from .common import DatabaseOption, PasswordOption, UriOption, UserOption, console, open_graph


def render(
    out: Annotated[Path, typer.Option("--out", help="The HTML file to write")] = Path(
        "actorgraph.html"
    ),
    open_page: Annotated[
        bool, typer.Option("--open", help="Open the page in your browser afterwards")
    ] = False,
    around: Annotated[
        str | None, typer.Option(help="Only this actor's neighbourhood (any id, name or alias)")
    ] = None,
    depth: Annotated[int, typer.Option(help="Steps from --around to include")] = 1,
    relation: Annotated[
        list[str] | None,
        typer.Option("--relation", help="Only these relation terms or types (repeatable)"),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Only relations in force on this date (YYYY-MM-DD)"),
    ] = None,
    min_confidence: Annotated[
        float, typer.Option(help="Leave out claims below this confidence")
    ] = 0.0,
    kind: Annotated[
        list[str] | None, typer.Option("--kind", help="Only nodes of these kinds (repeatable)")
    ] = None,
    query: Annotated[
        str | None, typer.Option("--query", help="Draw what this named query returns")
    ] = None,
    cypher: Annotated[
        str | None, typer.Option("--cypher", help="Draw what this Cypher statement returns")
    ] = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="Query parameter key=value")
    ] = None,
    title: Annotated[str | None, typer.Option(help="Page title")] = None,
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Write an interactive network page (pyvis) that works offline, with legend and tooltips.

    Nodes are coloured and shaped by kind; relations coloured by sign (cooperative, hostile,
    neutral), dashed when the claim is weak or disputed, wider with confidence. Hover for
    provenance: claimant, sources with grades, evidence.

    Examples:

      actorgraph render --out panjshir.html --open

      actorgraph render --around "Ahmed Masood" --depth 2 --out massoud.html

      actorgraph render --relation supports --relation fights --as-of 2021-09-01

      actorgraph render --query supporters-of -p actor=NRF --out backers.html
    """
    try:
        on = date.fromisoformat(as_of) if as_of else None
    except ValueError:
        raise QueryError(f"--as-of {as_of!r}: write the date as YYYY-MM-DD.") from None
    if query and cypher:
        raise QueryError("Give --query or --cypher, not both.")
    filters = Filters(
        around=around,
        depth=depth,
        relations=relation or [],
        as_of=on,
        min_confidence=min_confidence,
        kinds=kind or [],
        query=query,
        cypher=cypher,
        params=parse_param_args(param or []),
    )
    with open_graph(uri, user, password, database) as g, console.status("Rendering…"):
        view = render_view(g, out, filters, title)
    console.print(
        f"Wrote {out.resolve()} ({len(view.nodes)} nodes, {len(view.edges)} relations).",
        highlight=False,
        soft_wrap=True,
    )
    if open_page:
        webbrowser.open(out.resolve().as_uri())
