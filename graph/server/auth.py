"""Start-up chores that talk to the new server: its first password, and who it is."""

from __future__ import annotations

from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError

from ..cypher import cypher
from ..db import Graph
from ..errors import ConnectError
from ..settings import ConnectionSettings


def server_identity(settings: ConnectionSettings) -> tuple[str, str]:
    """(version, edition) of the server behind ``settings``."""
    with Graph(settings) as g:
        row = g.read(cypher("info/components"))[0]
    return row["versions"][0], row["edition"]


def ensure_password(uri: str, user: str, password: str, password_file: Path) -> None:
    """Make the server accept ``password``: on first start, replace Neo4j's default one.

    A new Neo4j accepts only neo4j/neo4j and only to change the password; we change it over Bolt
    with the password as a query parameter, so it never appears on a command line or in a log.
    """
    with GraphDatabase.driver(uri, auth=(user, password)) as driver:
        try:
            driver.verify_connectivity()
            return
        except AuthError:
            pass
    try:
        with (
            GraphDatabase.driver(uri, auth=(user, "neo4j")) as driver,
            driver.session(database="system") as session,
        ):
            session.run(cypher("info/first_password"), old="neo4j", new=password).consume()
    except AuthError:
        raise ConnectError(
            f"The local Neo4j at {uri} rejects the password in {password_file}, and its "
            "default password was already changed. If you replaced or deleted that file, restore "
            "it, or stop the server and delete its data folder to start afresh."
        ) from None
