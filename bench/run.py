"""actorgraph's benchmarks, side by side in one run: `make bench` (about 15 minutes here).

Starts a Neo4j of its own (temporary home, free port), generates seeded synthetic conflict
graphs (bench/generate.py), and measures:

- load: a naive per-relation driver loop, py2neo (the end-of-life library users reach for),
  plain UNWIND+MERGE batches, actorgraph's loader (check only; first load; an unchanged
  re-load, recognised and with --recheck), and Neo4j's offline importer (`load --bulk`);
- where the write time goes (bench/load_ideas.py): batch sizes, static types, committed
  batches, parallel writers, CALL IN TRANSACTIONS, and what the stored properties cost;
- queries: p50/p95 latency of the named queries on a large graph, with and without the
  schema's indexes;
- views: page generation and time until interactive in headless Chromium, against plain pyvis;
- start-up: `actorgraph --help`, and the local Neo4j's start time and memory.

Results are printed and written to bench/results/<date>.md. Nothing here is a pass/fail test.
"""

from __future__ import annotations

import argparse
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import load_ideas  # noqa: E402
from generate import generate  # noqa: E402

from graph import ActorGraphError, Graph, LocalServer  # noqa: E402
from graph import query as q  # noqa: E402
from graph.loader import (  # noqa: E402
    bulk_load,
    check,
    load,
)
from graph.loader.plan import plan  # noqa: E402
from graph.server import free_port  # noqa: E402

NAIVE_ROWS = 2000


class Report:
    def __init__(self) -> None:
        self.sections: list[str] = []

    def table(self, title: str, header: list[str], rows: list[list[object]]) -> None:
        lines = [f"### {title}", "", "| " + " | ".join(header) + " |",
                 "|" + "|".join("---:" if i else "---" for i in range(len(header))) + "|"]  # fmt: skip
        lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
        text = "\n".join(lines) + "\n"
        print(text, flush=True)
        self.sections.append(text)

    def note(self, text: str) -> None:
        print(text, flush=True)
        self.sections.append(text + "\n")


def wipe(g: Graph) -> None:
    with g.session(write=True) as s:
        s.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 20000 ROWS").consume()


def attempt(action: Callable[[], object]) -> float | str:
    """Seconds, or why it failed (a clear ActorGraphError, e.g. a load too big for the heap)."""
    try:
        return timed(action)
    except ActorGraphError as exc:
        return f"failed: {exc}"


def timed(action: Callable[[], object]) -> float:
    began = time.perf_counter()
    action()
    return time.perf_counter() - began


