"""Write a checked dataset into Neo4j, all or nothing.

Every statement runs inside a single managed write transaction: if the input is bad nothing is
sent; if the server dies, the connection drops or a constraint fails half-way, Neo4j discards
the whole transaction and the database stays exactly as it was. Re-loading the same dataset
changes nothing; a changed dataset is updated in place, and what it no longer has is removed.

A first load too big for one transaction (more than ``one_transaction_max`` items to create)
is written in committed batches instead, hidden from every reader until a last small
transaction shows it whole (graph.loader.staged); so is a re-load with more than that many
items to create, rewrite or delete, as a new generation (graph.loader.generations).
"""

from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import neo4j

from ..cypher import cypher
from ..db import Graph
from ..errors import DiskSpaceError, ReplaceRefusedError
from ..lock import ensure_schema, take
from ..settings import ONE_TRANSACTION_MAX
from ..tallies import retally
from ..validate import Checking, Dataset
from . import generations
from .accounts import account_rows, hand_over, sync_all
from .batched import Runner, check_count, pool, within
from .check import gc_paused
from .datasets import refuse_replacing
from .diff import Changes, entity_changes, relation_changes
from .disk import room_for
from .dropping import prune_sources, sweep_dropped
from .generations import Regeneration
from .plan import plan
from .recognise import dataset_state, external_refs
from .records import LoadReport, Progress, load_record
from .staged import Interrupted, Staged, after_interrupted, check_staged
from .streamed import Streamed, Unstreamed

# Rows per statement. Once the server is warm, 1,000, 10,000 and 25,000 write 100k relations
# within 10 % of each other (bench/load_ideas.py); on a cold server, 10,000 was faster (5.0 s
# against 7.1 s), and the progress bar still moves every 10,000 rows.
BATCH_SIZE = 10_000
# Makes the dataset to write from what the database knows, inside the load's transaction.
Prepare = Callable[[neo4j.ManagedTransaction], Dataset]


@dataclass(frozen=True)
class Checks:
    """How a load makes its dataset in two steps, so that a large first load can write its
    relations while the next ones are checked (graph.loader.streamed): ``begin`` checks the
    columns, entities and sources against what the database knows (the relations as they are
    asked for); ``end`` makes the whole dataset from that beginning, or raises
    :class:`DatasetError` with every problem as the whole check finds them."""

    begin: Callable[[neo4j.ManagedTransaction], Checking]
    end: Callable[[Graph | neo4j.ManagedTransaction, Checking], Dataset]


class _DryRun(Exception):
    """Raised inside the transaction to roll back a dry run after counting."""


def write(
    graph: Graph,
    dataset: Dataset | Prepare | Checks,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    batch_size: int = BATCH_SIZE,
    inputs: str | None = None,
    one_transaction_max: int = ONE_TRANSACTION_MAX,
) -> LoadReport:
    """Write a dataset in one transaction (or, for a large first load, in hidden batches),
    under the load lock.

    ``dataset`` is a checked Dataset, or a function that makes it from what the database
    knows (``prepare(known)``): called inside the transaction once the lock is held, so no
    other writer can change the names it resolves against before they are written.
    ``inputs`` (:func:`graph.loader.recognise.inputs_fingerprint` of the files it was read
    from) is recorded with the state the load leaves, so that a re-load can be recognised.
    """
    ensure_schema(graph)
    options = {"progress": progress, "batch_size": batch_size, "inputs": inputs}
    options |= {"one_transaction_max": one_transaction_max}
    return write_with_schema(graph, dataset, dry_run=dry_run, **options)


def write_with_schema(
    graph: Graph,
    dataset: Dataset | Prepare | Checks,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    batch_size: int = BATCH_SIZE,
    inputs: str | None = None,
    one_transaction_max: int = ONE_TRANSACTION_MAX,
    input_kind: str = "files",
    replace: bool = False,
) -> LoadReport:
    """:func:`write` for a caller that has ensured the schema and the lock node already (a
    load does, before it waits for the lock), so it is not applied twice. ``input_kind`` is
    what the dataset is read from (LoadReport.input); a dataset another kind wrote last is
    replaced only with ``replace`` (graph.loader.datasets.refuse_replacing)."""
    with gc_paused():
        report = LoadReport(load_id=str(uuid.uuid4()), dataset="", files=[], dry_run=dry_run)
        report.input = input_kind
        began = time.monotonic()
        work = _Transaction(graph, dataset, report, progress, batch_size, inputs,
                            one_transaction_max=one_transaction_max, replace=replace)  # fmt: skip

        def attempt() -> None:
            with contextlib.suppress(_DryRun):
                graph.transaction(work)

        unfinished: dict[str, int] = {}  # what killed batched loads left goes first
        after_interrupted(graph, attempt, dry_run=dry_run, removed=unfinished)
        try:
            if work.staged is not None:
                work.staged.finish(work)
        except Unstreamed:  # its batches are removed: checked the whole way, it says why
            work.streams = False
            after_interrupted(graph, attempt, removed=unfinished)
            if work.staged is not None:
                work.staged.finish(work)
        report.cleared = unfinished
        report.seconds = time.monotonic() - began
        return report


