"""What work written in committed batches shares: a batched first load (graph.loader.staged)
and a re-load in batches (graph.loader.generations)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

import neo4j

from ..cypher import cypher
from ..db import Graph
from ..errors import (
    ActorGraphError,
    InterruptedMidway,
    WriteConflictError,
    interruption,
    wording_carried,
)
from ..lock import LEASE_SECONDS, still_marked

# Runs one statement over one batch of rows and returns its result rows.
Runner = Callable[[str, list[dict]], list[dict]]

# Items deleted per committed batch when what an interrupted load wrote is removed.
REMOVAL_BATCH = 10_000

# Batches written at once, each by a transaction of its own (measured: bench/scale.py).
WRITERS = 2


def deleted_in_batches(graph: Graph, statements: list[tuple[str, dict[str, Any]]]) -> int:
    """Run each statement (a ``CALL … IN TRANSACTIONS OF $batch ROWS``, so in an auto-commit
    session) with its parameters, in turn; how many nodes and relations they deleted."""
    count = 0
    with graph.errors(), graph.session(write=True) as session:
        for statement, params in statements:
            result = session.run(cypher(statement), batch=REMOVAL_BATCH, **params)
            counters = result.consume().counters
            count += counters.relationships_deleted + counters.nodes_deleted
    return count


def committed(graph: Graph, token: str) -> Runner:
    """A runner that commits each batch in its own transaction, while the load's mark is still
    its own; the server ends a batch that outlives half the mark's lease (a process suspended
    in the middle of one), so that no batch commits after the mark lapsed and was cleared."""

    def batch(statement: str, rows: list[dict], tx: neo4j.ManagedTransaction) -> list[dict]:
        still_marked(tx, token)
        return tx.run(statement, rows=rows).data()

    def run(statement: str, rows: list[dict]) -> list[dict]:
        return graph.transaction(partial(batch, statement, rows), timeout=LEASE_SECONDS / 2)

    return run


@contextlib.contextmanager
def pool(writers: int) -> Iterator[ThreadPoolExecutor | None]:
    """Threads for ``writers`` > 1 (none for one: a transaction's batches run in its thread);
    on the way out, batches not begun are cancelled and those running are waited for."""
    if writers <= 1:
        yield None
        return
    executor = ThreadPoolExecutor(max_workers=writers, initializer=wording_carried())
    try:
        yield executor
    finally:
        executor.shutdown(cancel_futures=True)


def within(tx: neo4j.ManagedTransaction) -> Runner:
    """A runner of batches inside ``tx``."""
    return lambda statement, rows: tx.run(statement, rows=rows).data()


def stopped_midway(stopped: BaseException, left: str) -> None:
    """Tell the user what work in batches that ``stopped`` left (``left``): Ctrl-C becomes
    InterruptedMidway saying so (so does a failure on the way out of one: errors.interruption);
    an actorgraph error says it after its own message. Anything else is the caller's to
    re-raise."""
    if interruption(stopped) is not None:  # a KeyboardInterrupt is its own
        raise InterruptedMidway(left) from None
    if isinstance(stopped, ActorGraphError):
        stopped.args = (f"{stopped} {left}",)


def check_count(statement: str, planned: int, done: int) -> None:
    """A statement that changed fewer (or more) items than planned aborts the load.

    Under the load lock this cannot happen through actorgraph; it guards against writes made
    around it (a node deleted by hand in between), which would otherwise be reported as done.
    """
    if done != planned:
        raise WriteConflictError(
            f"cypher/{statement}.cypher changed {done} items where {planned} were planned: the "
            "database changed under the load. Nothing was written; load again."
        )
