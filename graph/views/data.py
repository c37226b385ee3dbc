"""What a view shows: the nodes and relations the filters select, read from Neo4j.

Pure data (no HTML here): :func:`select` returns a :class:`View` that the renderer draws, the
exporters write, or a notebook inspects.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import neo4j

from ..db import Graph, cypher
from ..errors import QueryError
from ..query import bind, find, run
from ..resolve import ResolveError, Resolver


@dataclass
class Filters:
    """How to narrow the graph. Empty lists and None mean "no filter"."""

    around: str | None = None
    depth: int = 1
    relations: list[str] = field(default_factory=list)
    as_of: date | None = None
    min_confidence: float = 0.0
    kinds: list[str] = field(default_factory=list)
    query: str | None = None
    cypher: str | None = None
    params: dict[str, Any] = field(default_factory=dict)

    def describe(self) -> list[str]:
        """Human-readable lines for the page header."""
        lines = []
        if self.around:
            lines.append(f"around {self.around}, depth {self.depth}")
        if self.relations:
            lines.append("relations: " + ", ".join(self.relations))
        if self.as_of:
            lines.append(f"in force on {self.as_of.isoformat()}")
        if self.min_confidence:
            lines.append(f"confidence ≥ {self.min_confidence:g}")
        if self.kinds:
            lines.append("kinds: " + ", ".join(self.kinds))
        if self.query:
            params = ", ".join(f"{k}={v}" for k, v in self.params.items())
            lines.append(f"query {self.query}" + (f" ({params})" if params else ""))
        if self.cypher:
            lines.append("ad-hoc Cypher query")
        return lines


@dataclass
class View:
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    title: str = "actorgraph"
    filters: Filters = field(default_factory=Filters)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def datasets(self) -> list[str]:
        return sorted({n["dataset"] for n in self.nodes if n.get("dataset")})


def select(graph: Graph, filters: Filters | None = None, title: str | None = None) -> View:
    """Read the part of the graph the filters ask for."""
    filters = filters or Filters()
    ids: list[str] | None = None
    if filters.query or filters.cypher:
        ids = _ids_from_query(graph, filters)
    params = {
        "relations": filters.relations,
        "min_confidence": filters.min_confidence,
        "as_of": filters.as_of,
        "kinds": filters.kinds,
        "ids": ids,
    }
    edges = graph.read(cypher("views/edges"), params)
    if filters.around:
        center = resolve_name(graph, filters.around)
        keep = _ego(center, edges, filters.depth)
        edges = [e for e in edges if e["start"] in keep and e["end"] in keep]
        ids = sorted(keep)
    elif _narrowed(filters):
        ids = sorted({e["start"] for e in edges} | {e["end"] for e in edges} | set(ids or []))
    nodes = graph.read(cypher("views/nodes"), {"ids": ids, "kinds": filters.kinds})
    source_ids = sorted({s for e in edges for s in e["props"].get("sources", [])})
    sources = {s["id"]: s for s in graph.read(cypher("views/sources"), {"ids": source_ids})}
    names = {n["id"]: n["name"] for n in nodes}
    claimant_ids = sorted({e["props"].get("claimant") for e in edges} - set(names) - {None})
    if claimant_ids:
        more = graph.read(cypher("views/nodes"), {"ids": claimant_ids, "kinds": []})
        names |= {n["id"]: n["name"] for n in more}
    return View(
        nodes=nodes,
        edges=[_edge(e, names) for e in edges],
        title=title or _default_title(nodes),
        filters=filters,
        sources=sources,
    )


def _narrowed(filters: Filters) -> bool:
    return bool(
        filters.relations
        or filters.as_of
        or filters.min_confidence
        or filters.query
        or filters.cypher
    )


def _default_title(nodes: list[dict[str, Any]]) -> str:
    datasets = sorted({n["dataset"] for n in nodes if n.get("dataset")})
    return "actorgraph: " + (", ".join(datasets) if datasets else "graph")


def _edge(row: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    props = dict(row["props"])
    props["claimant_name"] = names.get(props.get("claimant", ""), props.get("claimant"))
    return {"start": row["start"], "end": row["end"], "type": row["type"], **props}


def resolve_name(graph: Graph, name: str) -> str:
    from ..load import known_from

    try:
        return Resolver(known_from(graph, set()).entities).resolve(name).id
    except ResolveError as exc:
        raise QueryError(str(exc)) from None


def _ego(center: str, edges: list[dict[str, Any]], depth: int) -> set[str]:
    """Everything within ``depth`` steps of ``center``, directions ignored."""
    neighbours: dict[str, set[str]] = {}
    for e in edges:
        neighbours.setdefault(e["start"], set()).add(e["end"])
        neighbours.setdefault(e["end"], set()).add(e["start"])
    seen = {center}
    frontier = deque([(center, 0)])
    while frontier:
        node, distance = frontier.popleft()
        if distance == depth:
            continue
        for other in neighbours.get(node, ()):
            if other not in seen:
                seen.add(other)
                frontier.append((other, distance + 1))
    return seen


def _ids_from_query(graph: Graph, filters: Filters) -> list[str]:
    """The entities a query returns: nodes, relationships' ends, paths, and id columns."""
    if filters.query:
        named = find(filters.query)
        bound = bind(named, filters.params, graph)
        result = run(graph, named.text, bound)
        ids = {v for k, v in bound.items() if k in _entity_params(named) and isinstance(v, str)}
    else:
        result = run(graph, filters.cypher or "", filters.params)
        ids = set()
    for row in result.rows:
        for column, value in row.items():
            _collect(value, ids, column)
    return sorted(ids)


def _entity_params(named) -> set[str]:  # type: ignore[no-untyped-def]
    return {p.name for p in named.params if p.type == "entity"}


def _collect(value: Any, ids: set[str], column: str) -> None:
    if isinstance(value, neo4j.graph.Node):
        if "id" in value:
            ids.add(value["id"])
    elif isinstance(value, neo4j.graph.Relationship):
        for end in (value.start_node, value.end_node):
            if end is not None and "id" in end:
                ids.add(end["id"])
    elif isinstance(value, neo4j.graph.Path):
        for node in value.nodes:
            _collect(node, ids, column)
    elif isinstance(value, list):
        for item in value:
            _collect(item, ids, column)
    elif isinstance(value, str) and (column == "id" or column.endswith("_id")):
        ids.add(value)
