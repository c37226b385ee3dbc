"""Cypher queries: ad hoc statements and named queries kept as files in ``cypher/queries/``.

A named query is a ``.cypher`` file whose leading ``//`` comment is its header::

    // Who supports an actor, with the claim's sources and grades.
    // @param actor: entity                   the actor supported (any id, name or alias)
    // @param min_confidence: float = 0.0     leave out claims below this confidence

The first lines are the description; each ``@param`` line gives a name, a type (``string``,
``int``, ``float``, ``bool``, ``date``, ``list``, ``entity``), an optional default and a help
text. ``entity`` parameters accept any alias and are resolved to an id before the query runs.
Values always travel as Cypher parameters, never inside the statement's text.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import neo4j
from neo4j.exceptions import ClientError, Neo4jError

from .db import Graph, cypher_dir
from .errors import ActorGraphError, QueryError

PARAM_TYPES = ("string", "int", "float", "bool", "date", "list", "entity", "json")
_PARAM_LINE = re.compile(
    r"^@param\s+(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*:\s*(?P<type>[a-z]+)"
    r"(?:\s*=\s*(?P<default>\S+))?\s*(?P<help>.*)$"
)
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: Any = None
    required: bool = True
    help: str = ""

    def describe(self) -> str:
        default = "" if self.required else f" = {json.dumps(self.default)}"
        return f"{self.name}: {self.type}{default}"


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: Path

    @property
    def summary(self) -> str:
        return self.description.split(". ")[0]


@dataclass
class QueryResult:
    """Columns, then rows as they stream from the server (each a dict in column order)."""

    columns: list[str]
    rows: Iterator[dict[str, Any]]
    statement: str = ""
    params: dict[str, Any] = field(default_factory=dict)


# -- named queries -------------------------------------------------------------------------------
def builtin_queries_dir() -> Path:
    return cypher_dir() / "queries"


def query_dirs(extra: Sequence[Path] = ()) -> list[Path]:
    """Where named queries are found: ours, ``ACTORGRAPH_QUERIES``, then folders given."""
    dirs = [builtin_queries_dir()]
    env = os.environ.get("ACTORGRAPH_QUERIES")
    if env:
        dirs += [Path(p) for p in env.split(os.pathsep) if p]
    dirs += list(extra)
    return dirs


def discover(extra: Sequence[Path] = ()) -> dict[str, NamedQuery]:
    """All named queries; a user's file replaces ours when it has the same name."""
    found: dict[str, NamedQuery] = {}
    for folder in query_dirs(extra):
        if not folder.is_dir():
            raise QueryError(f"Query folder {folder} does not exist.")
        for path in sorted(folder.glob("*.cypher")):
            query = parse_named_query(path)
            found[query.name] = query
    return found


def parse_named_query(path: Path) -> NamedQuery:
    name = path.stem
    if not _NAME.match(name):
        raise QueryError(f"{path}: query names are lower-case words with - or _ (got {name!r}).")
    text = path.read_text(encoding="utf-8")
    description: list[str] = []
    params: list[Param] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line.startswith("//"):
            break
        body = line[2:].strip()
        if body.startswith("@param"):
            params.append(_parse_param(path, number, body))
        elif body:
            description.append(body)
    if not description:
        raise QueryError(f"{path}:1: a named query starts with a // comment describing it.")
    return NamedQuery(name, " ".join(description), tuple(params), text, path)


def _parse_param(path: Path, line: int, body: str) -> Param:
    match = _PARAM_LINE.match(body)
    if not match or match["type"] not in PARAM_TYPES:
        raise QueryError(
            f"{path}:{line}: write parameters as `@param name: type [= default] help`, with a "
            f"type among {', '.join(PARAM_TYPES)}."
        )
    default_text = match["default"]
    if default_text is None:
        return Param(match["name"], match["type"], help=match["help"].strip())
    try:
        default = json.loads(default_text)
    except ValueError:
        default = default_text
    return Param(match["name"], match["type"], default, False, match["help"].strip())


def find(name: str, extra: Sequence[Path] = ()) -> NamedQuery:
    queries = discover(extra)
    if name in queries:
        return queries[name]
    close = difflib.get_close_matches(name, list(queries), n=3, cutoff=0.5)
    hint = f" Did you mean {', '.join(close)}?" if close else ""
    raise QueryError(f"No named query {name!r}.{hint} `actorgraph queries` lists them all.")


# -- parameters ----------------------------------------------------------------------------------
def parse_param_args(pairs: Sequence[str], json_pairs: Sequence[str] = ()) -> dict[str, Any]:
    """``key=value`` stays text; ``key:int=3`` (int, float, bool, list, json) converts it;
    ``--param-json key=<json>`` takes a JSON value."""
    params: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise QueryError(f"--param {pair!r}: write it as key=value (or key:int=3).")
        name, _, kind = key.partition(":")
        params[name] = convert(value, kind or "string", f"--param {name}")
    for pair in json_pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise QueryError(f"--param-json {pair!r}: write it as key=<JSON value>.")
        params[key] = convert(value, "json", f"--param-json {key}")
    return params


