"""A large first load whose relations are written while the next ones are still checked.

Checking and planning a dataset is Python's work and writing it is the server's: one after the
other, each waits for the other (at 300,000 relations here, 28 s of reading, checking and
planning before 20 s of writing). A first load of a dataset the database does not hold, too
big for one transaction (graph.loader.staged), overlaps them once its columns, entities and
sources are checked:

1. The load's first transaction, under the lock, checks those and stages the dataset as
   :class:`~graph.loader.staged.Staged` does: hidden from every reader, the lock marked busy.
2. Its entities are written in committed batches; then each batch of relations checked is
   planned and handed to the writers while the next batch is checked.
3. Once every relation is checked and written, the last small transaction shows the dataset
   whole, as a staged load's does.

Nothing becomes visible before the whole dataset is checked. A problem found on the way stops
the writing: what was written is removed, and the load starts again the whole way (check,
then write), so that it reports every problem as any load does and leaves the database as it
was. A bad file found late thus costs the writing done before the problem.
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import Any

import neo4j

from ..cypher import cypher
from ..errors import DatasetError
from ..validate import Checking
from .batched import WRITERS, Runner, check_count, pool
from .plan import relation_row
from .staged import Staged

# Batches handed to the writers and not yet written, at most: enough to keep both busy, few
# enough that a failed batch stops the load soon.
IN_FLIGHT = 2 * WRITERS


class Unstreamed(Exception):
    """A streamed load found a problem (its batches are removed): load the whole way."""


class Streamed(Staged):
    """A first load whose relations are checked while the earlier ones are written; ``work``
    is its graph.loader.write._Transaction, ``begun`` the check, as far as the relations."""

    def __init__(self, work: Any, token: str, begun: Checking) -> None:
        super().__init__(work, token)
        self.begun = begun

    @staticmethod
    def wanted(tx: neo4j.ManagedTransaction, begun: Checking, limit: int) -> bool:
        """Whether the load may go this way: sound so far, more than ``limit`` items, and of a
        dataset that holds no entity (that it holds no relation is known once compared)."""
        items = len(begun.entities) + begun.unchecked
        if not begun.sound or items <= limit:
            return False
        return not tx.run(cypher("read/holds_entities"), dataset=begun.name).single()["held"]

    @classmethod
    def begin(  # type: ignore[override]
        cls, tx: neo4j.ManagedTransaction, work: Any, begun: Checking, limit: int
    ) -> Streamed | None:
        """Stage the load (as :meth:`Staged.begin`) if the database holds no relation of the
        dataset either, with ``work`` prepared from what is checked so far."""
        stored = work.relations
        if stored.created or stored.updated or stored.deleted or stored.unchanged:
            return None  # a re-load: checked whole first
        work.total += begun.unchecked  # as far as is known yet
        return cls(work, cls.stage(tx, begun.name), begun)

    def write(self, work: Any, run: Runner) -> None:
        """The entities in batches, and each batch of relations as soon as it is checked (and
        the entities are written: a relation needs its ends); then the whole dataset is
        handed to ``work``."""
        nodes, size = work.nodes.created, work.batch_size
        planned: list[dict] = []
        held: list[list[dict]] = []  # relations checked while the entities are being written
        waiting: deque[_Batch] = deque()
        with pool(WRITERS) as workers:
            assert workers is not None
            batch = partial(_Batch.submit, workers, run)
            entities = [
                batch("write/entities", nodes[i : i + size]) for i in range(0, len(nodes), size)
            ]
            for chunk in self.begun.relations_in(size, stop=True):
                rows = [relation_row(relation, self.name) for relation in chunk]
                planned += rows
                held.append(rows)
                if entities and not all(e.future.done() for e in entities):
                    continue
                for e in entities:
                    e.written(work)
                entities = []
                waiting += [batch("write/relations", rows) for rows in held]
                held = []
                while len(waiting) > IN_FLIGHT:
                    waiting.popleft().written(work)
            if not self.begun.sound:  # found on the way, or once all were checked
                raise Unstreamed  # the batches running end first; then all are removed
            for e in entities:
                e.written(work)
            waiting += [batch("write/relations", rows) for rows in held]
            while waiting:
                waiting.popleft().written(work)
        try:
            dataset = work.source.end(work.graph, self.begun)  # the loader's own last checks
        except DatasetError:
            raise Unstreamed from None
        work.checked(dataset, planned)
        self.counted = work.report.counts()


@dataclass
class _Batch:
    """Rows handed to a writer, and what it will answer."""

    statement: str
    rows: int
    future: Future

    @classmethod
    def submit(
        cls, workers: ThreadPoolExecutor, run: Runner, statement: str, rows: list[dict]
    ) -> _Batch:
        return cls(statement, len(rows), workers.submit(run, cypher(statement), rows))

    def written(self, work: Any) -> None:
        """Wait for the batch; it must have changed exactly its rows."""
        check_count(self.statement, self.rows, sum(row["count"] for row in self.future.result()))
        work.advance(self.rows)
