"""The errors a user sees.

Every failure the user can act on is an :class:`ActorGraphError` whose message names the thing
(file and line, URI, port, path) and what to do about it. The CLI prints the message on one line
and exits non-zero; anything else is a bug and shows a traceback only with ``--debug``.
"""

from __future__ import annotations


class ActorGraphError(Exception):
    """Base class for errors whose message is meant for the user."""

    exit_code = 1


class ConfigError(ActorGraphError):
    """Settings are missing or contradict each other."""


class ServerError(ActorGraphError):
    """The local Neo4j server could not be set up, started or stopped."""


class ConnectError(ActorGraphError):
    """Neo4j could not be reached, or refused our credentials."""


class ReadOnlyError(ActorGraphError):
    """A write was attempted in read-only mode."""


class QueryError(ActorGraphError):
    """Neo4j rejected a statement (syntax, constraint, access mode)."""


class DiskSpaceError(ActorGraphError):
    """The local server's disk has too little room for a load's writes."""
