"""Write a checked dataset into Neo4j: one transaction, so a load is all or nothing.

Every statement runs inside a single managed write transaction: if the input is bad nothing is
sent; if the server dies, the connection drops or a constraint fails half-way, Neo4j discards
the whole transaction and the database stays exactly as it was. Re-loading the same dataset
changes nothing; a changed dataset is updated in place, and what it no longer has is removed.
"""

from __future__ import annotations

import contextlib
import gc
import json
import shutil
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any

import neo4j

from .db import Graph, cypher
from .errors import DiskSpaceError
from .fingerprints import dataset_state, external_refs, file_digest, inputs_fingerprint
from .io.files import expand_paths, read_dataset
from .plan import fingerprint, plan
from .resolve import Candidate
from .validate import Dataset, Known, build_dataset
from .vocabulary import Vocabulary, load_vocabulary

# Rows per statement. Once the server is warm, 1,000, 10,000 and 25,000 write 100k relations
# within 10 % of each other (bench/load_ideas.py); on a cold server, 10,000 was faster (5.0 s
# against 7.1 s), and the progress bar still moves every 10,000 rows.
BATCH_SIZE = 10_000
Progress = Callable[[int, int], None]


@dataclass
class LoadReport:
    """What a load did, per category and relation type."""

    load_id: str
    dataset: str
    files: list[str]
    seconds: float = 0.0
    dry_run: bool = False
    # "transaction"; "recognised" when the inputs and the database were as a previous load
    # left them, so nothing was read or compared (see graph.fingerprints)
    method: str = "transaction"
    by_category: dict[str, Counter] = field(default_factory=dict)
    by_type: dict[str, Counter] = field(default_factory=dict)

    def total(self, outcome: str) -> int:
        return sum(c[outcome] for c in (*self.by_category.values(), *self.by_type.values()))

    def add(self, table: dict[str, Counter], key: str, outcome: str, count: int) -> None:
        table.setdefault(key, Counter())[outcome] += count

    def summary(self) -> dict[str, Any]:
        return {
            "by_category": {k: dict(v) for k, v in self.by_category.items()},
            "by_type": {k: dict(v) for k, v in self.by_type.items()},
        }


class _DryRun(Exception):
    """Raised inside the transaction to roll back a dry run after counting."""


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for bulk work.

    Reading, validating and planning 100k records allocates millions of small objects, and the
    collector's full passes over them took over half the time (3.4 s + 2.7 s against 1.6 s +
    1.0 s for 100k relations here). Nothing in this work creates reference cycles that need
    collecting before it ends; the collector runs again afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def known_from(graph: Graph, relation_refs: set[str]) -> Known:
    """What the database holds that a dataset may refer to."""
    entities = [
        (Candidate(r["id"], r["name"], r["category"], r["kind"]), r["aliases"])
        for r in graph.read(cypher("read/known_entities"))
    ]
    sources = {r["id"] for r in graph.read(cypher("read/known_sources"))}
    relations: set[str] = set()
    if relation_refs:
        rows = graph.read(cypher("read/existing_relations"), {"ids": sorted(relation_refs)})
        relations = {r["id"] for r in rows}
    return Known(entities, sources, relations)


def check(
    graph: Graph | None,
    paths: list[Path],
    *,
    dataset: str | None = None,
    vocabulary: Vocabulary | None = None,
) -> Dataset:
    """Read and validate files, resolving names against the database if one is given."""
    with gc_paused():
        return _check(graph, paths, dataset, vocabulary)


def _check(
    graph: Graph | None, paths: list[Path], dataset: str | None, vocabulary: Vocabulary | None
) -> Dataset:
    raw = read_dataset(paths, dataset)
    known = None
    if graph is not None:
        refs = {
            ref
            for record in raw.section("relations")
            for ref in _as_list(record.data.get("contradicts"))
        }
        known = known_from(graph, refs)
    return build_dataset(raw, known=known, vocabulary=vocabulary or load_vocabulary())


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [v.strip() for v in value.split(";") if v.strip()]
    return [str(v) for v in value] if isinstance(value, list) else []


