"""``dump``: the whole database as a JSON-lines file (the format is in :mod:`.dumpfile`)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from ..cypher import cypher
from ..db import Graph
from ..files import private_output
from ..query.hidden import hidden_datasets
from .dumpfile import FORMAT, encode

PROGRESS_EVERY = 2000


def dump(graph: Graph, path: Path, progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Write every node and relationship of the database to ``path``; returns the counts."""
    counts = {"nodes": 0, "relationships": 0}
    numbers: dict[str, int] = {}
    hidden = {"hidden": hidden_datasets(graph)}
    with graph.errors(), graph.session() as session, private_output(path, encoding="utf-8") as out:
        out.write(json.dumps({"format": FORMAT}) + "\n")
        for record in session.run(cypher("backup/nodes"), hidden):
            numbers[record["eid"]] = counts["nodes"]
            labels = ":".join(record["labels"])
            props = {k: encode(v, f"property {k!r} of a :{labels} node")
                     for k, v in record["props"].items()}  # fmt: skip
            line = {"node": counts["nodes"], "labels": sorted(record["labels"]), "props": props}
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
            counts["nodes"] += 1
            if progress and counts["nodes"] % PROGRESS_EVERY == 0:
                progress(counts["nodes"])
        for record in session.run(cypher("backup/relationships"), hidden):
            props = {k: encode(v, f"property {k!r} of a :{record['type']} relationship")
                     for k, v in record["props"].items()}  # fmt: skip
            line = {"rel": record["type"], "start": numbers[record["a"]],
                    "end": numbers[record["b"]], "props": props}  # fmt: skip
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
            counts["relationships"] += 1
    return counts
