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
from collections.abc import Callable, Sequence

from ..subgraph import View

Point = tuple[float, float]
# Lays out one component: its node count and its edges (as node numbers) -> a point per node.
Layout = Callable[[int, Sequence[tuple[int, int]]], list[Point]]
SPACING = 40.0  # canvas units between neighbouring nodes on average (vis nodes are ~25 wide)


def layout(view: View, physics_max_nodes: int) -> dict[str, Point] | None:
    """Positions computed in Python for graphs of more than ``physics_max_nodes`` nodes (too
    big for the browser's physics), else None."""
    count = len(view.nodes)
    if count <= physics_max_nodes:
        return None
    index = {node["id"]: i for i, node in enumerate(view.nodes)}
    edges = [(index[e["start"]], index[e["end"]]) for e in view.edges
             if e["start"] in index and e["end"] in index]  # fmt: skip
    placed = packed(count, edges, spread_out)
    return {node["id"]: placed[i] for i, node in enumerate(view.nodes)}


# Components up to this many nodes get igraph's DrL, bigger ones its grid Fruchterman-Reingold.
# bench/layouts.py, one run on this 2-core machine (spread 1 = nodes evenly over the page):
# 870 nodes: DrL 1.5 s, spread 0.50; FR 0.2 s, 0.37. 4,307 nodes: DrL 11.6 s, 0.48; FR 2.2 s,
# 0.27. 17,238 nodes: DrL 117 s; FR 25 s, 0.25 (rustworkx's spring layout, used before: 11.6 s
# but 0.17, 28 % of nodes crowded; ForceAtlas2 133 s, 0.17).
DRL_MAX_NODES = 2000


def spread_out(count: int, edges: Sequence[tuple[int, int]]) -> list[Point]:
    """One component laid out: DrL where it takes seconds, grid FR above."""
    return (drl if count <= DRL_MAX_NODES else fruchterman_reingold)(count, edges)


def drl(count: int, edges: Sequence[tuple[int, int]]) -> list[Point]:
    """igraph's DrL (made for large graphs; the widest spread bench/layouts.py measured)."""
    return _igraph(count, edges, lambda graph: graph.layout_drl(seed=_start(count)))


def fruchterman_reingold(count: int, edges: Sequence[tuple[int, int]]) -> list[Point]:
    """igraph's Fruchterman-Reingold with its grid: O(n) an iteration, so even 20,000 nodes
    get all 500 iterations."""
    return _igraph(
        count,
        edges,
        lambda graph: graph.layout_fruchterman_reingold(grid=True, niter=500, seed=_start(count)),
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


def packed(count: int, edges: Sequence[tuple[int, int]], lay_out: Layout) -> list[Point]:
    """Every node's position: each component laid out by ``lay_out``, scaled to its size,
    and the components packed in rows, biggest first (a shelf packing)."""
    members = _components(count, edges)
    number = {node: (c, i) for c, nodes in enumerate(members) for i, node in enumerate(nodes)}
    inner: list[list[tuple[int, int]]] = [[] for _ in members]
    for a, b in edges:
        (ca, ia), (_, ib) = number[a], number[b]
        inner[ca].append((ia, ib))
    boxes = [_scaled(len(nodes), lay_out, inner[c]) for c, nodes in enumerate(members)]
    row_width = math.sqrt(sum(w * h for w, h, _ in boxes)) * 1.3
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
    """A component's points moved to start at (0, 0) and scaled so that it covers about
    SPACING² per node: (width, height, points)."""
    if size == 1:
        return 0.0, 0.0, [(0.0, 0.0)]
    if size == 2:
        return SPACING * 2, 0.0, [(0.0, 0.0), (SPACING * 2, 0.0)]
    points = lay_out(size, edges)
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    side = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    scale = SPACING * math.sqrt(size) * 1.5 / side
    moved = [((x - min(xs)) * scale, (y - min(ys)) * scale) for x, y in points]
    return (max(xs) - min(xs)) * scale, (max(ys) - min(ys)) * scale, moved
