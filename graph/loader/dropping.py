"""Dropping a dataset, in one transaction or, when it is large, with its relations in batches.

A drop deletes the dataset's relations, and its entities and sources that no other dataset
uses (graph.loader.datasets). One transaction holds every deletion in the server's memory: on
a 2 GiB heap a drop of 300,000 relations did not fit. A drop of more than RELATIONS_IN_ONE
relations goes in three steps:

1. Its first transaction, under the lock, hides the dataset as a batched first load does
   (cypher/lock/stage.cypher, the lock marked busy) and lists it as being dropped
   (cypher/lock/mark_dropping.cypher). From its commit on, every reader that goes through
   actorgraph leaves the dataset out, as it will once the drop is done.
2. Its relations are deleted in committed batches, then its actors, places and events that
   nothing uses any more.
3. One last transaction drops the rest as a small drop does (its accounts, its sources and
   entities no other dataset uses, the :Load record) and takes its name off both lists.

Readers see the dataset whole before step 1 and gone from then on. A drop that stops in between
(an error, Ctrl-C, the process or the server killed) leaves the dataset hidden and listed; the
next load, import or drop (this one run again, say) finishes it before anything else
(:func:`resume`, from graph.loader.staged.clear_interrupted). A dry run of a large drop counts
its relations and deletes nothing.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from typing import Any

import neo4j

from ..cypher import cypher
from ..db import Graph
from ..errors import interruption
from ..lock import marked, marking, release, renewing, take, unmark
from ..settings import ONE_TRANSACTION_MAX
from ..tallies import forget
from .accounts import hand_over, sync_all
from .batched import stopped_midway
from .records import LoadReport, load_record

# Relations above which a drop deletes them in committed batches (a drop of 100,000 relations
# and 20,000 actors fitted a 1 GiB heap; 300,000 did not fit 2 GiB).
RELATIONS_IN_ONE = ONE_TRANSACTION_MAX
BATCH = 10_000  # relations deleted per committed batch


def drop_everything(tx: neo4j.ManagedTransaction, name: str, report: LoadReport) -> None:
    """Drop what ``name`` holds, counting into ``report`` (the lock taken by ``tx``)."""
    for outcome, count in sync_all(tx, name, {}).items():
        report.add(report.by_category, "account", outcome, count)
    for row in tx.run(cypher("datasets/drop_relations"), dataset=name):
        report.add(report.by_type, row["type"], "removed", row["count"])
    if handed := hand_over(tx, name, [], []).total():
        report.add(report.by_category, "passed to another dataset", "kept", handed)
    keep, parties = kept_lineage(tx.run(cypher("read/source_lineage")).data(), name)
    for row in tx.run(cypher("datasets/drop_entities"), dataset=name, parties=parties):
        outcome = "kept" if row["used"] else "removed"
        report.add(report.by_category, row["category"] or "actor", outcome, row["count"])
    for row in tx.run(cypher("datasets/drop_sources"), dataset=name, keep=keep):
        report.add(report.by_category, "source", "kept" if row["used"] else "removed", row["count"])
    forget(tx, name)  # no relation left
    sweep_dropped(tx, report, besides=name)


LEFT_BY_DROPPED = "left by a dropped dataset"  # what the report calls what sweep_dropped removes


def sweep_dropped(tx: neo4j.ManagedTransaction, report: LoadReport, besides: str) -> None:
    """Remove what datasets dropped earlier kept for other datasets' relations, once none uses
    it: a drop, or a load that removes or changes relations, can leave it used by nothing
    (``besides``: the dataset being written, whose own items are its business)."""
    names = tx.run(cypher("read/dropped_leftovers"), dataset=besides).single()["names"]
    if not names:
        return
    lineage = tx.run(cypher("read/source_lineage")).data()
    for name in names:
        keep, parties = kept_lineage(lineage, name)
        entities = tx.run(cypher("datasets/drop_entities"), dataset=name, parties=parties)
        removed = [(r["category"] or "actor", r["count"]) for r in entities if not r["used"]]
        sources = tx.run(cypher("datasets/drop_sources"), dataset=name, keep=keep)
        removed += [("source", r["count"]) for r in sources if not r["used"]]
        for category, count in removed:
            report.add(report.by_category, f"{category} {LEFT_BY_DROPPED}", "removed", count)


def stage(
    tx: neo4j.ManagedTransaction, name: str, report: LoadReport, limit: int = RELATIONS_IN_ONE
) -> str | None:
    """In a drop's first transaction (the lock taken): if ``name`` has more than ``limit``
    relations, count them into ``report``, hide the dataset and mark the lock (step 1); the
    mark's token, or None for a drop that fits one transaction (or a dry run)."""
    rows = tx.run(cypher("datasets/relation_counts"), dataset=name).data()
    if sum(row["count"] for row in rows) <= limit:
        return None
    for row in rows:
        report.add(report.by_type, row["type"], "removed", row["count"])
    if report.dry_run:
        return None
    params = marking(f"a drop of {name} in batches")
    tx.run(cypher("lock/stage"), dataset=name, **params).consume()
    tx.run(cypher("lock/mark_dropping"), dataset=name).consume()
    return params["token"]


