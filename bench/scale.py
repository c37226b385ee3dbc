"""Loads of any size on the default heap: actorgraph's load beside plain batches, in one run.

Starts a Neo4j of its own with the *default* memory settings (`server start`: 1 GiB heap,
256 MiB page cache), generates the synthetic conflict graph (bench/generate.py), and times into
an empty database:

- plain UNWIND + MERGE batches of 10,000, each committed, from rows already planned (no
  reading or validation: the simplest script a user would write);
- `actorgraph load` as a user runs it (read, validate, plan, then one transaction, or committed
  batches hidden until whole above `--one-transaction-max`);
- a re-load with 1 % of the relations changed, an unchanged re-load with `--recheck`, and a
  re-load with every relation changed (a new generation in batches above the limit).

    python bench/scale.py                        # 100,000 relations
    python bench/scale.py --sizes 100000 1000000 # and a million (about 15 minutes here)

Results are printed and written to bench/results/<date>-scale.md; nothing is pass/fail.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import load_ideas  # noqa: E402
from generate import generate  # noqa: E402

from graph import ActorGraphError, Graph, LocalServer  # noqa: E402
from graph.loader import check, load  # noqa: E402
from graph.loader.plan import plan  # noqa: E402
from graph.server import free_port  # noqa: E402


def wipe(g: Graph) -> None:
    """Empty the database in committed batches, relationships first (a hub's thousands of
    relationships in one node batch went over the default heap's transaction memory)."""
    with g.session(write=True) as s:
        s.run("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS").consume()
        s.run(
            "MATCH (n) WHERE NOT n:LoadLock CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS"
        ).consume()


def plain(g: Graph, data: Path) -> float:
    """Seconds of plain batches writing the planned rows (planning not counted)."""
    rows = plan(check(None, [data], dataset="bench"))  # type: ignore[arg-type]
    began = time.monotonic()
    load_ideas.plain_batches(g, rows["entities"], rows["relations"])
    return time.monotonic() - began


def change_evidence(data: Path, every: int = 100) -> None:
    """Rewrite the evidence of every ``every``-th relation (100: 1 % of them)."""
    path = data / "relations.csv"
    with open(path, newline="") as f:
        table = list(csv.reader(f))
    column = table[0].index("evidence")
    for i, row in enumerate(table[1:]):
        if i % every == 0:
            row[column] = (row[column] or "") + " (revised)"
    with open(path, "w", newline="") as f:
        csv.writer(f).writerows(table)


def timed_load(g: Graph, data: Path, **options: object) -> tuple[float | str, object]:
    began = time.monotonic()
    try:
        report = load(g, [data], dataset="bench", **options)  # type: ignore[arg-type]
    except ActorGraphError as exc:
        return f"failed: {str(exc)[:80]}", None
    return time.monotonic() - began, report


def measure(server: LocalServer, root: Path, size: int) -> list[list[str]]:
    data = generate(root / f"data-{size}", size)
    rows: list[list[str]] = []

    def add(what: str, seconds: float | str, base: float | None = None) -> None:
        if isinstance(seconds, str):
            rows.append([what, f"{size:,}", seconds, "", ""])
        else:
            ratio = f"{base / seconds:.2f}×" if base else "1×"
            rows.append([what, f"{size:,}", f"{seconds:.1f}", f"{size / seconds:,.0f}", ratio])
        print(rows[-1], flush=True)

    with Graph(server.connection_settings()) as g:
        g.apply_script("schema")
        wipe(g)
        base = plain(g, data)
        add("plain UNWIND + MERGE batches of 10k (rows planned beforehand)", base)
        wipe(g)
        seconds, report = timed_load(g, data)
        how = "committed batches, hidden until whole" if size > 20_000 else "one transaction"
        add(f"actorgraph load, fresh ({how}; read and validation included)", seconds, base)
        if report is None:
            return rows
        change_evidence(data)
        seconds, report = timed_load(g, data)
        add("actorgraph load again, 1 % of relations changed (one transaction)", seconds, base)
        seconds, _ = timed_load(g, data, recheck=True)
        add("actorgraph load again, unchanged, --recheck", seconds, base)
        change_evidence(data, every=1)
        seconds, _ = timed_load(g, data)
        how = "a new generation in batches" if size > 20_000 else "one transaction"
        add(f"actorgraph load again, every relation changed ({how})", seconds, base)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="actorgraph-scale-"))
    server = LocalServer(home=root / "home", password_file=root / "pw", port=free_port())
    server.start(timeout=300)
    rows: list[list[str]] = []
    try:
        for size in args.sizes:
            rows += measure(server, root, size)
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)  # a server's store: a GB or more
    lines = [
        f"## Loads on the default heap, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"Machine: {platform.node()}, {os.cpu_count()} CPUs, Python {platform.python_version()},"
        " Neo4j with `server start`'s defaults (1 GiB heap, 256 MiB page cache). One run; the "
        "ratio is plain batches' time over this one's (above 1 is faster).",
        "",
        "| what | relations | seconds | relations/s | vs plain |",
        "|---|---:|---:|---:|---:|",
        *("| " + " | ".join(row) + " |" for row in rows),
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    out = HERE / "results" / f"{datetime.now(UTC):%Y-%m-%d-%H%M}-scale.md"
    out.write_text(text)


if __name__ == "__main__":
    sys.exit(main())
