"""`actorgraph analyze ...`: blocs and balance, centrality, timeline and change over time."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from .common import DatabaseOption, PasswordOption, UriOption, UserOption, console, open_graph
from .filters import (
    AroundOption,
    AsOfOption,
    DepthOption,
    KindOption,
    MinConfidenceOption,
    RelationOption,
    build_filters,
    parse_day,
)

if TYPE_CHECKING:
    from ..views.data import View

app = typer.Typer(
    help="Analyse the graph: blocs and balance, brokers, change over time.\n\n"
    "  actorgraph analyze balance --render blocs.html\n\n"
    "  actorgraph analyze centrality --relation supports --relation fights\n\n"
    "  actorgraph analyze timeline --actor NRF --html timeline.html\n\n"
    "  actorgraph analyze diff --from 2021-07-01 --to 2021-09-01",
    no_args_is_help=True,
)
FormatOption = Annotated[str, typer.Option("--format", "-o", help="table or json")]
RenderOption = Annotated[
    Path | None, typer.Option("--render", help="Also draw the result as a network page")
]


def _view(uri, user, password, database, **filters) -> View:  # type: ignore[no-untyped-def]
    from ..views.data import select

    with open_graph(uri, user, password, database) as g:
        return select(g, build_filters(**filters))


def _table(rows: list[dict[str, Any]], columns: list[str]) -> None:
    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(Text("" if row.get(c) is None else str(row.get(c))) for c in columns))
    console.print(table)


def _json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=1, default=str))


@app.command()
def balance(
    output: FormatOption = "table",
    render: RenderOption = None,
    relation: RelationOption = None,
    as_of: AsOfOption = None,
    min_confidence: MinConfidenceOption = 0.0,
    kind: KindOption = None,
    around: AroundOption = None,
    depth: DepthOption = 1,
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Structural balance: triads, balance index, the two blocs and the ties that break them.

    Positive ties are cooperative relations, negative ones hostile (claims between the same two
    actors summed, weighted by confidence). The frustration index is exact (exhaustive search,
    or an integer programme for components above 20 actors). With --render, the page colours
    the blocs.
    """
    from ..analyze.balance import balance as analyse
    from ..analyze.balance import describe
    from ..views.html import write_html

    view = _view(uri, user, password, database, relation=relation, as_of=as_of,
                 min_confidence=min_confidence, kind=kind, around=around, depth=depth)  # fmt: skip
    result = analyse(view)
    if output == "json":
        return _json(describe(result))
    name = result.names.get
    index = result.balance_index
    console.print(
        f"{result.ties} signed ties, {len(result.triads)} triangles, "
        f"{sum(t.balanced for t in result.triads)} balanced (balance index "
        f"{'n/a' if index is None else f'{index:.3f}'}); frustration index {result.frustration} "
        f"({'exact' if result.exact else 'upper bound'}, {result.method}).",
        highlight=False,
        soft_wrap=True,
    )
    for number, (left, right) in enumerate(result.blocs, start=1):
        console.print(Text(f"component {number}, bloc A: " + ", ".join(map(name, left))))
        console.print(Text(f"component {number}, bloc B: " + (", ".join(map(name, right)) or "—")))
    for a, b, sign in result.frustrated:
        console.print(Text(f"breaks the split: {name(a)} {'+' if sign > 0 else '−'} {name(b)}"))
    rows = [
        {"actors": " / ".join(map(name, t.actors)),
         "signs": " ".join("+" if s > 0 else "−" for s in t.signs),
         "balanced": "yes" if t.balanced else "NO"}
        for t in result.triads
    ]  # fmt: skip
    _table(rows, ["actors", "signs", "balanced"])
    if render:
        colours = {}
        for left, right in result.blocs:
            colours |= dict.fromkeys(left, "#1565c0") | dict.fromkeys(right, "#ef6c00")
        for node in view.nodes:
            node["color"] = colours.get(node["id"], "#bdbdbd")
        view.title = "Blocs: blue against orange (grey: no signed ties)"
        console.print(f"Wrote {write_html(view, render)}")


