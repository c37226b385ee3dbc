"""One writer at a time: the lock every change of a dataset takes, and marks of longer work.

A load, an import or a drop takes the write lock of the single ``:LoadLock`` node as the first
statement of its transaction, before it reads what the database knows, and holds it until it
commits or rolls back; Neo4j releases it if the client dies, so a dead load leaves no lock.
Work that spans many transactions (``restore``, ``load --bulk``, a large first load) also
*marks* the node while it runs (what, process, host, since); a writer that finds a mark waits for
it to go, and clears a mark whose process is gone: on the same machine, no such process any
more; from another machine, whose processes it cannot see, a mark not renewed for
:data:`LEASE_SECONDS` (the marking process renews it every :data:`RENEW_SECONDS`).
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import neo4j
from neo4j.exceptions import Neo4jError

from .cypher import cypher
from .db import Graph
from .errors import LockBusyError, WriteConflictError, as_option
from .server.process import is_alive
from .tallies import ensure as ensure_tallies
from .tallies import retally_all

DEFAULT_WAIT = 600.0  # seconds a writer waits for another one before giving up
# The tokens of the marks this process has set and still means to clear. A mark of this
# process's id with another token was left by work that failed without clearing it (its
# server died under it), and is stale.
_live: set[str] = set()
_PROBE_SECONDS = 1.0
_POLL_SECONDS = 0.5
RENEW_SECONDS = 30.0  # how often marked work renews its mark
LEASE_SECONDS = 300  # a mark from another machine not renewed for this long is a dead one's


def ensure_schema(graph: Graph, *, retally: bool = False) -> int:
    """Constraints, indexes and the lock node (idempotent), and the tallies of sources counted
    again if they are not known to be right (graph.tallies), or with ``retally``; returns the
    schema's statements."""
    count = graph.apply_script("schema")
    graph.write(cypher("lock/ensure"), ours=True)
    if retally:
        retally_all(graph)
    else:
        ensure_tallies(graph)
    return count


def data_nodes(tx: neo4j.ManagedTransaction) -> int:
    """How many nodes hold data: all but the lock ("empty" for restore and bulk imports)."""
    return tx.run(cypher("read/data_nodes")).single()["n"]


def take(
    tx: neo4j.ManagedTransaction, *, token: str | None = None, counted: bool | None = None
) -> None:
    """Take the lock for the rest of ``tx``; refuse while live work has marked it. With
    ``token``, ``tx`` is a later transaction of the marked work: the mark must still be its.

    A transaction that may change what readers see counts as a change once committed
    (cypher/lock/changing.cypher), so that a reader that read before and after it in separate
    statements (a view's relations, then its nodes) reads again. ``counted`` says whether it
    may; by default, one without ``token`` may: the later transactions of batched work write
    what readers do not see, and only the one that shows it counts (``counted=True``)."""
    row = tx.run(cypher("lock/take")).single()
    if token is not None and (row is None or row["token"] != token):
        raise WriteConflictError(MARK_LOST)
    busy = _busy(row)
    if busy is not None and token is None:
        if not _stale(row):
            raise LockBusyError(f"{busy}, so nothing was written. Run this again once it is done.")
        tx.run(cypher("lock/unmark"), token=row["token"]).consume()
    if counted if counted is not None else token is None:
        tx.run(cypher("lock/changing")).consume()


MARK_LOST = (
    "This work's mark on the load lock was cleared by another writer: it was not renewed for "
    f"{LEASE_SECONDS} s (was this process suspended?). Nothing more was written; the next "
    "load, import or drop removes what it left. Run it again."
)


def still_marked(tx: neo4j.ManagedTransaction, token: str) -> None:
    """Refuse to go on with marked work whose mark another writer has cleared (it lapsed)."""
    if tx.run(cypher("lock/marked_by"), token=token).single()["ours"] is not True:
        raise WriteConflictError(MARK_LOST)


def wait(
    graph: Graph, seconds: float = DEFAULT_WAIT, on_wait: Callable[[str], None] | None = None
) -> None:
    """Return once no other writer holds the lock and no live work marks it.

    Polls with short transactions that give up after a second; says once, through
    ``on_wait``, what it waits for; after ``seconds`` raises :class:`LockBusyError`.
    """
    deadline = time.monotonic() + seconds
    told = False
    while (reason := _probe(graph)) is not None:
        if time.monotonic() >= deadline:
            raise LockBusyError(
                f"{reason}; still so after {seconds:.0f} s, and nothing was written. Try "
                f"again later, or wait longer with {as_option('--wait SECONDS', 'wait=SECONDS')}."
            )
        if on_wait is not None and not told:
            on_wait(f"Waiting for {reason} (up to {seconds:.0f} s)")
            told = True
        time.sleep(_POLL_SECONDS)


def marking(what: str) -> dict[str, Any]:
    """The parameters of a new mark (cypher/lock/mark.cypher, stage.cypher) of this process;
    its token counts as live here until :func:`release`."""
    token = str(uuid.uuid4())
    _live.add(token)
    return {"what": what, "pid": os.getpid(), "host": socket.gethostname(), "token": token}


