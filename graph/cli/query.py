"""`actorgraph query` and `actorgraph queries`: Cypher, ad hoc or named, in analysts' formats."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.text import Text

from ..arguments import MOST, MOST_SECONDS
from ..errors import QueryError
from ..exchange.tabular import FORMATS
from ..text import counted
from .options import (
    ClaimantOption,
    CsvRawOption,
    DatabaseOption,
    DatasetsOption,
    ExcludeClaimantOption,
    ExcludeDatasetOption,
    PasswordOption,
    UriOption,
    UserOption,
    open_graph,
    remember_layout,
)
from .output import LAYOUTS, console, err_console, for_terminal, print_rows, shown

if TYPE_CHECKING:
    from ..query import QueryResult

NameOption = Annotated[
    str | None, typer.Option("--name", "-n", help="Run a named query (see `queries`)")
]
FileOption = Annotated[
    Path | None, typer.Option("--file", "-f", help="Read the statement from a .cypher file")
]
ParamOption = Annotated[
    list[str] | None,
    typer.Option(
        "--param",
        "-p",
        help="key=value (text), or key:int=3, key:float=0.5, key:bool=true, "
        "key:list=a,b, key:json=[1,2]",
    ),
]
ParamJsonOption = Annotated[
    list[str] | None, typer.Option("--param-json", help="key=<any JSON value>")
]
# On the terminal: auto (a table when it fits, else one record per block), table, records;
# written out: the exchange formats but its table.
SHOWN = ("auto", "records", *FORMATS)
OutputOption = Annotated[
    str,
    typer.Option(
        "--format",
        "-o",
        help=f"One of {', '.join(SHOWN)}; auto is a table when it fits the terminal, else "
        "one record per block (records)",
        callback=remember_layout,
    ),
]
WriteOption = Annotated[
    bool, typer.Option("--write", help="Allow the statement to change the database")
]
QueriesDirOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--queries-dir",
        help="Folder of your own named queries (*.cypher) (env: ACTORGRAPH_QUERIES)",
    ),
]


def query(
    statement: Annotated[
        str | None,
        typer.Argument(help="A Cypher statement; '-' reads it from standard input"),
    ] = None,
    name: NameOption = None,
    file: FileOption = None,
    param: ParamOption = None,
    param_json: ParamJsonOption = None,
    output: OutputOption = "auto",
    write: WriteOption = False,
    limit: Annotated[
        int | None,
        typer.Option(
            min=0,
            max=MOST,
            help="Stop after this many rows (without it, a terminal shows the "
            "first 100 and counts the rest; redirected, all are written)",
        ),
    ] = None,
    timeout: Annotated[
        float, typer.Option(min=0.001, max=MOST_SECONDS, help="Seconds before Neo4j gives up")
    ] = 300.0,
    queries_dir: QueriesDirOption = None,
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
    """Run Cypher: a statement, a file, or a named query. Read-only unless --write.

    Values go in as parameters ($name in the statement), never into its text.

    Examples:

      actorgraph query "MATCH (a:Actor) RETURN a.id, a.name LIMIT 5"

      actorgraph query "MATCH (a {id: $id})-\\[r]-(b) RETURN type(r), b.name" -p id=taliban

      actorgraph query --name supporters-of -p actor="Ahmed Masood" --format csv

      actorgraph query --name as-of -p date=2021-09-01 --format json > in-force.json

      echo "MATCH (n) RETURN count(n)" | actorgraph query -
    """
    from .. import query as q

    _check_arguments(output, statement, name, file)
    given = q.parse_param_args(param or [], param_json or [])
    chosen = {"datasets": dataset, "exclude_datasets": exclude_dataset, "claimants": claimant,
              "exclude_claimants": exclude_claimant}  # fmt: skip
    with open_graph(uri, user, password, database) as g:
        if name is not None:
            extra = queries_dir or []
            given = q.chosen_params(q.find(name, extra), **chosen) | given
            result = q.run_named(g, name, given, extra_dirs=extra, timeout=timeout, limit=limit)
        elif any(chosen.values()):
            raise QueryError(_CHOOSERS_ARE_NAMED)
        else:
            text = _statement_text(statement, file, queries_dir or [])
            result = q.run(g, text, given, write=write, timeout=timeout, limit=limit)
        _emit(result, output, csv_raw, limit)
    if write:
        _print_changes(result.changes)


_CHOOSERS_ARE_NAMED = (
    "--dataset, --claimant and their --exclude-… choose relations in named queries (--name); "
    "in your own Cypher, test r.dataset and r.claimant."
)


def _check_arguments(output: str, *given: str | None) -> None:
    """One known format; one of a statement, a named query and a file."""
    if output not in SHOWN:
        raise QueryError(f"--format {output!r}: choose one of {', '.join(SHOWN)}.")
    if len([s for s in given if s is not None]) != 1:
        raise QueryError("Give exactly one of: a statement, --name NAME, or --file FILE.")


# Rows a table on a terminal shows when no --limit is given: 88,347 rows took 110 s to print
# as records (a feed's `as-of`), and no one reads them there. Piped or redirected, all go.
TERMINAL_ROWS = 100


def _emit(result: QueryResult, output: str, csv_raw: bool, limit: int | None = None) -> None:
    from ..exchange.tabular import WRITERS, write_csv

    if output in LAYOUTS:
        _print_table(result, TERMINAL_ROWS if limit is None and console.is_terminal else None)
    elif output == "csv":
        write_csv(result.columns, result.rows, for_terminal(sys.stdout), raw=csv_raw)
    else:
        WRITERS[output](result.columns, result.rows, for_terminal(sys.stdout, as_json=True))


def _print_changes(changes: dict[str, int]) -> None:
    """What a --write statement changed, on stderr (stdout keeps the rows)."""
    done = [f"{name.replace('_', ' ')} {n}" for name, n in changes.items() if n]
    err_console.print(Text("Changed: " + ", ".join(done) + "." if done else "Nothing changed."))


def _statement_text(statement: str | None, file: Path | None, extra: list[Path]) -> str:
    from ..query import cypher_text, read_cypher

    if statement is not None and re.fullmatch(r"[a-z][a-z0-9-]*", statement.strip()):
        from .. import query as q

        try:  # a named query's name given as the statement: say how to run it
            q.find(statement.strip(), extra)
        except QueryError:
            pass
        else:
            raise QueryError(
                f"{statement.strip()!r} is a named query: run it with --name, e.g. "
                f"`actorgraph query --name {statement.strip()} -p …` (`actorgraph queries` "
                "lists its parameters)."
            )
    if file is not None:
        text, where = read_cypher(file), str(file)
    elif statement == "-":
        text, where = cypher_text(sys.stdin.buffer.read(), "standard input"), "standard input"
    else:
        assert statement is not None
        text, where = statement, "the statement given"
    if not _COMMENTS.sub("", text).strip():  # Neo4j's parser would say "Invalid input ''"
        raise QueryError(f"No statement to run in {where}: it is empty (or only comments).")
    return text


# Cypher's comments, to tell a text of only comments: a statement cannot begin with a string
# literal, so one holding `//` or `/*` is never taken for all comment.
_COMMENTS = re.compile(r"//[^\n]*|/\*.*?\*/", re.DOTALL)


def _print_table(result: QueryResult, cap: int | None = None) -> None:
    """The rows as a table (or records); past ``cap`` rows, only counted."""
    rows, more = [], 0
    for row in result.rows:
        if cap is not None and len(rows) >= cap:
            more += 1
        else:
            rows.append([Text(shown(_cell(row[c]))) for c in result.columns])
    print_rows(result.columns, rows)
    if more:
        console.print(Text(f"… and {more:,} more, not shown on a terminal: --limit N shows N, "
                           "--format json or csv > FILE writes them all"))  # fmt: skip
    console.print(Text(counted(len(rows) + more, "row"), style="dim"))


def _cell(value: Any) -> str:
    import neo4j

    from ..values import plain

    if value is None:
        return ""
    if isinstance(value, neo4j.graph.Node):
        labels = ":".join(sorted(value.labels))
        return f"(:{labels} {value.get('id', '')}) {value.get('name', '')}".strip()
    if isinstance(value, neo4j.graph.Relationship):
        extra = f" {value['subtype']}" if "subtype" in value else ""
        return f"[:{value.type}{extra}]"
    if isinstance(value, neo4j.graph.Path):
        return " ".join(_cell(n) for n in value.nodes)
    if isinstance(value, list):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(plain(value), ensure_ascii=False)
    text = plain(value)
    return text if isinstance(text, str) else json.dumps(text)


def queries(
    show: Annotated[
        str | None, typer.Option("--show", help="Print one named query's Cypher")
    ] = None,
    queries_dir: QueriesDirOption = None,
) -> None:
    """List the named queries: name, what it answers, and its parameters.

    A named query is a .cypher file whose first // comment lines describe it, with one line
    per parameter:

      // Who supports an actor, with sources and grades.

      // @param actor: entity               any id, name or alias

      // @param min_confidence: share = 0.0 leave out weaker claims

    Types: string, int, count (0 or more), float, share (0 to 1), bool, date, list, entity,
    entities, actor, actors, statuses, terms (relation terms, checked), json. Put your own
    files in a folder and pass it with --queries-dir (or ACTORGRAPH_QUERIES); run them with
    `actorgraph query --name NAME -p key=value`.
    """
    from .. import query as q

    if show is not None:
        print(q.find(show, queries_dir or []).text, end="")
        return
    found_all, skipped = q.survey(queries_dir or [])
    rows = []
    for found in found_all.values():
        params = "\n".join(p.describe() for p in found.params)
        origin = "actorgraph" if found.builtin else str(found.path.parent)
        rows.append([Text(shown(cell)) for cell in (found.name, found.description, params, origin)])
    print_rows(("name", "answers", "parameters", "from"), rows, keep_whole=("name",))
    for why in skipped:
        err_console.print(Text(shown("left out: " + why)), soft_wrap=True)
