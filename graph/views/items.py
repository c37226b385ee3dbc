"""A View's nodes and claims as vis-network items: shape, colour, width, dashes, the tie each
claim belongs to, and the ``info`` the page's tooltips and filters read (graph/views/*.js)."""

from __future__ import annotations

import math
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ..figures import as_written, disputes, text
from ..model import TENTATIVE
from ..subgraph import View
from ..values import visible

_HERE = Path(__file__).resolve().parent


@cache
def style() -> dict[str, Any]:
    return yaml.safe_load((_HERE / "style.yaml").read_text(encoding="utf-8"))


EDGE_INFO = (
    "term", "type", "subtype", "since", "until", "claimant", "claimant_name", "credibility",
    "confidence", "evidence", "outcome", "event", "note", "contradicts", "sign", "status",
    "dataset", "duration", "symmetric", "killed_best",
)  # fmt: skip
# The readings of a claim's dates the page's date slider needs (graph.subgraph.in_force).
EDGE_DAYS = ("since_start", "since_end", "until_end")


# Names that JavaScript objects already have: vis-network keeps nodes and edges in plain
# objects keyed by id, so an id such as "constructor" or "__proto__" broke the page. Such ids
# are drawn as "#id" ('#' is never in an id); tooltips and search still show the real one.
_OBJECT_NAMES = frozenset({
    "constructor", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toString",
    "toLocaleString", "valueOf", "__proto__", "__defineGetter__", "__defineSetter__",
    "__lookupGetter__", "__lookupSetter__",
})  # fmt: skip


def vis_id(item_id: Any) -> Any:
    return f"#{item_id}" if item_id in _OBJECT_NAMES else item_id


def node_style(node: dict[str, Any]) -> dict[str, str]:
    spec = style()
    by_kind = spec["kinds"].get(node.get("kind") or "")
    return by_kind or spec["categories"].get(node.get("category") or "actor")


def is_weak(edge: dict[str, Any]) -> bool:
    """Drawn dashed: doubtful or worse, held with little confidence, or disputed."""
    weak = style()["weak"]
    return (
        (edge.get("credibility") or 6) >= weak["min_credibility"]
        or (edge.get("confidence") or 0.0) <= weak["max_confidence"]
        or bool(edge.get("contradicts"))
    )


def _drawn(name: str) -> str:
    """A node's name as the canvas draws it: no bidi tricks, and cut when long, since vis fits
    the whole drawing to its widest label (the tooltip and the search say the name whole).
    The middle goes, not the end: feeds' long names share their beginnings ("Revolutionary
    Armed Front for the Liberation of Province Number 0001 (East)"), and a page of them cut
    at the end drew 1,400 names alike (trial)."""
    shown, most = visible(name), style()["detail"]["node_label_chars"]
    if len(shown) <= most:
        return shown
    tail = (most - 1) // 3
    return shown[: most - 1 - tail].rstrip() + "…" + shown[-tail:].lstrip()


def vis_nodes(view: View, positions: dict[str, tuple[float, float]] | None) -> list[dict]:
    neighbours: dict[str, set[str]] = {}
    for edge in view.edges:
        neighbours.setdefault(edge["start"], set()).add(edge["end"])
        neighbours.setdefault(edge["end"], set()).add(edge["start"])
    nodes = []
    for node in view.nodes:
        look = node_style(node)
        props = node.get("props") or node  # every stored property, for events' figures
        item = {
            "id": vis_id(node["id"]),
            "label": _drawn(str(node["name"])),
            "shape": look["shape"],
            "color": look["color"],
            # Not vis's "group": a partial update would give the node its group's palette colour.
            "kind": node.get("kind") or node.get("category"),
            "info": {
                "name": node["name"],
                "category": node.get("category"),
                "kind": node.get("kind"),
                "aliases": node.get("aliases") or [],
                "description": node.get("description"),
                "date": node.get("date"),
                "date_precision": props.get("date_precision"),
                "place_precision": props.get("place_precision"),
                "fatalities": _count(props),
                "source_event_id": props.get("source_event_id"),
                "id": node["id"],
            },
        }
        if node.get("value") is not None:  # a size of the caller's (betweenness)
            item["value"] = node["value"]
        else:  # size by degree (its logarithm: a hub of 300 ties is not 100 times a pair's)
            item["value"] = round(math.log2(1 + len(neighbours.get(node["id"], ()))), 3)
        if node.get("color"):
            item["color"] = node["color"]
        if positions is not None:
            x, y = positions[node["id"]]
            item |= {"x": x, "y": y}
        nodes.append(item)
    return nodes