# -- load ----------------------------------------------------------------------------------------
def load_methods(
    server: LocalServer, data: Path, relations: int
) -> list[tuple[str, float | str, int]]:
    """(method, seconds, relations) for each way of loading the same data."""
    settings = server.connection_settings()
    results = []
    with Graph(settings) as g:
        g.apply_script("schema")
        dataset = check(None, [data], dataset="bench")  # type: ignore[arg-type]
        rows = plan(dataset)
        nodes = rows["entities"]
        rels = rows["relations"]

        # Naive: one auto-commit statement per relation (nodes bulk-created first, untimed).
        wipe(g)
        g.write(load_ideas.PLAIN_NODES, {"rows": nodes}, ours=True)
        sample = rels[:NAIVE_ROWS]

        # Baselines write each relationship type with its own statement, as a user would; the
        # types are the generator's vocabulary words (checked), never user input.
        def naive() -> None:
            with g.session(write=True) as s:
                for r in sample:
                    s.run(
                        f"MATCH (a:Entity {{id: $s}}), (b:Entity {{id: $e}}) "
                        f"MERGE (a)-[x:{load_ideas.checked_type(r['type'])} {{id: $id}}]->(b) SET x = $p",
                        s=r["start"], e=r["end"], id=r["id"], p=r["props"],
                    ).consume()  # fmt: skip

        results.append(("driver, one statement per relation", timed(naive), len(sample)))

        # py2neo, the end-of-life library: Subgraph create in chunks of 10k.
        try:
            import py2neo
        except ImportError:
            py2neo = None
        if py2neo is not None:
            wipe(g)
            pg = py2neo.Graph(settings.uri, auth=(settings.user, settings.password))
            by_id = {}

            def with_py2neo() -> None:
                for i in range(0, len(nodes), 10_000):
                    chunk = [
                        py2neo.Node("Entity", *n["labels"], **_scalar(n["props"]))
                        for n in nodes[i : i + 10_000]
                    ]
                    pg.create(py2neo.Subgraph(chunk))
                    by_id.update(
                        (n["id"], node)
                        for n, node in zip(nodes[i : i + 10_000], chunk, strict=True)
                    )
                for i in range(0, len(rels), 10_000):
                    chunk = [
                        py2neo.Relationship(
                            by_id[r["start"]], r["type"], by_id[r["end"]], **_scalar(r["props"])
                        )
                        for r in rels[i : i + 10_000]
                    ]
                    pg.create(py2neo.Subgraph(relationships=chunk))

            results.append(
                ("py2neo 2021.2.4, Subgraph create, 10k chunks", timed(with_py2neo), len(rels))
            )

        # Plain UNWIND + MERGE, batches of 10k, each committed.
        wipe(g)
        plain = timed(lambda: load_ideas.plain_batches(g, nodes, rels))
        results.append(("driver, UNWIND + MERGE, 10k batches", plain, len(rels)))

        # actorgraph: validate, then load (one transaction, or batches hidden until whole above
        # 20,000 new items: graph.loader.staged); then the same files again.
        wipe(g)

        def ours(**options: bool) -> Callable[[], object]:
            return lambda: load(g, [data], dataset="bench", **options)

        # The Python share of a load: read, resolve and validate, no writes.
        results.append(("actorgraph check only (no writes)", timed(lambda: check(g, [data], dataset="bench")), len(rels)))  # fmt: skip
        fresh = attempt(ours())
        results.append(
            ("actorgraph load (validate; batches above 20k new items)", fresh, len(rels))
        )
        if isinstance(fresh, float):
            results.append(("actorgraph load again, nothing changed (recognised)", timed(ours()), len(rels)))  # fmt: skip
            results.append(("actorgraph load again --recheck (validated, compared)", timed(ours(recheck=True)), len(rels)))  # fmt: skip

        # Neo4j's offline importer, through actorgraph load --bulk (JVM start and restart included).
        wipe(g)
        seconds = timed(lambda: bulk_load(g, check(g, [data], dataset="bench"), server=server))
        results.append(
            ("actorgraph load --bulk (neo4j-admin import, restarts)", seconds, len(rels))
        )
    return results


def _scalar(props: dict) -> dict:
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in props.items()}


# -- queries -------------------------------------------------------------------------------------
QUERIES = {
    "supporters-of": {"actor": "a50"},
    "opponents-of": {"actor": "a50"},
    "relations-of": {"actor": "a1000"},
    "path": {"from": "a1", "to": "a2000"},
    "negotiations": {},
    "as-of": {"date": "2021-09-01"},
    "claims-disputed": {},
    "sources": {},
    "external-backers": {},
}
QUERY_ROWS = 1000


def timings(g: Graph, query: q.NamedQuery, params: dict, runs: int) -> list[float]:
    """ms per run of the statement `actorgraph query --limit` runs, its names resolved before."""
    text, bound = q.limited(query, q.bind(query, params, q.resolver_for(g)), QUERY_ROWS)
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        for _row in q.run(g, text, bound, limit=QUERY_ROWS, ours=True).rows:
            pass
        samples.append((time.perf_counter() - began) * 1000)
    return samples


def query_latencies(g: Graph, runs: int) -> dict[str, tuple[float, float]]:
    latencies = {}
    for name, params in QUERIES.items():
        samples = sorted(timings(g, q.find(name), params, runs))
        latencies[name] = (
            statistics.median(samples),
            samples[max(0, int(len(samples) * 0.95) - 1)],
        )
    return latencies


