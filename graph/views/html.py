"""Draw a :class:`View` as an interactive pyvis network in one self-contained HTML file.

The page works offline: vis-network (from the pyvis wheel) and our own script and styles are
inlined, and a Content-Security-Policy allows only those scripts (by hash), so the page can make
no request and injected markup could not run. Every string from the data reaches the page as
JSON and is put on screen with ``textContent``, never as HTML.

pyvis's ``add_node``/``add_edge`` scan what is already there on every call (235 s for 20k nodes
and 80k edges here); we fill its node and edge lists in bulk instead (2 s).
"""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import pyvis
import yaml
from pyvis.network import Network

from ..figures import as_written, disputes, text
from ..files import write_private_text
from ..model import CREDIBILITY, RELIABILITY, TENTATIVE
from ..subgraph import View
from .layout import layout

_HERE = Path(__file__).resolve().parent
_PYVIS_DIR = Path(pyvis.__file__).resolve().parent
VIS_JS = "lib/vis-9.1.2/vis-network.min.js"
VIS_CSS = "lib/vis-9.1.2/vis-network.css"
APP_JS = ("controls.js", "page.js")
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


@cache
def style() -> dict[str, Any]:
    return yaml.safe_load((_HERE / "style.yaml").read_text(encoding="utf-8"))


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
            "label": node["name"],
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
        if node.get("size"):  # an analysis's own size (centrality)
            item["size"] = node["size"]
        else:  # size by degree: vis scales the node and its label, and hides small labels
            item["value"] = len(neighbours.get(node["id"], ()))
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
    parallel: dict[tuple[str, str], int] = {}
    names = {n["id"]: n.get("name") or n["id"] for n in [*view.nodes, *view.claimants]}
    disputed = disputes(view.edges)
    edges: list[dict] = []
    taken: set[Any] = set()
    # Claims of a pair fan out in the order of their ties (hostile first, as the page's ties).
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
        pair = tuple(sorted((edge["start"], edge["end"])))
        index = parallel.get(pair, 0)  # type: ignore[arg-type]
        parallel[pair] = index + 1  # type: ignore[index]
        sign = str(edge.get("sign", 0))
        ends = sorted((str(vis_id(edge["start"])), str(vis_id(edge["end"]))))
        figures = _figures(edge, disputed, names)
        confidence = edge.get("confidence") or 0.0
        sources = [
            {
                "id": s,
                "title": view.sources.get(s, {}).get("title"),
                "reliability": view.sources.get(s, {}).get("reliability"),
            }
            for s in edge.get("sources", [])
        ]
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
                # Parallel claims between the same two nodes fan out instead of overlapping.
                "smooth": {
                    "enabled": index > 0,
                    "type": "curvedCW" if index % 2 else "curvedCCW",
                    "roundness": 0.15 * ((index + 1) // 2),
                },
                # The tie it belongs to on the page: its two nodes and its sign ('|' is in no id).
                "tie": f"{ends[0]}|{ends[1]}|{sign}",
                "info": {key: edge.get(key) for key in EDGE_INFO}
                | {key: _day(edge.get(key)) for key in EDGE_DAYS}
                | {"sources": sources, "from": edge["start"], "to": edge["end"]}
                | {"figures": figures},
            }
        )
    return edges


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
    tentative = edge.get("status") in TENTATIVE
    return f"{edge.get('term')} ({edge['status']})" if tentative else str(edge.get("term"))


def network(view: View) -> Network:
    """The pyvis Network of a view, already set up with our offline template.

    ``net.write_html("view.html")`` (pyvis's own call, e.g. in a notebook) and
    :func:`write_html` produce the same self-contained page.
    """
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    positions = layout(view, style()["layout"]["physics_max_nodes"])
    # Bulk fill: pyvis's add_node/add_edge are quadratic at scale.
    net.nodes = vis_nodes(view, positions)
    net.edges = vis_edges(view)
    net.node_ids = [n["id"] for n in net.nodes]
    net.node_map = {n["id"]: n for n in net.nodes}
    net.options = _options(physics=positions is None)
    net.heading = view.title
    net.templateEnv = _environment(view, net)
    net.path = "template.html"
    return net


