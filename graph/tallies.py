"""Tallies kept with the data, so that ``sources`` and ``claims-disputed`` read a few nodes
instead of every relation.

For each dataset, generation (graph.loader.generations) and source, a ``:SourceTally`` node
holds how many of the dataset's relations rest on the source, how many cite it, and their
first :data:`KEPT` by confidence (cypher/write/tally_sources.cypher). The ``sources`` named
query adds up the tallies it shows by the same rule as relations (fragments/of_datasets), so
hidden datasets and generations stay hidden. At 300,000 relations it answered in 12 ms against
1.75 s for a pass over every relation (bench/results/2026-11-28-0457.md).

For each dataset and generation, a ``:DisputeTally`` names (by element id) the relations that
contradict others or carry figures, with the ids their ``contradicts`` name; the lock node
names the relations of those ids, in every dataset (write/tally_disputes, write/name_disputed).
``claims-disputed`` reads only those, and tests each again as a pass over every relation would.

Every write that changes a dataset's relations counts that dataset again (:func:`retally`) in
the transaction that shows the change: a load, an import, each step of a re-load in batches
that changes what readers see, the undoing or finishing of interrupted work; a drop deletes
them (:func:`forget`). Each such count is a change readers re-read for (cypher/lock/changing).

The lock node says when the tallies are right: counted by this :data:`VERSION`, and no change
since by a writer that does not keep them (an older actorgraph; ``query --write`` and
``Graph.write``, which clear the mark; a restore, which counts at its end; cypher-shell and
Neo4j Browser are not caught). Until then both queries read every relation, and the next load,
import, drop, server start or ``schema apply`` counts them all again (:func:`ensure`, run with
the schema). A load into a new store (``load --bulk``) is counted so.
"""

from __future__ import annotations

import neo4j

from .cypher import cypher
from .db import Graph

# What the lock node says once every dataset is tallied; a new way of tallying takes the next
# number (and cypher/queries/sources.cypher and claims-disputed.cypher ask for it), and the
# first writer counts again. 2: the claims in dispute are tallied too.
VERSION = 2
# How many of a source's claims each tally keeps, by confidence: ``sources -p examples=N`` for
# more reads every relation.
KEPT = 10
# How many relations in dispute a dataset's tally lists at most: a feed's figures (one per
# event) are more, and claims-disputed then reads every relation, which costs no more than
# looking up each one by its element id, and keeps a list of that size out of every count.
LISTED = 20_000


def retally(tx: neo4j.ManagedTransaction, dataset: str) -> int:
    """Count ``dataset``'s tallies again in ``tx``; how many of sources there are now."""
    tx.run(cypher("lock/changing")).consume()  # the lock node first, as every writer
    return _count(tx, dataset)


def _count(tx: neo4j.ManagedTransaction, dataset: str | None) -> int:
    """Count the tallies of ``dataset`` (every dataset's when None) again, and the relations
    claims name (write/name_disputed: any dataset's claim may name this one's relations);
    how many tallies of sources there are."""
    row = tx.run(cypher("write/tally_sources"), dataset=dataset, kept=KEPT).single()
    tx.run(cypher("write/tally_disputes"), dataset=dataset, most=LISTED).consume()
    tx.run(cypher("write/name_disputed")).consume()
    return row["tallies"] if row else 0


def forget(tx: neo4j.ManagedTransaction, dataset: str) -> None:
    """Delete ``dataset``'s tallies in ``tx``: it has no relation left, or none it shows."""
    tx.run(cypher("lock/changing")).consume()
    tx.run(cypher("write/untally"), dataset=dataset).consume()


def retally_all(graph: Graph, *, unless_right: bool = False) -> int | None:
    """Count every dataset's tallies again and record that they are right; how many there are
    now. With ``unless_right``, nothing if they are right by the time the lock node is taken
    (another process counted them first): None."""

    def work(tx: neo4j.ManagedTransaction) -> int | None:
        tx.run(cypher("lock/changing")).consume()  # the lock node first: counts wait in turn
        if unless_right and tx.run(cypher("read/tallied"), version=VERSION).single()["tallied"]:
            return None
        tx.run(cypher("write/untally"), dataset=None).consume()
        tallies = _count(tx, None)
        tx.run(cypher("write/tallied"), version=VERSION, kept=KEPT).consume()
        return tallies

    return graph.transaction(work)


def ensure(graph: Graph) -> None:
    """Count every dataset's tallies again if they are not known to be right."""
    if not graph.read(cypher("read/tallied"), {"version": VERSION})[0]["tallied"]:
        retally_all(graph, unless_right=True)