def path_spread(
    g: Graph, actors: int, pairs: int = 30, runs: int = 5
) -> tuple[float, float, float]:
    """`path` between seeded random pairs of actors: the median, 90th percentile and largest of
    each pair's median, in ms. One pair says little: an end with 50,000 relations costs the
    search a hundred times what an end with five does."""
    rng = random.Random(7)
    query = q.find("path")
    per_pair = []
    for _ in range(pairs):
        ends = {"from": f"a{rng.randrange(actors)}", "to": f"a{rng.randrange(actors)}"}
        per_pair.append(statistics.median(timings(g, query, ends, runs)))
    per_pair.sort()
    return statistics.median(per_pair), per_pair[int(pairs * 0.9) - 1], per_pair[-1]


def drop_indexes(g: Graph) -> None:
    for row in g.read("SHOW CONSTRAINTS YIELD name"):
        g.write(
            f"DROP CONSTRAINT {row['name']}", ours=True
        )  # names come from the server, not the user
    for row in g.read("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP'"):
        g.write(f"DROP INDEX {row['name']}", ours=True)


# -- views ---------------------------------------------------------------------------------------
def view_timings(sizes: list[int]) -> list[list[object]]:
    from playwright.sync_api import sync_playwright
    from view_layout import CHROMIUM_ARGS, seconds_to_ready, synthetic_view

    from graph.views import html

    rows = []
    folder = Path(tempfile.mkdtemp())
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        for size in sizes:
            view = synthetic_view(size)
            out = folder / f"ours-{size}.html"
            generate_s = timed(lambda v=view, o=out: html.write_html(v, o))
            ready_s = seconds_to_ready(page, out, timeout_s=300)
            rows.append([size, "actorgraph", f"{generate_s:.2f}", f"{ready_s:.2f}"])
        plain = synthetic_view(500)
        out = folder / "pyvis-500.html"
        generate_s = timed(lambda: _plain_pyvis(plain, out))
        began = time.monotonic()
        page.goto(out.as_uri())
        # pyvis's own page sets its loading bar's text to 100% when physics stabilised.
        page.wait_for_function(
            "() => { const t = document.getElementById('text'); return t && t.innerHTML === '100%'; }",
            timeout=300_000,
        )
        rows.append([500, "plain pyvis defaults (in_line)", f"{generate_s:.2f}",
                     f"{time.monotonic() - began:.2f}"])  # fmt: skip
        browser.close()
    return rows


def _plain_pyvis(view, out: Path) -> None:  # type: ignore[no-untyped-def]
    from pyvis.network import Network

    net = Network(cdn_resources="in_line", directed=True)
    for node in view.nodes:
        net.add_node(node["id"], label=node["name"])
    for edge in view.edges:
        net.add_edge(edge["start"], edge["end"])
    net.write_html(str(out))


