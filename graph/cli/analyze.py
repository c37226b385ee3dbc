"""`actorgraph analyze ...`: blocs and balance, centrality, timeline and change over time."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from .options import (
    AroundOption,
    AsOfOption,
    DatabaseOption,
    DatasetsOption,
    DepthOption,
    ExcludeDatasetOption,
    FormatOption,
    IsolatedOption,
    KindOption,
    MinConfidenceOption,
    PasswordOption,
    RelationOption,
    UriOption,
    UserOption,
    build_filters,
    open_graph,
    parse_day,
)
from .output import console, print_json, print_table, shown

if TYPE_CHECKING:
    from ..subgraph import View

app = typer.Typer(
    help="Analyse the graph: blocs and balance, brokers, change over time.\n\n"
    "  actorgraph analyze balance --render blocs.html\n\n"
    "  actorgraph analyze centrality --relation supports --relation fights\n\n"
    "  actorgraph analyze timeline --actor NRF --html timeline.html\n\n"
    "  actorgraph analyze diff --from 2021-07-01 --to 2021-09-01\n\n"
    "  actorgraph analyze provenance --source src-article",
    no_args_is_help=True,
)
RenderOption = Annotated[
    Path | None, typer.Option("--render", help="Also draw the result as a network page")
]


def _view(uri, user, password, database, **filters) -> View:  # type: ignore[no-untyped-def]
    """The selection, without nodes that have no relation in it unless --isolated."""
    from ..query import select
    from ..subgraph import connected

    with open_graph(uri, user, password, database) as g:
        return connected(select(g, build_filters(**filters)))


def _wrote(view: View, path: Path) -> None:
    from ..views import write_html

    console.print(Text(f"Wrote {write_html(view, path)}"))


def _names(names: dict[str, str]):  # type: ignore[no-untyped-def]
    """An actor's name as the terminal shows it (see output.shown)."""
    return lambda actor: shown(names.get(actor, actor), lines=False)


