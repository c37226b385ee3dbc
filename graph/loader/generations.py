"""A re-load too big for one transaction: its new generation written hidden, then shown at once.

A re-load changes a dataset in place: it creates what is new, rewrites what changed and deletes
what the files no longer have. In one transaction every change is held in the server's memory,
and on the default 1 GiB heap a re-load of 300,000 changed relations did not fit. A re-load
with more than ``one_transaction_max`` items to create, rewrite or delete goes in four steps,
and readers see the dataset as it was until the third one commits, and as it is after from
then on:

1. In the load's first transaction, under the lock: the dataset is checked and compared as
   always; then its generation's ``new`` mark is listed on the lock node as hidden
   (cypher/lock/open_generation.cypher), and the lock is marked busy so other writers wait.
2. Committed batches write the new actors, places and events, the new relations and a new copy
   of each changed relation, all carrying the ``new`` mark in their ``generation`` property:
   readers leave them out (graph.query.hidden). The relations being replaced or removed get
   the ``old`` mark, which nothing hides yet.
3. One small transaction does the rest of the load (updated entities, accounts, sources, the
   :Load record), gives the ``old`` mark to the entities the new version no longer has and
   only old relations use (where a load in one transaction prunes them), and swaps the marks
   on the lock: the ``new`` one goes, the ``old`` one is hidden. From its commit on, readers
   see the new generation only.
4. Committed batches delete the old generation and take the ``new`` mark off what stays; a last
   transaction records the load again, with its state fingerprint, and takes the mark off.

A re-load that stops before step 3 (an error, Ctrl-C, the process or the server killed) is
undone: by itself when it can, otherwise by the next load, import or drop, which deletes the
new generation and the ``old`` marks. One that stops after step 3 is finished by the next
writer. Either way readers never see a mix, and running the load again converges.

A mark is ``new:<token>:<dataset>`` or ``old:<token>:<dataset>``; the token is the lock mark's,
random, so a mark is never a dataset's name.
"""

from __future__ import annotations

import contextlib
from typing import Any

import neo4j

from ..cypher import cypher
from ..db import Graph
from ..lock import marked, marking, release, renewing, take, unmark
from ..tallies import retally
from .batched import WRITERS, committed, deleted_in_batches, stopped_midway

NEW, OLD = "new", "old"


def mark_of(state: str, token: str, dataset: str) -> str:
    """The mark of a generation: ``state`` is NEW or OLD."""
    return f"{state}:{token}:{dataset}"


def parse_mark(mark: str) -> tuple[str, str, str]:
    """A mark's state, token and dataset."""
    state, token, dataset = mark.split(":", 2)
    return state, token, dataset


