"""A view as a networkx multigraph, for GraphML and GEXF (Gephi, networkx, yEd); GEXF carries
time intervals (``start`` and ``end`` of each actor, event and relation) for Gephi's timeline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..subgraph import View
from ..values import plain

if TYPE_CHECKING:
    import networkx as nx


def to_networkx(view: View, dynamic: bool = False) -> nx.MultiDiGraph:
    """A networkx multigraph with flat attributes (lists joined by '; ', dates as text)."""
    import networkx as nx

    graph = nx.MultiDiGraph(name=view.title)
    for node in view.nodes:
        props = dict(node.get("props") or node)
        attrs = _flat(props, skip={"name_keys", "aliases_text", "id"})
        attrs["label"] = node["name"]
        if dynamic:
            start = props.get("date_start") or props.get("since_start")
            end = props.get("date_end") or props.get("until_end")
            attrs |= _interval(start, end)
        graph.add_node(node["id"], **attrs)
    present = set(graph.nodes)
    for edge in view.edges:
        if edge["start"] not in present or edge["end"] not in present:
            continue
        attrs = _flat(edge, skip={"start", "end", "content_hash"})
        attrs["label"] = edge.get("term") or edge["type"]
        if dynamic:
            attrs |= _interval(edge.get("since_start"), edge.get("until_end"))
        graph.add_edge(edge["start"], edge["end"], key=edge.get("id"), **attrs)
    return graph


def _flat(props: dict[str, Any], skip: set[str]) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in props.items():
        if key in skip or value is None or key in ("start", "end"):
            continue
        value = plain(value)
        if isinstance(value, list):
            value = "; ".join(str(v) for v in value)
        elif isinstance(value, dict):
            value = json.dumps(value, ensure_ascii=False)
        flat[key] = value
    return flat


def _interval(start: Any, end: Any) -> dict[str, str]:
    interval = {}
    if start is not None:
        interval["start"] = plain(start)
    if end is not None:
        interval["end"] = plain(end)
    return interval


def write_graph(view: View, fmt: str, out: Path) -> None:
    """GraphML (static) or GEXF (with time intervals)."""
    import networkx as nx

    if fmt == "graphml":
        nx.write_graphml(to_networkx(view, dynamic=False), out)
    else:
        nx.write_gexf(to_networkx(view, dynamic=True), out)
