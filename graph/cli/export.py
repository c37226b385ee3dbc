"""`actorgraph export`: the graph in the formats of the tools analysts already use."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from ..exchange import FORMATS
from ..text import counted
from .options import (
    QUERY_SECONDS,
    AroundOption,
    AsOfOption,
    ClaimantOption,
    CsvRawOption,
    CypherOption,
    DatabaseOption,
    DatasetsOption,
    DepthOption,
    ExcludeClaimantOption,
    ExcludeDatasetOption,
    KindOption,
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
from .output import console, err_console, shown


def export(
    fmt: Annotated[str, typer.Option("--format", "-o", help=f"One of {', '.join(FORMATS)}")],
    out: Annotated[
        Path, typer.Option("--out", help="File to write (a folder for csv)", callback=a_file)
    ],
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
    csv_raw: CsvRawOption = False,
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Write the graph (or the part the filters choose) for Gephi, networkx, Neo4j or a sheet.

    json and csv use the loader's own schema, so `actorgraph load` reads them back; graphml and
    gexf open in Gephi (gexf with time intervals); cypher recreates the graph in any Neo4j 5.

    Examples:

      actorgraph export --format gexf --out panjshir.gexf

      actorgraph export --format csv --out panjshir-csv/ --as-of 2021-09-01

      actorgraph export --format cypher --out panjshir.cypher
    """
    from ..exchange import relations_written, write
    from ..exchange.graphs import escaped_items
    from ..query import select

    filters = build_filters(
        around, depth, relation, as_of, min_confidence, kind, query, cypher, param,
        dataset=dataset, exclude_dataset=exclude_dataset,
        claimant=claimant, exclude_claimant=exclude_claimant, window=window, page=False,
        timeout=timeout,
    )  # fmt: skip
    with open_graph(uri, user, password, database) as g:
        view = select(g, filters)
    paths = write(view, fmt, out, raw_csv=csv_raw)
    if fmt in ("graphml", "gexf") and (escaped := escaped_items(view)):
        err_console.print(
            Text(
                f"Note: {escaped:,} of the nodes and relations hold control characters XML cannot "
                "hold; the file has them escaped as text (ESC as \\x1b). "
                "Export JSON or CSV to keep them as they are."
            )
        )
    console.print(
        Text(
            f"Wrote {', '.join(shown(str(p)) for p in paths)} ({counted(len(view.nodes), 'node')}, "
            f"{counted(relations_written(view, fmt), 'relation')}, "
            f"{counted(len(view.sources), 'source')})."
        ),
        soft_wrap=True,
    )