class _Transaction:
    """The work of one load transaction; run again from the start if the driver retries it."""

    def __init__(
        self,
        graph: Graph,
        dataset: Dataset | Prepare | Checks,
        report: LoadReport,
        progress: Progress | None,
        batch_size: int,
        inputs: str | None,
        *,
        one_transaction_max: int,
        replace: bool,
    ) -> None:
        self.graph, self.source, self.report = graph, dataset, report
        self.progress, self.batch_size, self.inputs = progress, batch_size, inputs
        self.total = self.done = 0
        # items to write above which the load goes in batches (graph.loader.staged), and
        # whether a dataset another kind of input wrote last may be replaced
        self.one_transaction_max, self.replace = one_transaction_max, replace
        self.staged: Staged | Regeneration | None = None
        self.streams = True  # a large first load may be written while it is checked

    def __call__(self, tx: neo4j.ManagedTransaction) -> None:
        report = self.report
        self.staged = None
        take(tx)
        begun, streams = self._begin(tx)
        if begun is not None and streams:
            # what interrupted work left, and refusals of a good dataset, come after the
            # input's own problems: checked whole first, as any load is
            with contextlib.suppress(Interrupted, ReplaceRefusedError, DiskSpaceError):
                self._prepare(tx, begun.so_far(), more=begun.unchecked)
                self.staged = Streamed.begin(tx, self, begun, self.one_transaction_max)
                if self.staged is not None:
                    report.method = "batches"
                    return  # the relations are checked and written in batches, then shown
        self._prepare(tx, self._dataset(tx, begun))  # checked first: bad input removes nothing
        report.method = "transaction"
        if not report.dry_run:
            limit = self.one_transaction_max
            self.staged = Staged.begin(tx, self, limit) or Regeneration.begin(tx, self, limit)
            if self.staged is not None:
                report.method = "batches"
                return  # the changes are written in batches, then the dataset is shown whole
        if not (report.dry_run and self._batched(tx)):
            self.write_new(within(tx))
            self.finish(tx)
            return
        report.method = "batches"
        self.finish(tx, relations_written=True)  # a dry run of a batched load: counted only

    def _prepare(self, tx: neo4j.ManagedTransaction, dataset: Dataset, more: int = 0) -> None:
        """What comes before writing: the dataset's name checked, what interrupted work left
        found, the plan, what it changes, compared with the database, and room for it on the
        disk (with ``more`` items not checked yet)."""
        report = self.report
        report.by_category.clear()
        report.by_type.clear()
        self.dataset = dataset
        if not self.replace:  # before any interrupted work is dealt with: refused, it writes none
            refuse_replacing(tx, dataset.name, report.input)
        check_staged(tx, dataset.name if report.dry_run else None)
        report.dataset, report.files = dataset.name, [str(p) for p in dataset.files]
        report.defaulted = dataset.defaults_summary()
        report.references = dataset.references_summary()
        report.shared = dataset.shared_summary()
        report.description = dataset.description
        self.rows = rows = plan(dataset)
        self.source_ids = [r["id"] for r in rows["sources"]]  # those the files define
        self.sources_kept = 0  # of those they no longer define, how many others keep
        self.total, self.done = sum(len(v) for v in rows.values()), 0
        self.nodes = nodes = entity_changes(tx, rows["entities"])
        self.relations = relations = relation_changes(
            tx, rows["relations"], dataset.name, dataset.held
        )
        self.held_ids = _held_ids(relations)
        if not report.dry_run:
            room_for(self.graph, nodes, relations, more)
        self._count(nodes, relations)

    def _begin(self, tx: neo4j.ManagedTransaction) -> tuple[Checking | None, bool]:
        """The check begun as far as the relations (None for a dataset given whole), and
        whether the load may write them while checking them (:class:`Streamed`)."""
        if not isinstance(self.source, Checks):
            return None, False
        begun = self.source.begin(tx)
        if self.report.dry_run or not self.streams:
            return begun, False
        return begun, Streamed.wanted(tx, begun, self.one_transaction_max)

    def checked(self, dataset: Dataset, relations: list[dict]) -> None:
        """A streamed load's whole dataset, once every relation is checked and written (all
        created: the dataset held none)."""
        self.dataset, self.rows["relations"] = dataset, relations
        self.relations = Changes(created=relations)
        self.report.defaulted = dataset.defaults_summary()
        self.total = sum(len(v) for v in self.rows.values())
        self._count(Changes(), self.relations)

    def _batched(self, tx: neo4j.ManagedTransaction) -> bool:
        """Whether this load would go in batches (a dry run counts it, unwritten)."""
        limit = self.one_transaction_max
        return Staged.wanted(tx, self, limit) or generations.changed(self) > limit

    def write_new(self, run: Runner, writers: int = 1) -> None:
        """Create the nodes and relations the database does not have yet; with ``writers``
        batches at a time (each in a transaction of its own: ``run`` must commit it)."""
        self.write_rows(run, "write/entities", self.nodes.created, writers)
        self.write_rows(run, "write/relations", self.relations.created, writers)

    def write_rows(
        self, run: Runner, statement: str, rows: list[dict], writers: int = 1, counted: bool = True
    ) -> None:
        """``statement`` over ``rows`` in batches (see :meth:`_batches`); progress moves with
        them only if ``counted`` (rows of the plan, not extra work such as marking)."""
        for _ in self._batches(run, statement, rows, writers, counted):
            pass

    def finish(
        self,
        tx: neo4j.ManagedTransaction,
        *,
        relations_written: bool = False,
        retiring: str | None = None,
    ) -> None:
        """Everything but the new items: updates, accounts, sources, removals, the record.
        ``relations_written``: a re-load in batches (graph.loader.generations) has written its
        relations' changes already, and records its state once the old generation is gone;
        ``retiring``: its old generation's mark, which the entities to prune take instead."""
        report, dataset, rows = self.report, self.dataset, self.rows
        run = within(tx)
        for _ in self._batches(run, "write/update_entities", self.nodes.updated):
            pass
        for outcome, count in sync_all(tx, dataset.name, account_rows(dataset)).items():
            report.add(report.by_category, "account", outcome, count)
        for row in self._batches(run, "write/sources", rows["sources"]):
            report.add(report.by_category, "source", row["outcome"], row["count"])
        if not relations_written:
            self._change_relations(tx, run)
        keep = [r["id"] for r in rows["entities"]]
        handed = hand_over(tx, dataset.name, keep + self.held_ids, self.source_ids)
        if handed:
            report.add(report.by_category, "passed to another dataset", "removed", handed.total())
        if retiring is None:  # a re-load in batches: once its old generation is gone
            self._prune_sources(tx)
        self._prune(tx, retiring)
        if retiring is None and self._removes_relations():
            sweep_dropped(tx, report, besides=dataset.name)
        if report.dry_run:
            raise _DryRun
        if self._changes_relations():
            retally(tx, dataset.name)  # a re-load in batches: each generation apart
        # a re-load in batches has both generations yet: its state is recorded once the old
        # one is gone (record_again)
        self._record(tx, keep, with_state=not relations_written)

    def _prune(self, tx: neo4j.ManagedTransaction, retiring: str | None = None) -> None:
        """Delete the dataset's entities its files no longer have and nothing uses; or, with
        ``retiring`` (a re-load in batches showing its new generation), give those that only
        the old generation uses its mark: hidden now, deleted with it."""
        report, keep = self.report, [r["id"] for r in self.rows["entities"]] + self.held_ids
        name = self.dataset.name
        if retiring is None:
            pruned = tx.run(cypher("write/prune_entities"), dataset=name, keep=keep)
        else:
            pruned = tx.run(cypher("write/retire_entities"), dataset=name, keep=keep, old=retiring)
        for row in pruned:
            report.add(report.by_category, row["category"], "removed", row["count"])

    def _prune_sources(self, tx: neo4j.ManagedTransaction) -> None:
        """Delete the dataset's sources its files no longer have and nothing keeps."""
        removed, self.sources_kept = prune_sources(tx, self.dataset.name, self.source_ids)
        if removed:
            self.report.add(self.report.by_category, "source", "removed", removed)

    def record_again(self, tx: neo4j.ManagedTransaction) -> None:
        """The :Load record written again, once a re-load in batches has deleted its old
        generation: with what the last pruning removed, and the state fingerprint that lets
        the next load of the same files be recognised."""
        self._prune_sources(tx)
        sweep_dropped(tx, self.report, besides=self.dataset.name)  # the old relations are gone
        tx.run(cypher("write/unrecord"), id=self.report.load_id).consume()
        retally(tx, self.dataset.name)  # one generation left
        self._record(tx, [r["id"] for r in self.rows["entities"]], with_state=True)

    def _keeps_dropped(self, tx: neo4j.ManagedTransaction, keep: list[str]) -> bool:
        """Whether sources or entities the files no longer define stay, used by others (the
        sources as counted when they were pruned)."""
        if self.sources_kept:
            return True
        kept = tx.run(cypher("read/kept_entities"), dataset=self.dataset.name, keep=keep)
        return bool(kept.single()["kept"])

    def _removes_relations(self) -> bool:
        """Whether relations go (deleted, or replaced by new versions): what they used may be
        used by nothing now."""
        return bool(self.relations.updated or self.relations.deleted)

    def _changes_relations(self) -> bool:
        relations = self.relations
        return bool(relations.created or relations.updated or relations.deleted)

    def _dataset(self, tx: neo4j.ManagedTransaction, begun: Checking | None = None) -> Dataset:
        if isinstance(self.source, Dataset):
            return self.source
        if isinstance(self.source, Checks):
            return self.source.end(tx, begun or self.source.begin(tx))
        return self.source(tx)

    def _batches(
        self,
        run: Runner,
        statement: str,
        items: list[dict],
        writers: int = 1,
        counted: bool = True,
    ) -> Iterator[dict]:
        """Run ``statement`` over ``items`` in batches, ``writers`` at a time; each must
        change exactly its batch. Results come in order, and progress is told from here
        (if ``counted``)."""
        text = cypher(statement)
        chunks = [items[i : i + self.batch_size] for i in range(0, len(items), self.batch_size)]
        with pool(writers) as workers:
            done = workers.map(lambda chunk: run(text, chunk), chunks) if workers else None
            for chunk in chunks:
                rows = next(done) if done else run(text, chunk)
                check_count(statement, len(chunk), sum(row["count"] for row in rows))
                yield from rows
                if counted:
                    self.advance(len(chunk))

    def advance(self, count: int) -> None:
        self.done += count
        if self.progress:
            self.progress(self.done, self.total)

    def _count(self, nodes: Changes, relations: Changes) -> None:
        """The report's counts of what the diff found (the writes check each batch)."""
        report = self.report
        for outcome, rows in (("created", nodes.created), ("updated", nodes.updated)):
            for row in rows:
                report.add(report.by_category, row["props"]["category"], outcome, 1)
        for category, count in nodes.unchanged.items():
            report.add(report.by_category, category, "unchanged", count)
            self.done += count
        for rel_type, eids in relations.deleted.items():
            report.add(report.by_type, rel_type, "removed", len(eids))
        for rel_type, count in relations.unchanged.items():
            report.add(report.by_type, rel_type, "unchanged", count)
            self.done += count
        self.total += len(relations.kept)  # not planned: stored relations of held events
        report.held = len(self.dataset.held.intersection(self.held_ids))
        for outcome, rows in (("created", relations.created), ("updated", relations.updated)):
            for row in rows:
                report.add(report.by_type, row["type"], outcome, 1)

    def _change_relations(self, tx: neo4j.ManagedTransaction, run: Runner) -> None:
        for eids in self.relations.deleted.values():
            for i in range(0, len(eids), self.batch_size):
                chunk = eids[i : i + self.batch_size]
                row = tx.run(cypher("write/delete_relations"), eids=chunk).single()
                check_count("write/delete_relations", len(chunk), row["count"] if row else 0)
        for _ in self._batches(run, "write/update_relations", self.relations.updated):
            pass

    def _record(self, tx: neo4j.ManagedTransaction, keep: list[str], *, with_state: bool) -> None:
        """The :Load record; ``with_state``: with the state fingerprint that lets a re-load be
        recognised (when the load has inputs to recognise and keeps nothing it dropped: a
        later re-load of the same files must prune those once nothing uses them). Sources are
        pruned first (:meth:`_prune_sources`)."""
        name = self.dataset.name
        refs = external_refs(self.dataset)
        state = None
        if with_state and self.inputs and not self._keeps_dropped(tx, keep):
            state = dataset_state(tx.run, name, refs)
        record = load_record(
            self.report,
            self.dataset.files,
            digests=self.dataset.digests,
            inputs=self.inputs,
            state=state,
            refs=refs,
        )
        tx.run(cypher("write/load_record"), record).consume()


def _held_ids(relations: Changes) -> list[str]:
    """The entities the relations of held events use (graph.loader.diff.held_relations): they
    stay the dataset's as they were, as the relations do."""
    kept = relations.kept
    return sorted({ref for r in kept for ref in (r["event"], r["start"], r["end"]) if ref})
