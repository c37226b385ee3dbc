"""What a load records so that the next load of the same files can tell that nothing changed.

A load's outcome depends on its inputs (the files' bytes, the dataset name asked for, the
vocabulary, the versions of actorgraph and of the libraries that parse and validate) and on
what the database holds (the dataset's own items, the other datasets' entities and sources
its names may resolve to, the outside relations its ``contradicts`` point at). Every load
records a fingerprint of both. A later load with the same inputs, on a database whose state
still has the recorded fingerprint, would read and validate the same records to the same
result and find every item unchanged, so it can say so without reading the files
(:func:`reload_unchanged`).

The state fingerprint uses the items' ``content_hash``: like the item-by-item comparison of a
full load, it does not see an edit made by hand that keeps the stored hash.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
import uuid
from importlib.metadata import version
from pathlib import Path
from typing import Any

import neo4j

from ..cypher import cypher
from ..db import Graph
from ..lock import take
from ..parse.files import default_name
from ..validate import Dataset
from ..vocabulary import Vocabulary
from .records import LoadReport, file_digest, load_record

# Libraries whose behaviour shapes what a file is read and checked as.
_PARSERS = ("actorgraph", "pydantic", "pydantic-core", "PyYAML")


def inputs_fingerprint(
    files: list[Path],
    dataset: str | None,
    vocabulary: Vocabulary,
    digests: dict[Path, bytes] | None = None,
    paths: list[Path] | None = None,
) -> str:
    """Fingerprint of everything a load reads besides the database.

    ``digests`` are the SHA-256 of the bytes a load actually parsed (:class:`Dataset`): what
    it records must describe those, even if a file changed while it was read. Files missing
    from it are read, and their digests added (see :func:`file_digest`).
    """
    digest = hashlib.sha256()
    parts: list[Any] = [
        sys.version,
        [version(name) for name in _PARSERS],
        # the name a load gives when none is asked for, which a recognised load must give too
        dataset if dataset is not None else ["default", default_name(paths or files, files)],
        vocabulary.model_dump(mode="json"),
    ]
    digest.update(json.dumps(parts, sort_keys=True).encode())
    digests = {} if digests is None else digests
    for path in files:
        digest.update(b"\0" + str(path.resolve()).encode() + b"\0")
        digest.update(file_digest(path, digests))
    return digest.hexdigest()


def external_refs(dataset: Dataset) -> list[str]:
    """Relation ids the dataset's ``contradicts`` name that are not its own."""
    own = {relation.id for relation in dataset.relations}
    return sorted(
        {ref for r in dataset.relations for ref in r.record.contradicts if ref not in own}
    )


def dataset_state(run: Any, dataset: str, refs: list[str]) -> str | None:
    """The state fingerprint (cypher/read/dataset_state) as canonical JSON.

    ``run`` is a transaction's or session's ``run``. None when some entity, source or relation
    has no integer hash (written by hand or by an older version): such a state is never
    trusted to be unchanged.
    """
    row = run(cypher("read/dataset_state"), dataset=dataset, refs=refs).single()
    groups = {"own": _EMPTY, "other": _EMPTY}
    state: dict[str, Any] = {"refs": row["refs"], "relations": row["relations"]}
    for kind in ("entities", "sources"):
        by_owner = dict(groups)
        for group in row[kind]:
            by_owner["own" if group["own"] else "other"] = {
                k: v for k, v in group.items() if k != "own"
            }
        state[kind] = by_owner
    counts = [state["relations"], *state["entities"].values(), *state["sources"].values()]
    if any(c["items"] != c["hashed"] for c in counts):
        return None
    return json.dumps(state, sort_keys=True)


_EMPTY = {"items": 0, "hashed": 0, "high": 0, "low": 0}


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
    report.input = before.get("input")
    for table in ("by_category", "by_type"):
        for key, outcomes in before[table].items():
            kept = sum(n for outcome, n in outcomes.items() if outcome != "removed")
            if kept:
                report.add(getattr(report, table), key, "unchanged", kept)
    refs = list(last["refs"] or [])

    def work(tx: neo4j.ManagedTransaction) -> None:
        take(tx, counted=False)  # it changes nothing readers see
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
