"""Names in a large database: resolving a few names, and checking a small dataset, against a
database of many entities, by reading every entity (as actorgraph did before 2026-11-27) and
by reading only what the names may stand for (graph.query.known), side by side in one run.

Starts a Neo4j of its own with `server start`'s defaults, loads the synthetic graph
(bench/generate.py) so that the database holds ``--actors`` entities, then times, median of
``--runs``:

- resolving one name (`-p actor=…`, `--around`, `resolve`): a resolver over every entity,
  against graph.query.known.resolver_for;
- the suggestions for a name that matches none ("did you mean"): compared with every entity,
  against those the full-text index finds near it (graph.query.known.near_names);
- checking the bundled Panjshir study (132 items) against the database, as a load does before
  writing: against every entity, against graph.loader.check.validated.

    python bench/names.py                   # 200,000 entities, about 3 minutes here

Results are printed and written to bench/results/<date>-names.md; nothing is pass/fail.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

from graph import Graph, LocalServer  # noqa: E402
from graph.errors import ResolveError  # noqa: E402
from graph.loader import load  # noqa: E402
from graph.loader.check import validated  # noqa: E402
from graph.parse.files import read_dataset  # noqa: E402
from graph.query.known import known_from, resolver_for  # noqa: E402
from graph.resolve import Resolver  # noqa: E402
from graph.server import free_port  # noqa: E402
from graph.validate import build_dataset  # noqa: E402
from graph.vocabulary import load_vocabulary  # noqa: E402

PANJSHIR = HERE.parent / "data" / "panjshir.yaml"


def median_seconds(action: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        samples.append(time.perf_counter() - began)
    return statistics.median(samples)


def suggestions(resolver: Resolver, name: str) -> str:
    """The "did you mean" of a name that matches nothing."""
    try:
        resolver.resolve(name)
    except ResolveError as exc:
        return str(exc)
    raise AssertionError(f"{name!r} matched")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--actors", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="actorgraph-names-"))
    data = generate(root / "data", args.actors, actors=args.actors)
    server = LocalServer(home=root / "home", password_file=root / "pw", port=free_port())
    server.start(timeout=300)
    vocabulary = load_vocabulary()
    raw = read_dataset([PANJSHIR], None)
    try:
        with Graph(server.connection_settings()) as g:
            load(g, [data], dataset="generated")
            entities = len(known_from(g).entities)
            name = "Actor 50"
            every = median_seconds(
                lambda: Resolver(known_from(g).entities).resolve(name), args.runs
            )
            scoped = median_seconds(lambda: resolver_for(g).resolve(name), args.runs)
            typo = "Actr 5O"  # matches nothing: its "did you mean" compares it with others
            suggest_every = median_seconds(
                lambda: suggestions(Resolver(known_from(g).entities), typo), args.runs
            )
            suggest_near = median_seconds(lambda: suggestions(resolver_for(g), typo), args.runs)

            def full_check() -> object:
                return build_dataset(raw, known=known_from(g), vocabulary=vocabulary)

            check_every = median_seconds(full_check, args.runs)
            check_scoped = median_seconds(lambda: validated(g, raw, vocabulary), args.runs)
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)  # a server's store: a GB or more
    rows = [
        ("resolve one name", every, scoped),
        ("suggest names for one that matches none", suggest_every, suggest_near),
        ("check data/panjshir.yaml (132 items) against the database", check_every, check_scoped),
    ]
    lines = [
        f"## Names in a large database, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        f"Machine: {platform.node()}, {os.cpu_count()} CPUs, Python {platform.python_version()},"
        f" Neo4j with `server start`'s defaults. One run, median of {args.runs}; the database "
        f"holds {entities:,} entities (bench/generate.py, {args.actors:,} relations).",
        "",
        "| what | every entity read, s | only what the names may stand for, s | faster |",
        "|---|---:|---:|---:|",
        *(f"| {what} | {a:.2f} | {b:.2f} | {a / b:.0f}× |" for what, a, b in rows),
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    (HERE / "results" / f"{datetime.now(UTC):%Y-%m-%d-%H%M}-names.md").write_text(text)


if __name__ == "__main__":
    sys.exit(main())
