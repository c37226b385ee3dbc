"""A view for Gephi, networkx and yEd: GraphML through a networkx multigraph, and GEXF written
as it goes, with time intervals (``start`` and ``end`` of each actor, event and relation) for
Gephi's timeline.

Both carry the same flat attributes (lists joined by '; ', maps as JSON, dates as text; text
that XML cannot hold written escaped, ``\\x1b``). GEXF is written here rather than by networkx:
networkx builds the whole document in memory first (1.2 GB against 0.5 GB for the same view as
GraphML, 100,000 relations), and puts a relation's ``type`` in the edge's own ``type``, which
GEXF keeps for "directed" or "undirected" (Gephi reports every other value as an error).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..files import private_output
from ..subgraph import View
from ..values import not_xml, plain, scalar_type, xml_safe
from .claims import unique_claims

if TYPE_CHECKING:
    import networkx as nx

Attrs = dict[str, Any]


def to_networkx(view: View, dynamic: bool = False) -> nx.MultiDiGraph:
    """A networkx multigraph with flat attributes (see the module's text)."""
    import networkx as nx

    graph = nx.MultiDiGraph(name=xml_safe(view.title))
    for node_id, attrs in _nodes(view, dynamic):
        graph.add_node(node_id, **attrs)
    for start, end, key, attrs in _edges(view, dynamic):
        graph.add_edge(start, end, key=key, **attrs)
    return graph


# What a node's and a relation's attributes leave out (their ids and ends are written apart).
_NODE_SKIP = frozenset({"name_keys", "aliases_text", "id", "content_hash"})
_EDGE_SKIP = frozenset({"start", "end", "content_hash"})


def _nodes(view: View, dynamic: bool) -> Iterator[tuple[str, Attrs]]:
    for node in view.nodes:
        props = dict(node.get("props") or node)
        attrs = _flat(props, skip=_NODE_SKIP)
        attrs["label"] = xml_safe(node["name"])
        if dynamic:
            start = props.get("date_start") or props.get("since_start")
            end = props.get("date_end") or props.get("until_end")
            attrs |= _interval(start, end)
        yield xml_safe(node["id"]), attrs


def _edges(view: View, dynamic: bool) -> Iterator[tuple[str, str, str | None, Attrs]]:
    """The view's claims between its nodes, one per id (:mod:`.claims`)."""
    present = {xml_safe(node["id"]) for node in view.nodes}
    for edge in unique_claims(view.edges):
        start, end = xml_safe(edge["start"]), xml_safe(edge["end"])
        if start not in present or end not in present:
            continue
        attrs = _flat(edge, skip=_EDGE_SKIP)
        attrs["label"] = xml_safe(edge.get("term") or edge["type"])
        if dynamic:  # an act (an attack, a battle's fighting) lasts as long as its date
            until = edge.get("until_end")
            if until is None and edge.get("duration") == "point":
                until = edge.get("since_end")
            attrs |= _interval(edge.get("since_start"), until)
        yield start, end, xml_safe(edge["id"]) if edge.get("id") else None, attrs


def _flat(props: dict[str, Any], skip: set[str]) -> Attrs:
    flat: Attrs = {}
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
    if fmt == "gexf":
        write_gexf(view, out)
        return
    import networkx as nx

    with private_output(out, "wb") as handle:
        nx.write_graphml(to_networkx(view, dynamic=False), handle)


# -- GEXF ------------------------------------------------------------------------------------
GEXF = "http://www.gexf.net/1.2draft"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
# Attributes of the <node>/<edge> element itself; everything else is an <attvalue>.
_ON_ELEMENT = ("label", "start", "end")


def write_gexf(view: View, out: Path) -> None:
    """GEXF 1.2 (dynamic, dates as intervals): one pass over the view to declare each
    attribute's type, one to write each node and edge as it is made."""
    from lxml import etree

    columns = {"node": _columns(attrs for _, attrs in _nodes(view, True))}
    columns["edge"] = _columns(attrs for *_, attrs in _gexf_edges(view))
    ids = {(cls, title): str(n) for n, (cls, title) in enumerate(
        (cls, title) for cls in ("node", "edge") for title in columns[cls]
    )}  # fmt: skip
    with private_output(out, "wb") as handle, etree.xmlfile(handle, encoding="utf-8") as xml:
        xml.write_declaration()
        root = {"version": "1.2", f"{{{_XSI}}}schemaLocation": f"{GEXF} {GEXF}/gexf.xsd"}
        # The root is in GEXF's namespace, as its default: the elements written inside it carry
        # no namespace of their own, so they are in it too (and none repeats the declaration).
        with xml.element(f"{{{GEXF}}}gexf", root, nsmap={None: GEXF, "xsi": _XSI}):
            with xml.element("meta", lastmodifieddate=datetime.now(UTC).date().isoformat()):
                xml.write(_element("creator", text="actorgraph"), pretty_print=True)
                xml.write(_element("description", text=xml_safe(view.title)), pretty_print=True)
            graph = {"defaultedgetype": "directed", "mode": "dynamic", "timeformat": "date"}
            with xml.element("graph", graph):
                for cls in ("node", "edge"):
                    declared = _element("attributes", {"class": cls, "mode": "static"})
                    for title, kind in columns[cls].items():
                        attribute = {"id": ids[cls, title], "title": title, "type": kind}
                        declared.append(_element("attribute", attribute))
                    xml.write(declared, pretty_print=True)
                with xml.element("nodes"):
                    for node_id, attrs in _nodes(view, True):
                        xml.write(
                            _item("node", {"id": node_id}, attrs, ids, "node"), pretty_print=True
                        )
                with xml.element("edges"):
                    for n, (start, end, key, attrs) in enumerate(_gexf_edges(view)):
                        ends = {"id": key or f"#{n}", "source": start, "target": end}
                        xml.write(_item("edge", ends, attrs, ids, "edge"), pretty_print=True)


def _gexf_edges(view: View) -> Iterator[tuple[str, str, str | None, Attrs]]:
    """The edges, their id only on the element (networkx's reader gives it back as ``id``)."""
    for start, end, key, attrs in _edges(view, True):
        attrs.pop("id", None)
        yield start, end, key, attrs


def _columns(items: Iterator[Attrs]) -> dict[str, str]:
    """Each attribute's GEXF type, widened where items differ (a whole and a fraction:
    double; anything else mixed: string)."""
    kinds: dict[str, str] = {}
    for attrs in items:
        for title, value in attrs.items():
            if title in _ON_ELEMENT:
                continue
            kind = scalar_type(value) or "string"
            seen = kinds.setdefault(title, kind)
            if seen != kind:
                kinds[title] = "double" if {seen, kind} == {"long", "double"} else "string"
    return kinds


def _item(tag: str, own: dict[str, str], attrs: Attrs, ids: dict, cls: str) -> Any:
    element = _element(tag, own | {k: str(attrs[k]) for k in _ON_ELEMENT if k in attrs})
    values = _element("attvalues")
    for title, value in attrs.items():
        if title not in _ON_ELEMENT:
            attvalue = {"for": ids[cls, title], "value": _text(value)}
            values.append(_element("attvalue", attvalue))
    if len(values):
        element.append(values)
    return element


def escaped_items(view: View) -> int:
    """How many of the nodes and relations written hold text XML cannot (control characters
    such as ESC, from data): GraphML and GEXF have it escaped (``\\x1b``), JSON and CSV as it is.
    Counted as :func:`_nodes` and :func:`_edges` write them."""
    present = {node["id"] for node in view.nodes}
    count = 0
    for node in view.nodes:
        props = dict(node.get("props") or node)
        written = [node["id"], node["name"], *(v for k, v in props.items() if k not in _NODE_SKIP)]
        count += not_xml(written)
    for edge in unique_claims(view.edges):
        if edge["start"] in present and edge["end"] in present:
            count += not_xml([edge["start"], edge["end"], *(v for k, v in edge.items()
                                                             if k not in _EDGE_SKIP)])  # fmt: skip
    return count


def _text(value: Any) -> str:
    """A value as XML Schema writes it (true, NaN, INF), which Gephi and networkx read."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("INF" if value > 0 else "-INF")
    return str(value)


def _element(tag: str, attrib: dict[str, str] | None = None, text: str | None = None) -> Any:
    from lxml import etree

    element = etree.Element(tag, attrib or {})
    element.text = text
    return element