@app.command()
def balance(
    output: FormatOption = "table",
    render: RenderOption = None,
    relation: RelationOption = None,
    as_of: AsOfOption = None,
    min_confidence: MinConfidenceOption = 0.0,
    dataset: DatasetsOption = None,
    exclude_dataset: ExcludeDatasetOption = None,
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

    view = _view(uri, user, password, database, relation=relation, as_of=as_of,
                 min_confidence=min_confidence, kind=kind, around=around, depth=depth,
                 dataset=dataset, exclude_dataset=exclude_dataset)  # fmt: skip
    result = analyse(view)
    if output == "json":
        return print_json(describe(result))

    name = _names(result.names)
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
    print_table(rows, ["actors", "signs", "balanced"])
    if render:
        from ..views import blocs_view

        _wrote(blocs_view(view, result.blocs), render)


@app.command()
def centrality(
    output: FormatOption = "table",
    render: RenderOption = None,
    limit: Annotated[int, typer.Option(help="Rows to show")] = 20,
    isolated: IsolatedOption = False,
    relation: RelationOption = None,
    as_of: AsOfOption = None,
    min_confidence: MinConfidenceOption = 0.0,
    dataset: DatasetsOption = None,
    exclude_dataset: ExcludeDatasetOption = None,
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
                 min_confidence=min_confidence, kind=kind, dataset=dataset,
                 exclude_dataset=exclude_dataset, isolated=isolated)  # fmt: skip
    from ..analyze.centrality import centrality as analyse

    rows = analyse(view)
    if output == "json":
        return print_json(rows)
    print_table(rows[:limit], ["id", "name", "kind", "degree", "betweenness", "pagerank"])
    if render:
        from ..views import centrality_view

        _wrote(centrality_view(view, rows), render)


@app.command()
def timeline(
    output: FormatOption = "table",
    actor: Annotated[
        str | None, typer.Option(help="Only this actor's relations and events")
    ] = None,
    html: Annotated[Path | None, typer.Option("--html", help="Also write a timeline page")] = None,
    relation: RelationOption = None,
    min_confidence: MinConfidenceOption = 0.0,
    dataset: DatasetsOption = None,
    exclude_dataset: ExcludeDatasetOption = None,
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Dated relations and events in time order; partial dates sort by the start of their range."""
    from ..analyze.timeline import timeline as analyse
    from ..query import resolve_name, resolver_for, select

    with open_graph(uri, user, password, database) as g:
        filters = build_filters(
            relation=relation,
            min_confidence=min_confidence,
            dataset=dataset,
            exclude_dataset=exclude_dataset,
        )
        view = select(g, filters)
        actor_id = resolve_name(resolver_for(g), actor) if actor else None
    items = analyse(view, actor_id)
    if output == "json":
        print_json(items)
    else:
        print_table(items, ["when", "what", "type", "claimant", "credibility"])
    if html:
        from ..views import write_timeline

        title = f"Timeline{': ' + actor if actor else ''}"
        path = write_timeline(items, html, title, view.filters.describe())
        console.print(Text(f"Wrote {path.resolve()}"))


@app.command()
def diff(
    since: Annotated[str, typer.Option("--from", help="The earlier date (YYYY-MM-DD)")],
    until: Annotated[str, typer.Option("--to", help="The later date (YYYY-MM-DD)")],
    output: FormatOption = "table",
    render: RenderOption = None,
    relation: RelationOption = None,
    min_confidence: MinConfidenceOption = 0.0,
    dataset: DatasetsOption = None,
    exclude_dataset: ExcludeDatasetOption = None,
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
    view = _view(uri, user, password, database, relation=relation, min_confidence=min_confidence,
                 dataset=dataset, exclude_dataset=exclude_dataset)  # fmt: skip
    changes = analyse(view, first, last)  # type: ignore[arg-type]
    if render:
        from ..views import changes_view

        _wrote(changes_view(view, changes, since, until), render)
    if output == "json":
        return print_json(changes)
    for what in ("began", "ended"):
        console.print(f"[bold]{what}[/] ({len(changes[what])})")
        print_table(changes[what], ["from", "term", "to", "since", "until", "claimant"])
    console.print(f"[bold]changed sign[/] ({len(changes['changed'])})")
    print_table(changes["changed"], ["pair", "before", "after"])


@app.command()
def provenance(
    source: Annotated[
        str | None,
        typer.Option("--source", help="A source's id or title: the claims that rest on it"),
    ] = None,
    output: FormatOption = "table",
    limit: Annotated[int, typer.Option(help="Claims to list (all with --format json)")] = 50,
    dataset: DatasetsOption = None,
    exclude_dataset: ExcludeDatasetOption = None,
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Which claims rest on a source: those citing it, and those citing a source it carried
    (a statement whose source says `via: <its id>`), at any depth.

    Without --source: the claims that rest on a single line of sources (one source, or
    several that all came through one carrier), and the sources those lines end in.

      actorgraph analyze provenance --source src-article

      actorgraph analyze provenance --source src-article --format json

      actorgraph analyze provenance --dataset panjshir
    """
    from ..analyze.provenance import exposure
    from ..analyze.provenance import provenance as analyse
    from ..query import resolve_source, select

    with open_graph(uri, user, password, database) as g:
        view = select(g, build_filters(dataset=dataset, exclude_dataset=exclude_dataset))
        source_id = resolve_source(g, source) if source is not None else None
    result = analyse(view, source_id) if source_id else exposure(view)
    if output == "json":
        return print_json(result)
    rows = result["rows"] if source_id else [r for r in result["rows"] if r["lines"] <= 1]
    if source_id:
        console.print(Text(f"{result['claims']} claims rest on {source_id}: {result['direct']} "
                           f"cite it, {result['carried']} came through it."))  # fmt: skip
        counts, what, last = result["by_cited_source"], "cited source", "through"
    else:
        console.print(Text(f"{result['exposed']} of {result['claims']} claims rest on a single "
                           "line of sources."))  # fmt: skip
        counts, what, last = result["exposed_by_source"], "line ends in", "line"
    print_table([{what: k, "claims": v} for k, v in counts.items()], [what, "claims"])
    shown_rows = [
        {"claim": f"{r['from']} {r['term']} {r['to']}", "claimant": r["claimant"],
         "through": "; ".join(r.get("through", [])),
         "line": "; ".join(", ".join(line) for line in r.get("line_sources", []))}
        for r in rows[:limit]
    ]  # fmt: skip
    print_table(shown_rows, ["claim", "claimant", last])
    if len(rows) > limit:
        console.print(Text(f"… and {len(rows) - limit} more (--limit, or --format json)"))
