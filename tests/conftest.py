"""Test fixtures: one real Neo4j server for the whole session, a clean database per test.

The server is a real Neo4j 5.26 Community started from its Maven jars in a temporary folder on a
free port, exactly as `actorgraph server start` does for users. Nothing here mocks the database.
"""

from __future__ import annotations

import contextlib
import csv
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph import Graph, LocalServer
from graph.server import free_port

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Point actorgraph's data and config dirs at a temp folder; no NEO4J_* leaks in."""
    root = tmp_path_factory.mktemp("actorgraph")
    saved = dict(os.environ)
    for key in [k for k in os.environ if k.startswith("NEO4J_")]:
        del os.environ[key]
    os.environ["ACTORGRAPH_HOME"] = str(root / "data")
    os.environ["ACTORGRAPH_CONFIG_DIR"] = str(root / "config")
    yield root
    os.environ.clear()
    os.environ.update(saved)


@pytest.fixture(scope="session")
def neo4j_server(sandbox: Path) -> Iterator[LocalServer]:
    """The session's Neo4j, found by the CLI and `graph.connect()` like a user's local server."""
    server = LocalServer(port=free_port())
    try:
        server.start(timeout=300)
        yield server
    finally:
        server.stop()


@contextlib.contextmanager
def server_with(root: Path, user_conf: str) -> Iterator[LocalServer]:
    """A Neo4j of its own under ``root`` with these user.conf lines; stopped afterwards."""
    conf = root / "home" / "conf"
    conf.mkdir(parents=True, exist_ok=True)
    (root / "home").chmod(0o700)  # as `server start` makes a home: no warning that it did
    (conf / "user.conf").write_text(user_conf)
    server = LocalServer(home=root / "home", password_file=root / "pw", port=free_port())
    try:
        server.start(timeout=300)
        yield server
    finally:
        server.stop()


@pytest.fixture
def db(neo4j_server: LocalServer) -> Iterator[Graph]:
    """A connection to an emptied database, as `actorgraph schema apply` leaves a new one:
    constraints, indexes and the load lock, no data."""
    from graph.lock import ensure_schema

    graph = Graph(neo4j_server.connection_settings())
    graph.write("MATCH (n) DETACH DELETE n")
    ensure_schema(graph)
    try:
        yield graph
    finally:
        graph.close()


def run_cli(*args: str, env: dict[str, str] | None = None, input: str | None = None):
    """Run the real `actorgraph` command in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "graph", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200", **(env or {})},
        input=input,
        timeout=600,
        check=False,
    )


def start_cli(*args: str) -> subprocess.Popen:
    """Start the real `actorgraph` command in a subprocess and return at once."""
    return subprocess.Popen(
        [sys.executable, "-m", "graph", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
    )


PANJSHIR = REPO / "data" / "panjshir.yaml"


def with_cells_changed(source: Path, out: Path, row: int, cells: dict[str, str]) -> Path:
    """A copy of the CSV file ``source`` at ``out`` with cells of its ``row``-th data row
    (from 0) changed."""
    with source.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[row] |= cells
    with out.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return out


def snapshot(graph: Graph) -> list:
    """Everything in the database, in a stable order, to compare before and after."""
    # The lock's `stages` counts the writes readers could see (graph.lock.take), and
    # `tallied_stages` follows it (graph.tallies): not data. The tallies of disputes name
    # relations by element id, which a relation written again changes: named here by their ids
    # (a seek by element id in a null list fails in Neo4j 5.26: hence ELSE []).
    nodes = graph.read(
        "MATCH (n) UNWIND labels(n) AS l WITH n, l ORDER BY l "
        "WITH n, collect(l) AS labels, "
        "     COLLECT { MATCH ()-[r]->() "
        "               WHERE elementId(r) IN CASE WHEN n:DisputeTally THEN n.claims "
        "                                          WHEN n:LoadLock THEN coalesce(n.disputes_named, []) "
        "                                          ELSE [] END "
        "               RETURN r.dataset + ' ' + r.id AS named ORDER BY named } AS named "
        "RETURN labels, "
        "CASE WHEN n:LoadLock THEN n {.*, stages: null, tallied_stages: null, "
        "                              disputes_named: named} "
        "     WHEN n:DisputeTally THEN n {.*, claims: named} "
        "ELSE properties(n) END AS props"
    )
    rels = graph.read(
        "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS type, properties(r) AS props, "
        "b.id AS b ORDER BY elementId(r)"
    )

    def stable(row: dict) -> str:
        # Property order depends on how a node was written; compare contents, not order.
        return repr({k: sorted(v.items()) if isinstance(v, dict) else v for k, v in row.items()})

    return [sorted(map(stable, nodes)), sorted(map(stable, rels))]


def data_snapshot(graph: Graph) -> list:
    """The snapshot without load records and the lock (which counts every write)."""
    return [[n for n in part if "'Load'" not in n and "'LoadLock'" not in n]
            for part in snapshot(graph)]  # fmt: skip


def synthetic(folder: Path, actors: int, relations: int, prefix: str = "syn") -> Path:
    """A generated dataset as CSV files; its ids (and names) start with ``prefix``."""
    folder.mkdir()
    (folder / "sources.csv").write_text(f"id,title,reliability\n{prefix},Synthetic,F\n")
    with open(folder / "actors.csv", "w") as out:
        out.write("id,name,kind\n")
        for i in range(actors):
            out.write(f"{prefix}-{i},{prefix} actor {i},armed_group\n")
    with open(folder / "relations.csv", "w") as out:
        out.write("from,term,to,claimant,sources,evidence,credibility,confidence\n")
        for i in range(relations):
            a, b = i % actors, (i * 7 + 1) % actors
            if a == b:
                b = (b + 1) % actors
            row = f"{prefix}-{a},opposes,{prefix}-{b},{prefix}-{i % 13},{prefix},generated row {i}"
            out.write(row + ",6,0.5\n")
    return folder


@pytest.fixture
def panjshir(db: Graph) -> Graph:
    """The database with the bundled Panjshir dataset loaded."""
    from graph.loader import load

    load(db, [PANJSHIR])
    return db


CHROMIUM = Path(os.environ.get("ACTORGRAPH_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = REPO / "tests" / "artifacts"


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium, driven by Playwright. Missing Chromium fails in CI."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} not found; install Debian's chromium (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


class OpenedPage:
    """A page opened from a file, with everything it logged, requested or popped up."""

    def __init__(self, browser, path: Path) -> None:  # type: ignore[no-untyped-def]
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.as_uri())
        # A selector wait, not wait_for_function: the page's CSP forbids eval, rightly.
        self.page.wait_for_selector("body[data-ready='true']", state="attached", timeout=60_000)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def open_page(browser):  # type: ignore[no-untyped-def]
    opened: list[OpenedPage] = []

    def _open(path: Path) -> OpenedPage:
        page = OpenedPage(browser, path)
        opened.append(page)
        return page

    yield _open
    for page in opened:
        page.close()