class Regeneration:
    """A re-load being written as a new generation (see the module's doc); ``work`` is its
    graph.loader.write._Transaction, which holds the plan and the changes."""

    def __init__(self, work: Any, token: str) -> None:
        self.work, self.token = work, token
        self.name: str = work.dataset.name
        self.new, self.old = mark_of(NEW, token, self.name), mark_of(OLD, token, self.name)
        self.counted = work.report.counts()  # a retried swap counts from here

    @classmethod
    def begin(cls, tx: neo4j.ManagedTransaction, work: Any, limit: int) -> Regeneration | None:
        """Open a generation if the re-load changes more than ``limit`` items (step 1)."""
        if changed(work) <= limit:
            return None
        params = marking(f"a re-load of {work.dataset.name} in batches")
        mark = mark_of(NEW, params["token"], work.dataset.name)
        tx.run(cypher("lock/open_generation"), mark=mark, **params).consume()
        return cls(work, params["token"])

    def finish(self, work: Any) -> None:
        """Steps 2 to 4; before step 3 commits, a failure undoes what was written."""
        graph: Graph = work.graph
        shown: list[bool] = []
        try:
            with renewing(graph, self.token):
                self._write(work)
                graph.transaction(self._show)
                shown.append(True)
                self._retire(graph)
        except BaseException as stopped:
            self._stopped(graph, stopped, bool(shown))
            raise
        finally:
            release(self.token)

    def _write(self, work: Any) -> None:
        """Step 2: the new generation, hidden, and the old one marked."""
        run = committed(work.graph, self.token)
        marked_new = {"generation": self.new}
        nodes = [row | {"props": row["props"] | marked_new} for row in work.nodes.created]
        relations = work.relations
        fresh = [row | {"props": row["props"] | marked_new}
                 for row in (*relations.created, *relations.updated)]  # fmt: skip
        replaced = [row["eid"] for row in relations.updated]
        removed = [eid for eids in relations.deleted.values() for eid in eids]
        work.write_rows(run, "write/entities", nodes, WRITERS)
        work.write_rows(run, "write/relations", fresh, WRITERS)
        old = [{"eid": eid, "mark": self.old} for eid in (*replaced, *removed)]
        work.write_rows(run, "write/mark_relations", old, WRITERS, counted=False)

    def _show(self, tx: neo4j.ManagedTransaction) -> None:
        """Step 3: the rest of the load, and the marks swapped."""
        self.work.report.recount(self.counted)
        take(tx, token=self.token)
        self.work.finish(tx, relations_written=True, retiring=self.old)
        tx.run(cypher("lock/show_generation"), new=self.new, old=self.old).consume()

    def _retire(self, graph: Graph) -> None:
        """Step 4."""
        settle(graph, dropped=self.old, kept=self.new)
        self.counted = self.work.report.counts()  # a retried last step counts from here
        graph.transaction(self._last)

    def _last(self, tx: neo4j.ManagedTransaction) -> None:
        self.work.report.recount(self.counted)
        take(tx, token=self.token)
        self.work.record_again(tx)
        tx.run(cypher("lock/close_generation"), mark=self.old, token=self.token).consume()

    def _stopped(self, graph: Graph, stopped: BaseException, shown: bool) -> None:
        """Undo what was written if the new generation was not shown (the next writer does,
        if this cannot); a stop after it was shown leaves its end to the next writer, and
        says so."""
        with contextlib.suppress(Exception):  # the server gone: the mark lapses on its own
            unmark(graph, self.token)
        if not shown:
            # Undone under the lock, and only if the new generation is still hidden: a swap
            # whose commit did happen, unbeknown to this process, is whole and stays.
            try:
                resume(graph, self.new)
            except Exception:  # the server gone: the next writer undoes it
                stopped_midway(
                    stopped,
                    f"The re-load of {self.name!r} stopped midway: readers see the version "
                    "before it (or the new one whole, if its swap committed unseen), and the "
                    "next load, import or drop ends it; run this load again once the server "
                    "answers.",
                )
            return
        left = (f"The re-load of {self.name!r} is shown whole; the relations it replaced are "
                "hidden from readers but not all deleted yet: the next load, import or drop "
                "deletes them.")  # fmt: skip
        stopped_midway(stopped, left)


def changed(work: Any) -> int:
    """How many items a load creates, rewrites or deletes in batches if it goes this way."""
    relations = work.relations
    deleted = sum(len(eids) for eids in relations.deleted.values())
    return len(work.nodes.created) + len(relations.created) + len(relations.updated) + deleted


def settle(graph: Graph, *, dropped: str, kept: str) -> int:
    """Delete what carries the ``dropped`` mark and take the ``kept`` mark off what carries it,
    in committed batches (the caller holds the lock's mark, and the lock's list still names
    ``dropped``, so readers keep leaving out what is deleted); how many items it deleted."""
    return deleted_in_batches(
        graph,
        [
            ("write/drop_generation_relations", {"mark": dropped}),
            ("write/drop_generation_entities", {"mark": dropped}),
            ("write/settle_generation_relations", {"mark": kept}),
            ("write/settle_generation_entities", {"mark": kept}),
        ],
    )


def resume(graph: Graph, mark: str) -> int:
    """Undo (a ``new`` mark) or finish (an ``old`` one) an interrupted re-load; how many items
    it deleted. Nothing if another writer did first."""
    state, token, name = parse_mark(mark)
    new, old = mark_of(NEW, token, name), mark_of(OLD, token, name)
    dropped, kept = (new, old) if state == NEW else (old, new)

    def still_listed(tx: neo4j.ManagedTransaction) -> None:
        if mark not in tx.run(cypher("read/staging")).single()["marks"]:
            raise _Done

    what = f"the {'undoing' if state == NEW else 'end'} of an interrupted re-load of {name}"
    try:
        with marked(graph, what, still_listed):
            count = settle(graph, dropped=dropped, kept=kept)

            def close(tx: neo4j.ManagedTransaction) -> None:
                retally(tx, name)  # one generation left
                tx.run(cypher("lock/close_generation"), mark=mark, token=None).consume()

            graph.transaction(close)
    except _Done:
        return 0
    return count


class _Done(Exception):
    """Another writer undid or finished it first."""
