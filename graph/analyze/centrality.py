"""Who is central: degree, betweenness and PageRank per actor, with networkx.

networkx because the graphs analysts draw by hand are small (tens to thousands of actors), its
algorithms are the reference implementations, and the same library reads and writes GEXF and
GraphML for Gephi. Several claims between the same two actors count as one tie; directions are
ignored (a supporter and the supported are equally "connected").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from ..subgraph import View
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


def centrality(view: View, include_status: Iterable[str] = ()) -> list[dict[str, Any]]:
    """One row per actor, most central (by betweenness, then degree) first; over the claims
    held as fact and those of the ``include_status`` statuses (graph.analyze.status)."""
    graph = actor_graph(held(view, include_status))
    names = {n["id"]: n for n in view.nodes}
    if graph.number_of_nodes() == 0:
        return []
    betweenness = nx.betweenness_centrality(graph, normalized=False)
    pagerank = nx.pagerank(graph, alpha=0.85)
    rows = [
        {
            "id": node,
            "name": names[node]["name"],
            "kind": names[node].get("kind"),
            "degree": graph.degree(node),
            "betweenness": round(betweenness[node], 4),
            "pagerank": round(pagerank[node], 4),
        }
        for node in graph.nodes
    ]
    return sorted(rows, key=lambda r: (-r["betweenness"], -r["degree"], r["id"]))
