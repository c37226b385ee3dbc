"""Datasets hidden from readers: a first load writing them in committed batches, or one that
was interrupted (graph.loader.staged). Every reader of actorgraph leaves them out, so it sees a
dataset as it was before such a load (absent) or as it is after, never half of it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..cypher import cypher
from ..db import Graph
from ..errors import QueryError
from .named import NamedQuery

Read = Callable[[str], list[dict[str, Any]]]


def hidden_datasets(source: Graph | Read) -> list[str]:
    """The hidden datasets' names, read through a Graph or a transaction's reader."""
    read = source.read if isinstance(source, Graph) else source
    return list(read(cypher("read/staging"))[0]["datasets"])


def unhidden(names: list[str], hidden: list[str]) -> None:
    """A dataset asked for by name that a batched load has not finished is an error, not an
    empty selection."""
    asked = [name for name in names if name in hidden]
    if asked:
        raise QueryError(
            f"Dataset {', '.join(map(repr, asked))} is being loaded in batches, or its load was "
            "interrupted: nothing of it is shown until a load of it ends (run the load again "
            "if it was interrupted; `actorgraph datasets list` shows it)."
        )


def hiding(graph: Graph, query: NamedQuery, bound: dict[str, Any]) -> dict[str, Any]:
    """A named query's parameters with the hidden datasets excluded, when it chooses relations
    by dataset (cypher/fragments/of_datasets.cypher; every built-in query does)."""
    declared = {p.name for p in query.params}
    if "exclude_datasets" not in declared:
        return bound
    hidden = hidden_datasets(graph)
    unhidden(list(bound.get("datasets") or []), hidden)
    return bound | {"exclude_datasets": [*(bound.get("exclude_datasets") or []), *hidden]}
