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
from pyvis.network import Network

from ..arguments import checked
from ..files import write_private_text
from ..model import CREDIBILITY, RELIABILITY, TENTATIVE
from ..subgraph import AView, View
from ..values import visible
from .items import node_style, style, vis_edges, vis_nodes
from .layout import layout

_HERE = Path(__file__).resolve().parent
_PYVIS_DIR = Path(pyvis.__file__).resolve().parent
VIS_JS = "lib/vis-9.1.2/vis-network.min.js"
VIS_CSS = "lib/vis-9.1.2/vis-network.css"
APP_JS = ("controls.js", "page.js")


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
    hubs = has_hubs(net.nodes)
    if positions and hubs:
        _name_hubs_at_fit(net.options, positions)
    net.heading = visible(view.title)
    net.templateEnv = _environment(view, net, hubs)
    net.path = "template.html"
    return net


def _environment(view: View, net: Network, hubs: bool) -> jinja2.Environment:
    """Our template, with pyvis's bundled vis-network to inline and the page's own globals."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(_HERE), str(_PYVIS_DIR / "templates")]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    scripts = [_asset(VIS_JS), _app_js()]
    spec = style()
    environment.globals["page"] = {
        "title": visible(view.title),
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
        "style": {
            "width": spec["width"],
            "signs": spec["signs"],
            "hub_label_px": spec["detail"]["hub_label_px"],
            "hubs": hubs,
        },
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


def has_hubs(nodes: list[dict[str, Any]]) -> bool:
    """Whether a few nodes stand out (by degree, or the caller's value): no more than
    HUBS_AT_FIT of them above the middle of the values. Only then do labels grow with the
    drawing (below): vis draws a label the same size in the drawing at every zoom, so grown
    labels of many nodes overlap at every zoom. Grown for all alike (1,200 separate pairs),
    or for the 400 middles of 400 chains of three beside 600 pairs, one side of each was
    named at no zoom: each label four to thirteen times the room between two nodes."""
    values = [float(node.get("value") or 0.0) for node in nodes]
    if not values:
        return False
    low, high = min(values), max(values)
    return high > low and sum(v > (low + high) / 2 for v in values) <= HUBS_AT_FIT


HUBS_AT_FIT = 40  # about as many names as fit side by side on a screen at fit zoom


def _name_hubs_at_fit(options: dict[str, Any], positions: dict[str, tuple[float, float]]) -> None:
    """A large network is drawn small at fit zoom, where no label of the usual size would be
    readable: the biggest labels grow with the drawing, so that the hubs' names show at fit
    zoom (style.yaml's detail.hub_label_px pixels) and the rest as one zooms in. The page's own
    'declutter' then drops any that would overlap. (A page laid out by physics does the same
    once the browser has fitted it: controls.js.)"""
    xs, ys = [p[0] for p in positions.values()], [p[1] for p in positions.values()]
    extent = max(max(xs) - min(xs), (max(ys) - min(ys)) * 1.4, 1.0)  # the page is ~1.4 wide
    at_fit = FIT_WIDTH_PX / extent  # pixels per canvas unit once the page fits the drawing
    label = options["nodes"]["scaling"]["label"]
    label["max"] = max(label["max"], style()["detail"]["hub_label_px"] / at_fit)


FIT_WIDTH_PX = 1100  # the drawing's width on a usual screen, beside the side panel


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
        "layout": {"randomSeed": 7},  # the browser's physics starts the same way each time
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


@checked
def write_html(view: AView, path: Path) -> Path:
    """Write the page, owner-only; the folder is created if needed. Returns the path written."""
    return write_private_text(Path(path), render_html(view))
