"""`actorgraph analyze ...`: blocs and balance, centrality, timeline and change over time."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from ..arguments import MOST_SECONDS
from ..errors import QueryError
from .claims import compare, provenance
from .options import (
    PAGE_NODES,
    PAGE_RELATIONS,
    AroundOption,
    AsOfOption,
    ClaimantOption,
    DatabaseOption,
    DatasetsOption,
    DepthOption,
    ExcludeClaimantOption,
    ExcludeDatasetOption,
    FormatOption,
    IncludeStatusOption,
    IsolatedOption,
    KindOption,
    MaxNodesOption,
    MaxRelationsOption,
    MinConfidenceOption,
    PasswordOption,
    RelationOption,
    RenderOption,
    UriOption,
    UserOption,
    WindowOption,
    build_filters,
    open_graph,
    parse_day,
)
from .output import (
    console,
    err_console,
    first,
    print_first,
    print_json,
    said_more,
    said_wrote,
    shown,
    wrote_page,
)

if TYPE_CHECKING:
    from ..analyze import BalanceResult
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


Page = tuple[int, int] | None  # a page's --max-relations and --max-nodes, with --render


def _page(render: Path | None, max_relations: int, max_nodes: int) -> Page:
    return (max_relations, max_nodes) if render else None


def _view(
    uri, user, password, database, page: Page = None, fold: bool = True, **filters
) -> tuple[View, View]:  # type: ignore[no-untyped-def]
    """The selection, without nodes that have no relation in it unless --isolated, and what a
    ``page`` drawn from it shows (events and places folded unless not ``fold``; without a
    page, the selection): one too large for the page is refused before it is read (or
    analysed)."""
    from ..query import select
    from ..subgraph import connected
    from ..views import analysis_page

    chosen = build_filters(page=page is not None, **filters)  # told before connecting
    max_relations, max_nodes = page or (None, None)
    with open_graph(uri, user, password, database) as g:
        view = connected(select(g, chosen, max_relations=max_relations))
    return view, analysis_page(view, max_nodes, fold=fold) if page else view


def _say_left_out(view: View, include: list[str] | None) -> None:
    """Which claims an analysis of what holds left out for how they are held."""
    from ..analyze.status import left_out

    counts = left_out(view, include or [])
    if counts:
        listed = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
        if sum(counts.values()) == 1:
            how = f"claim (--include-status {next(iter(counts))} counts it)"
        else:
            how = "claims (--include-status STATUS counts them)"
        console.print(Text(f"Left out: {listed} {how}."))


def _names(names: dict[str, str]):  # type: ignore[no-untyped-def]
    """An actor's name as the terminal shows it (see output.shown)."""
    return lambda actor: shown(names.get(actor, actor), lines=False)


