"""Run Cypher: ad hoc statements and named queries, streaming their rows.

Values always travel as Cypher parameters, never inside the statement's text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import neo4j
from neo4j.exceptions import ClientError, CypherSyntaxError, Neo4jError

from ..arguments import Seconds, Whole, checked
from ..db import Graph, drop_connection, dropped_on_interrupt, read_only_by
from ..errors import ActorGraphError, DatabaseFailure, QueryError, ReadOnlyError, as_option
from ..values import plain
from .hidden import checked_rows, hidden_state, hiding, unhidden
from .known import check_datasets, check_words, resolver_for
from .named import NamedQuery, find
from .params import bind, names_given, param_named


@dataclass
class QueryResult:
    """Columns, then rows as they stream from the server (each a dict in column order)."""

    columns: list[str]
    rows: Iterator[dict[str, Any]]
    statement: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    # What the statement changed, by Neo4j's counters: filled once every row was read.
    changes: dict[str, int] = field(default_factory=dict)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        """The rows: ``for row in graph.run(g, ...)`` and ``list(...)`` read them as they come."""
        return self.rows


COUNTERS = (
    "nodes_created", "nodes_deleted", "relationships_created", "relationships_deleted",
    "properties_set", "labels_added", "labels_removed", "indexes_added", "indexes_removed",
    "constraints_added", "constraints_removed",
)  # fmt: skip


@checked
def run(
    graph: Graph,
    statement: str,
    params: dict[str, Any] | None = None,
    *,
    write: bool = False,
    timeout: Seconds | None = None,
    limit: Whole | None = None,
    ours: bool = False,
) -> QueryResult:
    """Run one statement and stream its rows; read-only unless ``write``.

    Read-only is decided by Neo4j, not by a guess at the statement's text: without ``write``
    the session is in read access mode (a stray ``DELETE`` is refused by the server), and the
    statement must be one Neo4j plans as a read (:func:`require_read`), which also refuses
    administration such as ``TERMINATE TRANSACTIONS`` or ``CALL dbms.killConnection``.
    ``ours`` marks one of actorgraph's own named queries, reads by construction: not asked.
    """
    params = params or {}
    if write:  # what it changes is not counted: `sources` reads every relation until it is
        graph.untally()  # counted again (graph.tallies); and once more when it is done
    session = graph.session(write=write)
    try:
        with graph.errors(), dropped_on_interrupt(session):
            try:
                if not (write or ours):
                    require_read(session, statement, params, read_only=graph.read_only)
                result = session.run(neo4j.Query(statement, timeout=timeout), params)
                columns = list(result.keys())
            except ClientError as exc:
                raise _query_error(exc, statement, timeout) from None
    except BaseException:
        session.close()
        raise

    def rows() -> Iterator[dict[str, Any]]:
        done = cut = False
        try:
            with graph.errors(), dropped_on_interrupt(session):
                try:
                    for count, record in enumerate(result):
                        if limit is not None and count >= limit:  # --limit 0: no rows
                            cut = True
                            break
                        yield dict(zip(columns, record.values(), strict=True))
                    else:
                        counters = result.consume().counters
                        query_result.changes.update(
                            {name: getattr(counters, name) for name in COUNTERS}
                        )
                except Neo4jError as exc:
                    raise _query_error(exc, statement, timeout) from None
            done = True
        except GeneratorExit:  # the reader stopped early (a break, or Ctrl-C in its own loop)
            cut = True
            raise
        finally:
            if cut and not write:  # the rest is not read to its end first, only to be dropped
                drop_connection(session)
            session.close()  # commits what it wrote, rows left unread or not
        if done and write:  # again: a count another process made meanwhile missed the change
            graph.untally()

    query_result = QueryResult(columns, rows(), statement, params)
    return query_result


_LIMITED = re.compile(r"\bLIMIT\s+\S+\s*$", re.I)  # a query that ends by limiting its rows
# Operators Neo4j plans as reads that still act beyond the database: on other users' work, or
# on files and addresses (LOAD CSV).
_NOT_READS = ("TerminateTransactions", "LoadCSV")
_PREFIX = re.compile(
    r"^\s*(?P<options>CYPHER(?:\s+[\w.]+=\S+|\s+\d+)*\s+)?(?P<mode>EXPLAIN\s|PROFILE\s)?", re.I
)


def require_read(
    session: neo4j.Session, statement: str, params: dict[str, Any], *, read_only: bool = False
) -> None:
    """Refuse a statement that Neo4j does not plan as a pure read.

    Asks the server with EXPLAIN (nothing runs): its query type must be ``r`` and its plan must
    have no operator of :data:`_NOT_READS`.
    """
    found = _PREFIX.match(statement)
    options, mode = (found["options"] or "", found["mode"] or "") if found else ("", "")
    if mode.strip().upper() == "EXPLAIN":
        return  # planning only
    rest = statement[found.end() :] if found else statement
    try:
        summary = session.run(f"{options}EXPLAIN {rest}", params).consume()
    except CypherSyntaxError:
        return  # running it fails the same way, with positions in the user's own text
    operators = _operators(summary.plan)
    what = next((op for op in operators if op in _NOT_READS), None)
    if summary.query_type == "r" and what is None:
        return
    kind = {"w": "writes", "rw": "reads and writes", "s": "changes the schema or the server"}
    does = f"uses {what}" if what else kind.get(summary.query_type or "", "is not a read")
    if read_only:
        raise ReadOnlyError(
            f"This statement {does}, and actorgraph is in read-only mode ({read_only_by()}): "
            "nothing was run."
        )
    raise not_a_read(does, "run")


def not_a_read(does: str, nothing: str) -> QueryError:
    """The refusal of a statement that ``does`` more than read (``nothing`` was run, or
    changed), with how to run it if that is meant."""
    how = as_option("`actorgraph query --write` runs it", "`write=True` runs it")
    return QueryError(
        f"This statement {does}, and queries are read-only by default; nothing was {nothing}. "
        f"{how} if you mean to change the database; a page or an export only reads."
    )


def _operators(plan: Any) -> list[str]:
    if not plan:
        return []
    name = (plan.get("operatorType") or "").split("@")[0]
    return [name, *(op for child in plan.get("children", []) for op in _operators(child))]


@checked
def run_named(
    graph: Graph,
    name: str,
    params: dict[str, Any] | None = None,
    *,
    extra_dirs: Sequence[Path] = (),
    timeout: Seconds | None = None,
    limit: Whole | None = None,
) -> QueryResult:
    """Run a named query (always read-only) with its declared parameters bound."""
    query = find(name, extra_dirs)
    resolver = resolver_for(graph) if names_given(query, params or {}) else None
    before = hidden_state(graph)
    bound = bind(query, params or {}, resolver)
    # A dataset filter that names no dataset is a typo, not an empty answer (as in render);
    # one that names a dataset being loaded in batches is said to be so first.
    unhidden(list(bound.get("datasets") or []), before.excluded)
    check_datasets(graph, [*bound.get("datasets", []), *bound.get("exclude_datasets", [])])
    for param in query.params:  # a misspelt term is a typo, not an empty answer (as --relation)
        if param.type == "terms":
            check_words(graph, bound.get(param.name) or [], [], param_named(param.name))
    bound = hiding(query, bound, before.excluded)
    text, bound = limited(query, bound, limit)
    result = run(graph, text, bound, timeout=timeout, limit=limit, ours=query.builtin)
    result.rows = checked_rows(graph, before, result.rows)
    return result


def limited(
    query: NamedQuery, bound: dict[str, Any], limit: int | None
) -> tuple[str, dict[str, Any]]:
    """The statement and parameters that ask the server for only ``limit`` rows (None: all) of
    one of actorgraph's own queries: its rows are then the first ones, sorted for those only.
    A query that reads ``$actorgraph_rows`` (negotiations, or a copy of it) is given the limit
    there, null for every row, and cuts its rows itself."""
    if "$actorgraph_rows" in query.text:
        return query.text, {**bound, "actorgraph_rows": limit}
    if not query.builtin or limit is None or _LIMITED.search(query.text):
        return query.text, bound
    # the server keeps the top rows only as it sorts: `as-of` at 300,000 relations took 1.0 s
    # instead of 1.5 s for 1,000 rows (docs/scale.md)
    return f"{query.text}\nLIMIT $actorgraph_rows", {**bound, "actorgraph_rows": limit}


def rows(result: QueryResult) -> list[dict[str, Any]]:
    """All rows as plain dicts with plain values (nodes and relationships as dicts)."""
    return [{k: plain(v) for k, v in row.items()} for row in result.rows]


def _query_error(exc: Neo4jError, statement: str, timeout: float | None) -> ActorGraphError:
    code = exc.code or ""
    message = (exc.message or str(exc)).strip()
    if "TransactionTimedOut" in code or "TransactionTimedOut" in message:
        more = as_option("--timeout", "timeout=")
        return DatabaseFailure(f"The query timed out after {timeout} s (raise it with {more}).")
    if code == "Neo.ClientError.Statement.AccessMode" or "in read access mode" in message:
        return not_a_read("writes", "changed")
    if code.startswith("Neo.ClientError.Statement.Syntax"):
        return QueryError(f"Cypher syntax error:\n{message}")
    if code.startswith("Neo.ClientError.Statement.ParameterMissing"):
        give = as_option("with --param name=value", "in the query's parameters")
        return QueryError(f"{message.rstrip('.')}. Give it {give}.")
    return QueryError(f"Neo4j refused the query: {message} [{code}]")
