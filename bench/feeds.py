"""ACLED import throughput, beside the plain load of the same facts.

Generates a seeded synthetic ACLED export (current layout: a few hundred actors with heavy-tailed
activity, every event type, associates, several sources per row), starts a Neo4j of its own,
and times `import acled` into an empty database (rows/s). It then exports what the import made
as the loader's CSV files, empties the database and times a plain `load` of them: the same
facts without the feed's parsing and resolution. One run; the ratio is of the two times.

    python bench/feeds.py                    # 100,000 rows, about 10 minutes here
    python bench/feeds.py --rows 20000       # a quick look
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from graph import Graph, LocalServer
from graph.exchange import write
from graph.loader import import_acled, load
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
            began = time.monotonic()
            report = import_acled(g, export, dataset="acled-bench")
            imported = time.monotonic() - began
            made = report.total("created")
            folder = root / "plain"
            write(select(g, Filters(datasets=["acled-bench"])), "csv", folder)
            print(f"import: {imported:.1f} s, {made:,} records", flush=True)
            with g.session(write=True) as session:  # CALL IN TRANSACTIONS: auto-commit
                # relationships first: a hub's thousands in one batch of nodes is too much
                # for the default heap's transaction memory
                session.run("MATCH ()-[r]->() CALL (r) { DELETE r } "
                            "IN TRANSACTIONS OF 10000 ROWS").consume()  # fmt: skip
                session.run("MATCH (n) WHERE NOT n:LoadLock CALL (n) { DELETE n } "
                            "IN TRANSACTIONS OF 10000 ROWS").consume()  # fmt: skip
            began = time.monotonic()
            plain = load(g, [folder], dataset="plain-bench")
            loaded = time.monotonic() - began
    finally:
        server.stop()
    lines = [
        f"## ACLED import, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"Machine: {platform.node()}, {os.cpu_count()} CPUs, Python {platform.python_version()},"
        f" Neo4j heap {args.heap}. One run.",
        "",
        "| what | input | seconds | rate | time vs plain load |",
        "|---|---|---|---|---|",
        f"| `import acled` | {args.rows:,} rows ({size_mb:.1f} MB), {made:,} records made | "
        f"{imported:.1f} | {args.rows / imported:,.0f} rows/s | {imported / loaded:.2f}× |",
        f"| plain `load` of the same facts (the import exported as CSV) | "
        f"{plain.total('created'):,} records | {loaded:.1f} | "
        f"{plain.total('created') / loaded:,.0f} records/s | 1× |",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    results = Path(__file__).parent / "results"
    (results / f"{datetime.now(UTC):%Y-%m-%d-%H%M}-feeds.md").write_text(text)


if __name__ == "__main__":
    sys.exit(main())
