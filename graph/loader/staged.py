"""A first load too big for one transaction: written in committed batches, shown at once.

One transaction holds all its changes in the server's memory: on the default 1 GiB heap about
100,000 relations fit. A larger load of a dataset the database does not hold yet goes this way:

1. In the load's first transaction, under the lock: the dataset is checked and compared as
   always, then *staged* (cypher/lock/stage.cypher): its name is listed on the lock node as
   hidden, and the lock is marked busy by this process, so other writers wait.
2. Its new actors, places, events and relations are written in batches, each committed. Every
   reader of actorgraph leaves hidden datasets out (graph.query.hidden): named queries, views,
   analyses, exports, dumps and ``datasets list`` see no part of it.
3. One last small transaction checks that the batches wrote exactly the plan, writes the rest
   (sources, accounts, the :Load record) and takes the name off the list: from its commit on,
   readers see the whole dataset.

A load that fails in between removes what it wrote. One that cannot (killed, or the server
gone) leaves its dataset hidden; the next load, import or drop finds it there and removes it
before anything else, so running the load again converges. Ad-hoc Cypher (``actorgraph query``
with a statement of its own) sees the batches as they commit: docs/scale.md.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import neo4j

from ..cypher import cypher
from ..db import Graph
from ..errors import WriteConflictError
from ..lock import marked, marking, release, renewing, take
from ..query.hidden import hidden_datasets, hidden_state
from ..tallies import forget
from . import dropping, generations
from .batched import WRITERS, Runner, committed, deleted_in_batches, stopped_midway

T = TypeVar("T")


class Interrupted(Exception):
    """The database holds what interrupted batched loads, drops or re-loads left (found under
    the lock): hidden datasets, and the marks of re-loads' generations."""

    def __init__(self, datasets: list[str], marks: list[str]) -> None:
        super().__init__(", ".join([*datasets, *marks]))
        self.datasets, self.marks = datasets, marks


def check_staged(tx: neo4j.ManagedTransaction, dry_run_of: str | None = None) -> None:
    """Under the lock, with no live work marking it: a dataset still hidden, or a generation
    mark still listed, was left by batched work that did not finish, and must be dealt with
    before this load writes (nothing resolves against a hidden dataset meanwhile). A dry run
    of another dataset leaves them alone."""
    hidden = hidden_state(lambda statement: tx.run(statement).data())
    datasets, marks = hidden.datasets, hidden.marks
    if dry_run_of is not None:
        datasets = [name for name in datasets if name == dry_run_of]
        marks = [mark for mark in marks if generations.parse_mark(mark)[2] == dry_run_of]
    if datasets or marks:
        raise Interrupted(datasets, marks)


def after_interrupted(
    graph: Graph,
    work: Callable[[], T],
    *,
    dry_run: bool = False,
    removed: dict[str, int] | None = None,
) -> T:
    """``work()``, run again after removing what interrupted batched loads wrote if it finds
    some (:class:`Interrupted`); how many items each had goes into ``removed``."""
    removed = {} if removed is None else removed
    for _ in range(3):
        try:
            return work()
        except Interrupted as interrupted:
            removed |= clear_interrupted(
                graph, interrupted.datasets, dry_run=dry_run, marks=interrupted.marks
            )
    raise WriteConflictError(
        "What an interrupted load wrote is still listed as hidden after three removals; "
        "see `actorgraph datasets list`, and drop that dataset."
    )


def clear_interrupted(
    graph: Graph,
    datasets: list[str],
    *,
    dry_run: bool = False,
    marks: Sequence[str] = (),
) -> dict[str, int]:
    """Remove what interrupted batched loads of ``datasets`` wrote, in committed batches, or
    finish their interrupted drops (graph.loader.dropping); undo or finish the re-loads whose
    generation ``marks`` are listed (graph.loader.generations). Returns how many nodes and
    relations each dataset's removed. A dry run may not: it is refused."""
    if dry_run:
        raise WriteConflictError(_unfinished(datasets, marks))
    removed: dict[str, int] = {}
    for mark in marks:
        name = generations.parse_mark(mark)[2]
        removed[name] = removed.get(name, 0) + generations.resume(graph, mark)
    being_dropped = dropping.dropping(graph)
    for name in datasets:
        if name in being_dropped:  # a drop in batches that stopped: finish it
            removed[name] = dropping.resume(graph, name)
            continue

        def still_hidden(tx: neo4j.ManagedTransaction, name: str = name) -> None:
            check = tx.run(cypher("read/staging")).single()
            if check is None or name not in check["datasets"]:
                raise _Gone

        try:
            what = f"the removal of an interrupted load of {name}"
            with marked(graph, what, still_hidden) as token:
                removed[name] = _remove(graph, name, token)
        except _Gone:
            continue
    return removed