def load(
    graph: Graph,
    paths: list[Path],
    *,
    dataset: str | None = None,
    vocabulary: Vocabulary | None = None,
    dry_run: bool = False,
    recheck: bool = False,
    progress: Progress | None = None,
    batch_size: int = BATCH_SIZE,
) -> LoadReport:
    """Validate, then load the files as one dataset in one transaction.

    Files a previous load read, into a database still as that load left it, are recognised
    and recorded as unchanged without being read again, unless ``recheck`` (or ``dry_run``).
    """
    vocabulary = vocabulary or load_vocabulary()
    files = expand_paths(paths)
    digests: dict[Path, bytes] = {}
    inputs = inputs_fingerprint(files, dataset, vocabulary, digests)
    if not (recheck or dry_run) and (report := reload_unchanged(graph, files, inputs, digests)):
        return report
    with gc_paused():
        checked = check(graph, paths, dataset=dataset, vocabulary=vocabulary)
        return write(
            graph,
            checked,
            dry_run=dry_run,
            progress=progress,
            batch_size=batch_size,
            inputs=inputs_fingerprint(files, dataset, vocabulary, checked.digests),
        )


class _Stale(Exception):
    """Raised inside the transaction when the database is no longer as recorded."""


def reload_unchanged(
    graph: Graph, files: list[Path], inputs: str, digests: dict[Path, bytes] | None = None
) -> LoadReport | None:
    """Record a load of unchanged inputs into an unchanged database, or return None.

    Looks up the newest load with the same inputs fingerprint; if it is its dataset's newest
    load and the database's state fingerprint is still the one it recorded (checked under the
    load lock), a new :Load with every item unchanged is recorded and returned.
    """
    began = time.monotonic()
    found = graph.read(cypher("read/load_by_inputs"), {"inputs": inputs})
    if not found or found[0]["state"] is None:
        return None
    last = found[0]
    report = LoadReport(
        load_id=str(uuid.uuid4()),
        dataset=last["dataset"],
        files=[str(p) for p in files],
        method="recognised",
    )
    before = json.loads(last["summary"])
    for table in ("by_category", "by_type"):
        for key, outcomes in before[table].items():
            kept = sum(n for outcome, n in outcomes.items() if outcome != "removed")
            if kept:
                report.add(getattr(report, table), key, "unchanged", kept)
    refs = list(last["refs"] or [])

    def work(tx: neo4j.ManagedTransaction) -> None:
        tx.run(cypher("write/lock")).consume()
        if dataset_state(tx.run, last["dataset"], refs) != last["state"]:
            raise _Stale
        record = load_record(
            report, files, digests=digests, inputs=inputs, state=last["state"], refs=refs
        )
        tx.run(cypher("write/load_record"), record).consume()

    try:
        graph.transaction(work)
    except _Stale:
        return None
    report.seconds = time.monotonic() - began
    return report


def write(
    graph: Graph,
    dataset: Dataset,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    batch_size: int = BATCH_SIZE,
    inputs: str | None = None,
) -> LoadReport:
    """Write a checked dataset in one transaction.

    ``inputs`` (:func:`graph.fingerprints.inputs_fingerprint` of the files it was read from)
    is recorded with the state the load leaves, so that a re-load can be recognised.
    """
    with gc_paused():
        return _write(graph, dataset, dry_run, progress, batch_size, plan(dataset), inputs)


