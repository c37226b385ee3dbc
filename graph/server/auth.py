"""Start-up chores that talk to the new server: its first password, and who it is."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError

from ..cypher import cypher
from ..db import Graph
from ..errors import ConnectError
from ..settings import ConnectionSettings


def server_identity(settings: ConnectionSettings) -> tuple[str, str, str | None]:
    """(version, edition, problem) of the server behind ``settings``; the problem says why
    its database does not answer queries, None when it is online.

    Both are read from the system database: after a crash the user's database may stay
    offline (or take minutes to recover), and a query there would be retried until it gives
    up instead of saying so.
    """
    with Graph(replace(settings, database="system"), retry_seconds=5.0) as g:
        row = g.read(cypher("info/components"))[0]
        state = g.read(cypher("info/database_status"), {"name": settings.database})
    version, edition = row["versions"][0], row["edition"]
    if not state:
        return version, edition, f"The server has no database named {settings.database}."
    name, current, message = state[0]["name"], state[0]["currentStatus"], state[0]["statusMessage"]
    if current == "online":
        return version, edition, None
    said = f": {message}" if message else ""
    if current not in ("offline", "quarantined"):  # starting, stopping…: it may come online
        return version, edition, f"The database {name} is {current}{said}; try again shortly."
    problem = (
        f"The database {name} is {current}{said}. debug.log in the server's logs folder "
        "says why. If a restart with a larger heap (`actorgraph server stop`, then `actorgraph "
        "server start --heap 2g`) does not bring it online, move the server's home aside, "
        "start a new one and `actorgraph restore` your last dump (docs/reliability.md, "
        "Full disk)."
    )
    return version, edition, problem


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
