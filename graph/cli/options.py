"""The options commands share: which Neo4j to use, and which part of the graph to work on."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer
from rich.text import Text

from ..arguments import MOST_DAYS, MOST_SECONDS
from ..errors import DatasetError, Problem, QueryError, interruption
from .output import LAYOUTS, STATE, err_console, shown

if TYPE_CHECKING:
    from ..db import Graph
    from ..subgraph import Filters

UriOption = Annotated[
    str | None,
    typer.Option(
        "--uri",
        help="Bolt URI of any Neo4j, e.g. bolt://localhost:7687 or neo4j+s://xxx.databases."
        "neo4j.io (env: NEO4J_URI; default: the local server)",
        rich_help_panel="Connection",
    ),
]
UserOption = Annotated[
    str | None,
    typer.Option(
        "--user",
        help="User name (env: NEO4J_USERNAME; default: neo4j)",
        rich_help_panel="Connection",
    ),
]
PasswordOption = Annotated[
    str | None,
    typer.Option(
        "--password",
        help="Password; prefer NEO4J_PASSWORD, since flags show in the process list "
        "(env: NEO4J_PASSWORD; default: the local server's)",
        rich_help_panel="Connection",
    ),
]
DatabaseOption = Annotated[
    str | None,
    typer.Option(
        "--database",
        help="Database name (env: NEO4J_DATABASE; default: the server's default)",
        rich_help_panel="Connection",
    ),
]


VocabularyOption = Annotated[
    list[Path] | None,
    typer.Option("--vocabulary", help="Extra vocabulary file(s) with your own kinds and terms"),
]
CsvRawOption = Annotated[
    bool,
    typer.Option(
        "--csv-raw",
        help="Write CSV cells as they are, even those a spreadsheet would run as a formula "
        "(=, +, -, @ …); by default such a cell gets a leading ' (the loader takes it off)",
    ),
]


def a_file(value: Path | None) -> Path | None:
    """An output that must be a file: "-" (standard output, to other programs) is refused
    rather than written as a file named "-"."""
    if value is not None and str(value) == "-":
        raise typer.BadParameter("'-' (standard output) is not supported here; give a file name")
    return value


def remember_layout(value: str) -> str:
    """Tables follow the --format asked for (output.print_rows); json leaves them be."""
    STATE["layout"] = value if value in LAYOUTS else None
    return value


FormatOption = Annotated[
    Literal["auto", "table", "records", "json"],
    typer.Option(
        "--format",
        "-o",
        help="auto (a table when it fits the terminal, else one record per block), table, "
        "records, or json",
        callback=remember_layout,
    ),
]
ProblemsOption = Annotated[
    Path | None,
    typer.Option(
        "--problems",
        help="Write every problem of the input to this file, one per line (the terminal shows "
        "the first 50 and how many there are)",
    ),
]


@contextmanager
def problems_written(path: Path | None, inputs: Sequence[Path] = ()) -> Iterator[None]:
    """If the input has problems, all of them go to ``path`` (owner-only) as well; ``path``
    may not be one of the ``inputs`` (writing it would destroy one)."""
    if path is not None and any(_same_file(path, given) for given in inputs):
        message = f"{path} is an input file; give another path for the problems"
        raise DatasetError([Problem("--problems", None, None, message)])
    if path is not None:  # found out now, not after the load has committed
        from ..files import writable

        writable(path, "Nothing was loaded; give --problems another path")
    try:
        yield
    except DatasetError as exc:
        if path is not None:
            from ..files import write_private_text

            # as the terminal shows them: no escape sequence or half a UTF-16 pair from the
            # input reaches the file (`cat` of it would run them; UTF-8 cannot hold the halves)
            lines = "".join(f"{shown(str(problem), lines=False)}\n" for problem in exc.problems)
            write_private_text(path, lines)
            count = len(exc.problems)
            said = f"All {count:,} problems are" if count != 1 else "The problem is"
            err_console.print(Text(shown(f"{said} in {path}.")))
        raise


@contextmanager
def writes_nothing() -> Iterator[None]:
    """Problems of a command that writes nothing anyway (a check, a listing): their message
    does not add that nothing was written."""
    try:
        yield
    except DatasetError as exc:
        raise DatasetError(exc.problems, writes=False, lead=exc.lead) from None


LOAD_STOPPED = (
    "Nothing of this load is shown: a load in one transaction was rolled back, and a load or "
    "re-load in batches removed what it had written (if that was cut short too, the next "
    "load, import or drop, of any dataset, removes the rest first)."
)


@contextmanager
def interrupted_says(what: str) -> Iterator[None]:
    """Ctrl-C stops the command with ``what`` it leaves behind, and exit status 130 (Typer
    would exit with that status and say nothing)."""
    try:
        yield
    except (Exception, KeyboardInterrupt) as failed:  # or a failure on the way out of one
        if (stopped := interruption(failed)) is None:
            raise
        said = getattr(stopped, "left", None) or what  # errors.InterruptedMidway
        err_console.print(Text.assemble(("interrupted:", "bold red"), f" {said}"), soft_wrap=True)
        raise typer.Exit(130) from None


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve() or (one.exists() and one.samefile(other))
    except OSError:
        return False


def open_graph(
    uri: str | None, user: str | None, password: str | None, database: str | None
) -> Graph:
    """Connect with flags > environment > local server, failing with a one-line reason."""
    from ..connection import connect  # the driver is imported only by commands that need it

    return connect(
        uri=uri, user=user, password=password, database=database, read_only=STATE["read_only"]
    )


PANEL = "Which part of the graph"


def refuse_in_read_only(what: str) -> None:
    """Read-only mode is decided before anything is touched: refuse ``what`` outright."""
    from ..errors import ReadOnlyError
    from ..settings import read_only_from_env

    if STATE["read_only"] or read_only_from_env():
        raise ReadOnlyError(
            f"actorgraph is in read-only mode (--read-only or ACTORGRAPH_READ_ONLY): it does not "
            f"{what}. Nothing was done."
        )


AroundOption = Annotated[
    str | None,
    typer.Option(
        help="Only this actor's neighbourhood (any id, name or alias)", rich_help_panel=PANEL
    ),
]
DepthOption = Annotated[
    int, typer.Option(min=0, help="Steps from --around to include", rich_help_panel=PANEL)
]
RelationOption = Annotated[
    list[str] | None,
    typer.Option(
        "--relation", help="Only these relation terms or types (repeatable)", rich_help_panel=PANEL
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of", help="Only relations in force on this date (YYYY-MM-DD)", rich_help_panel=PANEL
    ),
]
MinConfidenceOption = Annotated[
    float,
    typer.Option(
        min=0.0, max=1.0, help="Leave out claims below this confidence", rich_help_panel=PANEL
    ),
]
WINDOW_DAYS = 90  # --window's default
WindowOption = Annotated[
    int,
    typer.Option(
        "--window",
        min=0,
        max=MOST_DAYS,
        help="With --as-of: days before the date in which point acts (attacks, captures) count",
        rich_help_panel=PANEL,
    ),
]
IncludeStatusOption = Annotated[
    list[str] | None,
    typer.Option(
        "--include-status",
        help="Also count claims held so: speculated, forecast or denied (repeatable)",
        rich_help_panel=PANEL,
    ),
]
KindOption = Annotated[
    list[str] | None,
    typer.Option("--kind", help="Only nodes of these kinds (repeatable)", rich_help_panel=PANEL),
]
QueryOption = Annotated[
    str | None, typer.Option("--query", help="What this named query returns", rich_help_panel=PANEL)
]
CypherOption = Annotated[
    str | None,
    typer.Option("--cypher", help="What this Cypher statement returns", rich_help_panel=PANEL),
]
ParamOption = Annotated[
    list[str] | None,
    typer.Option("--param", "-p", help="Query parameter key=value", rich_help_panel=PANEL),
]
QueryTimeoutOption = Annotated[
    float,
    typer.Option(
        "--timeout",
        min=0.001,
        max=MOST_SECONDS,
        help="Seconds before Neo4j gives up the --query or --cypher (brokers on a large graph "
        "runs for minutes)",
        rich_help_panel=PANEL,
    ),
]
QUERY_SECONDS = 300.0  # as `query --timeout`


DatasetsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--dataset", help="Only relations of this dataset (repeatable)", rich_help_panel=PANEL
    ),
]
ExcludeDatasetOption = Annotated[
    list[str] | None,
    typer.Option(
        "--exclude-dataset",
        help="Leave out relations of this dataset (repeatable)",
        rich_help_panel=PANEL,
    ),
]
ClaimantOption = Annotated[
    list[str] | None,
    typer.Option(
        "--claimant",
        help="Only relations this actor claims (repeatable; id, name or alias)",
        rich_help_panel=PANEL,
    ),
]
ExcludeClaimantOption = Annotated[
    list[str] | None,
    typer.Option(
        "--exclude-claimant",
        help="Leave out relations this actor claims (repeatable)",
        rich_help_panel=PANEL,
    ),
]
IsolatedOption = Annotated[
    bool,
    typer.Option(
        "--isolated",
        help="Also show nodes without a relation in the selection (claimant-only actors)",
        rich_help_panel=PANEL,
    ),
]


def parse_day(text: str | None, option: str) -> date | None:
    if text is not None and not text.strip():  # `--as-of ""` from a script's empty variable
        raise QueryError(f"{option} '': give the date as YYYY-MM-DD.")
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        if text and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text.strip()):
            raise QueryError(f"{option} {text!r}: there is no such day.") from None
        raise QueryError(f"{option} {text!r}: write the date as YYYY-MM-DD.") from None


def build_filters(
    around: str | None = None,
    depth: int = 1,
    relation: list[str] | None = None,
    as_of: str | None = None,
    min_confidence: float = 0.0,
    kind: list[str] | None = None,
    query: str | None = None,
    cypher: str | None = None,
    param: list[str] | None = None,
    *,
    dataset: list[str] | None = None,
    exclude_dataset: list[str] | None = None,
    claimant: list[str] | None = None,
    exclude_claimant: list[str] | None = None,
    isolated: bool = False,
    window: int = 90,
    page: bool = True,
    timeout: float | None = None,
) -> Filters:
    """The filters of a selection. ``page``: whether a page is drawn from it, whose date slider
    takes ``window`` (without a page, --window counts only with --as-of)."""
    from ..query.params import parse_param_args
    from ..subgraph import Filters

    if query and cypher:
        raise QueryError("Give --query or --cypher, not both.")
    if not page and as_of is None and window != WINDOW_DAYS:
        raise QueryError(
            "--window counts the days before --as-of in which point acts (attacks, captures) "
            "count; without --as-of every claim is chosen, so it changes nothing. Give --as-of "
            "too, or leave --window out."
        )
    if around is not None and not around.strip():
        raise QueryError("--around '': give an actor's id, name or alias.")
    if around is None and depth != 1:
        raise QueryError(f"--depth {depth} counts steps from --around: give --around NAME too.")
    return Filters(
        around=around,
        depth=depth,
        relations=relation or [],
        as_of=parse_day(as_of, "--as-of"),
        window=window,
        min_confidence=min_confidence,
        kinds=kind or [],
        query=query,
        cypher=cypher,
        params=parse_param_args(param or []),
        datasets=dataset or [],
        exclude_datasets=exclude_dataset or [],
        claimants=claimant or [],
        exclude_claimants=exclude_claimant or [],
        isolated=isolated,
        query_timeout=timeout,
    )


RenderOption = Annotated[
    Path | None,
    typer.Option("--render", help="Also draw the result as a network page", callback=a_file),
]
# How much a page draws unless told otherwise. Measured here (README, "Large graphs"): 100,000
# relations among 19,875 nodes took 47 s to write and 12 s to open in Chromium (an 87 MB page);
# a whole database of 620,000 had written nothing after 400 s, with 3 GB in the CLI.
PAGE_RELATIONS = 100_000
PAGE_NODES = 25_000
MaxRelationsOption = Annotated[
    int,
    typer.Option(
        "--max-relations",
        min=0,
        help="Refuse, before reading them, a page of more relations than this (one of "
        "100,000 took 47 s to write and 12 s to open on a 2-core machine); 0: no limit",
    ),
]
MaxNodesOption = Annotated[
    int,
    typer.Option(
        "--max-nodes",
        min=0,
        help="Refuse, before laying it out, a page of more nodes than this; 0: no limit",
    ),
]
