"""Analysis of the actor graph: blocs and balance, brokers and centrality, change over time.

Each function takes a :class:`~graph.subgraph.View` (what :func:`graph.query.select` returns for
a set of filters) and returns plain data; :mod:`graph.views.pages` draws it.
"""

from ..subgraph import in_force
from .balance import BalanceResult, Triad, balance, signed_graph
from .centrality import centrality
from .timeline import diff, timeline

__all__ = [
    "BalanceResult",
    "Triad",
    "balance",
    "centrality",
    "diff",
    "in_force",
    "signed_graph",
    "timeline",
]
