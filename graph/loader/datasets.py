"""The datasets in a database: what each holds, where it came from, and dropping one.

A dataset is a name its loads give to what they write: actors, places, events and sources
(their ``dataset`` property) and relations. Dropping a dataset removes its relations, and its
entities and sources that no other dataset's relation uses; what others still use is kept,
still under the dropped dataset's name, and counted as kept (a later load of that dataset
takes it back). A drop runs under the load lock and is recorded as a :Load whose method is
``drop``; readers see the dataset whole or gone, never part of it (a large drop hides the
dataset first, then deletes it in batches: graph.loader.dropping).
"""

from __future__ import annotations

import contextlib
import json
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

import neo4j

from ..arguments import Positive, Wait, Whole, checked
from ..cypher import cypher
from ..db import Graph
from ..errors import ReplaceRefusedError, UnknownDatasetError, as_option
from ..lock import DEFAULT_WAIT, ensure_schema, take, waiting
from ..query.hidden import hidden_state
from . import dropping
from .generations import parse_mark
from .records import LoadReport, load_record
from .staged import after_interrupted, check_staged


@dataclass
class DatasetInfo:
    name: str
    description: str | None = None  # from its files, as its newest load that had one read them
    entities: int = 0
    relations: int = 0
    sources: int = 0
    shared: int = 0  # other datasets' entities its relations refer to
    accounts: int = 0  # other datasets' entities it keeps its own account of
    loads: int = 0
    last_load: str | None = None
    last_method: str | None = None
    files: list[str] = field(default_factory=list)
    # a first load writing it in batches, or one interrupted: readers leave it out until a
    # load of it ends (graph.loader.staged); or a drop in batches, begun or stopped midway
    # (graph.loader.dropping): readers leave it out from the drop's first step
    hidden: bool = False
    dropping: bool = False
    # a re-load in batches under way or interrupted (graph.loader.generations): "new", its new
    # version written hidden, not shown yet (undone by the next writer if it was stopped);
    # "old", the new version shown, the old one hidden and being deleted
    reloading: str | None = None


def datasets(graph: Graph) -> list[DatasetInfo]:
    """Every dataset that holds something, by name."""
    found: dict[str, DatasetInfo] = {}
    hidden = hidden_state(graph)
    for row in graph.read(cypher("datasets/counts"), {"marks": hidden.marks}):
        info = found.setdefault(row["name"], DatasetInfo(row["name"]))
        setattr(info, row["what"], row["n"])
    for name in hidden.datasets:
        found.setdefault(name, DatasetInfo(name)).hidden = True
    for mark in hidden.marks:
        state, _, name = parse_mark(mark)
        if name in found:
            found[name].reloading = state
    for name in dropping.dropping(graph):
        if name in found:
            found[name].dropping = True
    for row in graph.read(cypher("datasets/shared")):
        if row["name"] in found:
            found[row["name"]].shared = row["shared"]
    for row in graph.read(cypher("datasets/last_loads")):
        if row["name"] in found:
            info = found[row["name"]]
            info.loads, info.last_load, info.files = row["loads"], row["at"], row["files"] or []
            info.description = row["description"]
            info.last_method = json.loads(row["summary"] or "{}").get("method")
    return [found[name] for name in sorted(found)]


def dataset(graph: Graph, name: str) -> DatasetInfo:
    """One dataset, or :class:`UnknownDatasetError` naming the ones there are."""
    for info in datasets(graph):
        if info.name == name:
            return info
    raise _unknown(graph, name)


