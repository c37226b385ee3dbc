"""The query stage: named queries and their parameters, running Cypher, the database's names,
and selecting the part of the graph a view, an analysis or an export works on."""

from .known import accounts_of, known_from, resolve_name, resolve_source, resolver_for
from .named import (
    NamedQuery,
    Param,
    cypher_text,
    discover,
    find,
    parse_named_query,
    query_dirs,
    read_cypher,
    survey,
)
from .params import bind, chosen_params, convert, parse_param_args
from .run import QueryResult, limited, rows, run, run_named
from .select import select

__all__ = [
    "NamedQuery",
    "Param",
    "QueryResult",
    "accounts_of",
    "bind",
    "chosen_params",
    "convert",
    "cypher_text",
    "discover",
    "find",
    "known_from",
    "limited",
    "parse_named_query",
    "parse_param_args",
    "query_dirs",
    "read_cypher",
    "resolve_name",
    "resolve_source",
    "resolver_for",
    "rows",
    "run",
    "run_named",
    "select",
    "survey",
]
