"""`actorgraph analyze provenance` and `compare`: where claims come from, and whose they are."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.text import Text

from ..errors import QueryError
from .options import (
    PAGE_NODES,
    PAGE_RELATIONS,
    ClaimantOption,
    DatabaseOption,
    DatasetsOption,
    ExcludeClaimantOption,
    ExcludeDatasetOption,
    FormatOption,
    IncludeStatusOption,
    MaxNodesOption,
    MaxRelationsOption,
    PasswordOption,
    RenderOption,
    UriOption,
    UserOption,
    build_filters,
    open_graph,
)
from .output import console, print_first, print_json, print_table, wrote_page


def provenance(
    source: Annotated[
        str | None,
        typer.Option("--source", help="A source's id or title: the claims that rest on it"),
    ] = None,
    output: FormatOption = "auto",
    limit: Annotated[
        int, typer.Option(min=0, help="Claims to list; 0: all (all with --format json)")
    ] = 50,
    dataset: DatasetsOption = None,
    exclude_dataset: ExcludeDatasetOption = None,
    claimant: ClaimantOption = None,
    exclude_claimant: ExcludeClaimantOption = None,
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Which claims rest on a source: those citing it, and those citing a source it carried
    (a statement whose source says `via: <its id>`), at any depth.

    Without --source: the claims that rest on a single line of sources (one source, or
    several that all came through one carrier), and those whose originating sources all speak
    for a party to the conflict (their source says `party: <actor>`).

      actorgraph analyze provenance --source src-article

      actorgraph analyze provenance --source src-article --format json

      actorgraph analyze provenance --dataset panjshir
    """
    from ..analyze.provenance import exposure
    from ..analyze.provenance import provenance as analyse
    from ..query import resolve_source, select

    with open_graph(uri, user, password, database) as g:
        filters = build_filters(dataset=dataset, exclude_dataset=exclude_dataset,
                                claimant=claimant, exclude_claimant=exclude_claimant)  # fmt: skip
        view = select(g, filters)
        source_id = resolve_source(g, source) if source is not None else None
    result = analyse(view, source_id) if source_id else exposure(view)
    if output == "json":
        return print_json(result)
    _print_provenance(result, source_id, limit)


def _print_provenance(result: dict, source_id: str | None, limit: int) -> None:
    if source_id:
        console.print(Text(f"{result['claims']} claims rest on {source_id}: {result['direct']} "
                           f"cite it, {result['carried']} came through it."))  # fmt: skip
        counts, what = result["by_cited_source"], "cited source"
        rows = [_claim_row(r, through="; ".join(r["through"])) for r in result["rows"]]
        columns = ["claim", "claimant", "through"]
    else:
        console.print(Text(f"{result['exposed']} of {result['claims']} claims rest on a single "
                           f"line of sources; {result['partisan']} only on sources that speak "
                           "for a party."))  # fmt: skip
        counts, what = result["exposed_by_source"], "line ends in"
        rows = [_claim_row(r, lines=r["lines"], originators=", ".join(r["originators"]),
                           parties=", ".join(r["parties"]) if r["partisan"] else "")
                for r in result["rows"] if r["lines"] <= 1 or r["partisan"]]  # fmt: skip
        columns = ["claim", "claimant", "lines", "originators", "parties"]
    print_table([{what: k, "claims": v} for k, v in counts.items()], [what, "claims"])
    print_first(rows, columns, limit)


def _claim_row(row: dict, **also: object) -> dict:
    return {"claim": f"{row['from']} {row['term']} {row['to']}", "claimant": row["claimant"]} | also


def compare(
    claimant: Annotated[
        list[str],
        typer.Option("--claimant", help="The two claimants to compare (id, name or alias), twice"),
    ],
    output: FormatOption = "auto",
    include_status: IncludeStatusOption = None,
    dataset: DatasetsOption = None,
    exclude_dataset: ExcludeDatasetOption = None,
    render: RenderOption = None,
    max_relations: MaxRelationsOption = PAGE_RELATIONS,
    max_nodes: MaxNodesOption = PAGE_NODES,
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Whose story: the ties only one claimant asserts, those both assert, the pairs they
    disagree on (one says cooperative, the other hostile), and the blocs each one's claims
    alone would draw. A tie is a pair with a sign: + cooperative, − hostile, 0 neutral.

      actorgraph analyze compare --claimant nrf --claimant taliban

      actorgraph analyze compare --claimant nrf --claimant article-author -o json

      actorgraph analyze compare --claimant nrf --claimant taliban --render whose.html

    The page draws both claimants' claims, each in the colour of its tie: only the first
    claims it, only the second, or both.
    """
    from ..analyze.compare import compare as analyse
    from ..query import resolve_name, resolver_for, select

    if len(claimant) != 2:
        raise QueryError(f"Give --claimant twice, for the two to compare ({len(claimant)} given).")
    with open_graph(uri, user, password, database) as g:
        resolver = resolver_for(g)
        first, second = (resolve_name(resolver, name, "--claimant", ["actor"]) for name in claimant)
        if first == second:
            raise QueryError(f"Both --claimant name {first!r}: give two different claimants.")
        filters = build_filters(dataset=dataset, exclude_dataset=exclude_dataset,
                                claimant=[first, second])  # fmt: skip
        view = select(g, filters, max_relations=max_relations if render else None)
    if render:  # the page's size is checked before the analysis
        from ..analyze.status import held
        from ..views import analysis_page, compare_view

        drawn = analysis_page(held(view, include_status or []), max_nodes, fold=False)
    result = analyse(view, first, second, include_status or [])
    if render:
        names = (claimant[0], claimant[1])
        wrote_page(compare_view(drawn, first, second, names), render, output)
    if output == "json":
        return print_json(result)
    _print_compare(result, (first, claimant[0]), (second, claimant[1]))


def _print_compare(result: dict, one: tuple[str, str], other: tuple[str, str]) -> None:
    """The comparison as tables; ``one``, ``other``: each claimant's id and name as given."""
    (first, a), (second, b) = one, other
    sections = [
        (f"only {a} claims", result["only_first"], ["pair", "sign", "terms"]),
        (f"only {b} claims", result["only_second"], ["pair", "sign", "terms"]),
        ("both claim", [r | {a: r["first_terms"], b: r["second_terms"]} for r in result["both"]],
         ["pair", "sign", a, b]),
        ("they disagree on",
         [r | {a: r["first"], b: r["second"]} for r in result["disagree"]], ["pair", a, b]),
    ]  # fmt: skip
    for title, rows, columns in sections:
        console.print(Text(f"{title} ({len(rows)})", style="bold"))
        if rows:  # an empty section is its count alone, not a table's bare header
            print_table(rows, columns)
    for who, name in ((first, a), (second, b)):
        if not result["blocs"][who]:
            console.print(Text(f"{name}'s blocs: none (no signed ties between actors)"))
        for number, (left, right) in enumerate(result["blocs"][who], start=1):
            console.print(Text(f"{name}'s blocs, component {number}: " + ", ".join(left)
                               + " against " + (", ".join(right) or "—")))  # fmt: skip