def convert(value: Any, kind: str, where: str) -> Any:
    """Convert a command-line text to a parameter of the declared type."""
    if not isinstance(value, str):
        return value
    try:
        if kind in ("string", "entity"):
            return value
        if kind == "int":
            return int(value)
        if kind == "float":
            return float(value)
        if kind == "bool":
            lowered = value.lower()
            if lowered not in ("true", "false", "yes", "no", "1", "0"):
                raise ValueError(value)
            return lowered in ("true", "yes", "1")
        if kind == "date":
            return date.fromisoformat(value)
        if kind == "list":
            return [item.strip() for item in value.split(",") if item.strip()]
        if kind == "json":
            return json.loads(value)
    except ValueError:
        raise QueryError(f"{where}: {value!r} is not a valid {kind}.") from None
    raise QueryError(f"{where}: unknown type {kind!r}; use one of {', '.join(PARAM_TYPES)}.")


def bind(query: NamedQuery, given: dict[str, Any], graph: Graph | None = None) -> dict[str, Any]:
    """The parameters a named query runs with: declared types, defaults, aliases resolved."""
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(given) - set(declared))
    if unknown:
        known = ", ".join(declared) or "none"
        raise QueryError(
            f"Query {query.name!r} has no parameter {', '.join(map(repr, unknown))}; "
            f"its parameters: {known}."
        )
    bound: dict[str, Any] = {}
    for param in query.params:
        if param.name in given:
            bound[param.name] = convert(given[param.name], param.type, f"--param {param.name}")
        elif param.required:
            raise QueryError(
                f"Query {query.name!r} needs --param {param.name}=… ({param.type}: {param.help})."
            )
        else:
            bound[param.name] = convert(param.default, param.type, f"default of {param.name}")
    entity_params = [p.name for p in query.params if p.type == "entity"]
    if entity_params and graph is not None:
        from .load import known_from
        from .resolve import ResolveError, Resolver

        resolver = Resolver(known_from(graph, set()).entities)
        for name in entity_params:
            try:
                bound[name] = resolver.resolve(str(bound[name])).id
            except ResolveError as exc:
                raise QueryError(f"--param {name}: {exc}") from None
    return bound


# -- running -------------------------------------------------------------------------------------
def run(
    graph: Graph,
    statement: str,
    params: dict[str, Any] | None = None,
    *,
    write: bool = False,
    timeout: float | None = None,
    limit: int | None = None,
) -> QueryResult:
    """Run one statement and stream its rows; read-only unless ``write``.

    Read-only is enforced by Neo4j itself (the session's read access mode), so a stray
    ``DELETE`` is refused by the server, not by a guess at the statement's text.
    """
    params = params or {}
    session = graph.session(write=write)
    try:
        with graph.errors():
            try:
                result = session.run(neo4j.Query(statement, timeout=timeout), params)
                columns = list(result.keys())
            except ClientError as exc:
                raise _query_error(exc, statement, timeout) from None
    except BaseException:
        session.close()
        raise

    def rows() -> Iterator[dict[str, Any]]:
        try:
            with graph.errors():
                try:
                    for count, record in enumerate(result, start=1):
                        yield dict(zip(columns, record.values(), strict=True))
                        if limit is not None and count >= limit:
                            break
                    else:
                        result.consume()
                except Neo4jError as exc:
                    raise _query_error(exc, statement, timeout) from None
        finally:
            session.close()

    return QueryResult(columns, rows(), statement, params)


def run_named(
    graph: Graph,
    name: str,
    params: dict[str, Any] | None = None,
    *,
    extra_dirs: Sequence[Path] = (),
    timeout: float | None = None,
    limit: int | None = None,
) -> QueryResult:
    """Run a named query (always read-only) with its declared parameters bound."""
    query = find(name, extra_dirs)
    bound = bind(query, params or {}, graph)
    return run(graph, query.text, bound, timeout=timeout, limit=limit)


def rows(result: QueryResult) -> list[dict[str, Any]]:
    """All rows as plain dicts with plain values (nodes and relationships as dicts)."""
    return [{k: plain(v) for k, v in row.items()} for row in result.rows]


def _query_error(exc: Neo4jError, statement: str, timeout: float | None) -> ActorGraphError:
    code = exc.code or ""
    message = (exc.message or str(exc)).strip()
    if "TransactionTimedOut" in code or "TransactionTimedOut" in message:
        return QueryError(f"The query timed out after {timeout} s (raise it with --timeout).")
    if code == "Neo.ClientError.Statement.AccessMode" or "in read access mode" in message:
        return QueryError(
            "This statement writes, and queries are read-only by default; nothing was changed. "
            "Run it again with --write if you mean to change the database."
        )
    if code.startswith("Neo.ClientError.Statement.Syntax"):
        return QueryError(f"Cypher syntax error:\n{message}")
    if code.startswith("Neo.ClientError.Statement.ParameterMissing"):
        return QueryError(f"{message} Give it with --param name=value.")
    return QueryError(f"Neo4j refused the query: {message} [{code}]")


# -- values --------------------------------------------------------------------------------------
def plain(value: Any) -> Any:
    """Turn driver values into JSON-friendly ones: nodes and relationships become dicts."""
    if isinstance(value, neo4j.graph.Node):
        return {"_labels": sorted(value.labels), **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, neo4j.graph.Relationship):
        return {
            "_type": value.type,
            "_start": value.start_node.get("id") if value.start_node else None,
            "_end": value.end_node.get("id") if value.end_node else None,
            **{k: plain(v) for k, v in value.items()},
        }
    if isinstance(value, neo4j.graph.Path):
        return {
            "nodes": [plain(n) for n in value.nodes],
            "relationships": [plain(r) for r in value.relationships],
        }
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, neo4j.time.Duration):
        return str(value)
    return value
