"""ACLED import throughput, beside the plain load of the same facts.

Generates a seeded synthetic ACLED export (current layout: a few hundred actors with heavy-tailed
activity, every event type, associates, several sources per row), starts a Neo4j of its own,
and times `import acled` (rows/s) three times: into an empty database on the fresh server, into
an empty one once the server is warm, and beside another dataset (bench/generate.py's 20,000
actors and 100,000 relations, names the feed's actors are resolved against). Beside each time
it gives the CPU seconds of this Python process and of the server, and the rate those would
allow if the machine's cores were kept busy all the time (their sum spread over the cores): a
ceiling no overlap of the two can pass. It also exports what the import made as the loader's
CSV files, empties the database and times a plain `load` of them: the same facts without the
feed's parsing and resolution.
One run; the ratio is of the two times.

    python bench/feeds.py                    # 100,000 rows, about 10 minutes here
    python bench/feeds.py --rows 20000       # a quick look
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import shutil
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from generate import generate as generate_study

from graph import Graph, LocalServer
from graph.exchange import write
from graph.loader import LoadReport, import_acled, load
from graph.server import free_port
from graph.subgraph import Filters
from graph.views import select

HEADER = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]
TYPES = [("Battles", "Armed clash", True), ("Violence against civilians", "Attack", True),
         ("Explosions/Remote violence", "Shelling/artillery/missile attack", True),
         ("Protests", "Peaceful protest", False), ("Riots", "Violent demonstration", False),
         ("Strategic developments", "Agreement", False)]  # fmt: skip
INTER = ["State forces", "Rebel group", "Political militia", "Identity militia", "Civilians"]


def generate(path: Path, rows: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    actors = [f"Armed Group {i} (Synthetica)" for i in range(max(50, rows // 200))]
    places = [(f"Province {p}", f"District {p}-{d}", f"Town {p}-{d}-{t}")
              for p in range(30) for d in range(10) for t in range(5)]  # fmt: skip
    media = [f"Outlet {i}" for i in range(60)]
    start = date(2018, 1, 1)
    with open(path, "w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        for i in range(rows):
            kind, sub, two_sided = rng.choice(TYPES)
            a1 = actors[min(int(rng.paretovariate(1.0)) - 1, len(actors) - 1)]
            a2 = rng.choice(actors) if two_sided else ""
            assoc = rng.choice(actors) if rng.random() < 0.2 else ""
            province, district, town = rng.choice(places)
            day = start + timedelta(days=rng.randrange(2000))
            writer.writerow([
                f"SYN{i}", day.isoformat(), day.year, rng.choice("1112"), "Political violence",
                kind, sub, a1, assoc, rng.choice(INTER), a2, "", rng.choice(INTER) if a2 else "",
                "", "", 999, "Nowhere", "Synthetica", province, district, "", town,
                f"{rng.uniform(30, 40):.4f}", f"{rng.uniform(60, 70):.4f}", rng.choice("123"),
                "; ".join(rng.sample(media, rng.randint(1, 2))), "National",
                f"Synthetic event {i} near {town}.", rng.randint(0, 20), "", 0,
            ])  # fmt: skip
    return path


def empty(graph: Graph) -> None:
    """Delete everything but the lock node, in committed batches."""
    with graph.session(write=True) as session:  # CALL IN TRANSACTIONS: auto-commit
        # relationships first: a hub's thousands in one batch of nodes is too much for the
        # default heap's transaction memory
        session.run("MATCH ()-[r]->() CALL (r) { DELETE r } "
                    "IN TRANSACTIONS OF 10000 ROWS").consume()  # fmt: skip
        session.run("MATCH (n) WHERE NOT n:LoadLock CALL (n) { DELETE n } "
                    "IN TRANSACTIONS OF 10000 ROWS").consume()  # fmt: skip


def cpu_seconds(pid: int) -> float:
    """User and system CPU seconds of a running process, from Linux's /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed_import(graph: Graph, server: LocalServer, export: Path) -> tuple[list[float], LoadReport]:
    """Wall seconds, this process's and the server's CPU seconds, and the import's report."""
    pid = server.pid()
    assert pid is not None
    began, python, neo4j = time.monotonic(), time.process_time(), cpu_seconds(pid)
    report = import_acled(graph, export, dataset="acled-bench")
    used = [time.monotonic() - began, time.process_time() - python, cpu_seconds(pid) - neo4j]
    return used, report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--heap", default="8g", help="the benchmark server's heap")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="actorgraph-feeds-"))
    export = generate(root / "acled-synthetic.csv", args.rows)
    size_mb = export.stat().st_size / 1024**2
    server = LocalServer(home=root / "home", password_file=root / "pw", port=free_port(),
                         heap=args.heap, pagecache="1g")  # fmt: skip
    server.start(timeout=300)
    try:
        with Graph(server.connection_settings()) as g:
            cold, _ = timed_import(g, server, export)
            print(f"import on the fresh server: {cold[0]:.1f} s", flush=True)
            empty(g)  # (`datasets drop` of this much is one transaction: too big for 1 GiB)
            warm, report = timed_import(g, server, export)
            made = report.total("created")
            folder = root / "plain"
            write(select(g, Filters(datasets=["acled-bench"])), "csv", folder)
            print(f"import on the warm server: {warm[0]:.1f} s, {made:,} records", flush=True)
            empty(g)
            began = time.monotonic()
            plain = load(g, [folder], dataset="plain-bench")
            loaded = time.monotonic() - began
            # Beside another dataset, as analysts work: its 20,000 actors are names the
            # import's actors are resolved against (bench/generate.py, 100,000 relations).
            empty(g)
            load(g, [generate_study(root / "other", 100_000)], dataset="other")
            beside, _ = timed_import(g, server, export)
            print(f"import beside another dataset: {beside[0]:.1f} s", flush=True)
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)  # a server's store: a GB or more
    cores = os.cpu_count() or 1

    def import_line(what: str, used: list[float]) -> str:
        wall, python, neo4j = used
        ceiling = args.rows * cores / (python + neo4j)
        return (
            f"| `import acled`, {what} | {args.rows / wall:,.0f} rows/s ({wall:.1f} s) | "
            f"{python:.1f} | {neo4j:.1f} | {ceiling:,.0f} rows/s | {wall / loaded:.2f}× |"
        )

    lines = [
        f"## ACLED import, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"Machine: {platform.node()}, {cores} CPUs, Python {platform.python_version()},"
        f" Neo4j heap {args.heap}. One run. Input: {args.rows:,} rows ({size_mb:.1f} MB),"
        f" {made:,} records made.",
        "",
        "| what | rate | Python CPU s | server CPU s | ceiling (all cores busy) "
        "| time vs plain load |",
        "|---|---|---|---|---|---|",
        import_line("fresh server", cold),
        import_line("warm server", warm),
        import_line("warm server, beside a dataset of 20,000 actors", beside),
        f"| plain `load` of the same facts (the import exported as CSV) | "
        f"{plain.total('created') / loaded:,.0f} records/s ({loaded:.1f} s) | | | | 1× |",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    results = Path(__file__).parent / "results"
    (results / f"{datetime.now(UTC):%Y-%m-%d-%H%M}-feeds.md").write_text(text)


if __name__ == "__main__":
    sys.exit(main())
