"""Find the Neo4j to talk to and connect: flags, then ``NEO4J_*``, then the local server.

Connection settings are taken, first match wins, from explicit arguments (CLI flags), the
conventional environment variables (``NEO4J_URI``, ``NEO4J_USERNAME``, ``NEO4J_PASSWORD``,
``NEO4J_DATABASE``), and last the local server that ``actorgraph server start`` manages.
"""

from __future__ import annotations

import os
import re
from urllib.parse import urlsplit

from .arguments import checked
from .db import Graph
from .errors import ConfigError, ConnectError
from .server import LocalServer
from .settings import ConnectionSettings, read_only_from_env


def resolve_settings(
    uri: str | None = None,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
    *,
    read_only: bool | None = None,
) -> ConnectionSettings:
    """Combine flags, environment and the local server into one set of settings."""
    env = os.environ
    uri = uri or env.get("NEO4J_URI")
    user = user or env.get("NEO4J_USERNAME") or env.get("NEO4J_USER")
    password = password or env.get("NEO4J_PASSWORD")
    database = database or env.get("NEO4J_DATABASE")
    if database is not None and database.strip().lower() == "system":
        raise ConfigError(
            "The 'system' database holds Neo4j's users and databases, not data: actorgraph "
            "reads and writes a user database (Community has one, 'neo4j'). Leave --database "
            "and NEO4J_DATABASE out, or name that one."
        )
    read_only = read_only_from_env() if read_only is None else read_only
    # `origin` says where the password came from: what a refused login's message points to
    if uri:
        _check_uri(uri)
        origin = "flags/environment"
        if password is None:
            local = _local_settings_or_none()
            if local is not None and _same_endpoint(local.uri, uri):
                password, origin = local.password, "local server"
        return ConnectionSettings(
            uri=uri,
            user=user or "neo4j",
            password=password or "",
            database=database,
            origin=origin,
            read_only=read_only,
        )
    local = _local_settings_or_none()
    if local is None:
        raise ConnectError(
            "No Neo4j to connect to: no --uri or NEO4J_URI was given and no local server has "
            "been set up. Run `actorgraph server start`, or pass --uri/--user/--password."
        )
    return ConnectionSettings(
        uri=local.uri,
        user=user or local.user,
        password=password or local.password,
        database=database,
        origin="flags/environment" if password else "local server",
        read_only=read_only,
    )


@checked
def connect(
    uri: str | None = None,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
    *,
    read_only: bool | None = None,
    verify: bool = True,
) -> Graph:
    """Connect to Neo4j: explicit arguments, then ``NEO4J_*`` variables, then the local server.

    ``read_only=True`` refuses every write through this connection. ACTORGRAPH_READ_ONLY in
    the environment always does, whatever is passed: it is the analyst's safety net.
    """
    graph = Graph(resolve_settings(uri, user, password, database, read_only=read_only))
    if verify:
        try:
            graph.verify()
        except BaseException:
            graph.close()
            raise
    return graph


def _check_uri(uri: str) -> None:
    """Refuse a URI whose host or port cannot be read (``bolt://h:abc``, ``bolt://[::1``, a
    host that is not a host name), naming it, before the driver is given it."""
    # no password from user:pass@host (the CLI shows the rest as text, like every message)
    shown = re.sub(r"//[^/]*@", "//***@", uri)  # to the last @: a password may hold one
    try:
        parts = urlsplit(uri)
        port = parts.port
        host = parts.hostname
        if host:
            host.encode("idna")
    except (ValueError, UnicodeError) as exc:
        raise ConfigError(
            f"Invalid Neo4j URI '{shown}': {exc}. Write it as bolt://host:7687 or neo4j+s://host."
        ) from None
    if not host or (port is not None and not 0 < port < 65536):
        raise ConfigError(
            f"Invalid Neo4j URI '{shown}': it names no host, or a port out of range. Write it as "
            "bolt://host:7687 or neo4j+s://host."
        )


def _same_endpoint(a: str, b: str) -> bool:
    """True when two URIs point at the same host and port, whatever their scheme."""
    loopback = {"localhost", "127.0.0.1", "::1"}
    pa, pb = urlsplit(a), urlsplit(b)
    host_a = "127.0.0.1" if pa.hostname in loopback else pa.hostname
    host_b = "127.0.0.1" if pb.hostname in loopback else pb.hostname
    return host_a == host_b and (pa.port or 7687) == (pb.port or 7687)


def _local_settings_or_none() -> ConnectionSettings | None:
    server = LocalServer()
    return server.connection_settings() if server.is_configured() else None
