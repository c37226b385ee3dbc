"""Analysis of the actor graph: blocs and balance, brokers and centrality, change over time.

Each function takes a :class:`~graph.views.View` (what :func:`graph.views.select` returns for a
set of filters) and returns plain data; the CLI prints it and can draw it with the views.
"""

from .balance import BalanceResult, Triad, balance, signed_graph
from .centrality import centrality
from .timeline import diff, in_force, timeline

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
