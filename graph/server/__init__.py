"""The local Neo4j server: Neo4j's own jars, run by the system's Java, managed by actorgraph."""

from .config import LOOPBACK, ExposedServerWarning, PrivacyWarning
from .local import DEFAULT_PORT, LocalServer, ServerStatus
from .process import free_port
from .runtime import DEFAULT_NEO4J_VERSION, find_java, find_maven, resolve_jars

__all__ = [
    "DEFAULT_NEO4J_VERSION",
    "DEFAULT_PORT",
    "LOOPBACK",
    "ExposedServerWarning",
    "LocalServer",
    "PrivacyWarning",
    "ServerStatus",
    "find_java",
    "find_maven",
    "free_port",
    "resolve_jars",
]