@app.command()
def balance(
    output: FormatOption = "auto",
    render: RenderOption = None,
    max_relations: MaxRelationsOption = PAGE_RELATIONS,
    max_nodes: MaxNodesOption = PAGE_NODES,
    relation: RelationOption = None,
    as_of: AsOfOption = None,
    window: WindowOption = 90,
    min_confidence: MinConfidenceOption = 0.0,
    dataset: DatasetsOption = None,
    exclude_dataset: ExcludeDatasetOption = None,
    claimant: ClaimantOption = None,
    exclude_claimant: ExcludeClaimantOption = None,
    kind: KindOption = None,
    around: AroundOption = None,
    depth: DepthOption = 1,
    include_status: IncludeStatusOption = None,
    limit: Annotated[
        int,
        typer.Option(min=0, help="Members of each bloc, ties that break the split, and "
                                 "triangles (those not balanced first) to show; 0: all "
                                 "(--format json gives all)"),
    ] = 20,
    time_limit: Annotated[
        float,
        typer.Option(min=1, max=MOST_SECONDS,
                     help="Seconds the integer programme may take per component of "
                                 "more than 20 actors; past them the frustration index is an "
                                 "upper bound"),
    ] = 60.0,
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:  # fmt: skip
    """Structural balance: triads, balance index, the two blocs and the ties that break them.

    Positive ties are cooperative relations, negative ones hostile (claims between the same two
    actors summed, weighted by confidence); speculated, forecast and denied claims are left
    out unless --include-status names them. The frustration index is exact (exhaustive search,
    or an integer programme for components above 20 actors). With --render, the page colours
    the blocs.
    """
    from ..analyze.balance import balance as analyse
    from ..analyze.balance import describe

    view, drawn = _view(uri, user, password, database, _page(render, max_relations, max_nodes),
                 relation=relation, as_of=as_of, window=window,
                 min_confidence=min_confidence, kind=kind, around=around, depth=depth,
                 dataset=dataset, exclude_dataset=exclude_dataset,
                 claimant=claimant, exclude_claimant=exclude_claimant)  # fmt: skip

    def solving(actors: int) -> None:  # the integer programme may take its time: say so first
        err_console.print(
            Text(f"Balancing a component of {actors:,} actors: up to {time_limit:g} s "
                 "(--time-limit).")
        )  # fmt: skip

    result = analyse(
        view, include_status=include_status or [], time_limit=time_limit, solving=solving
    )
    if render:
        from ..views import blocs_view

        wrote_page(blocs_view(drawn, result.blocs), render, output)
    if output == "json":
        return print_json(describe(result))
    _say_left_out(view, include_status)
    _print_balance(result, limit)


def _print_balance(result: BalanceResult, limit: int) -> None:
    name = _names(result.names)
    index = result.balance_index
    console.print(
        f"{result.ties:,} signed ties, {len(result.triads):,} triangles, "
        f"{sum(t.balanced for t in result.triads):,} balanced (balance index "
        f"{'n/a' if index is None else f'{index:.3f}'}); frustration index {result.frustration:,} "
        f"({'exact' if result.exact else 'upper bound'}, {result.method}).",
        highlight=False,
    )

    def members(bloc: list[str]) -> str:  # by name, as read (not by id); the first --limit
        kept, more = first(sorted(map(name, bloc), key=str.casefold), limit)
        rest = f" … and {more:,} more (--limit, or --format json)" if more else ""
        return (", ".join(kept) or "—") + rest

    for number, (left, right) in enumerate(result.blocs, start=1):
        console.print(Text(f"component {number}, bloc A: {members(left)}"))
        console.print(Text(f"component {number}, bloc B: {members(right)}"))
    ties, hidden = first(result.frustrated, limit)
    for a, b, sign in ties:
        console.print(Text(f"breaks the split: {name(a)} {'+' if sign > 0 else '−'} {name(b)}"))
    said_more(hidden, "ties that break it")
    rows = [
        {"actors": " / ".join(map(name, t.actors)),
         "signs": " ".join("+" if s > 0 else "−" for s in t.signs),
         "balanced": "yes" if t.balanced else "NO"}
        for t in sorted(result.triads, key=lambda t: t.balanced)  # those that break it first
    ]  # fmt: skip
    print_first(rows, ["actors", "signs", "balanced"], limit, "triangles")


@app.command()
def centrality(
    output: FormatOption = "auto",
    render: RenderOption = None,
    max_relations: MaxRelationsOption = PAGE_RELATIONS,
    max_nodes: MaxNodesOption = PAGE_NODES,
    limit: Annotated[int, typer.Option(min=0, help="Rows to show; 0: all")] = 20,
    isolated: IsolatedOption = False,
    relation: RelationOption = None,
    as_of: AsOfOption = None,
    window: WindowOption = 90,
    min_confidence: MinConfidenceOption = 0.0,
    dataset: DatasetsOption = None,
    exclude_dataset: ExcludeDatasetOption = None,
    claimant: ClaimantOption = None,
    exclude_claimant: ExcludeClaimantOption = None,
    kind: KindOption = None,
    include_status: IncludeStatusOption = None,
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Degree, betweenness and PageRank per actor (igraph), over the relations chosen.

    Speculated, forecast and denied claims are left out unless --include-status names them.
    With --render, node size follows betweenness.
    """
    view, drawn = _view(uri, user, password, database, _page(render, max_relations, max_nodes),
                 relation=relation, as_of=as_of, window=window,
                 min_confidence=min_confidence, kind=kind, dataset=dataset,
                 exclude_dataset=exclude_dataset, isolated=isolated,
                 claimant=claimant, exclude_claimant=exclude_claimant)  # fmt: skip
    from ..analyze.centrality import centrality as analyse

    rows = analyse(view, include_status or [])
    if render:
        from ..views import centrality_view

        wrote_page(centrality_view(drawn, rows), render, output)
    if output == "json":
        return print_json(rows)
    _say_left_out(view, include_status)
    print_first(rows, ["id", "name", "kind", "degree", "betweenness", "pagerank"], limit)


@app.command()
def timeline(
    output: FormatOption = "auto",
    actor: Annotated[
        str | None, typer.Option(help="Only this actor's relations and events")
    ] = None,
    html: Annotated[Path | None, typer.Option("--html", help="Also write a timeline page")] = None,
    limit: Annotated[
        int,
        typer.Option(
            min=0,
            help="Rows to show, the earliest first; 0: all (--html and --format json give all)",
        ),
    ] = 50,
    relation: RelationOption = None,
    min_confidence: MinConfidenceOption = 0.0,
    dataset: DatasetsOption = None,
    exclude_dataset: ExcludeDatasetOption = None,
    claimant: ClaimantOption = None,
    exclude_claimant: ExcludeClaimantOption = None,
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
            claimant=claimant,
            exclude_claimant=exclude_claimant,
        )
        view = select(g, filters)
        actor_id = resolve_name(resolver_for(g), actor) if actor is not None else None
    in_view = actor_id is None or any(node["id"] == actor_id for node in view.nodes)
    items = analyse(view, actor_id) if in_view else []  # the actor has no relation in it
    if output == "json":
        print_json(items)
    else:
        print_first(items, ["when", "what", "type", "claimant", "credibility"], limit)
    if html:
        from ..views import write_timeline

        title = f"Timeline{': ' + actor if actor else ''}"
        path = write_timeline(items, html, title, view.filters.describe())
        said_wrote(path.resolve(), output)


@app.command()
def diff(
    since: Annotated[str, typer.Option("--from", help="The earlier date (YYYY-MM-DD)")],
    until: Annotated[str, typer.Option("--to", help="The later date (YYYY-MM-DD)")],
    output: FormatOption = "auto",
    limit: Annotated[
        int, typer.Option(min=0, help="Rows to show of each list; 0: all (--format json gives all)")
    ] = 20,
    render: RenderOption = None,
    max_relations: MaxRelationsOption = PAGE_RELATIONS,
    max_nodes: MaxNodesOption = PAGE_NODES,
    relation: RelationOption = None,
    min_confidence: MinConfidenceOption = 0.0,
    dataset: DatasetsOption = None,
    exclude_dataset: ExcludeDatasetOption = None,
    claimant: ClaimantOption = None,
    exclude_claimant: ExcludeClaimantOption = None,
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Which relations began, ended, or changed sign between two dates.

    It compares the relations in force on each date, as --as-of reads them: a point act
    (an attack, a capture …) is in force for 90 days after it, so one that falls between
    the dates and is over by the later one is in neither list (analyze timeline lists every
    dated one). With --render, the page shows only the relations that began or ended.
    """
    from ..analyze.timeline import diff as analyse

    first, last = parse_day(since, "--from"), parse_day(until, "--to")
    if first and last and first > last:
        raise QueryError(f"--from {since} is after --to {until}: give the earlier date first.")
    view, drawn = _view(uri, user, password, database, _page(render, max_relations, max_nodes),
                 fold=False, relation=relation, min_confidence=min_confidence,
                 dataset=dataset, exclude_dataset=exclude_dataset,
                 claimant=claimant, exclude_claimant=exclude_claimant)  # fmt: skip
    changes = analyse(view, first, last)  # type: ignore[arg-type]
    if render:
        from ..views import changes_view

        wrote_page(changes_view(drawn, changes, since, until), render, output)
    if output == "json":
        return print_json(changes)
    for what in ("began", "ended"):
        console.print(f"[bold]{what}[/] ({len(changes[what]):,})")
        print_first(changes[what], ["from", "term", "to", "since", "until", "claimant"], limit)
    console.print(f"[bold]changed sign[/] ({len(changes['changed']):,})")
    print_first(changes["changed"], ["pair", "before", "after"], limit)


app.command()(provenance)
app.command()(compare)
