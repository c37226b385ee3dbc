"""Where a load's write time goes: each idea of the performance issue, measured on one server.

`python bench/load_ideas.py [--relations 100000]` starts a Neo4j of its own, plans the synthetic
dataset once (bench/generate.py), and then writes the same relations in different ways into a
database that already holds the actors, timing each, with the server's CPU time. Python's own
work (read, validate, plan) is left out: this isolates what the server costs. Results are
printed as a table (median of three runs each, after a warm-up run); nothing here is a
pass/fail test. Variants that commit several
transactions are measured for comparison only: actorgraph's loads stay one transaction.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

from graph import Graph, LocalServer  # noqa: E402
from graph.cypher import cypher  # noqa: E402
from graph.loader import check  # noqa: E402
from graph.loader.plan import plan  # noqa: E402
from graph.server import free_port  # noqa: E402

Rows = list[dict]
Write = Callable[[Graph, Rows], None]


def checked_type(rel_type: str) -> str:
    """A relationship type from the generator's vocabulary, checked before it goes into the
    Cypher that the baselines build per type (as a user would), never user input."""
    if not rel_type.replace("_", "").isalnum():
        raise ValueError(rel_type)
    return rel_type


PLAIN_NODES = (
    "UNWIND $rows AS row MERGE (n:Entity {id: row.id}) SET n = row.props SET n:$(row.labels)"
)


def plain_batches(g: Graph, nodes: list[dict], rels: list[dict]) -> None:
    """The simplest script a user would write: UNWIND + MERGE in batches of 10,000, each
    committed, one statement per relationship type (no validation, not all-or-nothing)."""
    by_type: dict[str, list[dict]] = {}
    for r in rels:
        by_type.setdefault(checked_type(r["type"]), []).append(r)
    for i in range(0, len(nodes), 10_000):
        g.write(PLAIN_NODES, {"rows": nodes[i : i + 10_000]}, ours=True)
    for rel_type, typed in by_type.items():
        statement = (
            "UNWIND $rows AS row MATCH (a:Entity {id: row.start}), (b:Entity {id: row.end}) "
            f"MERGE (a)-[r:{rel_type} {{id: row.id}}]->(b) SET r = row.props"
        )
        for i in range(0, len(typed), 10_000):
            g.write(statement, {"rows": typed[i : i + 10_000]}, ours=True)


def static_type(rel_type: str) -> str:
    """The bench's statement for one relationship type."""
    rel_type = checked_type(rel_type)
    return (
        "UNWIND $rows AS row MATCH (a:Entity {id: row.start}), (b:Entity {id: row.end}) "
        f"CREATE (a)-[r:{rel_type}]->(b) SET r = row.props"
    )


def one_transaction(batch: int, by_type: bool = False) -> Write:
    def run(g: Graph, rows: Rows) -> None:
        groups: dict[str, Rows] = {}
        for row in rows:
            groups.setdefault(row["type"] if by_type else "", []).append(row)
        with g.driver.session(database=g.settings.database) as session:
            tx = session.begin_transaction()
            for rel_type, group in groups.items():
                statement = static_type(rel_type) if by_type else cypher("write/relations")
                for i in range(0, len(group), batch):
                    tx.run(statement, rows=group[i : i + batch]).consume()
            tx.commit()

    return run


def committed_batches(g: Graph, rows: Rows) -> None:
    with g.driver.session(database=g.settings.database) as session:
        for i in range(0, len(rows), 10_000):
            session.execute_write(
                lambda tx, chunk=rows[i : i + 10_000]: tx.run(
                    cypher("write/relations"), rows=chunk
                ).consume()
            )