# -- main ----------------------------------------------------------------------------------------
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--query-actors", type=int, default=100_000)
    parser.add_argument("--query-runs", type=int, default=50)
    parser.add_argument("--view-sizes", type=int, nargs="+", default=[500, 5000, 20000])
    parser.add_argument("--ideas-size", type=int, default=100_000)
    parser.add_argument("--heap", default="4g", help="the benchmark server's heap")
    parser.add_argument(
        "--skip", nargs="*", default=[], choices=["load", "ideas", "queries", "views"]
    )
    args = parser.parse_args()
    report = Report()
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    report.note(
        f"## actorgraph benchmarks, {stamp}\n\nMachine: {platform.node()}, {platform.machine()}, "
        f"{_cpus()} cores, Python {platform.python_version()}. One run; ratios are against "
        "actorgraph's own figure in the same run."
    )
    root = Path(tempfile.mkdtemp(prefix="actorgraph-bench-"))
    server = LocalServer(home=root / "home", password_file=root / "pw", port=free_port(),
                         heap=args.heap, pagecache="1g")  # fmt: skip
    start_s = timed(lambda: server.start(timeout=300))
    rss = _rss(server.pid())
    help_s = statistics.median(
        timed(lambda: subprocess.run([sys.executable, "-m", "graph", "--help"], capture_output=True, check=True))
        for _ in range(5)
    )  # fmt: skip
    report.table("Start-up", ["what", "measured"], [
        ["`actorgraph --help` (median of 5)", f"{help_s:.2f} s"],
        [f"local Neo4j start, new home, heap {args.heap} (to Bolt answering)", f"{start_s:.1f} s"],
        ["its resident memory just after start", f"{rss} MiB"],
    ])  # fmt: skip
    try:
        if "load" not in args.skip:
            for size in args.sizes:
                data = generate(root / f"data-{size}", size)
                results = load_methods(server, data, size)
                ours = next(s for m, s, n in results if m.startswith("actorgraph load ("))
                rows = [
                    [method, n, "failed", "", ""]
                    if isinstance(seconds, str)
                    else [
                        method,
                        n,
                        f"{seconds:.1f}",
                        f"{n / seconds:,.0f}",
                        f"{(seconds / n) / (ours / size):.2f}×" if isinstance(ours, float) else "",
                    ]
                    for method, seconds, n in results
                ]
                report.table(f"Load: {size:,} relations, {size // 5:,} actors",
                             ["method", "relations", "seconds", "relations/s", "time per relation vs actorgraph"],
                             rows)  # fmt: skip
                for method, seconds, _ in results:
                    if isinstance(seconds, str):
                        report.note(f"{method}: {seconds}")
        if "ideas" not in args.skip:
            data = generate(root / f"data-{args.ideas_size}", args.ideas_size)
            with Graph(server.connection_settings()) as g:
                wipe(g)
            report.table(
                f"Where the write time goes: {args.ideas_size:,} planned relations into a "
                "database holding their actors (bench/load_ideas.py; Python's read, validate "
                "and plan left out; median of 3 runs after a warm-up)",
                load_ideas.HEADER,
                load_ideas.measure(server, data),
            )
        if "queries" not in args.skip:
            actors = args.query_actors
            data = generate(root / "query-data", actors * 3, actors=actors)
            with Graph(server.connection_settings()) as g:
                wipe(g)
                bulk_load(g, check(g, [data], dataset="bench-q"), server=server)
            with Graph(server.connection_settings()) as g:
                # beside a study with contradictions and figures, which claims-disputed pairs
                load(g, [HERE.parent / "data" / "panjshir.yaml"])
                indexed = query_latencies(g, args.query_runs)
                spread = path_spread(g, actors)
                drop_indexes(g)
                bare = query_latencies(g, max(3, args.query_runs // 10))
                g.apply_script("schema")
            rows = [
                [name, f"{indexed[name][0]:.1f}", f"{indexed[name][1]:.1f}", f"{bare[name][0]:.1f}",
                 f"{bare[name][0] / indexed[name][0]:.1f}×"]
                for name in QUERIES
            ]  # fmt: skip
            report.table(
                f"Named queries on {actors:,} actors / {actors * 3:,} relations and the Panjshir "
                f"study (first {QUERY_ROWS} rows)",
                ["query", "p50 ms", "p95 ms", "p50 ms without indexes", "slower without"],
                rows,
            )
            report.note(
                f"`path` between 30 seeded random pairs of actors (median of 5 runs each): "
                f"{spread[0]:.1f} ms for the median pair, {spread[1]:.1f} ms at the 90th "
                f"percentile, {spread[2]:.1f} ms for the slowest."
            )
            report.note(
                "`brokers` is left out: it walks all pairs of actors (betweenness), quadratic by "
                "nature; on graphs this size use `analyze centrality` or Neo4j's GDS."
            )
        if "views" not in args.skip:
            report.table("Network page", ["nodes", "renderer", "generate s", "interactive in Chromium s"],
                         view_timings(args.view_sizes))  # fmt: skip
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)  # a server's store: a GB or more
    out = HERE / "results" / f"{datetime.now(UTC):%Y-%m-%d-%H%M}.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text("\n".join(report.sections))
    print(f"written to {out}")


def _cpus() -> int:
    import os

    return os.cpu_count() or 0


def _rss(pid: int | None) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return 0


if __name__ == "__main__":
    main()