@app.command()
def centrality(
    output: FormatOption = "table",
    render: RenderOption = None,
    limit: Annotated[int, typer.Option(help="Rows to show")] = 20,
    relation: RelationOption = None,
    as_of: AsOfOption = None,
    min_confidence: MinConfidenceOption = 0.0,
    kind: KindOption = None,
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Degree, betweenness and PageRank per actor (networkx), over the relations chosen.

    With --render, node size follows betweenness.
    """
    view = _view(uri, user, password, database, relation=relation, as_of=as_of,
                 min_confidence=min_confidence, kind=kind)  # fmt: skip
    from ..analyze.centrality import centrality as analyse
    from ..views.html import write_html

    rows = analyse(view)
    if output == "json":
        return _json(rows)
    _table(rows[:limit], ["id", "name", "kind", "degree", "betweenness", "pagerank"])
    if render:
        top = max((r["betweenness"] for r in rows), default=0) or 1
        size = {r["id"]: 10 + 40 * r["betweenness"] / top for r in rows}
        for node in view.nodes:
            node["size"] = size.get(node["id"], 8)
        view.title = "Centrality: node size by betweenness"
        console.print(f"Wrote {write_html(view, render)}")


@app.command()
def timeline(
    output: FormatOption = "table",
    actor: Annotated[
        str | None, typer.Option(help="Only this actor's relations and events")
    ] = None,
    html: Annotated[Path | None, typer.Option("--html", help="Also write a timeline page")] = None,
    relation: RelationOption = None,
    min_confidence: MinConfidenceOption = 0.0,
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Dated relations and events in time order; partial dates sort by the start of their range."""
    import jinja2

    from ..analyze.timeline import timeline as analyse
    from ..views.data import resolve_name, select

    with open_graph(uri, user, password, database) as g:
        view = select(g, build_filters(relation=relation, min_confidence=min_confidence))
        actor_id = resolve_name(g, actor) if actor else None
    items = analyse(view, actor_id)
    if output == "json":
        _json(items)
    else:
        _table(items, ["when", "what", "type", "claimant", "credibility"])
    if html:
        environment = jinja2.Environment(
            loader=jinja2.PackageLoader("graph.views", "."), autoescape=True
        )
        page = environment.get_template("timeline.html").render(
            title=f"Timeline{': ' + actor if actor else ''}",
            items=items,
            filters=view.filters.describe(),
        )
        html.parent.mkdir(parents=True, exist_ok=True)
        html.write_text(page, encoding="utf-8")
        console.print(f"Wrote {html.resolve()}")


@app.command()
def diff(
    since: Annotated[str, typer.Option("--from", help="The earlier date (YYYY-MM-DD)")],
    until: Annotated[str, typer.Option("--to", help="The later date (YYYY-MM-DD)")],
    output: FormatOption = "table",
    render: RenderOption = None,
    relation: RelationOption = None,
    min_confidence: MinConfidenceOption = 0.0,
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Which relations began, ended, or changed sign between two dates.

    With --render, the page shows only the relations that began or ended.
    """
    from ..analyze.timeline import diff as analyse

    first, last = parse_day(since, "--from"), parse_day(until, "--to")
    view = _view(uri, user, password, database, relation=relation, min_confidence=min_confidence)
    changes = analyse(view, first, last)  # type: ignore[arg-type]
    if render:
        from ..views.html import write_html

        moved = {r["id"] for r in changes["began"] + changes["ended"]}
        view.edges = [e for e in view.edges if e.get("id") in moved]
        ends = {e[k] for e in view.edges for k in ("start", "end")}
        view.nodes = [n for n in view.nodes if n["id"] in ends]
        view.title = f"Relations that began or ended between {since} and {until}"
        console.print(f"Wrote {write_html(view, render)}")
    if output == "json":
        return _json(changes)
    for what in ("began", "ended"):
        console.print(f"[bold]{what}[/] ({len(changes[what])})")
        _table(changes[what], ["from", "term", "to", "since", "until", "claimant"])
    console.print(f"[bold]changed sign[/] ({len(changes['changed'])})")
    _table(changes["changed"], ["pair", "before", "after"])
