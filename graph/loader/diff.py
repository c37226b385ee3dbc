"""What a load must change: the planned rows compared with what the database stores."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import neo4j

from ..cypher import cypher
from .plan import fingerprint


@dataclass
class Changes:
    """What a dataset needs, compared with what the database stores."""

    created: list[dict] = field(default_factory=list)
    updated: list[dict] = field(default_factory=list)
    unchanged: Counter = field(default_factory=Counter)
    deleted: dict[str, list[str]] = field(default_factory=dict)
    kept: list[dict] = field(default_factory=list)  # stored, no longer wanted, kept all the same


def diff_rows(
    stored: list[dict],
    wanted: list[dict],
    *,
    group: Callable[[dict], str],
    identity: Callable[[dict], tuple] = lambda row: (),
    keep: Callable[[list[dict]], list[dict]] = lambda rows: [],
) -> Changes:
    """Plan creates, updates and deletes client-side, so unchanged items cost no write.

    ``stored`` rows carry ``id``, ``eid`` (element id) and ``hash``; ``wanted`` rows carry ``id``
    and ``props`` with a ``content_hash``. An item whose identity (for relations: ends and
    type) changed is deleted and created again; one whose hash changed is updated in place by
    element id; a stored one the dataset no longer has is deleted (relations only: nodes are
    pruned separately, as other datasets may use them), unless ``keep`` (given them all)
    keeps it.
    """
    changes = Changes()
    by_id = {row["id"]: row for row in stored}
    for row in wanted:
        old = by_id.pop(row["id"], None)
        if old is not None and identity(old) != identity(row):
            changes.deleted.setdefault(group(old), []).append(old["eid"])
            old = None
        if old is None:
            changes.created.append(row)
        elif old["hash"] == row["props"]["content_hash"]:
            changes.unchanged[group(row)] += 1
        else:
            changes.updated.append(row | {"eid": old["eid"]})
    changes.kept = keep(list(by_id.values()))
    kept = {row["eid"] for row in changes.kept}
    for old in by_id.values():
        if old["eid"] in kept:
            changes.unchanged[group(old)] += 1
        else:
            changes.deleted.setdefault(group(old), []).append(old["eid"])
    return changes


def category(row: dict) -> str:
    return row["props"]["category"]


def unchanged(
    tx: neo4j.ManagedTransaction, statement: str, wanted: list[dict], **params: Any
) -> bool:
    """Whether the stored items already are the wanted ones, judged by their fingerprint alone.

    Reading 100k stored relations back to compare them one by one took 1.5-2 s here; the
    server sums their hashes in 0.1 s. Only when the sums differ are they read back.
    """
    stored = tx.run(cypher(statement), **params).single()
    return stored is not None and dict(stored) == fingerprint(wanted)


def entity_changes(tx: neo4j.ManagedTransaction, rows: list[dict]) -> Changes:
    """Entities to create or update (nodes are never deleted here: see prune_entities)."""
    ids = [r["id"] for r in rows]
    if unchanged(tx, "read/entities_fingerprint", rows, ids=ids):
        return Changes(unchanged=Counter(map(category, rows)))
    stored = tx.run(cypher("read/stored_entities"), ids=ids).data()
    return diff_rows(stored, rows, group=category)


def relation_changes(
    tx: neo4j.ManagedTransaction, rows: list[dict], dataset: str, held: frozenset[str] = frozenset()
) -> Changes:
    """The dataset's relations to create, update or delete; those of the ``held`` events stay
    (:func:`held_relations`)."""
    if unchanged(tx, "read/relations_fingerprint", rows, dataset=dataset):
        return Changes(unchanged=Counter(r["type"] for r in rows))
    return diff_rows(
        tx.run(cypher("read/dataset_relations"), dataset=dataset).data(),
        rows,
        group=lambda r: r["type"],
        identity=lambda r: (r["start"], r["type"], r["end"]),
        keep=lambda unwanted: held_relations(unwanted, held),
    )


def held_relations(stored: list[dict], held: frozenset[str]) -> list[dict]:
    """Of the ``stored`` relations a dataset no longer has, those that keep its ``held``
    events as they were: each citing one of them or running to or from one, and the way on
    from there (the event's place, that place's district, …) that no other relation gives."""
    if not held:
        return []
    kept, rest = [], []
    for r in stored:
        (rest if held.isdisjoint((r["event"], r["start"], r["end"])) else kept).append(r)
    reached = {r["end"] for r in kept if r["start"] in held}
    while on := [r for r in rest if r["start"] in reached]:
        kept += on
        taken = {r["eid"] for r in on}
        rest = [r for r in rest if r["eid"] not in taken]
        reached = {r["end"] for r in on}
    return kept
