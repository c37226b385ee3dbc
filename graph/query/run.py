"""Run Cypher: ad hoc statements and named queries, streaming their rows.

Values always travel as Cypher parameters, never inside the statement's text.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import neo4j
from neo4j.exceptions import ClientError, Neo4jError

from ..db import Graph
from ..errors import ActorGraphError, QueryError
from ..values import plain
from .known import resolver_for
from .named import find
from .params import bind, entity_params


@dataclass
class QueryResult:
    """Columns, then rows as they stream from the server (each a dict in column order)."""

    columns: list[str]
    rows: Iterator[dict[str, Any]]
    statement: str = ""
    params: dict[str, Any] = field(default_factory=dict)


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
    resolver = resolver_for(graph) if entity_params(query) else None
    bound = bind(query, params or {}, resolver)
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
