"""The one place that talks to Neo4j: the official driver, sessions, retries and errors.

Statements come from ``cypher/`` (:mod:`graph.cypher`) as files with ``$parameters``; Python
never builds Cypher from user strings. Driver errors become
:class:`~graph.errors.ActorGraphError` messages that say which URI, user or database is wrong
and what to do.
"""

from __future__ import annotations

import contextlib
import random
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import neo4j
from neo4j import Bookmarks, GraphDatabase
from neo4j.exceptions import (
    AuthError,
    BrokenRecordError,
    ClientError,
    ConfigurationError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from .bookmarks import BookmarkFile
from .cypher import cypher, split_statements
from .errors import (
    ConfigError,
    ConnectError,
    DatabaseFailure,
    InterruptedMidway,
    QueryError,
    ReadOnlyError,
    as_option,
    cannot_hold,
)
from .settings import ConnectionSettings, read_only_from_env

T = TypeVar("T")


def read_only_by() -> str:
    """What puts actorgraph in read-only mode, as the user would have said it."""
    return as_option(
        "--read-only or ACTORGRAPH_READ_ONLY", "read_only=True or ACTORGRAPH_READ_ONLY"
    )


_ALREADY_THERE = ("Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists",)
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


@contextmanager
def dropped_on_interrupt(session: neo4j.Session) -> Iterator[None]:
    """On Ctrl-C, drop the connection ``session`` works on instead of closing it in order.

    An orderly close waits until the server has finished the statement that is running (a
    notebook stayed stuck 18 s after Ctrl-C on a long count here), and Ctrl-C may have cut a
    message to the server in half, which leaves the connection unusable anyway. The server
    ends the transaction of a connection that goes away: nothing of it is committed. The
    driver's own clean-up for a cancelled task does the dropping (a private method: the sync
    driver has no public one; tests/test_connection.py holds it to its word).
    """
    try:
        yield
    except KeyboardInterrupt:
        drop_connection(session)
        raise


def drop_connection(session: neo4j.Session) -> None:
    """Close the connection ``session`` holds at once, ending its transaction on the server
    (see :func:`dropped_on_interrupt`); the session then closes without waiting."""
    session._handle_cancellation(message="dropped by actorgraph")


class Graph:
    """A connection to one Neo4j database, usable from notebooks and the CLI alike.

    >>> import graph
    >>> with graph.connect() as g:          # the local server, or NEO4J_* from the environment
    ...     g.read("MATCH (a:Actor) RETURN count(a) AS n")
    """

    def __init__(
        self,
        settings: ConnectionSettings,
        *,
        retry_seconds: float = 30.0,
        **driver_options: Any,
    ) -> None:
        self.settings = settings
        self.retry_seconds = retry_seconds
        # When a statement last gave up on a server that did not answer (see _retried).
        self._gave_up: float | None = None
        self.closed = False
        # Read-only mode for analysts who must not change data (Community has no reader role).
        self.read_only = settings.read_only or read_only_from_env()
        scheme = settings.uri.split("://", 1)[0] if "://" in settings.uri else ""
        if scheme not in BOLT_SCHEMES:
            raise ConfigError(
                f"Invalid Neo4j URI {settings.uri!r}: use a Bolt URI such as bolt://host:7687 or "
                "neo4j+s://host (schemes: " + ", ".join(BOLT_SCHEMES) + ")."
            )
        try:
            self.driver = GraphDatabase.driver(
                settings.uri,
                auth=(settings.user, settings.password),
                user_agent="actorgraph",
                # Our statements are tested; the server's hints would only be noise here.
                notifications_min_severity="OFF",
                connection_timeout=10.0,
            )
        except (ConfigurationError, ValueError) as exc:
            raise ConfigError(f"Invalid Neo4j URI {settings.uri!r}: {exc}") from None
        # Every session of this Graph is chained to the ones before (a read sees what an
        # earlier write of this process wrote, on a cluster too); on a cluster the chain
        # starts from, and is saved to, the bookmark file of this database (graph.bookmarks).
        self.bookmark_file = BookmarkFile.for_settings(settings)
        self._started = self.bookmark_file.read() if self.bookmark_file else []
        self.bookmarks = GraphDatabase.bookmark_manager(
            initial_bookmarks=Bookmarks.from_raw_values(self._started)
        )

    # -- lifecycle ---------------------------------------------------------------------------
    def close(self) -> None:
        reached = self.bookmarks.get_bookmarks()
        if self.bookmark_file and reached and reached != set(self._started):
            self.bookmark_file.save(self._started, sorted(reached))
        self.closed = True
        self.driver.close()

    def __enter__(self) -> Graph:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        if kind is None:
            self.close()
            return
        # The work failed or was stopped, and that is what the user must hear: Ctrl-C can cut
        # a message to the server in half, and closing the driver then fails too (a
        # BufferError from its send buffer), which would hide the interruption.
        with contextlib.suppress(Exception):
            self.close()

    def verify(self) -> Graph:
        """Fail early, with a clear message, if the server, credentials or database are wrong."""
        self._still_open()
        with self.errors():
            self.driver.verify_connectivity()
            self.read(cypher("info/ping"))
        return self

    def _still_open(self) -> None:
        """The driver's own error on a closed connection is not one a user can act on."""
        if self.closed:
            raise ConnectError(
                f"This connection to Neo4j at {self.settings.uri} is closed (its `with` block "
                "ended, or close() was called): open another with graph.connect()."
            )

    @contextmanager
    def errors(self) -> Iterator[None]:
        """Translate driver exceptions into user-facing errors that name this connection."""
        with translate_errors(self.settings):
            yield

    # -- running statements ------------------------------------------------------------------
    def session(self, write: bool = False) -> neo4j.Session:
        self._still_open()
        if write and self.read_only:
            raise ReadOnlyError(
                f"actorgraph is in read-only mode ({read_only_by()}): nothing may be written to "
                "the database. Leave it out to load, restore or write."
            )
        mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
        return self.driver.session(
            database=self.settings.database,
            default_access_mode=mode,
            max_transaction_retry_time=self.retry_seconds,
            bookmark_manager=self.bookmarks,
        )

    def read(self, statement: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run a read-only statement in a managed (retried) transaction; rows as dicts."""
        return self._managed(statement, params, write=False)

    def read_values(
        self, statement: str, params: dict[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        """:meth:`read`, for a statement whose columns hold only values (maps, lists, text,
        numbers, dates; no nodes, relationships or paths): each row as the driver gives it,
        without ``Record.data()``'s walk through every value, which took 5.3 of 6.5 s of CPU
        to turn 161,415 relations of a view into rows here (one run)."""
        return self._managed(statement, params, write=False, row=dict)

    def write(
        self, statement: str, params: dict[str, Any] | None = None, *, ours: bool = False
    ) -> list[dict[str, Any]]:
        """Run a statement in a managed write transaction; rows as dicts.

        What it changes is not counted in the tallies of sources (graph.tallies): a transaction
        before it and one after say they are no longer known to be right (one of its own could
        not hold a schema change too; the second undoes a count another process made in
        between), and ``sources`` reads every relation until the next load, drop or ``schema
        apply`` counts them again. ``ours`` marks one of actorgraph's own statements, which
        leave relations alone or keep the tallies.
        """
        if ours:
            return self._managed(statement, params, write=True)
        self.untally()
        rows = self._managed(statement, params, write=True)
        self.untally()
        return rows

    def untally(self) -> None:
        """Say the tallies of sources are no longer known to be right (graph.tallies): before
        a statement not of actorgraph's changes relations, and again once it has committed."""
        self._managed(cypher("lock/untallied"), None, write=True)

    def _managed(
        self,
        statement: str,
        params: dict[str, Any] | None,
        write: bool,
        row: Callable[[neo4j.Record], dict[str, Any]] = neo4j.Record.data,
    ) -> list[dict[str, Any]]:
        def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
            return [row(record) for record in tx.run(statement, params or {})]

        return self._retried(work, write=write)

    def transaction(
        self, work: Callable[[neo4j.ManagedTransaction], T], timeout: float | None = None
    ) -> T:
        """Run ``work(tx)`` in one write transaction: all of it commits, or none; the server
        ends it after ``timeout`` seconds, if given."""
        return self._retried(work, write=True, timeout=timeout)

    def _retried(
        self,
        work: Callable[[neo4j.ManagedTransaction], T],
        write: bool,
        tolerate: tuple[str, ...] = (),
        timeout: float | None = None,
    ) -> T | None:
        """Run ``work(tx)`` in a transaction, retried like the driver's managed transactions.

        A dropped connection, a leader switch or a deadlock runs the whole of ``work`` again,
        with the driver's backoff, for up to ``retry_seconds`` after the first failure; a
        transaction too big for the server's memory, found in ``work`` or at commit, is not
        retried (the driver's own loop would, since Neo4j calls that error transient). An error
        whose code is in ``tolerate`` ends the work quietly, with None.
        """
        delays = _backoff()
        first_failure: float | None = None
        with self.errors(), self.session(write) as session:
            while True:
                try:
                    with session.begin_transaction(timeout=timeout) as tx:
                        with dropped_on_interrupt(session):
                            result = work(tx)  # type: ignore[arg-type]
                        _commit(tx)
                    self._gave_up = None
                    return result
                except (DriverError, Neo4jError) as exc:
                    if getattr(exc, "code", None) in tolerate:
                        return None
                    _raise_if_too_big(exc, self.settings)
                    if not exc.is_retryable():
                        raise
                    now = time.monotonic()
                    first_failure = first_failure or now
                    gone = isinstance(exc, ServiceUnavailable | SessionExpired)
                    left = first_failure + self.retry_seconds - now
                    if gone and self._gave_up is not None and now - self._gave_up < GIVEN_UP:
                        left = 0  # another statement has just waited the server out
                    if left <= 0:
                        if gone:
                            self._gave_up = now
                        raise
                    time.sleep(min(next(delays), left))  # the last try at the window's end

    def apply_script(self, name: str) -> int:
        """Run each statement of ``cypher/<name>.cypher`` (e.g. the schema), each in its own
        retried transaction; returns the count.

        Two processes creating the same index at once can both pass ``IF NOT EXISTS``; the
        second is told the rule exists already, which is what it wanted.
        """
        statements = split_statements(cypher(name))
        for statement in statements:

            def work(tx: neo4j.ManagedTransaction, statement: str = statement) -> None:
                tx.run(statement).consume()

            self._retried(work, write=True, tolerate=_ALREADY_THERE)
        return len(statements)

    def info(self) -> dict[str, Any]:
        """Server version, edition, address and the size of the database."""
        self._still_open()
        with self.errors():
            server = self.driver.get_server_info()
            components = self.read(cypher("info/components"))
            counts = self.read(cypher("info/counts"))
        return {
            "uri": self.settings.uri,
            "address": str(server.address),
            "user": self.settings.user,
            "database": self.settings.database or "(default)",
            "version": components[0]["versions"][0],
            "edition": components[0]["edition"],
            **counts[0],
        }


@contextmanager
def translate_errors(settings: ConnectionSettings) -> Iterator[None]:
    try:
        yield
    except AuthError:
        hint = (
            "the local server's password is kept in the actorgraph config dir"
            if settings.origin == "local server"
            else "check --password or NEO4J_PASSWORD"
        )
        raise ConnectError(
            f"Neo4j at {settings.uri} refused the credentials of user '{settings.user}': {hint}."
        ) from None
    except ServiceUnavailable as exc:
        raise ConnectError(
            f"Cannot reach Neo4j at {settings.uri} ({_first_line(exc)}). Is it running? Start "
            "the local one with `actorgraph server start`, or check --uri / NEO4J_URI."
        ) from None
    except ConfigurationError as exc:
        raise ConfigError(f"Invalid connection settings for {settings.uri}: {exc}") from None
    except BrokenRecordError as exc:  # the driver could not turn a value of a row into Python's
        column = re.search(r"at \d+ \((.*)\)\Z", str(exc))  # "… broken data at 0 ('d')"
        where = f"column {column.group(1)}" if column else "a column"
        raise cannot_hold(where, exc.__cause__) from None
    except OverflowError:  # the driver packs a Python int into Neo4j's 64 bits
        raise QueryError(
            "A number given to Neo4j is beyond its 64-bit integers (a parameter, a limit, or a "
            "timeout in milliseconds): give a smaller one."
        ) from None
    except ValueError as exc:  # the driver has no Cypher type for a parameter's value
        if not str(exc).startswith("Values of type"):
            raise
        raise QueryError(
            f"A parameter holds a value Neo4j cannot take ({exc}): give text, numbers, "
            "booleans, dates, or lists and maps of them."
        ) from None
    except ClientError as exc:
        if exc.code == "Neo.ClientError.Security.AuthenticationRateLimit":
            raise ConnectError(
                f"Neo4j at {settings.uri} refuses user '{settings.user}' for a few seconds: too "
                "many wrong passwords in a row. Wait, then check the password."
            ) from None
        if exc.code == "Neo.ClientError.Database.DatabaseNotFound":
            raise ConnectError(
                f"Database '{settings.database}' does not exist on {settings.uri}. Community "
                "edition has only 'neo4j'; choose one with --database or NEO4J_DATABASE."
            ) from None
        if (exc.code or "").startswith("Neo.ClientError.Transaction.InvalidBookmark"):
            raise ConfigError(
                f"Neo4j at {settings.uri} does not know the bookmarks actorgraph kept for it in "
                f"{_bookmarks_kept(settings)} (was the database recreated?). Delete that file "
                "and run this again."
            ) from None
        if (exc.code or "").startswith("Neo.ClientError.Transaction."):  # timed out, terminated
            stopped = f"Neo4j stopped the transaction: {exc.message} [{exc.code}]"
            raise DatabaseFailure(stopped) from None
        raise QueryError(f"Neo4j refused the statement: {exc.message} [{exc.code}]") from None
    except Neo4jError as exc:
        if exc.code == "Neo.TransientError.Transaction.BookmarkTimeout":
            raise ConnectError(
                f"Neo4j at {settings.uri} did not reach the state of the last write actorgraph "
                f"saw (its bookmark, kept in {_bookmarks_kept(settings)}) in time: a "
                "follower far behind, or a database restored from an older copy. Run this again; "
                "if the database was restored, delete that file."
            ) from None
        if exc.code == "Neo.DatabaseError.Transaction.TransactionLogError":
            raise DatabaseFailure(
                f"Neo4j at {settings.uri} could not write its transaction log, so nothing was "
                "committed. Is its disk full? Free space, then look at the server's log; the "
                "database may need a restart (`actorgraph server stop` and `start`)."
            ) from None
        raise DatabaseFailure(f"Neo4j failed: {exc.message} [{exc.code}]") from None


def _bookmarks_kept(settings: ConnectionSettings) -> str:
    """Where this connection's bookmarks are kept, as an error names it."""
    kept = BookmarkFile.for_settings(settings)
    return str(kept.path) if kept else "this process"


# A server one statement has just given up on is not waited for again by the next ones: a
# load whose server was killed retried each batch, then the removal of what they wrote, for
# 30 s in turn, and said so 105-162 s later here (31 s now). Later, it is waited for again:
# a notebook's next cell may come once the server is started again.
GIVEN_UP = 5.0


def _commit(tx: neo4j.Transaction) -> None:
    """Commit ``tx``; Ctrl-C while it commits leaves it unknown whether it did (the driver
    has sent the COMMIT and waits for the answer), and the user is told so, not that nothing
    was written."""
    try:
        tx.commit()
    except KeyboardInterrupt:
        raise InterruptedMidway(
            "Ctrl-C came while the transaction was committing: it may have been written whole "
            "(nothing of it in part). Look before running it again; a load run again finds "
            "what it wrote unchanged."
        ) from None


def _backoff() -> Iterator[float]:
    """The driver's default retry delays: 1 s doubling, with 20 % jitter."""
    delay = 1.0
    while True:
        yield delay * random.uniform(0.8, 1.2)
        delay *= 2


def _raise_if_too_big(exc: Exception, settings: ConnectionSettings) -> None:
    """A transaction over the server's memory limit is not tried again.

    Neo4j reports it as a transient error, so the driver would retry it, failing the same way
    after doing all the work again (seen with a million-relation load, whose commit went over a
    7 GiB limit). Stopping at once, with what to do, is kinder.
    """
    if getattr(exc, "code", None) == "Neo.TransientError.General.MemoryPoolOutOfMemoryError":
        raise DatabaseFailure(
            f"The transaction needs more memory than Neo4j at {settings.uri} allows "
            f"({getattr(exc, 'message', exc)}); nothing of it was committed. A load goes in "
            f"batches above {as_option('--one-transaction-max', 'one_transaction_max')} "
            f"items to create or change: lower it, or {as_option('--batch-size', 'batch_size')};"
            " or give the server a larger heap (`actorgraph server stop`, then "
            "`server start --heap SIZE`: a transaction may use 70 % of it)."
        ) from None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
