"""actorgraph: actor-relationship graphs on Neo4j for conflict and intelligence analysts.

``import graph`` is all a notebook needs::

    import graph
    g = graph.connect()                  # local server, or NEO4J_* settings
    g.read("MATCH (a:Actor) RETURN a.name AS name")
"""

from .db import Graph, connect
from .errors import ActorGraphError, ConfigError, ConnectError, QueryError, ServerError
from .server import LocalServer
from .settings import ConnectionSettings, resolve_settings

__all__ = [
    "ActorGraphError",
    "ConfigError",
    "ConnectError",
    "ConnectionSettings",
    "Graph",
    "LocalServer",
    "QueryError",
    "ServerError",
    "connect",
    "resolve_settings",
]