def vis_edges(view: View) -> list[dict]:
    spec = style()
    present = {n["id"] for n in view.nodes}
    names = {n["id"]: n.get("name") or n["id"] for n in [*view.nodes, *view.claimants]}
    disputed = disputes(view.edges)
    edges: list[dict] = []
    taken: set[Any] = set()
    # Hostile first: the page fans out a pair's lines in this order (controls.js, fanOut).
    ordered = sorted(view.edges, key=lambda e: e.get("sign") or 0)
    for edge in ordered:
        if edge["start"] not in present or edge["end"] not in present:
            continue
        edge_id = vis_id(edge.get("id"))
        copy = 1
        while edge_id in taken:  # two datasets may hold a claim under one id: both are drawn
            copy += 1
            edge_id = f"{vis_id(edge.get('id'))}#{copy}"
        taken.add(edge_id)
        sign = str(edge.get("sign", 0))
        ends = sorted((str(vis_id(edge["start"])), str(vis_id(edge["end"]))))
        figures = _figures(edge, disputed, names)
        confidence = edge.get("confidence") or 0.0
        edges.append(
            {
                "id": edge_id,
                "from": vis_id(edge["start"]),
                "to": vis_id(edge["end"]),
                "label": _label(edge),
                "color": edge.get("color") or spec["signs"].get(sign, spec["signs"]["0"])["color"],
                "dashes": spec["tentative"]["dashes"]
                if edge.get("status") in TENTATIVE
                else is_weak(edge) or bool(figures and any(f["disputed"] for f in figures)),
                "width": spec["width"]["base"] + spec["width"]["scale"] * confidence,
                "arrows": "" if edge.get("symmetric") else "to",
                # The tie it belongs to on the page: its two nodes and its sign ('|' is in no id).
                "tie": f"{ends[0]}|{ends[1]}|{sign}",
                "info": {key: edge.get(key) for key in EDGE_INFO}
                | {key: _day(edge.get(key)) for key in EDGE_DAYS}
                | {"sources": _sources(edge, view), "from": edge["start"], "to": edge["end"]}
                | {"figures": figures},
            }
        )
    return edges


def _sources(edge: dict[str, Any], view: View) -> list[dict[str, Any]]:
    """The sources a claim cites, with the title and reliability its tooltip shows."""
    cited = [(s, view.sources.get(s, {})) for s in edge.get("sources", [])]
    return [
        {"id": s, "title": said.get("title"), "reliability": said.get("reliability")}
        for s, said in cited
    ]


def _figures(edge: dict[str, Any], disputed: dict, names: dict[str, str]) -> list[dict]:
    """The claim's numbers as the tooltip shows them, each with the figures that disagree."""
    rows = []
    for name, figure in as_written(edge).items():
        whose = f" of {names.get(figure['of'], figure['of'])}" if figure.get("of") else ""
        against = []
        for other in disputed.get((edge.get("id"), edge.get("dataset"), name), []):
            by = other.get("claimant_name") or names.get(other["claimant"], other["claimant"])
            against.append(f"{other['quantity']} {text(other)}, by {by}")
        rows.append({"label": name + whose, "value": text(figure), "disputed": against})
    return rows


def _label(edge: dict[str, Any]) -> str:
    """The term, and how the claim is held when it is not held as fact: "supports (speculated)"."""
    term = str(edge.get("term")).replace("_", " ")  # as a reader says it: "allied with"
    return f"{term} ({edge['status']})" if edge.get("status") in TENTATIVE else term


def _day(value: Any) -> str | None:
    """A stored date (neo4j.time.Date or datetime.date) as the page compares them: ISO text."""
    return None if value is None else value.isoformat()


def _count(node: dict[str, Any]) -> str | None:
    """Fatalities as the page shows them: the figure, and UCDP's low-high range if given."""
    best, low, high = (node.get(k) for k in ("fatalities", "fatalities_low", "fatalities_high"))
    if best is None:
        return None
    return f"{best} ({low}–{high})" if low is not None and high is not None else str(best)
