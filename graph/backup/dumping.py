"""``dump``: the whole database as a JSON-lines file (the format is in :mod:`.dumpfile`)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..cypher import cypher
from ..db import Graph, dropped_on_interrupt
from ..errors import BackupError
from ..files import private_output
from ..query.hidden import hidden_state
from .dumpfile import FORMAT, UNHELD_SHOWN, Unheld, encode, unheld_values

PROGRESS_EVERY = 2000


def dump(graph: Graph, path: Path, progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Write every node and relationship of the database to ``path``; returns the counts."""
    counts = {"nodes": 0, "relationships": 0}
    numbers: dict[str, int] = {}
    unheld: dict[str, None] = {}  # the first kinds of value the format cannot hold
    more = 0  # and how many other values (a property of each node's own would fill memory)

    def encoded(props: dict[str, Any], of: str) -> dict[str, Any]:
        nonlocal more
        line = {}
        for key, value in props.items():
            try:
                line[key] = encode(value, f"property {key!r} {of}")
            except Unheld as refused:  # said with the others at the end
                if (said := str(refused)) in unheld or len(unheld) < UNHELD_SHOWN:
                    unheld.setdefault(said)
                else:
                    more += 1
        return line

    before = hidden_state(graph)
    hidden = {"hidden": before.excluded}
    with (
        graph.errors(),
        graph.session() as session,
        dropped_on_interrupt(session),  # Ctrl-C: not after every row is read
        private_output(path, encoding="utf-8") as out,
    ):
        out.write(json.dumps({"format": FORMAT}) + "\n")
        for record in session.run(cypher("backup/nodes"), hidden):
            numbers[record["eid"]] = counts["nodes"]
            labels = ":".join(record["labels"])
            props = encoded(record["props"], f"of a :{labels} node")
            line = {"node": counts["nodes"], "labels": sorted(record["labels"]), "props": props}
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
            counts["nodes"] += 1
            if progress and counts["nodes"] % PROGRESS_EVERY == 0:
                progress(counts["nodes"])
        for record in session.run(cypher("backup/relationships"), hidden):
            props = encoded(record["props"], f"of a :{record['type']} relationship")
            start, end = numbers.get(record["a"]), numbers.get(record["b"])
            if start is None or end is None:
                raise BackupError(CHANGED)
            line = {"rel": record["type"], "start": start, "end": end, "props": props}
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
            counts["relationships"] += 1
        if unheld:
            raise unheld_values(list(unheld), more)
        if hidden_state(graph).stages != before.stages:
            raise BackupError(CHANGED)  # a batched load began: part of it may be in the dump
    return counts


CHANGED = (
    "The database changed while it was dumped (a load wrote in between), so the dump would "
    "not be one state of it; nothing was written. Dump again once the load is done."
)
