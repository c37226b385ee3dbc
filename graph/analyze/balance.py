"""Structural balance of the signed actor graph.

Cooperative relations (supports, allied with, ...) are positive ties, hostile ones (opposes,
fights, ...) negative; neutral and structural relations are left out. Several claims between
the same two actors are summed, each weighted by its confidence, into one tie whose sign is the
sign of the sum (a tie that sums to zero is left out and reported).

- Triads: a triangle is balanced when the product of its signs is positive ("the enemy of my
  enemy is my friend"), after Heider (1946) and Cartwright & Harary (1956). The balance index
  is the share of balanced triangles (the "triangle index" of Aref & Wilson, 2018; R's
  ``signnet::balance_score(method = "triangles")``).
- Frustration index (line index of balance, Harary 1959): the fewest ties whose removal makes
  the graph balanced, equal to the fewest ties that disagree with the best split of the actors
  into two blocs (positive ties across the split, negative ties inside a bloc). Computed per
  connected component: by exhaustive search over every split for components of up to
  ``EXHAUSTIVE_MAX`` actors, and above that by the binary linear programme of Aref, Mason &
  Wilson (2018, "Computing the line index of balance using integer programming optimisation")
  solved with HiGHS through ``scipy.optimize.milp``. If the solver stops at its time limit
  before proving optimality, the result is the best split found, reported as an upper bound
  (``exact = False``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np

from ..arguments import Names, Seconds, Whole, checked
from ..subgraph import AView, View
from .status import held

EXHAUSTIVE_MAX = 20


@dataclass(frozen=True)
class Triad:
    actors: tuple[str, str, str]
    signs: tuple[int, int, int]  # of the ties (a,b), (b,c), (a,c)

    @property
    def balanced(self) -> bool:
        return self.signs[0] * self.signs[1] * self.signs[2] > 0


@dataclass
class BalanceResult:
    triads: list[Triad]
    frustration: int
    exact: bool
    method: str
    blocs: list[tuple[list[str], list[str]]]  # per connected component
    frustrated: list[tuple[str, str, int]]  # ties that disagree with the split
    ties: int
    cancelled: list[tuple[str, str]] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)

    @property
    def balance_index(self) -> float | None:
        """Share of balanced triangles; None when there is no triangle."""
        if not self.triads:
            return None
        return sum(t.balanced for t in self.triads) / len(self.triads)


def signed_graph(view: View) -> tuple[nx.Graph, list[tuple[str, str]]]:
    """Actors and their net signed ties; also the pairs whose claims cancel out."""
    actors = {n["id"] for n in view.nodes if n.get("category") == "actor"}
    weight: dict[tuple[str, str], float] = {}
    for edge in view.edges:
        sign = edge.get("sign") or 0
        a, b = edge["start"], edge["end"]
        if sign == 0 or a == b or a not in actors or b not in actors:
            continue
        pair = (a, b) if a < b else (b, a)
        weight[pair] = weight.get(pair, 0.0) + sign * (edge.get("confidence") or 0.0)
    graph = nx.Graph()
    cancelled = []
    for (a, b), total in sorted(weight.items()):
        if abs(total) < 1e-9:
            cancelled.append((a, b))
        else:
            graph.add_edge(a, b, sign=1 if total > 0 else -1, weight=abs(total))
    return graph, cancelled


def triads(graph: nx.Graph) -> list[Triad]:
    found = []
    for clique in nx.enumerate_all_cliques(graph):
        if len(clique) < 3:
            continue
        if len(clique) > 3:
            break
        a, b, c = sorted(clique)
        signs = (graph[a][b]["sign"], graph[b][c]["sign"], graph[a][c]["sign"])
        found.append(Triad((a, b, c), signs))
    return sorted(found, key=lambda t: t.actors)


@checked
def balance(
    view: AView,
    *,
    time_limit: Seconds = 60.0,
    exhaustive_max: Whole = EXHAUSTIVE_MAX,
    include_status: Names = (),
    solving: Callable[[int], None] | None = None,
) -> BalanceResult:
    """Balance of the claims held as fact, and those of the ``include_status`` statuses
    (speculation, forecasts and denials are left out otherwise: graph.analyze.status).
    ``solving(actors)`` is told of each component given to the integer programme (which may
    take up to ``time_limit`` seconds) before it starts."""
    graph, cancelled = signed_graph(held(view, include_status))
    blocs: list[tuple[list[str], list[str]]] = []
    frustrated: list[tuple[str, str, int]] = []
    exact, methods = True, set()
    for component in sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c))):
        sub = graph.subgraph(component)
        nodes = sorted(component)
        if len(nodes) <= exhaustive_max:
            side, method, optimal = _exhaustive(sub, nodes), "exhaustive search", True
        else:
            if solving is not None:
                solving(len(nodes))
            side, optimal = _milp(sub, nodes, time_limit)
            method = "integer programme (HiGHS)"
        methods.add(method)
        exact &= optimal
        left = sorted(n for n in nodes if side[n] == 0)
        right = sorted(n for n in nodes if side[n] == 1)
        if len(right) > len(left):
            left, right = right, left
        blocs.append((left, right))
        frustrated += _frustrated(sub, side)
    return BalanceResult(
        triads=triads(graph),
        frustration=len(frustrated),
        exact=exact,
        method=" + ".join(sorted(methods)) or "none (no signed ties)",
        blocs=blocs,
        frustrated=sorted(frustrated),
        ties=graph.number_of_edges(),
        cancelled=cancelled,
        names={n["id"]: n["name"] for n in view.nodes},
    )


def _exhaustive(graph: nx.Graph, nodes: list[str]) -> dict[str, int]:
    """The split with fewest frustrated ties, trying all 2^(n-1) splits at once with numpy."""
    position = {n: i for i, n in enumerate(nodes)}
    masks = np.arange(1 << max(len(nodes) - 1, 0), dtype=np.int64)  # first node fixed to side 0
    cost = np.zeros_like(masks)
    for a, b, data in graph.edges(data=True):
        side_a = _side(masks, position[a])
        side_b = _side(masks, position[b])
        differ = side_a != side_b
        cost += differ if data["sign"] > 0 else ~differ
    best = int(masks[int(np.argmin(cost))])
    return {n: int(_side(np.array([best]), position[n])[0]) for n in nodes}


def _side(masks: np.ndarray, index: int) -> np.ndarray:
    if index == 0:
        return np.zeros_like(masks)
    return (masks >> (index - 1)) & 1


def _milp(graph: nx.Graph, nodes: list[str], time_limit: float) -> tuple[dict[str, int], bool]:
    """Aref, Mason & Wilson's binary programme: node sides x, frustration f per tie.

    minimise sum f_ab
    positive tie: f_ab >= x_a - x_b and f_ab >= x_b - x_a
    negative tie: f_ab >= x_a + x_b - 1 and f_ab >= 1 - x_a - x_b
    """
    from scipy import sparse
    from scipy.optimize import Bounds, LinearConstraint, milp

    position = {n: i for i, n in enumerate(nodes)}
    edges = list(graph.edges(data=True))
    n, m = len(nodes), len(edges)
    rows: list[list[tuple[int, float]]] = []
    lower: list[float] = []
    for k, (a, b, data) in enumerate(edges):
        f, xa, xb = n + k, position[a], position[b]
        if data["sign"] > 0:
            rows += [[(f, 1), (xa, -1), (xb, 1)], [(f, 1), (xa, 1), (xb, -1)]]
            lower += [0, 0]
        else:
            rows += [[(f, 1), (xa, -1), (xb, -1)], [(f, 1), (xa, 1), (xb, 1)]]
            lower += [-1, 1]
    # Sparse: three entries per row (a dense matrix of 80k rows by 40k columns needed 25 GiB).
    cells = [(r, column, value) for r, row in enumerate(rows) for column, value in row]
    r_index, c_index, values = (np.array(part) for part in zip(*cells, strict=True))
    matrix = sparse.csr_array((values, (r_index, c_index)), shape=(len(rows), n + m))
    objective = np.concatenate([np.zeros(n), np.ones(m)])
    upper_x = np.ones(n)
    upper_x[0] = 0  # fix one actor's side: the split is symmetric
    result = milp(
        objective,
        constraints=LinearConstraint(matrix, np.array(lower), np.inf),
        integrality=np.ones(n + m),
        bounds=Bounds(np.zeros(n + m), np.concatenate([upper_x, np.ones(m)])),
        options={"time_limit": time_limit},
    )
    if result.status == 0:
        return {node: int(result.x[position[node]] > 0.5) for node in nodes}, True
    # Stopped by its time limit: its best split so far depends on how far it got (a trial got
    # 5,557 frustrated ties in 1 s and 7,561 in 5 s over 5,974 actors). Both it and a split
    # from the ties' signs are improved one actor at a time, and the better one kept, so more
    # time never gives a worse bound than the signs' split.
    candidates = [_improved(graph, _by_signs(graph, nodes))]
    if result.x is not None:
        found = {node: int(result.x[position[node]] > 0.5) for node in nodes}
        candidates.append(_improved(graph, found))
    return min(candidates, key=lambda side: len(_frustrated(graph, side))), False


def _frustrated(graph: nx.Graph, side: dict[str, int]) -> list[tuple[str, str, int]]:
    """The ties the split breaks: an ally across it, or an enemy on one's own side."""
    return [
        (*sorted((a, b)), data["sign"])  # type: ignore[misc]
        for a, b, data in graph.edges(data=True)
        if (data["sign"] > 0) != (side[a] == side[b])
    ]