def finish(graph: Graph, name: str, token: str, report: LoadReport, batch: int = BATCH) -> None:
    """Steps 2 and 3 of the drop whose mark has ``token``, ``batch`` relations per committed
    batch. If they fail the dataset stays hidden and listed, for the next writer to finish;
    the mark goes."""
    done: list[bool] = []
    try:
        with renewing(graph, token):
            _finish(graph, name, token, report, batch)
            done.append(True)
    except BaseException as stopped:
        if interruption(stopped) is not None and (done or _ended(graph, name)):
            return  # Ctrl-C once the last transaction committed: the drop is whole, and says so
        with contextlib.suppress(Exception):  # the server gone: the mark lapses on its own
            unmark(graph, token)
        left = (f"The drop of {name!r} stopped midway: the dataset is hidden from readers, as "
                "if dropped, and the next load, import or drop finishes the drop (run this "
                "again).")  # fmt: skip
        stopped_midway(stopped, left)
        raise
    finally:
        release(token)


def _finish(graph: Graph, name: str, token: str, report: LoadReport, batch: int = BATCH) -> None:
    if not report.by_type:  # resumed: the relations left are counted here
        for row in graph.read(cypher("datasets/relation_counts"), {"dataset": name}):
            report.add(report.by_type, row["type"], "removed", row["count"])
    with graph.errors(), graph.session(write=True) as session:  # CALL IN TRANSACTIONS
        session.run(cypher("write/unstage_relations"), dataset=name, batch=batch).consume()
        # its entities nothing uses go in batches too: the last transaction has only the rest
        _, parties = kept_lineage(session.run(cypher("read/source_lineage")).data(), name)
        unused = session.run(
            cypher("write/unstage_unused_entities"), dataset=name, parties=parties, batch=batch
        )
        for row in unused.data():
            report.add(report.by_category, row["category"] or "actor", "removed", row["count"])
    counted = report.counts()

    def last(tx: neo4j.ManagedTransaction) -> None:
        report.recount(counted)  # a retry counts anew
        take(tx, token=token, counted=True)  # the rest goes, accounts and shared sources too
        drop_everything(tx, name, report)
        tx.run(cypher("write/load_record"), load_record(report, [])).consume()
        tx.run(cypher("lock/unmark_dropping"), dataset=name).consume()
        tx.run(cypher("lock/unstage"), dataset=name, token=token, removed=False).consume()

    graph.transaction(last)


def _ended(graph: Graph, name: str) -> bool:
    """Whether the drop of ``name`` is off the list (its last transaction committed), as far
    as a read after Ctrl-C can tell."""
    try:
        return name not in dropping(graph)
    except Exception:
        return False


def dropping(source: Graph | neo4j.ManagedTransaction) -> list[str]:
    """The datasets whose drop in batches stopped before its end."""
    if isinstance(source, Graph):
        return source.read(cypher("read/dropping"))[0]["datasets"]
    return source.run(cypher("read/dropping")).single()["datasets"]


def resume(graph: Graph, name: str) -> int:
    """Finish the interrupted drop of ``name`` (recorded as a drop); how many items it
    removed. Nothing if another writer finished it first."""
    report = LoadReport(str(uuid.uuid4()), name, [], method="drop")

    def still_dropping(tx: neo4j.ManagedTransaction) -> None:
        if name not in dropping(tx):
            raise _Done

    try:
        with marked(graph, f"the end of an interrupted drop of {name}", still_dropping) as token:
            _finish(graph, name, token, report)
    except _Done:
        return 0
    return report.total("removed")


class _Done(Exception):
    """Another writer finished the drop first."""


def prune_sources(
    tx: neo4j.ManagedTransaction, dataset: str, defined: list[str]
) -> tuple[int, int]:
    """A re-load's sources: those of ``dataset`` its files no longer define (``defined``: the
    ones they do) are deleted, unless kept as a drop keeps them (cited by a relation, in
    another dataset's accounts, carrying one that stays); how many were deleted, and kept."""
    left_out = tx.run(cypher("read/sources_left_out"), dataset=dataset, keep=defined).single()
    if not left_out["count"]:
        return 0, 0
    lineage = tx.run(cypher("read/source_lineage")).data()
    still = set(defined)
    for row in lineage:
        row["used"] = row["used"] or (row["dataset"] == dataset and row["id"] in still)
    keep, _ = kept_lineage(lineage, dataset)
    rows = tx.run(cypher("datasets/drop_sources"), dataset=dataset, keep=keep)
    removed = sum(row["count"] for row in rows if not row["used"])
    return removed, left_out["count"] - removed


def kept_lineage(sources: list[dict[str, Any]], dataset: str) -> tuple[list[str], list[str]]:
    """Which of ``dataset``'s sources a drop keeps, and the actors sources that stay speak for.

    A source stays when another dataset defines it, a relation cites it, or another dataset
    keeps an account of it; so does every source that carried one that stays, at any depth (by
    its ``via``, or an account's), and every actor a staying source (or an account) speaks for:
    no ``via`` or ``party`` is left naming nothing."""
    links: dict[str, set[str]] = {}
    parties: dict[str, set[str]] = {}
    for row in sources:
        said = [row, *json.loads(row["accounts"] or "{}").values()]
        links[row["id"]] = {s["via"] for s in said if s.get("via")}
        parties[row["id"]] = {s["party"] for s in said if s.get("party")}
    staying = [r["id"] for r in sources if r["dataset"] != dataset or r["used"]]
    kept, frontier = set(staying), list(staying)
    while frontier:
        for carrier in links.get(frontier.pop(), ()):
            if carrier not in kept:
                kept.add(carrier)
                frontier.append(carrier)
    own = sorted(r["id"] for r in sources if r["dataset"] == dataset and r["id"] in kept)
    return own, sorted({p for s in kept for p in parties.get(s, ())})