def _environment(view: View, net: Network) -> jinja2.Environment:
    """Our template, with pyvis's bundled vis-network to inline and the page's own globals."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(_HERE), str(_PYVIS_DIR / "templates")]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    scripts = [_asset(VIS_JS), _app_js()]
    spec = style()
    environment.globals["page"] = {
        "title": view.title,
        "datasets": view.datasets,
        "filters": view.filters.describe(),
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "legend": _legend(view),
        "vis_js": scripts[0],
        "app_js": scripts[1],
        "vis_css": _asset(VIS_CSS),
        "script_hashes": " ".join(_csp_hash(body) for body in scripts),
        "options": net.options,
        "counts": {"nodes": len(net.nodes), "edges": len(net.edges), "not_drawn": view.not_drawn},
        "grades": {"credibility": CREDIBILITY, "reliability": RELIABILITY},
        "style": {"width": spec["width"], "signs": spec["signs"]},
        "aggregate": view.aggregate,
        "window": view.filters.window,
        # Names of what claims name but the page does not draw: claimants, folded events.
        "names": {c["id"]: c.get("name") or c["id"] for c in view.claimants},
    }
    return environment


@cache
def _asset(name: str) -> str:
    return (_PYVIS_DIR / "templates" / name).read_text(encoding="utf-8")


def _app_js() -> str:
    """The page's own script: what is drawn (controls.js), then what is around it (page.js)."""
    return "\n".join((_HERE / name).read_text(encoding="utf-8") for name in APP_JS)


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode() + "'"


def _options(physics: bool) -> dict[str, Any]:
    lod = style()["detail"]
    return {
        "nodes": {
            "font": {"size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"},
            "size": 16,
            # Level of detail: size and label grow with degree; a label smaller than the
            # threshold on screen is not drawn, so at a far zoom only the hubs are named.
            "scaling": {**lod["nodes"], "label": {"enabled": True, **lod["node_labels"]}},
        },
        "edges": {
            "font": {"size": 10, "align": "middle", "color": "#555", "strokeWidth": 2},
            # Edge labels only close up (10 px × zoom ≥ the threshold); hover shows the rest.
            "scaling": {"label": {"drawThreshold": lod["edge_label_threshold"]}},
            "smooth": False,
            "selectionWidth": 2,
        },
        "interaction": {"hover": True, "tooltipDelay": 100, "navigationButtons": False},
        "physics": {
            "enabled": physics,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120},
            "stabilization": {"enabled": physics, "iterations": 400, "fit": True},
        },
    }


def render_html(view: View) -> str:
    """The complete, self-contained page, rendered by pyvis through our template."""
    return network(view).generate_html()


def _legend(view: View) -> dict[str, Any]:
    spec = style()
    kinds: dict[tuple[str, str], dict[str, str]] = {}
    for node in view.nodes:
        key = (node.get("category") or "actor", node.get("kind") or "")
        kinds[key] = {"category": key[0], "kind": key[1], **node_style(node)}
    return {
        "kinds": [kinds[k] for k in sorted(kinds)],
        "signs": view.edge_legend
        or [
            {"sign": sign, **spec["signs"][sign]}
            for sign in ("1", "-1", "0")
            if any(str(e.get("sign", 0)) == sign for e in view.edges)
        ],
        "weak": spec["weak"],
        "tentative": any(e.get("status") in TENTATIVE for e in view.edges),
    }


def _day(value: Any) -> str | None:
    """A stored date (neo4j.time.Date or datetime.date) as the page compares them: ISO text."""
    return None if value is None else value.isoformat()


def _count(node: dict[str, Any]) -> str | None:
    """Fatalities as the page shows them: the figure, and UCDP's low-high range if given."""
    best, low, high = (node.get(k) for k in ("fatalities", "fatalities_low", "fatalities_high"))
    if best is None:
        return None
    return f"{best} ({low}–{high})" if low is not None and high is not None else str(best)


def write_html(view: View, path: Path) -> Path:
    """Write the page, owner-only; the folder is created if needed. Returns the path written."""
    return write_private_text(Path(path), render_html(view))