def _by_signs(graph: nx.Graph, nodes: list[str]) -> dict[str, int]:
    """Sides given along a breadth-first tree from the first actor: an ally on one's own side,
    an enemy on the other (deterministic: the same split for the same ties)."""
    side = {nodes[0]: 0}
    for parent, child in nx.bfs_edges(graph, nodes[0], sort_neighbors=sorted):
        same = graph[parent][child]["sign"] > 0
        side[child] = side[parent] if same else 1 - side[parent]
    return side


def _improved(graph: nx.Graph, side: dict[str, int]) -> dict[str, int]:
    """``side`` with actors moved, one at a time and in id order, while a move frustrates fewer
    ties than it mends (each move lowers the count, so this ends)."""
    side = dict(side)
    moved = True
    while moved:
        moved = False
        for node in sorted(side):
            frustrated = sum(
                (data["sign"] > 0) != (side[node] == side[other])
                for other, data in graph[node].items()
            )
            if 2 * frustrated > len(graph[node]):
                side[node] = 1 - side[node]
                moved = True
    return side


def describe(result: BalanceResult) -> dict[str, Any]:
    """A JSON-friendly summary."""
    return {
        "ties": result.ties,
        "triangles": len(result.triads),
        "balanced_triangles": sum(t.balanced for t in result.triads),
        "balance_index": result.balance_index,
        "frustration_index": result.frustration,
        "exact": result.exact,
        "method": result.method,
        "blocs": result.blocs,
        "frustrated_ties": result.frustrated,
        "cancelled_pairs": result.cancelled,
        "triads": [
            {"actors": list(t.actors), "signs": list(t.signs), "balanced": t.balanced}
            for t in result.triads
        ],
    }
