"""A view as a networkx multigraph, for GraphML and GEXF (Gephi, networkx, yEd); GEXF carries
time intervals (``start`` and ``end`` of each actor, event and relation) for Gephi's timeline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..files import private_output
from ..subgraph import View
from ..values import plain, xml_safe
from .claims import unique_claims

if TYPE_CHECKING:
    import networkx as nx


def to_networkx(view: View, dynamic: bool = False) -> nx.MultiDiGraph:
    """A networkx multigraph with flat attributes (lists joined by '; ', dates as text); text
    that XML cannot hold (control characters) is written escaped (``\\x1b``)."""
    import networkx as nx

    graph = nx.MultiDiGraph(name=xml_safe(view.title))
    for node in view.nodes:
        props = dict(node.get("props") or node)
        attrs = _flat(props, skip={"name_keys", "aliases_text", "id"})
        attrs["label"] = xml_safe(node["name"])
        if dynamic:
            start = props.get("date_start") or props.get("since_start")
            end = props.get("date_end") or props.get("until_end")
            attrs |= _interval(start, end)
        graph.add_node(xml_safe(node["id"]), **attrs)
    present = set(graph.nodes)
    for edge in unique_claims(view.edges):
        ends = xml_safe(edge["start"]), xml_safe(edge["end"])
        if ends[0] not in present or ends[1] not in present:
            continue
        attrs = _flat(edge, skip={"start", "end", "content_hash"})
        attrs["label"] = xml_safe(edge.get("term") or edge["type"])
        if dynamic:
            attrs |= _interval(edge.get("since_start"), edge.get("until_end"))
        graph.add_edge(*ends, key=xml_safe(edge["id"]) if edge.get("id") else None, **attrs)
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
        flat[key] = xml_safe(value) if isinstance(value, str) else value
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

    with private_output(out, "wb") as handle:
        if fmt == "graphml":
            nx.write_graphml(to_networkx(view, dynamic=False), handle)
        else:
            nx.write_gexf(to_networkx(view, dynamic=True), handle)