@checked
def drop(
    graph: Graph,
    name: str,
    *,
    dry_run: bool = False,
    wait: Wait = DEFAULT_WAIT,
    on_wait: Any = None,
    one_transaction_max: Whole = dropping.RELATIONS_IN_ONE,
    batch_size: Positive = dropping.BATCH,
) -> LoadReport:
    """Remove a dataset (see the module's doc): in one transaction, or, with more than
    ``one_transaction_max`` relations, its relations in batches first (graph.loader.dropping);
    ``dry_run`` rolls back (of a large drop it counts only the relations)."""
    ensure_schema(graph)
    report = LoadReport(str(uuid.uuid4()), name, [], dry_run=dry_run, method="drop")
    began = time.monotonic()

    unfinished: dict[str, int] = {}  # what interrupted batched loads wrote, removed first
    batched: list[str] = []  # the token of a drop in batches, once its first step committed

    def work(tx: neo4j.ManagedTransaction) -> None:
        take(tx)
        check_staged(tx, name if dry_run else None)
        report.by_category.clear()
        report.by_type.clear()
        batched.clear()
        if not _exists(tx, name):
            if name not in unfinished:
                raise _unknown(graph, name)
            return  # it never was loaded whole: no record of it (an empty database stays so)
        if token := dropping.stage(tx, name, report, one_transaction_max):
            batched.append(token)
            return
        if dry_run and report.by_type:
            raise _DryRun  # too large to delete and roll back: its relations counted
        dropping.drop_everything(tx, name, report)
        if dry_run:
            raise _DryRun
        tx.run(cypher("write/load_record"), load_record(report, [])).consume()

    def attempt() -> None:
        with contextlib.suppress(_DryRun):
            graph.transaction(work)
        if batched:
            dropping.finish(graph, name, batched[0], report, batch_size)

    # What a killed batched load wrote goes first (if it was this dataset's, that may be all).
    waiting(graph, lambda: after_interrupted(graph, attempt, dry_run=dry_run, removed=unfinished),
            wait, on_wait)  # fmt: skip
    report.cleared = unfinished
    report.seconds = time.monotonic() - began
    return report


class _DryRun(Exception):
    """Raised inside the transaction to roll back a dry run after counting."""


def _exists(tx: neo4j.ManagedTransaction, name: str) -> bool:
    rows = tx.run(cypher("datasets/counts"), marks=[]).data()  # none: cleared under the lock
    return any(row["name"] == name and row["n"] for row in rows)


def _unknown(graph: Graph, name: str) -> UnknownDatasetError:
    names = [info.name for info in datasets(graph)] if graph else []
    there = ", ".join(names) if names else "none: the database holds no dataset"
    return UnknownDatasetError(
        f"No dataset named {name!r} in {graph.settings.uri}; datasets there: {there}. "
        "`actorgraph datasets list` shows them."
    )


# What each kind of input is, as its user typed it.
COMMANDS = {"files": "actorgraph load", "acled": "actorgraph import acled",
            "ucdp-ged": "actorgraph import ucdp-ged"}  # fmt: skip


def refuse_replacing(tx: neo4j.ManagedTransaction, name: str, kind: str | None) -> None:
    """A load of one kind of input (``kind``: see LoadReport.input) into a dataset that
    another kind wrote last is refused: it would replace that dataset, removing whatever the
    new input lacks (an ACLED import given a hand-made study's name by a typo). The caller
    lets it through when the user asked to replace (``--replace``). Datasets dropped since,
    or last written by a version that did not record its input, are not refused."""
    last = tx.run(cypher("read/last_load"), dataset=name).single()
    if last is None or kind is None:
        return
    summary = json.loads(last["summary"] or "{}")
    before = summary.get("input")
    if summary.get("method") == "drop" or before is None or before == kind:
        return
    rows = tx.run(cypher("datasets/relation_counts"), dataset=name).data()
    relations = sum(row["count"] for row in rows)
    files = ", ".join(last["files"] or []) or "no file recorded"
    raise ReplaceRefusedError(
        f"Dataset {name!r} was last written by `{COMMANDS.get(before, before)}` ({files}) and "
        f"holds {relations:,} relations; `{COMMANDS.get(kind, kind)}` under the same name would "
        "replace it, removing whatever this input does not have, so nothing was written. Give "
        f"it another dataset name ({as_option('--dataset', 'dataset=')}) for a dataset of its "
        f"own, or add {as_option('--replace', 'replace=True')} to replace it."
    )
