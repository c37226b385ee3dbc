"""Where actorgraph keeps its files, and what a connection to Neo4j is made of.

Plain values and the environment variables that set them; nothing here connects or starts
anything (:mod:`graph.connection` combines flags, environment and the local server).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

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
    # Refuse every write (Community has no reader role); see read_only_from_env.
    read_only: bool = False

    def describe(self) -> str:
        db = f", database {self.database}" if self.database else ""
        return f"{self.uri} as {self.user}{db}"


def read_only_from_env() -> bool:
    """``ACTORGRAPH_READ_ONLY`` set (to anything but empty, 0, false, no or off): every write
    is refused."""
    value = os.environ.get("ACTORGRAPH_READ_ONLY", "").strip().lower()
    return value not in ("", "0", "false", "no", "off")


# Items a load, or relations a drop, writes in one transaction at most: above it, in committed
# batches, hidden from readers until done (graph.loader.staged, graph.loader.dropping). A load
# of 100,000 generated relations did not fit the default 1 GiB heap in one transaction; an
# ACLED import of 10,000 rows (about 42,000 items) did.
ONE_TRANSACTION_MAX = 20_000