def _write(
    graph: Graph,
    dataset: Dataset,
    dry_run: bool,
    progress: Progress | None,
    batch_size: int,
    rows: dict[str, list[dict[str, Any]]],
    inputs: str | None = None,
) -> LoadReport:
    report = LoadReport(
        load_id=str(uuid.uuid4()),
        dataset=dataset.name,
        files=[str(p) for p in dataset.files],
        dry_run=dry_run,
    )
    total = sum(len(v) for v in rows.values())
    began = time.monotonic()
    graph.apply_script("schema")

    def work(tx: neo4j.ManagedTransaction) -> None:
        report.by_category.clear()
        report.by_type.clear()
        done = 0

        def batches(statement: str, items: list[dict], **params: Any) -> Iterator[dict]:
            nonlocal done
            for i in range(0, len(items), batch_size):
                chunk = items[i : i + batch_size]
                yield from tx.run(cypher(statement), rows=chunk, **params).data()
                done += len(chunk)
                if progress:
                    progress(done, total)

        tx.run(cypher("write/lock")).consume()
        ids = [r["id"] for r in rows["entities"]]
        if _unchanged(tx, "read/entities_fingerprint", rows["entities"], ids=ids):
            nodes = Changes(unchanged=Counter(map(_category, rows["entities"])))
        else:
            stored_nodes = tx.run(cypher("read/stored_entities"), ids=ids).data()
            nodes = diff_rows(stored_nodes, rows["entities"], group=_category)
        if _unchanged(tx, "read/relations_fingerprint", rows["relations"], dataset=dataset.name):
            changes = Changes(unchanged=Counter(r["type"] for r in rows["relations"]))
        else:
            changes = diff_rows(
                tx.run(cypher("read/dataset_relations"), dataset=dataset.name).data(),
                rows["relations"],
                group=lambda r: r["type"],
                identity=lambda r: (r["start"], r["type"], r["end"]),
            )
        if not dry_run:
            _room_for(graph, nodes, changes)
        for row in nodes.created:
            report.add(report.by_category, row["props"]["category"], "created", 1)
        for row in nodes.updated:
            report.add(report.by_category, row["props"]["category"], "updated", 1)
        for category, count in nodes.unchanged.items():
            report.add(report.by_category, category, "unchanged", count)
            done += count
        for _ in batches("write/entities", nodes.created):
            pass
        for _ in batches("write/update_entities", nodes.updated):
            pass
        for row in batches("write/sources", rows["sources"]):
            report.add(report.by_category, "source", row["outcome"], row["count"])
        for rel_type, eids in changes.deleted.items():
            for i in range(0, len(eids), batch_size):
                tx.run(cypher("write/delete_relations"), eids=eids[i : i + batch_size]).consume()
            report.add(report.by_type, rel_type, "removed", len(eids))
        for rel_type, count in changes.unchanged.items():
            report.add(report.by_type, rel_type, "unchanged", count)
            done += count
        for row in changes.created:
            report.add(report.by_type, row["type"], "created", 1)
        for row in changes.updated:
            report.add(report.by_type, row["type"], "updated", 1)
        for _ in batches("write/relations", changes.created):
            pass
        for _ in batches("write/update_relations", changes.updated):
            pass
        for row in tx.run(cypher("write/prune_entities"), dataset=dataset.name, keep=ids):
            report.add(report.by_category, row["category"], "removed", row["count"])
        if dry_run:
            raise _DryRun
        refs = external_refs(dataset)
        state = None
        if inputs and not _keeps_entities(tx, dataset.name, ids):
            state = dataset_state(tx.run, dataset.name, refs)
        record = load_record(
            report, dataset.files, digests=dataset.digests, inputs=inputs, state=state, refs=refs
        )
        tx.run(cypher("write/load_record"), record).consume()

    with contextlib.suppress(_DryRun):
        graph.transaction(work)
    report.seconds = time.monotonic() - began
    return report


# Disk a write needs on the local server, per node or relation created or updated, and a margin
# for checkpoints and index updates. Measured on the 100k-relation bench data: 580 bytes of
# transaction log and 470 of store per item; twice that allows for longer texts. (With the
# default preallocated logs, a log rotation takes another 256 MiB at once.)
BYTES_PER_ITEM = 2048
HEADROOM = 32 * 1024 * 1024


