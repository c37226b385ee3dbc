"""Tallies of what rests on each source, kept with the data, so that ``sources`` reads a few
nodes instead of every relation.

For each dataset, generation (graph.loader.generations) and source, a ``:SourceTally`` node
holds how many of the dataset's relations rest on the source, how many cite it, and their
first ten by confidence (cypher/write/tally_sources.cypher). The ``sources`` named query adds
up the tallies it shows by the same rule as relations (fragments/of_datasets), so hidden
datasets and generations stay hidden. At 300,000 relations it answered in 14 ms against
1.7 s for a pass over every relation (bench/results).

Every write that changes a dataset's relations counts that dataset again in the transaction
that shows the change: a load, an import, a drop, each step of a re-load in batches that
changes what readers see. The lock node records that every dataset is tallied; a database
written by an older actorgraph is counted whole once, by :func:`ensure` (run with the schema),
and ``actorgraph schema apply`` counts it again after writes actorgraph did not make
(``query --write``). Until then ``sources`` reads every relation.
"""

from __future__ import annotations

import neo4j

from .cypher import cypher
from .db import Graph

# What the lock node says once every dataset is tallied; a new way of tallying takes the next
# number, and the first writer counts everything again.
VERSION = 1
# How many of a source's claims each tally keeps, by confidence: ``sources --examples`` above
# this reads every relation.
EXAMPLES = 10


def recount(tx: neo4j.ManagedTransaction, dataset: str | None = None) -> int:
    """Count ``dataset``'s tallies again (every dataset's when None), in ``tx``; how many
    there are now."""
    row = tx.run(cypher("write/tally_sources"), dataset=dataset).single()
    return row["tallies"] if row else 0


def recount_all(graph: Graph) -> int:
    """Count every dataset's tallies again, and record that they are kept."""

    def work(tx: neo4j.ManagedTransaction) -> int:
        tx.run(cypher("write/tallied"), version=VERSION).consume()  # the lock node first
        return recount(tx)

    return graph.transaction(work)


def ensure(graph: Graph) -> None:
    """Count everything once if the database does not say its tallies are kept."""
    if not graph.read(cypher("read/tallied"), {"version": VERSION})[0]["tallied"]:
        recount_all(graph)
