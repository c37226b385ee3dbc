"""Who is central: degree, betweenness and PageRank per actor.

The tie graph is built with networkx (the same library reads and writes GEXF and GraphML for
Gephi); the scores are computed with igraph, in C: the same exact betweenness (Brandes) as
networkx's, and PageRank to 1e-6 (networkx stops at that tolerance, igraph solves it). Over
bench/generate.py's 19,855 actors and 63,463 ties networkx's betweenness did not finish in 8
minutes; igraph's took 15.5 s (2-core machine, 2026-11-27). Several claims between the same two
actors count as one tie; directions are ignored (a supporter and the supported are equally
"connected").
"""

from __future__ import annotations

from typing import Any

import igraph
import networkx as nx

from ..arguments import Names, checked
from ..subgraph import AView, View
from .status import held


def actor_graph(view: View) -> nx.Graph:
    actors = {n["id"]: n for n in view.nodes if n.get("category") == "actor"}
    graph = nx.Graph()
    if view.filters.isolated:  # else an actor without ties is left out, as in the views
        graph.add_nodes_from(actors)
    for edge in view.edges:
        a, b = edge["start"], edge["end"]
        if a in actors and b in actors and a != b:
            graph.add_edge(a, b)
    return graph


@checked
def centrality(view: AView, include_status: Names = ()) -> list[dict[str, Any]]:
    """One row per actor, most central (by betweenness, then degree) first; over the claims
    held as fact and those of the ``include_status`` statuses (graph.analyze.status)."""
    graph = actor_graph(held(view, include_status))
    names = {n["id"]: n for n in view.nodes}
    if graph.number_of_nodes() == 0:
        return []
    nodes = list(graph.nodes)
    index = {node: i for i, node in enumerate(nodes)}
    ties = igraph.Graph(n=len(nodes), edges=[(index[a], index[b]) for a, b in graph.edges])
    betweenness = ties.betweenness(directed=False)  # each pair once, as networkx unnormalised
    pagerank = ties.pagerank(damping=0.85, directed=False)
    rows = [
        {
            "id": node,
            "name": names[node]["name"],
            "kind": names[node].get("kind"),
            "degree": graph.degree(node),
            "betweenness": round(betweenness[i], 4),
            "pagerank": round(pagerank[i], 4),
        }
        for i, node in enumerate(nodes)
    ]
    return sorted(rows, key=lambda r: (-r["betweenness"], -r["degree"], r["id"]))