def _room_for(graph: Graph, nodes: Changes, relations: Changes) -> None:
    """Refuse, before writing anything, a load the local server's disk has no room for.

    A full disk during the commit fails the load, but Neo4j 5.26 then sometimes cannot recover
    the store on restart (docs/reliability.md); refusing first avoids that. Only for a local
    server: the disk of another one is not ours to see.
    """
    folder = graph.settings.data_dir
    items = sum(len(c.created) + len(c.updated) for c in (nodes, relations))
    if folder is None or items == 0 or not folder.exists():
        return
    need = HEADROOM + items * BYTES_PER_ITEM
    free = shutil.disk_usage(folder).free
    if free < need:
        raise DiskSpaceError(
            f"The local Neo4j's disk ({folder}) has {free / 2**20:,.1f} MiB free; writing "
            f"{items:,} nodes and relations needs about {need / 2**20:,.0f} MiB (transaction "
            "log and store). Nothing was written. Free some space (or move the server's home "
            "with ACTORGRAPH_HOME) and load again."
        )


def _keeps_entities(tx: neo4j.ManagedTransaction, dataset: str, keep: list[str]) -> bool:
    """Whether nodes the files no longer define stay, used by other datasets' relations."""
    return tx.run(cypher("read/kept_entities"), dataset=dataset, keep=keep).single()["kept"] > 0


def _category(row: dict) -> str:
    return row["props"]["category"]


def _unchanged(
    tx: neo4j.ManagedTransaction, statement: str, wanted: list[dict], **params: Any
) -> bool:
    """Whether the stored items already are the wanted ones, judged by their fingerprint alone.

    Reading 100k stored relations back to compare them one by one took 1.5-2 s here; the
    server sums their hashes in 0.1 s. Only when the sums differ are they read back.
    """
    stored = tx.run(cypher(statement), **params).single()
    return stored is not None and dict(stored) == fingerprint(wanted)


@dataclass
class Changes:
    """What a dataset needs, compared with what the database stores."""

    created: list[dict] = field(default_factory=list)
    updated: list[dict] = field(default_factory=list)
    unchanged: Counter = field(default_factory=Counter)
    deleted: dict[str, list[str]] = field(default_factory=dict)


def diff_rows(
    stored: list[dict],
    wanted: list[dict],
    *,
    group: Callable[[dict], str],
    identity: Callable[[dict], tuple] = lambda row: (),
) -> Changes:
    """Plan creates, updates and deletes client-side, so unchanged items cost no write.

    ``stored`` rows carry ``id``, ``eid`` (element id) and ``hash``; ``wanted`` rows carry ``id``
    and ``props`` with a ``content_hash``. An item whose identity (for relations: ends and
    type) changed is deleted and created again; one whose hash changed is updated in place by
    element id; a stored one the dataset no longer has is deleted (relations only: nodes are
    pruned separately, as other datasets may use them).
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
    for old in by_id.values():
        changes.deleted.setdefault(group(old), []).append(old["eid"])
    return changes


def load_record(
    report: LoadReport,
    files: list[Path],
    *,
    digests: dict[Path, bytes] | None = None,
    method: str | None = None,
    inputs: str | None = None,
    state: str | None = None,
    refs: list[str] | None = None,
) -> dict:
    """The parameters of cypher/write/load_record: what a load did, from which files."""
    return {
        "id": report.load_id,
        "dataset": report.dataset,
        "files": report.files,
        "hashes": [file_digest(p, {} if digests is None else digests).hex() for p in files],
        "version": package_version("actorgraph"),
        "created": report.total("created"),
        "updated": report.total("updated"),
        "unchanged": report.total("unchanged"),
        "removed": report.total("removed"),
        "summary": json.dumps(
            report.summary() | {"method": method or report.method}, sort_keys=True
        ),
        "inputs": inputs,
        "state": state,
        "refs": refs or [],
    }


def loads(graph: Graph, limit: int = 50) -> list[dict[str, Any]]:
    """The loads recorded in the database, newest first."""
    return graph.read(cypher("read/loads"), {"limit": limit})


def import_acled(
    graph: Graph,
    path: Path,
    *,
    dataset: str = "acled",
    grades: Any = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> LoadReport:
    """Import an ACLED CSV export as a dataset (see :mod:`graph.io.acled`)."""
    from .io.acled import Grades, read_acled

    known = known_from(graph, set())
    raw = read_acled(path, known.entities, dataset, grades or Grades())
    checked = build_dataset(raw, known=known, vocabulary=load_vocabulary())
    return write(graph, checked, dry_run=dry_run, progress=progress)