def _unfinished(datasets: list[str], marks: Sequence[str]) -> str:
    """Why a dry run cannot go ahead: what interrupted work left, which only a write can end."""
    said = []
    if datasets:
        said.append(f"an unfinished load or drop of {', '.join(map(repr, datasets))} (hidden "
                    "from readers)")  # fmt: skip
    if marks:
        names = sorted({generations.parse_mark(mark)[2] for mark in marks})
        said.append(f"an unfinished re-load of {', '.join(map(repr, names))} (readers see one "
                    "whole version of it)")  # fmt: skip
    return (
        f"The database holds {' and '.join(said)}. A dry run writes nothing, so it cannot "
        "finish or undo that first: run any load, import or drop without --dry-run (it does "
        "so before anything else), then the dry run."
    )


class _Gone(Exception):
    """Another writer removed it first."""


def _remove(graph: Graph, name: str, token: str) -> int:
    """Delete what a batched load of ``name`` wrote, by the work whose mark has ``token``;
    the number of nodes and relations. Only while the dataset is hidden (a load whose last
    transaction did commit, unbeknown to it, is whole and stays), and it is shown again only
    once nothing of it is left (a batch still being written keeps it hidden)."""
    if name not in hidden_datasets(graph):
        return 0
    statements = ("write/unstage_relations", "write/unstage_entities")
    count = deleted_in_batches(graph, [(s, {"dataset": name}) for s in statements])

    def unstage(tx: neo4j.ManagedTransaction) -> None:
        forget(tx, name)  # a count of everything made while it was hidden has some
        tx.run(cypher("lock/unstage"), dataset=name, token=token, removed=True).consume()

    graph.transaction(unstage)
    return count


class Staged:
    """A load being written in batches (see the module's doc); ``work`` is its
    graph.loader.write._Transaction, which holds the plan and the changes."""

    # What a load that stopped midway and could not remove its batches (its server gone) says
    LEFT = (
        "The load of {name!r} stopped midway: what it wrote is hidden from readers, and the "
        "next load, import or drop removes it; run this load again once the server answers."
    )

    def __init__(self, work: Any, token: str) -> None:
        self.work, self.token = work, token
        self.name: str = work.dataset.name
        self.counted = work.report.counts()  # a retried last transaction counts from here

    @classmethod
    def begin(cls, tx: neo4j.ManagedTransaction, work: Any, limit: int) -> Staged | None:
        """Stage the load if it is a first load of more than ``limit`` new items (see
        :meth:`wanted`): hide the dataset and mark the lock, in the load's first transaction."""
        if not cls.wanted(tx, work, limit):
            return None
        return cls(work, cls.stage(tx, work.dataset.name))

    @staticmethod
    def stage(tx: neo4j.ManagedTransaction, name: str) -> str:
        """List ``name`` as hidden and mark the lock busy for its load; the mark's token."""
        params = marking(f"a load of {name} in batches")
        tx.run(cypher("lock/stage"), dataset=name, **params).consume()
        return params["token"]

    @staticmethod
    def wanted(tx: neo4j.ManagedTransaction, work: Any, limit: int) -> bool:
        """Whether the load is a first load of more than ``limit`` new items."""
        new = len(work.nodes.created) + len(work.relations.created)
        if new <= limit:
            return False
        stored = work.relations  # the diff read every relation the dataset has
        if stored.deleted or stored.updated or stored.unchanged:
            return False  # a re-load: graph.loader.generations
        return not tx.run(cypher("read/holds_entities"), dataset=work.dataset.name).single()["held"]

    def finish(self, work: Any) -> None:
        """Write the batches, then show the dataset; on failure remove what was written."""
        graph: Graph = work.graph
        try:
            with renewing(graph, self.token):
                self.write(work, committed(graph, self.token))
                graph.transaction(self._show)
        except BaseException as stopped:
            try:
                _remove(graph, self.name, self.token)
            except Exception:  # the server is gone: the next writer removes it
                stopped_midway(stopped, self.LEFT.format(name=self.name))
            raise
        finally:
            release(self.token)

    def write(self, work: Any, run: Runner) -> None:
        """The batches, each committed by ``run``."""
        work.write_new(run, WRITERS)

    def _show(self, tx: neo4j.ManagedTransaction) -> None:
        report = self.work.report
        report.recount(self.counted)
        take(tx, token=self.token, counted=True)  # the dataset is shown
        held = tx.run(cypher("read/staged_counts"), dataset=self.name).single()
        planned = (len(self.work.nodes.created), len(self.work.relations.created))
        if held is None or (held["entities"], held["relations"]) != planned:
            found = (held["entities"], held["relations"]) if held else (0, 0)
            raise WriteConflictError(
                f"The batches of the load of {self.name} wrote {found[0]:,} nodes and "
                f"{found[1]:,} relations where {planned[0]:,} and {planned[1]:,} were planned; "
                "what they wrote was removed. Load again."
            )
        self.work.finish(tx)
        tx.run(cypher("lock/unstage"), dataset=self.name, token=self.token, removed=False).consume()
