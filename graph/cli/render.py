"""`actorgraph render`: the interactive network page an analyst opens in a browser, offline."""

from __future__ import annotations

import webbrowser
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.text import Text

from ..text import counted
from .options import (
    PAGE_NODES,
    PAGE_RELATIONS,
    PANEL,
    QUERY_SECONDS,
    AroundOption,
    AsOfOption,
    ClaimantOption,
    CypherOption,
    DatabaseOption,
    DatasetsOption,
    DepthOption,
    ExcludeClaimantOption,
    ExcludeDatasetOption,
    IsolatedOption,
    KindOption,
    MaxNodesOption,
    MaxRelationsOption,
    MinConfidenceOption,
    ParamOption,
    PasswordOption,
    QueryOption,
    QueryTimeoutOption,
    RelationOption,
    UriOption,
    UserOption,
    WindowOption,
    a_file,
    build_filters,
    open_graph,
)
from .output import console, shown

AggregateOption = Annotated[
    bool,
    typer.Option(
        "--aggregate/--no-aggregate",
        help="Draw the claims between two nodes with one sign as one line (a click on it "
        "draws each); --no-aggregate draws every claim as its own line",
    ),
]
EventsOption = Annotated[
    bool,
    typer.Option(
        "--events",
        help="Draw events as nodes (by default their claims are ties between actors)",
        rich_help_panel=PANEL,
    ),
]
PlacesOption = Annotated[
    bool, typer.Option("--places", help="Draw places as nodes", rich_help_panel=PANEL)
]
SizeOption = Annotated[
    Literal["degree", "betweenness"],
    typer.Option(
        "--size",
        help="Node size by degree (neighbours) or betweenness (how often a node lies on the "
        "shortest paths between others: the brokers)",
    ),
]


def render(
    out: Annotated[
        Path, typer.Option("--out", help="The HTML file to write", callback=a_file)
    ] = Path("actorgraph.html"),
    open_page: Annotated[
        bool, typer.Option("--open", help="Open the page in your browser afterwards")
    ] = False,
    title: Annotated[str | None, typer.Option(help="Page title")] = None,
    around: AroundOption = None,
    depth: DepthOption = 1,
    relation: RelationOption = None,
    as_of: AsOfOption = None,
    window: WindowOption = 90,
    min_confidence: MinConfidenceOption = 0.0,
    kind: KindOption = None,
    query: QueryOption = None,
    cypher: CypherOption = None,
    param: ParamOption = None,
    timeout: QueryTimeoutOption = QUERY_SECONDS,
    dataset: DatasetsOption = None,
    exclude_dataset: ExcludeDatasetOption = None,
    claimant: ClaimantOption = None,
    exclude_claimant: ExcludeClaimantOption = None,
    isolated: IsolatedOption = False,
    aggregate: AggregateOption = True,
    events: EventsOption = False,
    places: PlacesOption = False,
    size: SizeOption = "degree",
    max_relations: MaxRelationsOption = PAGE_RELATIONS,
    max_nodes: MaxNodesOption = PAGE_NODES,
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Write an interactive network page (pyvis) that works offline, with legend and tooltips.

    Nodes are coloured and shaped by kind; relations coloured by sign (cooperative, hostile,
    neutral), dashed when the claim is weak or disputed, wider with confidence. The claims
    between two nodes with one sign are one line, wider with more claims: click it to draw each
    claim, click one of them to fold them back. Hover for provenance: claimant, sources with
    grades, evidence.

    In the page, the side panel narrows what is shown without laying it out again: sign,
    relation, node kind, credibility, confidence, claimant, dataset, and a date slider ("in
    force on", the rule of --as-of) with a play button. Click a node to focus on its
    neighbours (Esc: back); "Copy link to this view" keeps the panel's state in the link.

    Examples:

      actorgraph render --out panjshir.html --open

      actorgraph render --around "Ahmed Masood" --depth 2 --out massoud.html

      actorgraph render --relation supports --relation fights --as-of 2021-09-01

      actorgraph render --query supporters-of -p actor=NRF --out backers.html

      actorgraph render --query as-of -p date=2021-09-01   # its relations in force that day

      actorgraph render --dataset acled-afg --size betweenness --out brokers.html
    """
    filters = build_filters(
        around, depth, relation, as_of, min_confidence, kind, query, cypher, param,
        dataset=dataset, exclude_dataset=exclude_dataset, isolated=isolated,
        claimant=claimant, exclude_claimant=exclude_claimant, window=window, timeout=timeout,
    )  # fmt: skip
    from ..views import actor_view, write_html

    with open_graph(uri, user, password, database) as g, console.status("Rendering…") as status:

        def step(message: str) -> None:
            status.update(Text(message + "…"))

        view = actor_view(
            g, filters, title, aggregate, events=events, places=places,
            max_relations=max_relations, max_nodes=max_nodes, on_step=step,
        )  # fmt: skip
        if size == "betweenness":
            from ..analyze.centrality import centrality
            from ..views import sized_by_betweenness

            step(f"Measuring betweenness of {counted(len(view.nodes), 'node')}")
            view = sized_by_betweenness(view, centrality(view))
        step(f"Laying out and writing {counted(len(view.nodes), 'node')}")
        write_html(view, out)
    stray = f"; not drawn: {view.not_drawn}" if view.not_drawn else ""
    drawn = f"{counted(len(view.nodes), 'node')}, {counted(len(view.edges), 'relation')}"
    wrote = f"Wrote {shown(str(out.resolve()))} ({drawn}{stray})."
    console.print(Text(wrote), soft_wrap=True)
    if open_page:
        webbrowser.open(out.resolve().as_uri())
