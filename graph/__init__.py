"""actorgraph: actor-relationship graphs on Neo4j for conflict and intelligence analysts.

``import graph`` is all a notebook needs::

    import graph
    g = graph.connect()                              # local server, or NEO4J_* settings
    graph.load(g, ["data/panjshir.yaml"])            # check, then load, all or nothing
    view = graph.select(g, graph.Filters(around="NRF"))
    graph.write_html(view, "nrf.html")               # the offline network page
    graph.balance(view).blocs                        # the two blocs of each component

Names are imported on first use, so the command line starts quickly.
"""

from importlib import import_module
from typing import Any

_EXPORTS = {
    # connecting
    "connect": "graph.connection",
    "resolve_settings": "graph.connection",
    "Graph": "graph.db",
    "ConnectionSettings": "graph.settings",
    "LocalServer": "graph.server",
    # loading
    "check": "graph.loader",
    "load": "graph.loader",
    "loads": "graph.loader",
    "LoadReport": "graph.loader",
    # querying
    "run": "graph.query",
    "run_named": "graph.query",
    "select": "graph.query",
    "Filters": "graph.subgraph",
    "View": "graph.subgraph",
    # drawing and analysing
    "render": "graph.views",
    "write_html": "graph.views",
    "balance": "graph.analyze",
    "centrality": "graph.analyze",
    "diff": "graph.analyze",
    "timeline": "graph.analyze",
    "export": "graph.exchange",
    # errors
    "ActorGraphError": "graph.errors",
    "ArgumentError": "graph.errors",
    "ConfigError": "graph.errors",
    "ConnectError": "graph.errors",
    "DatasetError": "graph.errors",
    "QueryError": "graph.errors",
    "ResolveError": "graph.errors",
    "ServerError": "graph.errors",
}
_RENAMED = {"export": "write"}
# Stages a notebook may reach as attributes (graph.views.blocs_view, graph.analyze.balance ...).
_PACKAGES = {
    "analyze",
    "errors",
    "exchange",
    "loader",
    "parse",
    "query",
    "server",
    "validate",
    "views",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), _RENAMED.get(name, name))
    if name in _PACKAGES:
        return import_module(f"graph.{name}")
    raise AttributeError(f"module 'graph' has no attribute {name!r}")


def __dir__() -> list[str]:
    """What `dir(graph)` and a notebook's completion offer: the library, loaded on first use."""
    return sorted({*globals(), *_EXPORTS, *_PACKAGES})
