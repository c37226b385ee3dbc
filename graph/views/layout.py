"""Where nodes go when the browser's physics would take too long: a layout computed in Python."""

from __future__ import annotations

import math

from ..subgraph import View


def layout(view: View, physics_max_nodes: int) -> dict[str, tuple[float, float]] | None:
    """Positions computed in Python for graphs of more than ``physics_max_nodes`` nodes (too
    big for the browser's physics), else None.

    rustworkx's spring layout (Rust) is about 6x faster than networkx's here (5,000 nodes: 7 s
    against 40 s); both cost O(n^2) per iteration, so very large graphs get fewer iterations
    (20,000 nodes: 5 iterations, about 13 s) and a rougher picture. bench/view_layout.py measures.
    """
    count = len(view.nodes)
    if count <= physics_max_nodes:
        return None
    import rustworkx as rx

    index = {node["id"]: i for i, node in enumerate(view.nodes)}
    network = rx.PyGraph()
    network.add_nodes_from(range(count))
    network.add_edges_from_no_data(
        [(index[e["start"]], index[e["end"]]) for e in view.edges
         if e["start"] in index and e["end"] in index]
    )  # fmt: skip
    iterations = max(5, min(50, int(50 * (5000 / count) ** 2)))
    spread = rx.spring_layout(network, num_iter=iterations, seed=7)
    scale = 40 * math.sqrt(count)
    return {
        node["id"]: (float(spread[i][0]) * scale, float(spread[i][1]) * scale)
        for i, node in enumerate(view.nodes)
    }
