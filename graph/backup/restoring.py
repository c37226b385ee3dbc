"""``restore``: a dump back into an empty database, all or nothing.

The whole file is checked first (:func:`graph.backup.dumpfile.check`), so a bad dump is refused
with every problem and its line before anything is written. It is then written in batches, nodes
first and relationships after (reading the file again, so memory stays small); if anything fails
half-way, what was written is removed, so the database ends either restored or empty.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..cypher import cypher
from ..db import Graph
from ..errors import BackupError, Problem
from ..lock import data_nodes, ensure_schema, marked, wait
from ..query.hidden import hidden_datasets
from .dumpfile import Checked, Node, Rel, check, items

BATCH = 2000
Progress = Callable[[int], None]


def restore(graph: Graph, path: Path, progress: Progress | None = None) -> dict[str, int]:
    """Recreate a dump in an empty database. On failure, what was written is removed."""
    expected = check(path, _unique_keys(graph))
    ensure_schema(graph)  # only now: a refused dump leaves even a new database untouched
    wait(graph)
    # Loads wait while the restore runs: it writes in many transactions.
    with marked(graph, f"a restore of {path.name}", check=_empty):
        return _restore(graph, path, expected, progress)


def _unique_keys(graph: Graph) -> dict[str, list[list[str]]]:
    """What must be unique, by label: the database's constraints and those our schema makes."""
    unique: dict[str, list[list[str]]] = {}
    rows = graph.read(cypher("backup/unique_keys"))
    rows += [{"label": label, "properties": [key]} for label, key in _SCHEMA_UNIQUE.findall(
        cypher("schema"))]  # fmt: skip
    for row in rows:
        if row["properties"] not in unique.setdefault(row["label"], []):
            unique[row["label"]].append(row["properties"])
    return unique


_SCHEMA_UNIQUE = re.compile(r"FOR \(\w+:(\w+)\) REQUIRE \w+\.(\w+) IS UNIQUE")


def _empty(tx: Any) -> None:
    if existing := data_nodes(tx):
        hidden = hidden_datasets(lambda statement: tx.run(statement).data())
        also = (f" Some are what an unfinished load of {', '.join(map(repr, hidden))} wrote "
                "(hidden from readers): `actorgraph datasets drop NAME` removes it." if hidden
                else "")  # fmt: skip
        raise BackupError(
            f"restore goes into an empty database, and this one holds {existing} nodes. "
            "Restore into an empty one: a new local server (`ACTORGRAPH_HOME=DIR actorgraph "
            "server start --port N`, then `restore` with the same ACTORGRAPH_HOME), or this one "
            "emptied, after a `dump` of it if it matters: `actorgraph query --write 'MATCH (n) "
            "WHERE NOT n:LoadLock CALL (n) { DETACH DELETE n } IN TRANSACTIONS'`."
            f"{also}"
        )
    # A batched load killed before its first batch left its name as hidden, and nothing else:
    # a restored dataset of that name must not be hidden (and removed) for it.
    tx.run(cypher("lock/reset_staging")).consume()
    # What it restores is counted at its end: until then `sources` reads every relation.
    tx.run(cypher("lock/untallied")).consume()


def _restore(
    graph: Graph, path: Path, expected: Checked, progress: Progress | None
) -> dict[str, int]:
    counts = {"nodes": 0, "relationships": 0}
    try:
        for rows in _batches(path, Node):
            counts["nodes"] += _write(graph, "backup/create_nodes", rows)
            if progress:
                progress(counts["nodes"])
        _auto_commit(graph, "backup/index")
        graph.read(cypher("backup/await_indexes"))
        for rows in _batches(path, Rel):
            counts["relationships"] += _write(graph, "backup/create_relationships", rows)
            if progress:
                progress(counts["nodes"] + counts["relationships"])
        if (counts["nodes"], counts["relationships"]) != (expected.nodes, expected.relationships):
            raise BackupError(f"{path} changed while it was restored; nothing was kept.")
        _auto_commit(graph, "backup/finish")
    except BaseException:
        _auto_commit(graph, "backup/undo")
        raise
    finally:
        _auto_commit(graph, "backup/drop_index")
    # the tallies, not in the dump, counted whatever the lock says: another process's load or
    # drop during the restore may have counted a half-restored graph and called it right
    ensure_schema(graph, retally=True)
    return counts


def _batches(path: Path, kind: type[Node] | type[Rel]):
    """The file's nodes or relationships as parameter rows, BATCH at a time."""
    rows: list[dict[str, Any]] = []
    for item in items(path):
        if isinstance(item, Problem):  # the file changed since it was checked
            raise BackupError(f"{path} changed while it was restored: {item}")
        if isinstance(item, Node) and kind is Node:
            rows.append({"n": item.number, "labels": item.labels, "props": item.props})
        elif isinstance(item, Rel) and kind is Rel:
            rows.append({"type": item.type, "start": item.start, "end": item.end,
                         "props": item.props})  # fmt: skip
        if len(rows) >= BATCH:
            yield rows
            rows = []
    if rows:
        yield rows


def _write(graph: Graph, name: str, rows: list[dict[str, Any]]) -> int:
    """Write one batch; every row must make exactly one node or relationship."""
    made = graph.write(cypher(name), {"rows": rows}, ours=True)[0]["made"]
    if made != len(rows):
        raise BackupError(f"wrote {made} of {len(rows)} items in a batch; nothing was kept.")
    return made


def _auto_commit(graph: Graph, name: str) -> None:
    """Schema changes and CALL {} IN TRANSACTIONS need their own auto-commit transaction."""
    with graph.errors(), graph.session(write=True) as session:
        session.run(cypher(name)).consume()