def release(token: str) -> None:
    """The work of this mark is over here (its mark cleared, or left for others to clear)."""
    _live.discard(token)


def mark(graph: Graph, what: str, check: Callable[[Any], None] | None = None) -> str:
    """Mark the lock for work that spans many transactions (see :func:`marked`); the mark's
    token.

    ``check(tx)`` runs under the lock before the mark is set (e.g. "the database is empty"),
    so no other writer can slip in between the check and the mark.
    """
    params = marking(what)

    def begin(tx: neo4j.ManagedTransaction) -> None:
        take(tx)
        if check is not None:
            check(tx)
        tx.run(cypher("lock/mark"), params).consume()

    graph.transaction(begin)
    return params["token"]


@contextmanager
def marked(graph: Graph, what: str, check: Callable[[Any], None] | None = None) -> Iterator[str]:
    """The lock marked while the block runs (its token), and unmarked afterwards, whatever
    happens."""
    token = mark(graph, what, check)
    try:
        with renewing(graph, token):
            yield token
    finally:
        unmark(graph, token)
        release(token)


@contextmanager
def renewing(graph: Graph, token: str, every: float = RENEW_SECONDS) -> Iterator[None]:
    """Renew the mark with ``token`` every ``every`` seconds while the block runs (a thread of
    its own), so that writers on other machines see its process is alive. A renewal that
    fails (the server is gone) is skipped: the work fails on its own, and the mark then
    lapses."""
    stop = threading.Event()

    def renew() -> None:
        while not stop.wait(every):
            with contextlib.suppress(Exception), graph.session(write=True) as session:
                tx = session.begin_transaction(timeout=_PROBE_SECONDS * 5)  # once, no retries
                with tx:
                    tx.run(cypher("lock/renew"), token=token).consume()
                    tx.commit()

    beat = threading.Thread(target=renew, name="actorgraph-lock-renewal", daemon=True)
    beat.start()
    try:
        yield
    finally:
        stop.set()
        beat.join(timeout=every)


def unmark(graph: Graph, token: str | None) -> None:
    """Clear the mark with ``token`` (None: a mark set without one, by an older version)."""
    graph.write(cypher("lock/unmark"), {"token": token}, ours=True)


def waiting(
    graph: Graph,
    work: Callable[[], Any],
    seconds: float = DEFAULT_WAIT,
    on_wait: Callable[[str], None] | None = None,
) -> Any:
    """Run ``work`` once the lock is free; if it still finds live work marking the lock (it
    began in between), wait again, all within ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        wait(graph, max(0.0, deadline - time.monotonic()), on_wait)
        try:
            return work()
        except LockBusyError:
            if time.monotonic() >= deadline:
                raise


def writing(graph: Graph) -> str | None:
    """What writes now, as a phrase ("another load, import or drop that is writing", or the
    live mark of batched work with its process), or None when nothing does."""
    return _probe(graph)


def _probe(graph: Graph) -> str | None:
    """What keeps the lock now, or None if it is free."""
    with graph.errors(), graph.session(write=True) as session:
        try:
            tx = session.begin_transaction(timeout=_PROBE_SECONDS)
            try:
                row = tx.run(cypher("lock/take")).single()
            finally:
                tx.rollback()
        except Neo4jError as exc:
            if _is_lock_wait(exc):
                return "another load, import or drop that is writing"
            raise
    busy = _busy(row)
    if busy is None:
        return None
    if _stale(row):
        unmark(graph, row["token"])  # that very mark: one set since stays
        return None
    return busy


def _busy(row: Any) -> str | None:
    if row is None or row["busy"] is None:
        return None
    since = row["since"].iso_format()[:19] if row["since"] is not None else "?"
    # the renewal's timestamp and now are the server's, but datetime() is the transaction's
    # start: a renewal committed since reads as a second in the future
    renewed = "" if row["quiet"] is None else f", renewed {max(0, row['quiet'])} s ago"
    return f"{row['busy']} (process {row['pid']} on {row['host']}, since {since}{renewed})"


def _stale(row: Any) -> bool:
    """The marking process ran on this machine and is gone, or is this one and the mark's
    work is over here (it failed without clearing it: the server died under it); or it ran on
    another machine and has not renewed the mark for LEASE_SECONDS (a mark set by a version
    that did not renew has no ``quiet`` and is never taken for stale from afar)."""
    if row["host"] != socket.gethostname():
        return row["quiet"] is not None and row["quiet"] > LEASE_SECONDS
    pid = int(row["pid"])
    return (pid == os.getpid() and row["token"] not in _live) or not is_alive(pid)


def _is_lock_wait(exc: Neo4jError) -> bool:
    code = exc.code or ""
    words = ("LockClientStopped", "TimedOut", "Terminated", "DeadlockDetected")
    return any(word in code for word in words)