def two_writers(g: Graph, rows: Rows) -> None:
    halves = [rows[: len(rows) // 2], rows[len(rows) // 2 :]]
    threads = [threading.Thread(target=committed_batches, args=(g, half)) for half in halves]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def in_transactions(g: Graph, rows: Rows) -> None:
    statement = (
        "UNWIND $rows AS row CALL (row) { MATCH (a:Entity {id: row.start}), "
        "(b:Entity {id: row.end}) CREATE (a)-[r:$(row.type)]->(b) SET r = row.props } "
        "IN TRANSACTIONS OF 10000 ROWS"
    )
    with g.driver.session(database=g.settings.database) as session:
        session.run(statement, rows=rows).consume()


def keep_props(
    keys: set[str] | None = None, drop: set[str] | None = None
) -> Callable[[Rows], Rows]:
    def shape(rows: Rows) -> Rows:
        return [
            row
            | {
                "props": {
                    k: v
                    for k, v in row["props"].items()
                    if (keys is None or k in keys) and (drop is None or k not in drop)
                }
            }
            for row in rows
        ]

    return shape


# What the named queries and views filter, group or sort on; the rest of a relation is
# provenance that is only ever shown.
QUERIED = {"id", "dataset", "content_hash", "term", "claimant", "confidence", "sources",
           "contradicts", "event", "since_start", "since_end", "until_start", "until_end"}  # fmt: skip


def packed(rows: Rows) -> Rows:
    """The queried properties as they are, the rest as one JSON text."""
    out = []
    for row in rows:
        props = row["props"]
        shown = {k: v.isoformat() if isinstance(v, date) else v
                 for k, v in props.items() if k not in QUERIED}  # fmt: skip
        kept = {k: v for k, v in props.items() if k in QUERIED}
        out.append(row | {"props": kept | {"shown": json.dumps(shown, ensure_ascii=False)}})
    return out


def dates_as_text(rows: Rows) -> Rows:
    return [
        row
        | {
            "props": {
                k: v.isoformat() if isinstance(v, date) else v for k, v in row["props"].items()
            }
        }
        for row in rows
    ]


VARIANTS: list[tuple[str, Write, Callable[[Rows], Rows] | None]] = [
    ("actorgraph's statement, batches of 10,000, one transaction", one_transaction(10_000), None),
    ("same, batches of 1,000", one_transaction(1_000), None),
    ("same, batches of 25,000", one_transaction(25_000), None),
    ("one statement per type (static type), batches of 10,000", one_transaction(10_000, True), None),
    ("batches of 10,000 each committed (not all-or-nothing)", committed_batches, None),
    ("two writers in parallel, committed batches (not all-or-nothing)", two_writers, None),
    ("CALL {} IN TRANSACTIONS OF 10,000 ROWS (not all-or-nothing)", in_transactions, None),
    ("dates sent as text (not what we store: measures the driver's date cost)", one_transaction(10_000), dates_as_text),
    ("without evidence and sources (what two texts cost)", one_transaction(10_000), keep_props(drop={"evidence", "sources"})),
    ("queried properties kept, the rest packed into one JSON text", one_transaction(10_000), packed),
    ("only id, dataset and content_hash", one_transaction(10_000), keep_props(keys={"id", "dataset", "content_hash"})),
    ("no properties at all (the floor)", one_transaction(10_000), keep_props(keys=set())),
]  # fmt: skip


def server_cpu(pid: int | None) -> float:
    if pid is None:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(server: LocalServer, data: Path, runs: int = 3) -> list[list[object]]:
    """[variant, relations, seconds, relations/s, server CPU s] for each variant: the median
    of ``runs`` runs, after one unreported run that lets the server's JIT compile the paths."""
    rows = plan(check(None, [data], dataset="bench"))  # type: ignore[arg-type]
    table: list[list[object]] = []
    with Graph(server.connection_settings()) as g:
        g.apply_script("schema")
        _timed(g, server, rows, VARIANTS[0][1], rows["relations"])  # warm-up
        for name, write, shape in VARIANTS:
            relations = shape(rows["relations"]) if shape else rows["relations"]
            seconds, cpu = sorted(_timed(g, server, rows, write, relations) for _ in range(runs))[
                runs // 2
            ]
            table.append(
                [name, len(relations), f"{seconds:.2f}", f"{len(relations) / seconds:,.0f}",
                 f"{cpu:.1f}"]
            )  # fmt: skip
            print(" | ".join(str(c) for c in table[-1]), flush=True)
    return table


def _timed(
    g: Graph, server: LocalServer, rows: dict[str, Rows], write: Write, relations: Rows
) -> tuple[float, float]:
    """Seconds and server CPU seconds of one write into a database holding just the actors."""
    with g.driver.session(database=g.settings.database) as session:
        for statement in (
            "MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 50000 ROWS",
            "MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 50000 ROWS",
        ):
            session.run(statement).consume()
    for i in range(0, len(rows["entities"]), 10_000):
        g.write(cypher("write/entities"), {"rows": rows["entities"][i : i + 10_000]}, ours=True)
    cpu = server_cpu(server.pid())
    began = time.perf_counter()
    write(g, relations)
    return time.perf_counter() - began, server_cpu(server.pid()) - cpu


HEADER = ["write of planned relations", "relations", "seconds", "relations/s", "server CPU s"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--relations", type=int, default=100_000)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="actorgraph-ideas-"))
    server = LocalServer(home=root / "home", password_file=root / "pw", port=free_port(),
                         heap="4g", pagecache="1g")  # fmt: skip
    server.start(timeout=300)
    try:
        measure(server, generate(root / "data", args.relations))
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)  # a server's store: a GB or more


if __name__ == "__main__":
    main()
