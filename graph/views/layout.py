"""Where nodes go when the browser's physics would take too long: a layout computed in Python.

Each connected component is laid out on its own, scaled to an area in proportion to its nodes,
and the components are packed side by side in rows, the biggest first: a large network fills
the page instead of a blob in the middle with its small components flung to the edges.
bench/layouts.py compares the candidates for the components' layout (time and spread); see
DRL_MAX_NODES for what it measured.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterable, Sequence

from ..subgraph import View
from .items import style

Point = tuple[float, float]
# Lays out one component: its node count and its edges (as node numbers) -> a point per node.
Layout = Callable[[int, Sequence[tuple[int, int]]], list[Point]]
# Canvas units between neighbouring nodes, on average: several node radii (style.yaml's
# detail: 12 to 36), so that few nodes cover another at any zoom (measured in the browser,
# tests/test_layout.py: under 5 % at fit zoom for 870 and 2,599 nodes; 40 % with 40 units).
SPACING = 100.0
ASPECT = 1.5  # width / height of each component's box and of the rows: about the page's


def layout(view: View, physics_max_nodes: int) -> dict[str, Point] | None:
    """Positions computed in Python for graphs of more than ``physics_max_nodes`` nodes (too
    big for the browser's physics), else None."""
    count = len(view.nodes)
    if count <= physics_max_nodes:
        return None
    index = {node["id"]: i for i, node in enumerate(view.nodes)}
    edges = [(index[e["start"]], index[e["end"]]) for e in view.edges
             if e["start"] in index and e["end"] in index]  # fmt: skip
    names = [label_width(str(node["name"])) for node in view.nodes]
    placed = packed(count, edges, spread_out, names)
    return {node["id"]: placed[i] for i, node in enumerate(view.nodes)}


# Components from DRL_MIN_NODES up to DRL_MAX_NODES nodes get igraph's DrL, the others its
# Fruchterman-Reingold. bench/layouts.py, one run on this 2-core machine (spread 1 = nodes
# evenly over the page): 870 nodes: DrL 1.5 s, spread 0.50; FR 0.2 s, 0.37. 4,307 nodes: DrL
# 11.6 s, 0.48; FR 2.2 s, 0.27 (in the browser, 40 % of nodes then cover another; 4 % with
# DrL). 17,238 nodes: DrL 117 s; FR 25 s, 0.25 (rustworkx's spring layout, used before: 11.6 s
# but 0.17, 28 % of nodes crowded; ForceAtlas2 133 s, 0.17).
DRL_MAX_NODES = 5000
# DrL costs about 0.25 s a call whatever the size (3 nodes: 0.3-0.7 s), so a page of many
# small components, as UCDP's dyads give, took minutes: 2,000 nodes in trees of 2 to 4 took
# 81 s. Below 200 nodes FR without its grid (exact repulsion, O(n²) an iteration) took 0.1 to
# 0.3 s for such a page and crowded no node, where DrL crowded trees of 45 and 120 nodes into
# blobs (51 % and 98 % of nodes; bench/layouts.py, bench/results/2026-11-29-layouts.md).
DRL_MIN_NODES = 200


def spread_out(count: int, edges: Sequence[tuple[int, int]]) -> list[Point]:
    """One component laid out: exact FR when small, DrL where it spreads best and takes
    seconds, grid FR when large."""
    if count < DRL_MIN_NODES:
        return fruchterman_reingold(count, edges, grid=False)
    return (drl if count <= DRL_MAX_NODES else fruchterman_reingold)(count, edges)


def drl(count: int, edges: Sequence[tuple[int, int]]) -> list[Point]:
    """igraph's DrL (made for large graphs; the widest spread bench/layouts.py measured)."""
    return _igraph(count, edges, lambda graph: graph.layout_drl(seed=_start(count)))


def fruchterman_reingold(
    count: int, edges: Sequence[tuple[int, int]], grid: bool = True
) -> list[Point]:
    """igraph's Fruchterman-Reingold, with its grid by default: O(n) an iteration, so even
    20,000 nodes get all 500 iterations."""
    return _igraph(
        count,
        edges,
        lambda graph: graph.layout_fruchterman_reingold(grid=grid, niter=500, seed=_start(count)),
    )


def _igraph(count: int, edges: Sequence[tuple[int, int]], lay_out: Callable) -> list[Point]:
    import igraph

    graph = igraph.Graph(n=count, edges=list(edges))
    igraph.set_random_number_generator(random.Random(7))  # one view, one picture
    try:
        laid = lay_out(graph)
    finally:
        igraph.set_random_number_generator(random)  # igraph's default
    return [(float(x), float(y)) for x, y in laid]


def _start(count: int) -> list[list[float]]:
    """Starting points drawn from a fixed seed, so that one view always gets the same picture."""
    rng = random.Random(7)
    side = math.sqrt(count)
    return [[rng.uniform(0, side), rng.uniform(0, side)] for _ in range(count)]


def label_width(name: str) -> float:
    """About how wide a node's name is drawn, in canvas units, at the biggest size a label
    has on a page without hubs (style.yaml's detail.node_labels.max; vis's glyphs average
    0.45 of the font's size, measured in Chromium: 844 units for 40 characters at 47.4)."""
    detail = style()["detail"]
    return 0.5 * detail["node_labels"]["max"] * min(len(name), detail["node_label_chars"])


def packed(
    count: int,
    edges: Sequence[tuple[int, int]],
    lay_out: Layout,
    names: Sequence[float] = (),
) -> list[Point]:
    """Every node's position: each component laid out by ``lay_out``, scaled to its size,
    and the components packed in rows, biggest first (a shelf packing). ``names`` are the
    widths of the nodes' names: each component's box holds the widest of its nodes' under
    its sides, so that the names of small components side by side do not overlap (a page of
    1,200 separate pairs named none of one side: each name was four times the room)."""
    members = _components(count, edges)
    number = {node: (c, i) for c, nodes in enumerate(members) for i, node in enumerate(nodes)}
    inner: list[list[tuple[int, int]]] = [[] for _ in members]
    for a, b in edges:
        (ca, ia), (_, ib) = number[a], number[b]
        inner[ca].append((ia, ib))
    boxes = []
    for c, nodes in enumerate(members):
        width, height, points = _scaled(len(nodes), lay_out, inner[c])
        name = max((names[node] for node in nodes), default=0.0) if names else 0.0
        boxes.append((width + name, height, [(x + name / 2, y) for x, y in points]))
    # Each box takes its room with the spacing around it: pairs (no height) and lone nodes
    # (no size) counted as nothing made a page of small components a tall column.
    row_width = math.sqrt(sum((w + SPACING) * (h + SPACING) for w, h, _ in boxes) * ASPECT)
    where: list[Point] = [(0.0, 0.0)] * count
    x = y = row_height = 0.0
    for nodes, (width, height, points) in zip(members, boxes, strict=True):
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height + SPACING, 0.0
        for node, (px, py) in zip(nodes, points, strict=True):
            where[node] = (x + px, y + py)
        x += width + SPACING
        row_height = max(row_height, height)
    return where


def _components(count: int, edges: Sequence[tuple[int, int]]) -> list[list[int]]:
    """The connected components, biggest first (ties: by their first node)."""
    parent = list(range(count))

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in edges:
        parent[root(a)] = root(b)
    groups: dict[int, list[int]] = {}
    for node in range(count):
        groups.setdefault(root(node), []).append(node)
    return sorted(groups.values(), key=lambda nodes: (-len(nodes), nodes[0]))


def _scaled(size: int, lay_out: Layout, edges: list[tuple[int, int]]) -> tuple[float, float, list]:
    """A component's points moved to start at (0, 0) and stretched to a box ASPECT times as
    wide as high (the page is wider than high) that gives each node about (1.5 SPACING)²:
    (width, height, points)."""
    if size == 1:
        return 0.0, 0.0, [(0.0, 0.0)]
    if size == 2:  # one above the other: their names, below each, do not meet
        return 0.0, SPACING * 2, [(0.0, 0.0), (0.0, SPACING * 2)]
    points = lay_out(size, edges)
    height = SPACING * 1.5 * math.sqrt(size / ASPECT)
    width = height * ASPECT
    # The box is fitted to the middle 96 % of the points, and the few beyond are brought in to
    # a margin around it: a handful of nodes DrL flung far away made a 4,200-node page a thin
    # strip. Without outliers, the points fill the box exactly as before.
    (x_low, x_span), (y_low, y_span) = _core(p[0] for p in points), _core(p[1] for p in points)

    def shares(values: Iterable[float], low: float, span: float) -> list[float]:
        return [min(max((v - low) / span, -OUTLIER_MARGIN), 1 + OUTLIER_MARGIN) for v in values]

    sx = shares((p[0] for p in points), x_low, x_span)
    sy = shares((p[1] for p in points), y_low, y_span)
    left, top = min(sx), min(sy)
    moved = [((a - left) * width, (b - top) * height) for a, b in zip(sx, sy, strict=True)]
    return (max(sx) - left) * width, (max(sy) - top) * height, moved


OUTLIER_MARGIN = 0.05  # of a component's box, where the points beyond its middle 96 % go


def _core(values: Iterable[float]) -> tuple[float, float]:
    """Where the middle 96 % of the values begin, and their span (never 0)."""
    ordered = sorted(values)
    low = ordered[int(0.02 * (len(ordered) - 1))]
    high = ordered[math.ceil(0.98 * (len(ordered) - 1))]
    return low, (high - low) or 1.0
