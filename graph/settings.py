"""Where actorgraph keeps its files, and how it finds the Neo4j to talk to.

Connection settings are taken, first match wins, from explicit arguments (CLI flags), the
conventional environment variables (``NEO4J_URI``, ``NEO4J_USERNAME``, ``NEO4J_PASSWORD``,
``NEO4J_DATABASE``), and last the local server that ``actorgraph server start`` manages.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import platformdirs

APP = "actorgraph"


def data_dir() -> Path:
    """Root of the local server's files (home, conf, data, logs); ``ACTORGRAPH_HOME`` overrides."""
    override = os.environ.get("ACTORGRAPH_HOME")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP))


def config_dir() -> Path:
    """Where the local server's password lives; ``ACTORGRAPH_CONFIG_DIR`` overrides."""
    override = os.environ.get("ACTORGRAPH_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP))


def cache_dir() -> Path:
    """Where the Neo4j jars resolved by Maven are kept; ``ACTORGRAPH_CACHE_DIR`` overrides."""
    override = os.environ.get("ACTORGRAPH_CACHE_DIR")
    return Path(override) if override else Path(platformdirs.user_cache_dir(APP))


@dataclass(frozen=True)
class ConnectionSettings:
    """Everything the driver needs to reach one database."""

    uri: str
    user: str
    password: str = field(repr=False)
    database: str | None = None
    origin: str = "explicit"
    # The server's data folder, when it is a local server whose disk we can see.
    data_dir: Path | None = None

    def describe(self) -> str:
        db = f", database {self.database}" if self.database else ""
        return f"{self.uri} as {self.user}{db}"


def resolve_settings(
    uri: str | None = None,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
) -> ConnectionSettings:
    """Combine flags, environment and the local server into one set of settings."""
    env = os.environ
    uri = uri or env.get("NEO4J_URI")
    user = user or env.get("NEO4J_USERNAME") or env.get("NEO4J_USER")
    password = password or env.get("NEO4J_PASSWORD")
    database = database or env.get("NEO4J_DATABASE")
    if uri:
        if password is None:
            local = _local_settings_or_none()
            if local is not None and _same_endpoint(local.uri, uri):
                password = local.password
        return ConnectionSettings(
            uri=uri,
            user=user or "neo4j",
            password=password or "",
            database=database,
            origin="flags/environment",
        )
    local = _local_settings_or_none()
    if local is None:
        from .errors import ConfigError

        raise ConfigError(
            "No Neo4j to connect to: no --uri or NEO4J_URI was given and no local server has "
            "been set up. Run `actorgraph server start`, or pass --uri/--user/--password."
        )
    return ConnectionSettings(
        uri=local.uri,
        user=user or local.user,
        password=password or local.password,
        database=database,
        origin="local server",
    )


def _same_endpoint(a: str, b: str) -> bool:
    """True when two URIs point at the same host and port, whatever their scheme."""
    loopback = {"localhost", "127.0.0.1", "::1"}
    pa, pb = urlsplit(a), urlsplit(b)
    host_a = "127.0.0.1" if pa.hostname in loopback else pa.hostname
    host_b = "127.0.0.1" if pb.hostname in loopback else pb.hostname
    return host_a == host_b and (pa.port or 7687) == (pb.port or 7687)


def _local_settings_or_none() -> ConnectionSettings | None:
    from .server import LocalServer

    server = LocalServer()
    return server.connection_settings() if server.is_configured() else None
