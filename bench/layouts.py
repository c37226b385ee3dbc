"""Which layout spreads a large network over the page: time and spread, measured in one run.

For graphs too big for the browser's physics the page's positions are computed in Python
(graph/views/layout.py). This compares the candidates on synthetic heavy-tailed graphs like
real conflict networks (bench/view_layout.py's, two relations per node; the nodes without a
relation left out, as the page does), each component laid out by the candidate and the
components packed side by side as the page does (graph.views.layout.packed):

- rustworkx ``spring_layout`` (Fruchterman-Reingold in Rust, O(n²) per iteration);
- igraph ``layout_drl`` (DrL, made for large graphs) and ``layout_fruchterman_reingold`` with
  its grid (O(n) per iteration);
- ForceAtlas2 (``fa2_modified``, Barnes-Hut).

Spread is the median distance from a node to its nearest neighbour, in a square the layout is
scaled into, times √n: about 1 for nodes spread evenly over the page, near 0 for a blob.
"Crowded" is the share of nodes closer to another than a tenth of that even spacing. Run:
``python bench/layouts.py [nodes ...]`` (default 1000 5000 20000, then 2,000 nodes in many
small components, as UCDP's dyads give); rustworkx and fa2_modified
are the bench extra's (`pip install -e '.[bench]'`); missing ones are skipped.
"""

from __future__ import annotations

import math
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from view_layout import synthetic_view

from graph.subgraph import connected
from graph.views.layout import drl, fruchterman_reingold, packed, spread_out

Positions = dict[int, tuple[float, float]]


def spread(positions: list[tuple[float, float]]) -> tuple[float, float]:
    """(median nearest-neighbour distance × √n, share crowded) in the unit square."""
    from scipy.spatial import cKDTree

    xs, ys = [p[0] for p in positions], [p[1] for p in positions]
    side = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    points = [((x - min(xs)) / side, (y - min(ys)) / side) for x, y in positions]
    distances, _ = cKDTree(points).query(points, k=2)
    nearest = [d[1] for d in distances]
    even = 1 / math.sqrt(len(points))
    return statistics.median(nearest) / even, sum(d < even / 10 for d in nearest) / len(points)


def spring(n: int, edges: list[tuple[int, int]]) -> list[tuple[float, float]]:
    """rustworkx's spring layout, as the page used it before: fewer iterations when big."""
    import rustworkx as rx

    graph = rx.PyGraph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from_no_data(edges)
    iterations = max(5, min(50, int(50 * (5000 / n) ** 2)))
    laid = rx.spring_layout(graph, num_iter=iterations, seed=7)
    return [tuple(laid[i]) for i in range(n)]


def forceatlas2(n: int, edges: list[tuple[int, int]]) -> list[tuple[float, float]]:
    import networkx as nx
    from fa2_modified import ForceAtlas2

    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from(edges)
    laid = ForceAtlas2(verbose=False, barnesHutOptimize=True).forceatlas2_networkx_layout(
        graph, iterations=300
    )
    return [tuple(laid[i]) for i in range(n)]


def small_components(sizes: list[int], count: int, seed: int = 3) -> list[tuple[int, int]]:
    """Edges of ``count`` nodes in separate trees of the given sizes in turn (each node tied
    to an earlier one of its tree, heavy-tailed): many small components, as a page of UCDP's
    dyads or of one region's feed has."""
    rng = random.Random(seed)
    edges, start, turn = [], 0, 0
    while start < count:
        size = min(sizes[turn % len(sizes)], count - start)
        edges += [(start + i, start + int(rng.paretovariate(1.2)) % i) for i in range(1, size)]
        start, turn = start + size, turn + 1
    return edges


CANDIDATES = {
    "rustworkx spring": spring,
    "igraph DrL": drl,
    "igraph FR (grid)": fruchterman_reingold,
    "the page's: FR under 200 nodes, DrL to 5,000, FR (grid) above": spread_out,
    "ForceAtlas2 (fa2_modified)": forceatlas2,
}


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 5000, 20000]
    print("| graph | layout | seconds | spread | crowded |")
    print("|---:|---|---:|---:|---:|")
    shapes = []
    for size in sizes:
        view = connected(synthetic_view(size))
        index = {node["id"]: i for i, node in enumerate(view.nodes)}
        edges = [(index[e["start"]], index[e["end"]]) for e in view.edges]
        shapes.append((f"{len(view.nodes):,}", len(view.nodes), edges))
    for parts in ([2, 2, 3, 4], [45], [120]):  # many small components, then fewer bigger
        shape = f"2,000 in trees of {'-'.join(map(str, sorted(set(parts))))}"
        shapes.append((shape, 2000, small_components(parts, 2000)))
    for shape, count, edges in shapes:
        for name, layout in CANDIDATES.items():
            try:
                began = time.perf_counter()
                positions = packed(count, edges, layout)
                took = time.perf_counter() - began
            except ImportError as missing:
                print(f"| {shape} | {name} | skipped: {missing.name} not installed | | |")
                continue
            even, crowded = spread(positions)
            print(f"| {shape} | {name} | {took:.1f} | {even:.2f} | {crowded:.0%} |", flush=True)


if __name__ == "__main__":
    main()
