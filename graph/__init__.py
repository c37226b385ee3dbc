"""actorgraph: actor-relationship graphs on Neo4j for conflict and intelligence analysts.

``import graph`` is all a notebook needs::

    import graph
    g = graph.connect()                  # local server, or NEO4J_* settings
    g.read("MATCH (a:Actor) RETURN a.name AS name")

Names are imported on first use, so the command line starts quickly.
"""

from importlib import import_module
from typing import Any

_EXPORTS = {
    "Graph": "graph.db",
    "connect": "graph.db",
    "ActorGraphError": "graph.errors",
    "ConfigError": "graph.errors",
    "ConnectError": "graph.errors",
    "QueryError": "graph.errors",
    "ServerError": "graph.errors",
    "LocalServer": "graph.server",
    "ConnectionSettings": "graph.settings",
    "resolve_settings": "graph.settings",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'graph' has no attribute {name!r}")
