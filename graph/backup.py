"""Backups in a portable format: the whole graph as JSON lines, and back.

``dump`` writes one JSON object per line: first ``{"format": ...}``, then every node
(``{"node": n, "labels": [...], "props": {...}}``), then every relationship
(``{"rel": type, "start": n, "end": n, "props": {...}}``), where ``n`` numbers the nodes in the
file. Dates are tagged (``{"$date": "2021-08-01"}``) so they come back as dates. Any Neo4j 5
can read it back with ``restore``; the file is plain text that diff and grep understand.

``restore`` goes into an empty database only, and removes what it wrote if it fails half-way,
so the database ends either restored or empty.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from .cypher import cypher
from .db import Graph
from .errors import BackupError
from .lock import data_nodes, ensure_schema, marked, wait

FORMAT = "actorgraph-dump/1"
BATCH = 2000
_WORD = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*\Z")
Progress = Callable[[int], None]


def _encode(value: Any) -> Any:
    if hasattr(value, "iso_format") and hasattr(value, "to_native"):
        native = value.to_native()
        if isinstance(native, date) and not hasattr(native, "hour"):
            return {"$date": native.isoformat()}
        return {"$datetime": value.iso_format()}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict) and "$date" in value:
        return date.fromisoformat(value["$date"])
    if isinstance(value, dict) and "$datetime" in value:
        from neo4j.time import DateTime

        return DateTime.from_iso_format(value["$datetime"])
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def dump(graph: Graph, path: Path, progress: Progress | None = None) -> dict[str, int]:
    """Write every node and relationship of the database to ``path``; returns the counts."""
    counts = {"nodes": 0, "relationships": 0}
    numbers: dict[str, int] = {}
    path.parent.mkdir(parents=True, exist_ok=True)
    with graph.errors(), graph.session() as session, open(path, "w", encoding="utf-8") as out:
        out.write(json.dumps({"format": FORMAT}) + "\n")
        for record in session.run(cypher("backup/nodes")):
            numbers[record["eid"]] = counts["nodes"]
            props = {k: _encode(v) for k, v in record["props"].items()}
            line = {"node": counts["nodes"], "labels": sorted(record["labels"]), "props": props}
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
            counts["nodes"] += 1
            if progress and counts["nodes"] % BATCH == 0:
                progress(counts["nodes"])
        for record in session.run(cypher("backup/relationships")):
            props = {k: _encode(v) for k, v in record["props"].items()}
            line = {"rel": record["type"], "start": numbers[record["a"]],
                    "end": numbers[record["b"]], "props": props}  # fmt: skip
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
            counts["relationships"] += 1
    return counts


def _read(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    if not path.is_file():
        raise BackupError(f"Cannot read {path}: no such file.")
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except ValueError:
                raise BackupError(f"{path}:{number}: not a JSON line; is this a dump?") from None


def restore(graph: Graph, path: Path, progress: Progress | None = None) -> dict[str, int]:
    """Recreate a dump in an empty database. On failure, what was written is removed."""
    lines = _read(path)
    first = next(lines, (1, {}))[1]
    if first.get("format") != FORMAT:
        raise BackupError(f"{path}:1: not an actorgraph dump (expected format {FORMAT}).")
    ensure_schema(graph)
    wait(graph)
    # Loads wait while the restore runs: it writes in many transactions.
    with marked(graph, f"a restore of {path.name}", check=_empty):
        return _restore(graph, path, lines, progress)


def _empty(tx: Any) -> None:
    if existing := data_nodes(tx):
        raise BackupError(
            f"restore goes into an empty database, and this one holds {existing} nodes. "
            "Restore into a new database, or empty this one first."
        )


def _restore(
    graph: Graph, path: Path, lines: Iterator[tuple[int, dict[str, Any]]], progress: Progress | None
) -> dict[str, int]:
    counts = {"nodes": 0, "relationships": 0}
    nodes: list[dict[str, Any]] = []
    rels: list[dict[str, Any]] = []
    try:
        for number, item in lines:
            if "node" in item:
                labels = item.get("labels", [])
                if "LoadLock" in labels:  # the database's own lock stays (older dumps had it)
                    continue
                if not all(_WORD.match(label) for label in labels):
                    raise BackupError(f"{path}:{number}: labels must be plain words: {labels}")
                props = {k: _decode(v) for k, v in item.get("props", {}).items()}
                nodes.append({"n": item["node"], "labels": labels, "props": props})
                if len(nodes) >= BATCH:
                    counts["nodes"] += _write_nodes(graph, nodes)
                    nodes = []
            elif "rel" in item:
                if not _WORD.match(item["rel"]):
                    raise BackupError(f"{path}:{number}: relationship type must be a plain word")
                props = {k: _decode(v) for k, v in item.get("props", {}).items()}
                rels.append({"type": item["rel"], "start": item["start"], "end": item["end"],
                             "props": props})  # fmt: skip
            else:
                raise BackupError(f"{path}:{number}: neither a node nor a relationship")
            if progress and (counts["nodes"] + len(rels)) % BATCH == 0:
                progress(counts["nodes"] + len(rels))
        counts["nodes"] += _write_nodes(graph, nodes)
        _auto_commit(graph, "backup/index")
        graph.read(cypher("backup/await_indexes"))
        for i in range(0, len(rels), BATCH):
            graph.write(cypher("backup/create_relationships"), {"rows": rels[i : i + BATCH]})
            counts["relationships"] += len(rels[i : i + BATCH])
        _auto_commit(graph, "backup/finish")
    except BaseException:
        _auto_commit(graph, "backup/undo")
        raise
    finally:
        _auto_commit(graph, "backup/drop_index")
    ensure_schema(graph)
    return counts


def _auto_commit(graph: Graph, name: str) -> None:
    """Schema changes and CALL {} IN TRANSACTIONS need their own auto-commit transaction."""
    with graph.errors(), graph.session(write=True) as session:
        session.run(cypher(name)).consume()


def _write_nodes(graph: Graph, rows: list[dict[str, Any]]) -> int:
    if rows:
        graph.write(cypher("backup/create_nodes"), {"rows": rows})
    return len(rows)
